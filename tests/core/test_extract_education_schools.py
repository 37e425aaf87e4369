"""Where an education entry names its school (fictional people and schools): a school written as its
acronym ("ABC, Town" under the course, "BSc Field - ABC - dates"), Spanish "Universidad" in a comma
field, and prose bullets that mention a school word without naming the school, and course lists that are no entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.intake.reader import parse_path
from tests.core.arrangement_pdfs import PRODUCERS, Placed

NAME = [Placed(50, 40, "Ilse Brakvik", 22, True), Placed(50, 70, "ilse.b@example.net   +47 915 00 777")]


def _schools(resume: dict[str, Any]) -> list[str]:
    return [e.get("institution", "") for e in resume["education"]]


def _parse(tmp_path: Path, producer: str, lines: list[Placed]) -> dict[str, Any]:
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", NAME + lines)
    return parse_path(path).resume


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_course_over_acronym_school_and_town(tmp_path: Path, producer: str) -> None:
    """pdf24-style: dates and the course on one line, "ACRONYM, Town" under it, then what was learnt."""
    lines = [Placed(50, 110, "EDUCATION", 13, True),
             Placed(50, 135, "2016 - 2017"), Placed(150, 135, "SET DESIGN"), Placed(150, 150, "KVT, BERGEN"),
             Placed(150, 165, "Stage models and lighting plans for small theatres"),
             Placed(50, 195, "2012 - 2014"), Placed(150, 195, "TEXTILE PRINTING"), Placed(150, 210, "NHKS 12, TROMSO"),
             Placed(150, 225, "Screen printing")]
    resume = _parse(tmp_path, producer, lines)
    assert _schools(resume) == ["KVT", "NHKS 12"]
    assert [e["studyType"] for e in resume["education"]] == ["SET DESIGN", "TEXTILE PRINTING"]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_degree_and_field_then_acronym_school_after_a_dash(tmp_path: Path, producer: str) -> None:
    lines = [Placed(50, 110, "Education", 13, True),
             Placed(50, 135, "Bsc Hons Marine Robotics - NMU - 2012-2015"),
             Placed(50, 190, "Bachelor of Science - EE - 2008-2011")]
    assert _schools(_parse(tmp_path, producer, lines))[0] == "NMU"


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_universidad_in_the_comma_field_after_the_degree(tmp_path: Path, producer: str) -> None:
    lines = [Placed(50, 110, "Educación", 13, True),
             Placed(50, 135, "Titulado Ingeniería Forestal, Universidad Técnica de Nordtal, Vestby   2005-2012")]
    resume = _parse(tmp_path, producer, lines)
    assert _schools(resume) == ["Universidad Técnica de Nordtal"]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_prose_bullet_mentioning_academia_is_not_the_school(tmp_path: Path, producer: str) -> None:
    """The school line has no school word; a long bullet below says "academic" and must not replace it."""
    lines = [Placed(50, 110, "Education", 13, True),
             Placed(50, 135, "Nordtal Business Hall"), Placed(420, 135, "Vestby, Norway"),
             Placed(50, 150, "MSc in Applied Finance"), Placed(420, 150, "August 2019 - May 2021"),
             Placed(60, 165, "• GPA: 3.9/4.0. Recipient of the Example Fund scholarship of excellence for academic merit.")]
    assert _schools(_parse(tmp_path, producer, lines)) == ["Nordtal Business Hall"]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_degree_and_field_then_acronym_school_after_a_semicolon(tmp_path: Path, producer: str) -> None:
    """"Dates: Degree in Field; ABC" with a long bullet below that names modules in a comma list."""
    lines = [Placed(50, 110, "Education", 13, True),
             Placed(50, 135, "Sep 2015-Jul 2019: Part-time PGDip in Coastal Ecology; NMU"),
             Placed(60, 160, "• Completed three out of six modules to date (Tidal Systems, Dune Surveys) and currently "
                             "working on a fourth (Estuary Chemistry) alongside a full-time job.")]
    assert _schools(_parse(tmp_path, producer, lines)) == ["NMU"]


def test_undated_comma_list_of_courses_is_not_an_entry(tmp_path: Path) -> None:
    """A second education heading over a plain list of course names adds no entry."""
    import docx

    d = docx.Document()
    d.add_paragraph("Ilse Brakvik", style="Title")
    d.add_paragraph("ilse.b@example.net")
    d.add_heading("Education", level=1)
    d.add_paragraph("Example Ridge University. Expected graduation date 05/2027. Geology Major.")
    d.add_heading("Relevant Coursework", level=1)
    d.add_paragraph("Mineralogy, Field Mapping, Sedimentology, Geochemistry, Hydrology.")
    path = tmp_path / "courses.docx"
    d.save(str(path))
    assert len(parse_path(path).resume["education"]) == 1


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_degree_and_faculty_over_school_and_grade(tmp_path: Path, producer: str) -> None:
    """moderncv: "Degree in Field, Faculty of X   Town" in bold over "School (ACR), Graduated with Honors   dates"."""
    lines = [Placed(50, 110, "Education", 13, True),
             Placed(50, 135, "Licentiate Degree in Oceanography, Faculty of Sciences", 10, True),
             Placed(420, 135, "Vestby, Harbour Road"),
             Placed(50, 150, "Northern University of Nordtal (NUN), Graduated with Honors"), Placed(420, 150, "2009–2014"),
             Placed(50, 165, "Specialization: Tidal Modelling.")]
    resume = _parse(tmp_path, producer, lines)
    got = [(e["institution"], e["studyType"], e.get("area", "")) for e in resume["education"]]
    assert len(got) == 1
    assert got[0][0].startswith("Northern University of Nordtal (NUN)")
    assert got[0][1:] == ("Licentiate Degree", "Oceanography")


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_school_column_decides_for_schools_without_a_school_word(tmp_path: Path, producer: str) -> None:
    """friggeri/twentysecond: "dates  Course   School" rows; where the recognised schools sit in the last
    column, "Example Learning" in that column is the school of its row, not "Cloud Basics"."""
    lines = [Placed(50, 110, "Education", 13, True),
             Placed(50, 135, "2021"), Placed(120, 135, "Cloud Basics", 10, True), Placed(400, 135, "Fjordline Learning"),
             Placed(130, 150, "• Online course track on storage and networking"),
             Placed(50, 180, "2015 - 2018"), Placed(120, 180, "Bachelor of Science in Geology", 10, True),
             Placed(400, 180, "Nordtal University")]
    resume = _parse(tmp_path, producer, lines)
    assert _schools(resume) == ["Fjordline Learning", "Nordtal University"]
    assert resume["education"][0]["studyType"] == "Cloud Basics"


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_entries_whose_every_line_carries_a_bullet(tmp_path: Path, producer: str) -> None:
    """jakes/rendercv: school and degree lines all marked; each school line still opens an entry, and a
    one-line entry naming "High School Diploma" after the school keeps the school apart."""
    lines = [Placed(50, 110, "Education", 13, True),
             Placed(60, 135, "• Fjordline Institute of Technology"), Placed(420, 135, "Vestby, NO"),
             Placed(60, 150, "• Graduate coursework, MS in Marine Robotics"), Placed(420, 150, "On pause"),
             Placed(60, 175, "• Nordtal University"), Placed(420, 175, "Kirkeby, NO"),
             Placed(60, 190, "• Bachelor in Geology (GPA: 3.8/4)"), Placed(420, 190, "Graduated Apr 2021"),
             Placed(60, 215, "• Vestby Bilingual Experimental High School, High School Diploma in General Studies – Norway")]
    got = [(e["institution"], e["studyType"]) for e in _parse(tmp_path, producer, lines)["education"]]
    assert got == [("Fjordline Institute of Technology", "Graduate coursework"), ("Nordtal University", "Bachelor"),
                   ("Vestby Bilingual Experimental High School", "High School Diploma")]


def test_field_unit_school_and_quoted_dates_in_one_bullet(tmp_path: Path) -> None:
    """"Field, School of X (SX), The University (U), "2020- 2021"." : the dates leave empty quotes behind."""
    import docx

    d = docx.Document()
    d.add_paragraph("Ilse Brakvik", style="Title")
    d.add_paragraph("ilse.b@example.net")
    d.add_heading("Education", level=1)
    for line in ('Information Technologies, School of Continuing Studies (SCS), The Example University of Nordtal (EUN), '
                 '"2020- 2021".', "Masters in marine policy, faculty of law, Vestby Coast University, 2019."):
        d.add_paragraph(line, style="List Bullet")
    path = tmp_path / "quoted.docx"
    d.save(str(path))
    got = [(e["institution"], e["studyType"]) for e in parse_path(path).resume["education"]]
    assert got[0] == ("The Example University of Nordtal (EUN)", "Information Technologies")
    assert got[1][0] == "Vestby Coast University"
