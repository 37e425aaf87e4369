"""Entry segmentation in arrangements real CVs use (fictional people, places and employers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.extract.dates import best_range
from core.intake.reader import parse_path
from tests.core.arrangement_pdfs import PRODUCERS, Placed

NAME = [Placed(50, 40, "Maren Tolvik", 20, True), Placed(50, 66, "maren.tolvik@example.org   +47 555 01 234")]


def _roles(resume: dict[str, Any]) -> list[tuple[str, str, str, int]]:
    return [(w.get("name", ""), w.get("position", ""), w.get("startDate", ""), len(w.get("highlights") or []))
            for w in resume["work"]]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_labels_repeated_inside_every_role_stay_in_the_work_section(tmp_path: Path, producer: str) -> None:
    """Google Docs and Word CVs put "Key Responsibilities" / "Key Achievements" under each job in
    heading type: they are labels of the role, not sections, and the next job still belongs to work."""
    lines = [Placed(50, 100, "Work Experience", 13, True)]
    y = 125.0
    for title, dates, org in (("Harbour Logistics Planner", "March 2021 - Present", "TideLift, Bergen 5003, Norway"),
                              ("Warehouse Coordinator", "May 2017 - February 2021", "FjordLine Cargo, Ålesund, Norway")):
        lines += [Placed(50, y, title, 11, True), Placed(50, y + 15, dates), Placed(50, y + 30, org)]
        lines += [Placed(50, y + 52, "Key Responsibilities", 13, True),
                  Placed(60, y + 72, "• Scheduled container berths for three ferry lines"),
                  Placed(60, y + 87, "• Kept the customs paperwork of every shipment in order"),
                  Placed(50, y + 109, "Key Achievements", 13, True),
                  Placed(60, y + 129, "• Cut average unloading time by a fifth")]
        y += 160
    lines += [Placed(50, y, "Education", 13, True), Placed(50, y + 22, "BSc Logistics, Example Fjord University, 2017")]
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", NAME + lines)
    resume = parse_path(path).resume
    assert _roles(resume) == [("TideLift", "Harbour Logistics Planner", "2021-03", 3),
                              ("FjordLine Cargo", "Warehouse Coordinator", "2017-05", 3)]
    assert not resume.get("awards")
    assert [e["institution"] for e in resume["education"]] == ["Example Fjord University"]


def test_word_cv_with_its_own_heading_style_and_one_line_bulleted_entries(tmp_path: Path) -> None:
    """A Word CV whose headings use the writer's own paragraph style (not bold, not "Heading n"),
    with education and an internship written as one bullet per entry."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    d = docx.Document()
    rubric = d.styles.add_style("Rubrik", WD_STYLE_TYPE.PARAGRAPH)
    rubric.font.size = Pt(14)
    d.add_paragraph("Maren Tolvik")
    d.add_paragraph("Marine biologist", style="Rubrik")
    d.add_paragraph("Internship", style="Rubrik")
    d.add_paragraph("Survey Intern, Example Reef Institute, June 2018 until 15 September.", style="List Bullet")
    d.add_paragraph("Education", style="Rubrik")
    for line in ("MSc Marine Biology, Faculty of Science, Example Coast University, 2019.",
                 "BSc Biology, Faculty of Science, Example Coast University, 2016."):
        d.add_paragraph(line, style="List Bullet")
    d.add_paragraph("Contact", style="Rubrik")
    for line in ("Phone:", "+47 555 01 234", "Email:", "maren.tolvik@example.org"):
        d.add_paragraph(line)
    path = tmp_path / "own_style.docx"
    d.save(str(path))
    resume = parse_path(path).resume
    assert resume["basics"].get("phone") == "+47 555 01 234"
    assert [(w["name"], w["position"], w["startDate"], w["endDate"]) for w in resume["work"]] == [
        ("Example Reef Institute", "Survey Intern", "2018-06", "2018-09")]
    assert [(e["institution"], e["studyType"], e["endDate"]) for e in resume["education"]] == [
        ("Example Coast University", "MSc Marine Biology", "2019"), ("Example Coast University", "BSc Biology", "2016")]


def test_paragraphs_written_among_a_roles_bullets_are_its_points(tmp_path: Path) -> None:
    """Word CVs mix statements and bullets under a job: several paragraphs before the bullets and a
    sentence between them are the role's points; one opening paragraph stays its summary."""
    import docx

    d = docx.Document()
    d.add_paragraph("Maren Tolvik")
    d.add_paragraph("maren.tolvik@example.org")
    d.add_heading("Experience", level=1)
    d.add_paragraph("Harbour Logistics Planner, TideLift   2021 - Present")
    d.add_paragraph("TideLift runs container ferries along the western coast.")
    d.add_paragraph("I plan berths and crews for three ferry lines.")
    d.add_paragraph("Scheduled container berths every week", style="List Bullet")
    d.add_paragraph("My main duty besides planning is the customs paperwork of each shipment, such as:")
    d.add_paragraph("Export declarations", style="List Bullet")
    d.add_paragraph("Warehouse Coordinator, FjordLine Cargo   2017 - 2021")
    d.add_paragraph("Ran the night shift of a cold-storage warehouse with twelve people on the floor.")
    d.add_paragraph("Cut average unloading time by a fifth", style="List Bullet")
    path = tmp_path / "prose_points.docx"
    d.save(str(path))
    work = parse_path(path).resume["work"]
    assert [w["highlights"] for w in work] == [
        ["TideLift runs container ferries along the western coast.", "I plan berths and crews for three ferry lines.",
         "Scheduled container berths every week",
         "My main duty besides planning is the customs paperwork of each shipment, such as:", "Export declarations"],
        ["Cut average unloading time by a fifth"]]
    assert work[1]["summary"].startswith("Ran the night shift")


@pytest.mark.parametrize(
    ("text", "end"),
    [("Survey Intern, Example Reef Institute, June 2018 until 15 September.", "2018-09"),
     ("Deckhand   Mar 2016 - Oct (seasonal)", "2016-10"),
     ("Example Ferries — Deckhand   Mar. 2016 — Oct.", None)],  # the year of "Oct." is wrapped to the next line
)
def test_an_end_month_without_its_year(text: str, end: str | None) -> None:
    dr = best_range(text)
    assert dr is not None and dr.start == ("2018-06" if "2018" in text else "2016-03") and dr.end == end


def test_a_country_code_before_the_dates_is_not_a_from_word() -> None:
    """RenderCV: "Title, Organisation – Town, DE   Sept 2019 – Mar 2023": "DE" is Germany, not "de" (from)."""
    from core.extract.lines import Item
    from core.extract.work import parse_roles

    line = "Research Fellow, Example University of Lindau – Lindau, DE   Sept 2019 – Mar 2023"
    roles = parse_roles([Item(text=line, start=0, end=len(line), page=1),
                         Item(text="Ran the survey lab", start=len(line) + 1, end=len(line) + 19, page=1, bullet=True)])
    assert [(r.title, r.company, r.location) for r in roles] == [
        ("Research Fellow", "Example University of Lindau", "Lindau, DE")]
    assert best_range("de septiembre 2019 a marzo 2021") is not None


def test_title_above_a_unit_and_organisation_line(tmp_path: Path) -> None:
    """Word CVs: the job title in bold, then "Unit, Organisation", then the dates (or the dates on
    the organisation line): the title is above, and the organisation is the part that reads as one."""
    import docx

    d = docx.Document()
    d.add_paragraph("Maren Tolvik")
    d.add_paragraph("maren.tolvik@example.org")
    d.add_heading("Experience", level=1)
    d.add_paragraph().add_run("Data Entry Assistant").bold = True
    d.add_paragraph("Records Office, Example Fjord University")
    d.add_paragraph("April 2023 – June 2024")
    d.add_paragraph("Entered and checked over a thousand student records.")
    d.add_paragraph().add_run("Help Desk Analyst").bold = True
    d.add_paragraph("Computer Centre, Example Fjord University April 2021 – March 2023")
    d.add_paragraph("Solved login and e-mail problems for students.")
    path = tmp_path / "title_above.docx"
    d.save(str(path))
    work = parse_path(path).resume["work"]
    assert [(w["name"], w["position"], w["startDate"]) for w in work] == [
        ("Example Fjord University", "Data Entry Assistant", "2023-04"),
        ("Example Fjord University", "Help Desk Analyst", "2021-04")]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_unit_and_organisation_over_title_and_dates(tmp_path: Path, producer: str) -> None:
    """"Practice | Firm   City" over "Title   Dates": the firm is the organisation, not the practice."""
    lines = [Placed(50, 100, "Professional Experience", 13, True)]
    y = 125.0
    for unit, org, title, dates in (("Credit Risk Practice", "Harrowgate Advisory", "Quantitative Analyst", "October 2022 - June 2024"),
                                    ("Payments Team", "Kestrel Bank", "Data Engineer", "May 2019 - September 2022")):
        lines += [Placed(50, y, f"{unit} | {org}", 10, True), Placed(460, y, "Leeds, UK"),
                  Placed(50, y + 14, title), Placed(440, y + 14, dates),
                  Placed(60, y + 29, "• Validated the models that priced every new loan product")]
        y += 55
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", NAME + lines)
    work = parse_path(path).resume["work"]
    assert [(w["name"], w["position"], w["startDate"]) for w in work] == [
        ("Harrowgate Advisory", "Quantitative Analyst", "2022-10"), ("Kestrel Bank", "Data Engineer", "2019-05")]


def test_name_over_two_title_lines_with_a_text_box_anchored_to_the_first(tmp_path: Path) -> None:
    """Word CV headers: given names and family names on two "Title" lines, the address in a floating
    text box anchored to the first line; the street line with its house number is no town."""
    import docx
    from docx.oxml import parse_xml

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
    box = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>"
                  for t in ("Pasaje Los Aromos 1187", "Ñuñoa, Santiago", "+56 9 555 010 20", "maren.tolvik@example.org"))
    d = docx.Document()
    first = d.add_paragraph("Maren Sofía", style="Title")
    first._p.append(parse_xml(
        f'<w:r {ns}><w:drawing><wp:anchor><wp:extent cx="3000000" cy="2000000"/><a:graphic><a:graphicData '
        f'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>'
        f"<w:txbxContent>{box}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"))
    d.add_paragraph("Tolvik Aranda", style="Title")
    d.add_heading("Experience", level=1)
    d.add_paragraph("Harbour Logistics Planner, TideLift   2021 - Present")
    path = tmp_path / "name_two_lines.docx"
    d.save(str(path))
    basics = parse_path(path).resume["basics"]
    assert basics["name"] == "Maren Sofía Tolvik Aranda"
    assert "label" not in basics
    assert basics["location"].get("region") == "Santiago"


def test_dates_colon_title_unit_organisation_and_a_remark(tmp_path: Path) -> None:
    """One-page Word CVs: "Dates: Title, Team, Organisation (a remark)" per role and
    "Dates: Degree; School" per study."""
    import docx

    d = docx.Document()
    d.add_paragraph("Maren Tolvik / maren.tolvik@example.org / 07700 900123")
    d.add_heading("Experience", level=1)
    d.add_paragraph("Feb 2019-present: Analytical Lead, Pricing Team, Nordvik Health Board (mostly working in R)")
    d.add_paragraph("Built the tariff model used by every region; kept its data pipeline running.")
    d.add_paragraph("Oct 2015-Feb 2019: Research Analyst, Schools Funding Unit, Ministry of Learning (working in SQL and Excel)")
    d.add_paragraph("Led the analysis behind a new funding formula for all state schools.")
    d.add_heading("Education", level=1)
    d.add_paragraph("Sep 2011-Jul 2015: Integrated master's degree in Physics (MPhys); Example Fjord University")
    d.add_paragraph("Graduated with a first and wrote a thesis in the field of fluid dynamics.")
    path = tmp_path / "one_page.docx"
    d.save(str(path))
    resume = parse_path(path).resume
    assert [(w["name"], w["position"], w["startDate"]) for w in resume["work"]] == [
        ("Nordvik Health Board", "Analytical Lead", "2019-02"), ("Ministry of Learning", "Research Analyst", "2015-10")]
    assert [(e["institution"], e["studyType"]) for e in resume["education"]] == [
        ("Example Fjord University", "Integrated master's degree")]


@pytest.mark.parametrize(
    ("line", "org", "title", "present"),
    [("Ingeniera de datos, Vientos del Sur S.A.   Junio 2013 – a la fecha", "Vientos del Sur S.A.", "Ingeniera de datos", True),
     ("NFC - Nordkapp Ferry Company ~ 7 years (2015-Present)", "NFC - Nordkapp Ferry Company", "", True)],
)
def test_time_at_a_company_and_to_date_in_spanish(line: str, org: str, title: str, present: bool) -> None:
    from core.extract.lines import Item
    from core.extract.work import parse_roles

    items = [Item(text=line, start=0, end=len(line), page=1),
             Item(text="Ran the ticket office", start=len(line) + 1, end=len(line) + 22, page=1, bullet=True)]
    roles = parse_roles(items)
    assert [(r.company, r.title) for r in roles] == [(org, title)]
    assert roles[0].dates is not None and roles[0].dates.present is present
