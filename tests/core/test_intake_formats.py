"""Every supported format through the real sandboxed pipeline (sniff, checks, worker, readers)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.errors import PasswordProtected, UnsupportedFile
from core.intake import IntakeLimits, ParserPool
from core.model import ParsedDocument

pytest.importorskip("core.intake.reader", reason="needs the format readers (core.intake.reader)")

NAME = "Robin Fictional"
BODY = [NAME, "robin@example.org", "EXPERIENCE", "Data Engineer, Example Ltd, 2019 - Present", "Cut costs by 30%"]


@pytest.fixture(scope="module")
def pool() -> Iterator[ParserPool]:
    with ParserPool(IntakeLimits()) as running:
        yield running


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import docx
    from fpdf import FPDF

    d = tmp_path_factory.mktemp("formats")
    out = {"txt": d / "resume", "md": d / "resume.md", "html": d / "resume.htm", "json": d / "resume.txt"}
    out["txt"].write_text("\n".join(BODY) + "\n")
    out["md"].write_text(f"# {NAME}\n\n" + "\n".join(BODY[1:]) + "\n")
    out["html"].write_text("<html><body>" + "".join(f"<p>{line}</p>" for line in BODY) + "</body></html>")
    out["json"].write_text(json.dumps({"basics": {"name": NAME}, "work": []}))
    document = docx.Document()
    for line in BODY:
        document.add_paragraph(line)
    out["docx"] = d / "resume.pdf"  # misleading name on purpose: content decides
    document.save(str(out["docx"]))
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in BODY:
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    out["pdf"] = d / "resume.docx"
    pdf.output(str(out["pdf"]))
    locked = FPDF()
    locked.set_encryption(owner_password="o-secret", user_password="u-secret")
    locked.add_page()
    locked.output(str(d / "locked.pdf"))
    out["locked"] = d / "locked.pdf"
    return out


def test_each_format_reads_through_the_pool(pool: ParserPool, samples: dict[str, Path]) -> None:
    order = ["txt", "md", "html", "json", "docx", "pdf", "locked"]
    results = list(pool.parse([samples[k] for k in order]))
    assert [src for src, _ in results] == [str(samples[k]) for k in order]
    by_kind = dict(zip(order, (r for _, r in results), strict=True))
    for kind in ("txt", "md", "html", "docx", "pdf"):
        doc = by_kind[kind]
        assert isinstance(doc, ParsedDocument), (kind, doc)
        assert NAME in doc.text and doc.meta["kind"] == kind
    assert by_kind["json"].resume["basics"]["name"] == NAME  # type: ignore[union-attr]
    assert isinstance(by_kind["locked"], PasswordProtected)
    assert "password-protected" in by_kind["locked"].message


def test_linkedin_style_zip_reports_zip(pool: ParserPool, tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Positions.csv", "Company Name,Title\nExample Ltd,Engineer\n")
    result = pool.parse_one(path)
    if isinstance(result, ParsedDocument):
        assert result.meta["kind"] == "zip"
    else:
        assert isinstance(result, UnsupportedFile)


def test_image_goes_through_ocr_to_facts(pool: ParserPool, tmp_path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (1240, 700), "white")
    draw = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 40)
    except OSError:
        font = ImageFont.load_default(size=40)
    for i, line in enumerate(BODY):
        draw.text((80, 60 + i * 110), line, font=font, fill="black")
    img.save(tmp_path / "scan.jpg", quality=92)
    doc = pool.parse_one(tmp_path / "scan.jpg")
    assert isinstance(doc, ParsedDocument), doc
    assert "Fictional" in doc.text and doc.meta["kind"] == "image"
    assert str(doc.meta.get("ocr")).startswith("vita/")  # engine/recogniser


def test_pdf_mixing_text_and_scanned_pages_reads_both(pool: ParserPool, tmp_path: Path) -> None:
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (1240, 400), "white")
    draw = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 44)
    except OSError:
        font = ImageFont.load_default(size=44)
    draw.text((80, 80), "Scanned page about Zanzibar Widgets", font=font, fill="black")
    img.save(tmp_path / "page2.png")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in BODY:
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.image(str(tmp_path / "page2.png"), x=0, y=0, w=210)
    pdf.output(str(tmp_path / "mixed.pdf"))
    doc = pool.parse_one(tmp_path / "mixed.pdf")
    assert isinstance(doc, ParsedDocument), doc
    assert NAME in doc.text and "Zanzibar" in doc.text
    assert doc.meta["ocr_pages"] == [2]


def test_text_that_only_starts_with_a_brace_is_read_as_text(pool: ParserPool, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("{Draft} " + "\n".join(BODY) + "\n")
    doc = pool.parse_one(path)
    assert isinstance(doc, ParsedDocument), doc
    assert NAME in doc.text and doc.meta["kind"] == "txt"
