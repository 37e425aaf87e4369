"""Content sniffing: the kind comes from the bytes, whatever the file is called."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from core.errors import FileTooLarge, NotFound, UnsupportedFile
from core.intake import sniff


def _pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Fictional Person - Engineer")
    pdf.output(str(path))
    return path


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Fictional Person")
    document.save(str(path))
    return path


def _image(path: Path, fmt: str) -> Path:
    from PIL import Image

    Image.new("RGB", (40, 20), "white").save(path, format=fmt)
    return path


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [
        ("resume.bin", _pdf, "pdf"),
        ("resume.pdf.txt", _docx, "docx"),
        ("scan.dat", lambda p: _image(p, "PNG"), "image"),
        ("scan.png", lambda p: _image(p, "JPEG"), "image"),
        ("scan.x", lambda p: _image(p, "TIFF"), "image"),
        ("scan.y", lambda p: _image(p, "BMP"), "image"),
        ("scan.z", lambda p: _image(p, "WEBP"), "image"),
    ],
)
def test_binary_kinds_come_from_content(tmp_path: Path, name: str, make, kind: str) -> None:
    assert sniff(make(tmp_path / name)) == kind


def test_text_kinds(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_text(json.dumps({"basics": {"name": "Fictional Person"}}))
    (tmp_path / "b.txt").write_text("<!DOCTYPE html><html><body><h1>Fictional</h1></body></html>")
    (tmp_path / "c").write_text("Fictional Person\nEngineer at Example Ltd\n")
    (tmp_path / "d.md").write_text("Fictional Person\n")
    (tmp_path / "e").write_text("# Fictional Person\n\n## Experience\n\n- Built things\n- **Led** a team\n")
    (tmp_path / "f.txt").write_bytes("Résumé of a fictional person\n".encode("latin-1"))
    (tmp_path / "g.txt").write_bytes("Fictional Person\n".encode("utf-16"))
    kinds = [sniff(tmp_path / n) for n in ("a.pdf", "b.txt", "c", "d.md", "e", "f.txt", "g.txt")]
    assert kinds == ["json", "html", "txt", "md", "md", "txt", "txt"]


def test_zip_that_is_not_docx_reports_zip(tmp_path: Path) -> None:
    path = tmp_path / "export.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Positions.csv", "Company Name,Title\nExample Ltd,Engineer\n")
    assert sniff(path) == "zip"


@pytest.mark.parametrize(
    "payload",
    [
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",  # GIF: not on the image allow-list
        b"\x7fELF\x02\x01\x01\x00" + bytes(64),  # an executable
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),  # legacy .doc (OLE2)
        b"<?xml version='1.0'?><root/>",  # bare XML
        b"{\\rtf1\\ansi Fictional}",  # RTF
        bytes(range(256)) * 4,  # random binary
    ],
)
def test_unsupported_content_is_refused(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "resume.pdf"
    path.write_bytes(payload)
    with pytest.raises(UnsupportedFile):
        sniff(path)


def test_size_limit_empty_and_missing(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(FileTooLarge):
        sniff(big, max_bytes=1024)
    assert sniff(big, max_bytes=4096) == "txt"
    (tmp_path / "empty.pdf").write_bytes(b"")
    with pytest.raises(UnsupportedFile):
        sniff(tmp_path / "empty.pdf")
    with pytest.raises(NotFound):
        sniff(tmp_path / "absent.pdf")
    with pytest.raises(UnsupportedFile):
        sniff(tmp_path)


def test_zip_sniffing_does_not_parse_the_archive(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(100) + b"word/document.xml" + bytes(100))
    assert sniff(path) == "docx"  # the name is enough here; the worker finds the damage
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    assert sniff(path) == "zip"


def test_text_with_a_few_stray_bytes_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes(b"Fictional Person\x00\nEngineer at Example Ltd\x07\n" + b"Built things for years\n" * 20)
    assert sniff(path) == "txt"


def test_headerless_pdf_syntax_goes_to_the_pdf_checks(tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages >>\nendobj\n")
    assert sniff(path) == "pdf"


def test_text_starting_like_a_bmp_is_text(tmp_path: Path) -> None:
    path = tmp_path / "notes"
    path.write_text("BMW Group, fictional engineering notes\nMore lines here\n")
    assert sniff(path) == "txt"
