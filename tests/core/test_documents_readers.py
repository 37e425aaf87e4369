"""Format readers on fictional documents generated here: lines, cues, links, reading order, typed errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.documents import read_document
from core.errors import NeedsOCR, PasswordProtected, UnsupportedFile
from tests.core import resume_fixtures as F


def test_pdf_lines_bold_sizes_and_annotation_links(tmp_path: Path) -> None:
    layout = read_document(F.write_pdf(tmp_path / "r.pdf"), "pdf")
    texts = [ln.text for ln in layout.lines]
    name = next(ln for ln in layout.lines if ln.text == F.NAME)
    assert name.bold and name.size > 15
    heading = next(ln for ln in layout.lines if ln.text == "Career History")
    body = next(ln for ln in layout.lines if ln.text.startswith(F.SUMMARY[:20]))
    assert heading.bold and not body.bold
    # right-aligned dates stay on the role's line, separated by a wide gap
    assert any(t.startswith("Brightwater Analytics Inc. - Staff Data Engineer") and "Jan 2021 - Present" in t for t in texts)
    # the LinkedIn URL exists only as a link annotation behind the word "LinkedIn"
    assert F.LINKEDIN in layout.links
    assert any(F.LINKEDIN in ln.links for ln in layout.lines if "LinkedIn" in ln.text)


def test_pdf_two_columns_read_column_by_column(tmp_path: Path) -> None:
    layout = read_document(F.write_pdf(tmp_path / "r2.pdf", two_column=True), "pdf")
    texts = [ln.text for ln in layout.lines]
    sidebar = texts.index(F.EMAIL)
    main_start = texts.index("Summary")
    # the sidebar is read whole, before or after the main column, never interleaved with it
    assert texts.index("Contact") < sidebar < texts.index("Skills") or main_start < sidebar
    career = texts.index("Career History")
    assert not (min(texts.index("Contact"), career) < sidebar < max(texts.index("Contact"), career) and
                main_start < sidebar < career)


def test_encrypted_pdf_is_password_protected(tmp_path: Path) -> None:
    with pytest.raises(PasswordProtected):
        read_document(F.write_pdf(tmp_path / "locked.pdf", encrypt=True), "pdf")


def test_pdf_without_text_needs_ocr(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(NeedsOCR):
        read_document(path, "pdf")


def test_docx_table_layout_styles_and_hyperlinks(tmp_path: Path) -> None:
    layout = read_document(F.write_docx_table(tmp_path / "r.docx"), "docx")
    texts = [ln.text for ln in layout.lines]
    assert texts[0] == F.NAME and layout.lines[0].style == "Title"
    # the date cell is joined onto the role line of the same table row
    assert "Staff Data Engineer | Brightwater Analytics Inc.   Jan 2021 – Present" in texts
    bullets = [ln for ln in layout.lines if ln.list_item]
    assert len(bullets) == sum(len(r[4]) for r in F.ROLES)
    assert F.LINKEDIN in layout.links
    assert any(F.LINKEDIN in ln.links for ln in layout.lines)


def test_markdown_and_html_cues(tmp_path: Path) -> None:
    md = read_document(F.write_md(tmp_path / "r.md"), "md")
    assert md.lines[0].text == F.NAME and md.lines[0].style == "heading1"
    assert any(ln.list_item and ln.text.startswith("Cut nightly") for ln in md.lines)
    assert F.LINKEDIN in md.links
    html = read_document(F.write_html(tmp_path / "r.html"), "html")
    texts = [ln.text for ln in html.lines]
    assert "CV" not in texts and not any("color:red" in t for t in texts)  # head and style skipped
    assert any(ln.style == "heading2" and ln.text == "Employment History" for ln in html.lines)
    assert f"mailto:{F.EMAIL}" in html.links


def test_txt_keeps_blank_lines_and_unknown_kind_is_rejected(tmp_path: Path) -> None:
    layout = read_document(F.write_txt(tmp_path / "r.txt"), "txt")
    assert layout.lines[0].text == F.NAME
    assert any(ln.style == "blank" for ln in layout.lines)
    with pytest.raises(UnsupportedFile):
        read_document(tmp_path / "r.txt", "xls")


def test_docx_content_controls_and_text_boxes(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = (
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    )
    d = docx.Document()
    d.element.body.insert(0, parse_xml(
        f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>{F.NAME}</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    ))
    box = (
        f"<w:p {w} {mc}><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:txbx><w:txbxContent>"
        f"<w:p><w:r><w:t>{F.EMAIL}</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>{F.EMAIL}</w:t></w:r></w:p></w:txbxContent></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    d.element.body.insert(1, parse_xml(box))
    d.add_paragraph("Experience")
    path = tmp_path / "boxes.docx"
    d.save(str(path))
    texts = [ln.text for ln in read_document(path, "docx").lines]
    assert texts == [F.NAME, F.EMAIL, "Experience"]  # the text box is read once, in place
