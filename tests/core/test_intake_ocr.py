"""OCR of images and scanned PDFs with the packaged PP-OCRv6 tiny models, offline."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from core.errors import NeedsOCR
from core.intake.ocr import ocr_image, ocr_pdf
from tests.core.test_ocr_scans import _font

LINES = ("Jordan Example", "Senior Engineer at Acme Widgets", "Cut build times by 40%")


def _page_image(path: Path) -> Path:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (1240, 900), "white")
    draw = ImageDraw.Draw(img)
    for i, text in enumerate(LINES):
        draw.text((100, 100 + i * 120), text, font=_font(44 if i == 0 else 34), fill="black")
    img.save(path)
    return path


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("OCR tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _words(text: str) -> set[str]:
    return {w.strip(".,%").lower() for w in text.split()}


def test_models_ship_in_the_package_and_pass_their_checksums() -> None:
    from core.intake.ocr_engine import MODEL_PACKAGE, model_files

    _name, files = model_files()
    assert MODEL_PACKAGE in files.det.parts and files.det.suffix == files.rec.suffix == ".onnx"
    assert files.mismatched() == []


def test_image_ocr_gives_lines_with_boxes_offline(tmp_path: Path, no_network: None) -> None:
    layout = ocr_image(_page_image(tmp_path / "scan.png"))
    assert layout.kind == "image" and layout.page_count == 1
    text = "\n".join(line.text for line in layout.lines)
    assert {"jordan", "example", "engineer", "acme", "widgets", "build"} <= _words(text)
    tops = [line.top for line in layout.lines]
    assert tops == sorted(tops)  # reading order, top to bottom
    first = layout.lines[0]
    assert 0 <= first.x0 < first.x1 <= layout.page_width and first.top < first.bottom
    assert first.size > layout.lines[-1].size  # the larger name line measures larger


def test_scanned_pdf_is_rendered_and_read(tmp_path: Path, no_network: None) -> None:
    from fpdf import FPDF

    image = _page_image(tmp_path / "page.png")
    pdf = FPDF(unit="pt", format=(620, 450))
    pdf.add_page()
    pdf.image(str(image), x=0, y=0, w=620, h=450)
    pdf.add_page()  # a blank page: no images, not sent to OCR
    pdf.output(str(tmp_path / "scan.pdf"))
    pages: list[int] = []
    layout = ocr_pdf(tmp_path / "scan.pdf", on_page=pages.append)
    assert pages == [0]
    assert layout.kind == "pdf" and layout.page_count == 2
    assert {"jordan", "acme"} <= _words(" ".join(line.text for line in layout.lines))
    assert all(line.page == 1 for line in layout.lines)


def test_pdf_without_text_or_images_needs_ocr(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.output(str(tmp_path / "blank.pdf"))
    with pytest.raises(NeedsOCR, match="no text layer"):
        ocr_pdf(tmp_path / "blank.pdf")


def test_blank_image_needs_ocr(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (300, 200), "white").save(tmp_path / "blank.png")
    with pytest.raises(NeedsOCR):
        ocr_image(tmp_path / "blank.png")


def test_ocr_slips_in_emails_are_undone() -> None:
    from core.intake.ocr_geometry import clean_ocr_text

    assert clean_ocr_text("robin.fictional@example.0rg +1 555") == "robin.fictional@example.org +1 555"
    assert clean_ocr_text("robin @ example.c0m") == "robin@example.com"
    assert clean_ocr_text("Grew sales 40% @ scale") == "Grew sales 40% @ scale"
