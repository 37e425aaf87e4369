"""Education entries as real CVs lay them out (fictional people and schools): the school in a comma
field after the degree, "degree at school", degree and school on separate table rows, links after
the school's name, and course lists that are not entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.intake.reader import parse_path
from tests.core.arrangement_pdfs import PRODUCERS, Placed

NAME = [Placed(50, 40, "Halvard Østmoen", 22, True), Placed(50, 70, "halvard.o@example.net   +47 915 00 321")]


def _studies(resume: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(e["institution"], e["studyType"], e.get("endDate", "")) for e in resume["education"]]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_degree_then_school_then_town_in_comma_fields(tmp_path: Path, producer: str) -> None:
    """moderncv and Word CVs write "Degree, School, Town" with the dates in a left column."""
    lines = [Placed(50, 110, "Education", 13, True),
             Placed(50, 135, "2014 - 2018", 9), Placed(150, 135, "Master Studium Regeltechnik, FH Nordtal, Kirkeby."),
             Placed(50, 160, "2010 - 2014", 9), Placed(150, 160, "Lehre mit Matura, HTL Vestby, Vestby."),
             Placed(50, 185, "2009 - 2010", 9), Placed(150, 185, "Marine Biology, Example Ridge University.")]
    got = _studies(_parse(tmp_path, producer, lines))
    assert got == [("FH Nordtal", "Master Studium Regeltechnik", "2018"), ("HTL Vestby", "Lehre mit Matura", "2014"),
                   ("Example Ridge University", "Marine Biology", "2010")]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_degree_at_school_in_english_and_french(tmp_path: Path, producer: str) -> None:
    lines = [Placed(50, 110, "Formation", 13, True),
             Placed(50, 135, "2017 - 2019 : Master informatique à l'ESTV"),
             Placed(50, 160, "2013 - 2016 : BSc Geology at Northmoor College")]
    got = _studies(_parse(tmp_path, producer, lines))
    assert [(s, d.strip(" :")) for s, d, _ in got] == [("ESTV", "Master informatique"), ("Northmoor College", "BSc Geology")]


def _parse(tmp_path: Path, producer: str, lines: list[Placed]) -> dict[str, Any]:
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", NAME + lines)
    return parse_path(path).resume


def test_europass_table_degree_row_and_school_row_are_one_entry(tmp_path: Path) -> None:
    """Europass and Word tables put the degree and the school on rows of their own, each with the dates."""
    import docx

    d = docx.Document()
    d.add_paragraph("Halvard Østmoen", style="Title")
    d.add_paragraph("halvard.o@example.net")
    d.add_heading("Education and training", level=1)
    table = d.add_table(rows=0, cols=2)
    for degree, dates, school in (
        ("Master Degree in Coastal Engineering", "September 2015 – July 2017", "Example Polytechnic Institute"),
        ("Advanced Piano Performance", "September 2005 – June 2012", "Conservatory of Vestby"),
    ):
        row = table.add_row().cells
        row[0].text, row[1].text = degree, dates
        row = table.add_row().cells
        row[0].text, row[1].text = dates, school
    path = tmp_path / "europass.docx"
    d.save(str(path))
    got = _studies(parse_path(path).resume)
    assert got == [("Example Polytechnic Institute", "Master Degree", "2017-07"),
                   ("Conservatory of Vestby", "Advanced Piano Performance", "2012-06")]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_links_after_the_school_and_undated_course_lists(tmp_path: Path, producer: str) -> None:
    lines = [Placed(50, 110, "Education", 13, True),
             Placed(50, 135, "Technical University of Nordtal   https://www.tun.example.edu", 10, True),
             Placed(50, 150, "Bachelor's Degree, Electronics   2015 - 2019"),
             Placed(50, 175, "Data Mining | Signal Processing | Control Theory", 10, True)]
    got = _studies(_parse(tmp_path, producer, lines))
    assert got == [("Technical University of Nordtal", "Bachelor's Degree", "2019")]


def test_word_layout_table_sidebar_cells_spanning_rows_read_column_by_column(tmp_path: Path) -> None:
    """Word CV templates build two columns from one table whose cells span rows: read row by row,
    the sidebar's "Interests" landed between the main column's "Education" heading and its entries."""
    import docx

    d = docx.Document()
    t = d.add_table(rows=5, cols=2)
    band = t.cell(0, 0).merge(t.cell(0, 1))

    def fill(cell: Any, text: str, heading: bool = True) -> None:
        first, *rest = text.split("\n")
        cell.text = first
        if heading:
            cell.paragraphs[0].style = d.styles["Heading 2"]
        for line in rest:
            cell.add_paragraph(line)

    fill(band, "Halvard Østmoen\nhalvard.o@example.net", heading=False)
    skills = t.cell(1, 0).merge(t.cell(3, 0))
    fill(skills, "Skills\nHydrology\nPython\nGIS mapping")
    interests = t.cell(4, 0)
    fill(interests, "Interests\nSea kayaking\nChoir singing\nOrienteering")
    work = t.cell(1, 1).merge(t.cell(2, 1))
    fill(work, "Work experience\nJune 2019 – May 2022: Field Hydrologist\nNordtal Water Board – Vestby\n"
         "Surveyed the river basins of the county")
    fill(t.cell(3, 1), "Education")
    fill(t.cell(4, 1), heading=False, text="MSc Hydrology\nExample Ridge University 2017 – 2019, Vestby\nThesis on flood forecasting")
    path = tmp_path / "layout_table.docx"
    d.save(str(path))
    resume = parse_path(path).resume
    assert _studies(resume) == [("Example Ridge University", "MSc Hydrology", "2019")]
    assert "Sea kayaking" not in str(resume["education"])


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_wide_gap_fields_and_a_course_list_section(tmp_path: Path, producer: str) -> None:
    """Twenty-seconds-style rows "dates   degree   school, town", and a coursework list under its own heading."""
    lines = [Placed(50, 110, "Education", 13, True),
             Placed(50, 135, "2008-2013"), Placed(120, 135, "High School"), Placed(300, 135, "Example Valley College, Lunden"),
             Placed(50, 150, "2013-2018"), Placed(120, 150, "Bachelor in applied science"), Placed(300, 150, "NTVA, Lunden"),
             Placed(50, 175, "Coursework", 13, True)]
    lines += [Placed(50, 200 + 14 * i, course) for i, course in
              enumerate(("Fluid Mechanics", "Signal Processing", "Control Theory", "Numerical Methods"))]
    got = [(e["institution"], e["studyType"], e["area"]) for e in _parse(tmp_path, producer, lines)["education"]]
    assert got == [("Example Valley College", "High School", ""), ("NTVA", "Bachelor", "applied science")]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
@pytest.mark.parametrize(("top", "name"), [
    ([Placed(50, 40, "PERSONAL INFORMATION"), Placed(200, 40, "Ottar Lindqvist", 12)], "Ottar Lindqvist"),
    ([Placed(50, 40, "IngridHolmen", 30)], "Ingrid Holmen"),
])
def test_name_after_a_form_label_or_set_without_a_space(
        tmp_path: Path, producer: str, top: list[Placed], name: str) -> None:
    """Europass puts "PERSONAL INFORMATION" before the name and "Sex Male" below it; TeX templates
    that place letters one by one can drop the space in a large display name."""
    lines = [*top, Placed(50, 80, "ottar.l@example.org   +46 70 123 45 67"),
             Placed(50, 95, "Sex Male | Date of birth 02/03/1991 | Nationality Swedish"),
             Placed(50, 120, "Education", 13, True), Placed(50, 140, "2012 - 2016   BSc Forestry   Example North University")]
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", lines)
    assert parse_path(path).resume["basics"]["name"] == name
