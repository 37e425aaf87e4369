"""Role headers in every common arrangement (fictional text resumes): title, organisation, dates, location."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.intake.reader import parse_path

HEAD = "Dana Whitfield-Orr\ndana.orr@example.net | (503) 555-0199 | Denver, CO\n\nEXPERIENCE\n"
TAIL = "\nEDUCATION\nRiverside Technical University\nB.S. in Mechanical Engineering, 2012\n\nSKILLS\nCAD, Python, FEA\n"
ARRANGEMENTS = {
    "company_title_dates": "Lumen Fabrication Co.\nProcess Engineer\nJan 2019 - Present\n- Raised yield by 12%\n"
    "- Trained 8 technicians\n\nNorther Pumps Ltd\nJunior Engineer\nJun 2014 - Dec 2018\n- Designed 14 pump housings\n",
    "title_company_location": "Process Engineer\nLumen Fabrication Co. | Austin, TX\nJan 2019 - Present\n"
    "- Raised yield by 12%\n\nJunior Engineer\nNorther Pumps Ltd | Tulsa, OK\nJun 2014 - Dec 2018\n- Designed 14 pump housings\n",
    "dates_first_same_line": "Jan 2019 - Present | Process Engineer, Lumen Fabrication Co.\n- Raised yield by 12%\n\n"
    "Jun 2014 - Dec 2018 | Junior Engineer, Norther Pumps Ltd\n- Designed 14 pump housings\n",
    "dates_first_own_line": "Jan 2019 - Present\nProcess Engineer\nLumen Fabrication Co.\n- Raised yield by 12%\n\n"
    "Jun 2014 - Dec 2018\nJunior Engineer\nNorther Pumps Ltd\n- Designed 14 pump housings\n",
    "title_at_company_parenthesised": "Process Engineer at Lumen Fabrication Co. (Jan 2019 - Present)\n"
    "- Raised yield by 12%\n\nJunior Engineer at Norther Pumps Ltd (Jun 2014 - Dec 2018)\n- Designed 14 pump housings\n",
    "range_wrapped_in_a_narrow_column": "Process Engineer, Lumen Fabrication Co.\nJan 2019 –\nPresent\n"
    "- Raised yield by 12%\n\nJunior Engineer, Norther Pumps Ltd\nJun 2014 –\nDec 2018\n- Designed 14 pump housings\n",
    "caps_company_columns": "LUMEN FABRICATION CO., Austin, TX    Process Engineer    01/2019 - Present\n"
    "- Raised yield by 12%\nNORTHER PUMPS LTD, Tulsa, OK    Junior Engineer    06/2014 - 12/2018\n- Designed 14 pump housings\n",
}


@pytest.mark.parametrize("name", list(ARRANGEMENTS))
def test_role_header_arrangements(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(HEAD + ARRANGEMENTS[name] + TAIL, encoding="utf-8")
    work = parse_path(path).resume["work"]
    assert [w["position"] for w in work] == ["Process Engineer", "Junior Engineer"]
    assert [w["name"].lower() for w in work] == ["lumen fabrication co.", "norther pumps ltd"]
    assert work[0]["startDate"] == "2019-01" and "endDate" not in work[0]
    assert (work[1]["startDate"], work[1]["endDate"]) == ("2014-06", "2018-12")
    assert work[1]["highlights"] == ["Designed 14 pump housings"]


def test_promotions_under_one_company_line(tmp_path: Path) -> None:
    text = (
        "Lumen Fabrication Co., Austin, TX\nSenior Process Engineer    Mar 2021 - Present\n- Raised yield by 12%\n"
        "Process Engineer    Jan 2019 - Feb 2021\n- Cut scrap by 30%\n\nNorther Pumps Ltd, Tulsa, OK\n"
        "Junior Engineer    Jun 2014 - Dec 2018\n- Designed 14 pump housings\n"
    )
    path = tmp_path / "promo.txt"
    path.write_text(HEAD + text + TAIL, encoding="utf-8")
    doc = parse_path(path)
    work = doc.resume["work"]
    assert [(w["name"], w["position"]) for w in work] == [
        ("Lumen Fabrication Co.", "Senior Process Engineer"),
        ("Lumen Fabrication Co.", "Process Engineer"),
        ("Norther Pumps Ltd", "Junior Engineer"),
    ]
    assert work[0]["location"] == "Austin, TX"
    assert (work[1]["startDate"], work[1]["endDate"]) == ("2019-01", "2021-02")
    edu = doc.resume["education"][0]
    assert edu["studyType"] == "B.S." and edu["area"] == "Mechanical Engineering" and edu["endDate"] == "2012"


def test_lowercase_titles_and_annotated_locations(tmp_path: Path) -> None:
    text = (
        "analityk danych ds jakości, Zakłady Przykładowe Wola\nMarch 2020 - Present | Lyon, FR (Hybrid)\n"
        "- Cut report latency by 35%\n\nspecjalista ds. integracji, Biuro Testowe Mokotów\n"
        "June 2016 - February 2020 | Kraków, PL (On site)\n- Built 12 data feeds\n"
    )
    path = tmp_path / "lower.txt"
    path.write_text(HEAD + text + TAIL, encoding="utf-8")
    work = parse_path(path).resume["work"]
    assert [(w["position"], w["name"], w["location"]) for w in work] == [
        ("analityk danych ds jakości", "Zakłady Przykładowe Wola", "Lyon, FR (Hybrid)"),
        ("specjalista ds. integracji", "Biuro Testowe Mokotów", "Kraków, PL (On site)"),
    ]
    assert (work[1]["startDate"], work[1]["endDate"]) == ("2016-06", "2020-02")


def test_two_titles_in_one_header_stay_together(tmp_path: Path) -> None:
    text = "Lumen Fabrication Co. — Team Lead | Process Engineer    Jan 2019 - Present\n- Raised yield by 12%\n"
    path = tmp_path / "two_titles.txt"
    path.write_text(HEAD + text + TAIL, encoding="utf-8")
    (role,) = parse_path(path).resume["work"]
    assert (role["name"], role["position"]) == ("Lumen Fabrication Co.", "Team Lead | Process Engineer")


JOB_BOARD = """dana whitfield
Lakeview, Karnataka - Email me on Indeed: indeed.com/r/dana-whitfield/0000aaaa1111bbbb

Seeking a role where I can use my support and networking experience.

WORK EXPERIENCE

Network Consultant

Contoso Labs

Position: network consultant for the campus rollout.

Delivery Specialist

Microsoft -  kochi, Kerala -

April 2017 to till date

Technical Support Engineer

Northwind Traders -  Nashik, Maharashtra -

November 2014 to March 2017

Support Associate

Fabrikam Retail -  Pune -

Duration: June 2012 to October 2014

Field Technician at Infosphere Limited

Infosphere -

-

March 2010 to May 2012

EDUCATION

BE in computer science

Lakeview Institute of Engineering -  Lakeview, Karnataka

2010 to 2014

SKILLS

Networking (3 years)
"""


def test_job_board_export_layout(tmp_path: Path) -> None:
    """Job-board text exports: a lower-case name on the first line, "Company -  city, Region -"
    with the city in lower case, "to till date", and an institution followed by its place."""
    path = tmp_path / "job_board.txt"
    path.write_text(JOB_BOARD, encoding="utf-8")
    resume = parse_path(path).resume
    assert resume["basics"]["name"] == "dana whitfield"
    work = resume["work"]
    assert [(w["name"], w["position"], w.get("location")) for w in work] == [
        ("Contoso Labs", "Network Consultant", None),
        ("Microsoft", "Delivery Specialist", "kochi, Kerala"),
        ("Northwind Traders", "Technical Support Engineer", "Nashik, Maharashtra"),
        ("Fabrikam Retail", "Support Associate", "Pune"),
        ("Infosphere Limited", "Field Technician", None)]
    assert "startDate" not in work[0]  # the export dropped this job's dates
    assert work[1]["startDate"] == "2017-04" and "endDate" not in work[1]
    assert (work[2]["startDate"], work[2]["endDate"]) == ("2014-11", "2017-03")
    assert [e["institution"] for e in resume["education"]] == ["Lakeview Institute of Engineering"]


def test_job_board_export_without_any_dates(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("Dana Whitfield\ndana@example.net\n\nWORK EXPERIENCE\n\nQuality Analyst\n\nFabrikam Retail\n\n"
                    "Checked 40 store audits a month.\n\nEDUCATION\n\nB.Com\n\nLakeview College\n", encoding="utf-8")
    work = parse_path(path).resume["work"]
    assert [(w["name"], w["position"]) for w in work] == [("Fabrikam Retail", "Quality Analyst")]
