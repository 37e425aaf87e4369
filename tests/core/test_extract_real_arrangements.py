"""Arrangements real resumes use, on fictional people, each written by two PDF producers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.intake.reader import parse_path
from tests.core.arrangement_pdfs import PRODUCERS, Placed

NAME = [Placed(50, 40, "Ottilie Brandvold", 22, True), Placed(50, 70, "ottilie.b@example.net   +47 912 34 567")]


def _parse(tmp_path: Path, producer: str, lines: list[Placed]) -> dict[str, Any]:
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", NAME + lines)
    return parse_path(path).resume


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_stacked_dates_in_a_left_column(tmp_path: Path, producer: str) -> None:
    lines = [Placed(150, 110, "Experience", 13, True)]
    y = 135.0
    for start, end, head, body in (
        ("Sep 2019", "Apr 2022", "Research Engineer, Fjordlight Instruments, Bergen.", "Calibrated the sonar test rig for the fleet."),
        ("May 2016", "Aug 2019", "Software Developer, Nordkyst Data Services.", "Maintained the harbour scheduling service."),
    ):
        lines += [Placed(100, y, start, 8), Placed(100, y + 11, end, 8), Placed(150, y, head, 9),
                  Placed(150, y + 13, body, 8)]
        y += 45
    lines += [Placed(150, y + 10, "Education", 13, True), Placed(150, y + 35, "University of Vestfold, MSc Physics, 2016")]
    work = _parse(tmp_path, producer, lines)["work"]
    assert [(w["position"], w["name"], w["startDate"], w.get("endDate")) for w in work] == [
        ("Research Engineer", "Fjordlight Instruments", "2019-09", "2022-04"),
        ("Software Developer", "Nordkyst Data Services", "2016-05", "2019-08"),
    ]
    assert work[0]["highlights"] == ["Calibrated the sonar test rig for the fleet."]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_title_and_dates_then_company_and_place_below(tmp_path: Path, producer: str) -> None:
    lines = [Placed(50, 110, "Professional Experience", 13, True)]
    y = 135.0
    for title, dates, org, place in (
        ("Quality Engineer", "May 2023 \u2013 Present", "Granvik Savings Bank", "Oslo, Norway"),
        ("Automation Engineer", "Jun 2020 \u2013 Apr 2023", "Polar Freight Ltd", "Bodø, Norway"),
    ):
        lines += [Placed(50, y, title, 10, True), Placed(440, y, dates, 10), Placed(50, y + 13, org, 10),
                  Placed(460, y + 13, place, 10), Placed(60, y + 27, "\u2022 Wrote the regression suite for payments", 10)]
        y += 50
    work = _parse(tmp_path, producer, lines)["work"]
    assert [(w["position"], w["name"]) for w in work] == [
        ("Quality Engineer", "Granvik Savings Bank"), ("Automation Engineer", "Polar Freight Ltd")]
    assert work[0]["startDate"] == "2023-05" and "endDate" not in work[0]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_company_and_place_above_title_and_dates(tmp_path: Path, producer: str) -> None:
    lines = [Placed(50, 110, "Work Experience", 13, True)]
    y = 135.0
    for org, place, title, dates in (
        ("Hallingdal Analytics", "Drammen, Norway", "Quantitative Analyst", "Oct 2021 - Present"),
        ("Skarven Reinsurance", "Stavanger, Norway", "Data Analyst", "Apr 2018 - Sep 2021"),
    ):
        lines += [Placed(50, y, org, 10, True), Placed(460, y, place, 10), Placed(50, y + 13, title, 10),
                  Placed(450, y + 13, dates, 10), Placed(60, y + 27, "\u2022 Priced catastrophe bonds for the desk", 10)]
        y += 50
    work = _parse(tmp_path, producer, lines)["work"]
    assert [(w["position"], w["name"]) for w in work] == [
        ("Quantitative Analyst", "Hallingdal Analytics"), ("Data Analyst", "Skarven Reinsurance")]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_company_and_dates_above_title_with_stack_and_place(tmp_path: Path, producer: str) -> None:
    """"Company   Dates" over "Title | Stack   City": the second line names the job, not a bullet."""
    lines = [Placed(50, 110, "Experience", 13, True)]
    y = 135.0
    for org, dates, title, place in (
        ("Lindqvist Robotics", "Mar 2022 - Present", "Software Engineer | Rust, Go, gRPC", "Remote"),
        ("Tamsin Mobility", "Jan 2019 - Feb 2022", "Frontend Developer | React, TypeScript", "Leeds, UK"),
    ):
        lines += [Placed(50, y, org, 10, True), Placed(450, y, dates, 10), Placed(50, y + 13, title, 10),
                  Placed(470, y + 13, place, 10), Placed(60, y + 27, "\u2022 Cut build times by half for the team", 10)]
        y += 50
    work = _parse(tmp_path, producer, lines)["work"]
    assert [(w["position"], w["name"]) for w in work] == [
        ("Software Engineer", "Lindqvist Robotics"), ("Frontend Developer", "Tamsin Mobility")]
    assert [w.get("highlights") for w in work] == [["Cut build times by half for the team"]] * 2
    assert "Leeds" in work[1].get("location", "")


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_sidebar_rows_never_take_main_column_dates_and_big_name_over_lines(tmp_path: Path, producer: str) -> None:
    side = [Placed(35, 350, "CONTACT", 11, True), Placed(35, 372, "PHONE:"), Placed(35, 384, "(47) 912345678"),
            Placed(35, 410, "EMAIL:"), Placed(35, 422, "runa.eik@example.net"), Placed(35, 450, "HOBBIES", 11, True)]
    side += [Placed(35, 470 + 12 * n, h) for n, h in enumerate(("Sailing", "Chess", "Baking", "Running"))]
    main = [Placed(250, 95, "RUNA", 40), Placed(250, 150, "EIKELAND", 40), Placed(250, 215, "Office Coordinator", 15),
            Placed(250, 300, "EDUCATION", 11, True), Placed(250, 322, "Trondelag Vocational College", 9, True),
            Placed(250, 334, "2019 - 2021"), Placed(250, 346, "Certificate in Office Administration"),
            Placed(250, 430, "WORK EXPERIENCE", 11, True), Placed(250, 452, "Lindvik Dental - Receptionist", 9, True),
            Placed(250, 464, "2021 - 2023"), Placed(250, 476, "Booked patients and kept the stock records."),
            Placed(250, 500, "Kvist Interiors - Office Assistant", 9, True), Placed(250, 512, "2023 - 2024"),
            Placed(250, 524, "Handled invoices and supplier calls."),
            Placed(250, 560, "SKILLS", 11, True), Placed(250, 580, "Spreadsheets"), Placed(250, 592, "Bookkeeping")]
    path = PRODUCERS[producer](tmp_path / f"{producer}.pdf", side + main)
    resume = parse_path(path).resume
    assert resume["basics"]["name"] == "RUNA EIKELAND"
    assert resume["basics"]["phone"].replace(" ", "").endswith("(47)912345678")
    work = resume["work"]
    assert [(w["name"], w["position"], w["startDate"]) for w in work] == [
        ("Lindvik Dental", "Receptionist", "2021"), ("Kvist Interiors", "Office Assistant", "2023")]


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
def test_german_headings_and_dates(tmp_path: Path, producer: str) -> None:
    lines = [Placed(50, 110, "Beruflicher Werdegang", 13), Placed(50, 135, "03/2019 \u2013 06/2021   Werkstudent, Rheinfeld Logistik GmbH"),
             Placed(60, 148, "Entwicklung eines Dashboards für die Disposition", 9),
             Placed(50, 180, "Technische Kenntnisse", 13), Placed(50, 205, "Python, SQL, Power BI"),
             Placed(50, 235, "Sprachkenntnisse", 13), Placed(50, 260, "Deutsch   Muttersprache")]
    resume = _parse(tmp_path, producer, lines)
    (role,) = resume["work"]
    assert (role["position"], role["name"], role["startDate"], role["endDate"]) == (
        "Werkstudent", "Rheinfeld Logistik GmbH", "2019-03", "2021-06")
    assert [k for s in resume["skills"] for k in s.get("keywords", [])] == ["Python", "SQL", "Power BI"]
    assert resume["languages"][0]["language"] == "Deutsch"


def _text_box_paragraph(doc: Any, lines: list[str]) -> None:
    """A paragraph holding a DrawingML text box (w:txbxContent) with these lines."""
    from docx.oxml import parse_xml

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
    paras = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>" for t in lines)
    run = parse_xml(
        f'<w:r {ns}><w:drawing><wp:anchor><wp:extent cx="3000000" cy="2000000"/><a:graphic><a:graphicData '
        f'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>'
        f"<w:txbxContent>{paras}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
        f"</wp:anchor></w:drawing></w:r>")
    doc.add_paragraph()._p.append(run)


def test_docx_text_box_layout_table_and_footer_contacts(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Solveig Marthinsen", style="Title")
    _text_box_paragraph(d, ["Experience", "Logistics Planner, Vesteraal Shipping AS   2020 - 2024",
                            "Planned weekly routes for twelve coastal vessels"])
    d.add_heading("Education", level=1)
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "2016 – 2019"
    table.rows[0].cells[1].text = "University of Lofoten, BSc Logistics"
    footer = d.sections[0].footer
    footer.is_linked_to_previous = False
    footer.paragraphs[0].text = "solveig.m@example.org\t+47 913 22 110\tSvolvær, Norway"
    path = tmp_path / "boxes.docx"
    d.save(str(path))
    resume = parse_path(path).resume
    assert resume["basics"]["email"] == "solveig.m@example.org"
    assert resume["basics"]["phone"].replace(" ", "") == "+4791322110"
    (role,) = resume["work"]
    assert (role["position"], role["name"], role["startDate"], role["endDate"]) == (
        "Logistics Planner", "Vesteraal Shipping AS", "2020", "2024")
    assert resume["education"][0]["institution"] == "University of Lofoten"


def test_old_word_document_is_refused_with_the_fix(tmp_path: Path) -> None:
    from core.errors import UnsupportedFile
    from core.intake import sniff

    old = tmp_path / "cv.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    with pytest.raises(UnsupportedFile) as err:
        sniff(old)
    assert "DOCX" in (err.value.hint or "")


def test_regions_from_generic_line_boxes_band_sidebar_main() -> None:
    from core.documents.regions import order_lines, page_regions
    from core.model import TextLine

    def box(x0: float, x1: float, top: float, text: str) -> TextLine:
        return TextLine(text=text, x0=x0, x1=x1, top=top, bottom=top + 10)

    band = [box(40, 560, 20, "Ines Vatne   ines@example.org   +47 900 11 222")]
    side = [box(40, 180, 80 + 14 * n, t) for n, t in enumerate(
        ["Skills", "Python", "SQL", "Tableau", "Languages", "Norwegian", "English"])]
    main = [box(230, 560, 80 + 14 * n, t) for n, t in enumerate(
        ["Experience", "Analyst, Fjellstad Bank   2020 - 2023", "Built the churn model", "Education",
         "University of Agder, MSc Statistics", "2018 - 2020", "Thesis on seasonal demand"])]
    shuffled = [ln for pair in zip(main, side, strict=True) for ln in pair] + band  # across the page, line by line
    regions = page_regions(shuffled, 600)
    assert [kind for kind, _ in regions] == ["band", "sidebar", "main"]
    assert [ln.text for ln in order_lines(shuffled, 600)] == [ln.text for ln in band + side + main]


def test_a_contact_band_of_recognised_boxes_whose_edges_jitter_stays_above_the_columns() -> None:
    """Recognised boxes of one row end a little apart (padding, descenders): the band's last row,
    crossing the gutter, is not taken for a line that a neighbour on the same row runs across."""
    from core.documents.regions import page_regions
    from core.model import TextLine

    def box(x0: float, x1: float, top: float, text: str, height: float = 12.5) -> TextLine:
        return TextLine(text=text, x0=x0, x1=x1, top=top, bottom=top + height)

    band = [box(16, 300, 22, "Robin Quill", 25), box(17, 170, 72, "robin.quill@example.org"),
            box(250, 360, 71.3, "Lantern Street 7, Glimmerton"),
            box(17, 130, 81.3, "glimmerton.example", 13.6), box(255, 350, 81.1, "robin-quill-lamps")]  # 1.1 pt lower
    left = [box(13 + n % 3, 250 + 5 * n, 118 + 16 * n, t) for n, t in enumerate(
        ["Experience", "Lamplighter Guild", "Senior Lantern Engineer", "Cut lamp oil use by a third",
         "Harbour Lights Company", "Wick Technician", "Kept the pier lamps lit", "Logged every night shift"])]
    right = [box(336 + n % 3, 337 + 7 * len(t), 118 + 16 * n, t) for n, t in enumerate(
        ["Education", "Glimmerton Night School", "Certificate in Lamp Safety", "Skills", "Wick trimming",
         "Oil chemistry", "Glass repair"])]
    regions = page_regions(band + left + right, 612)
    assert [kind for kind, _ in regions] == ["band", "main", "sidebar"]
    assert {ln.text for ln in regions[0][1]} == {ln.text for ln in band}
