"""Pre-open checks: bombs and DTDs are refused from the zip directory and headers alone."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from core.errors import HostileFile, ParseFailed, PasswordProtected, UnsupportedFile
from core.intake import IntakeLimits
from core.intake.safety import check_file
from tests.security import bombs

LIMITS = IntakeLimits()


def test_plain_docx_passes_and_reports_its_directory(tmp_path: Path) -> None:
    info = check_file(bombs.plain_docx(tmp_path / "ok.docx"), "docx", LIMITS)
    assert info["zip_entries"] == 3


def test_real_python_docx_file_passes(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Fictional Person", 0)
    document.add_table(rows=2, cols=2)
    document.save(str(tmp_path / "real.docx"))
    assert check_file(tmp_path / "real.docx", "docx", LIMITS)["zip_entries"] > 5


@pytest.mark.parametrize(
    ("maker", "needle"),
    [
        (bombs.billion_laughs_docx, "DOCTYPE"),
        (bombs.external_entity_docx, "DOCTYPE"),
        (bombs.deeply_nested_docx, "nested deeper"),
        (bombs.ratio_bomb_docx, "compresses"),
        (bombs.declared_size_bomb_docx, "declares"),
        (bombs.many_entries_docx, "parts"),
    ],
)
def test_docx_bombs_are_refused_quickly(tmp_path: Path, maker, needle: str) -> None:
    path = maker(tmp_path / "bomb.docx")
    started = time.monotonic()
    with pytest.raises(HostileFile, match=needle):
        check_file(path, "docx", LIMITS)
    assert time.monotonic() - started < 2


def test_entity_declaration_in_any_part_is_refused(tmp_path: Path) -> None:
    styles = b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY e "x">]><s>&e;</s>'
    path = bombs.write_docx(tmp_path / "styles.docx", "<w:document xmlns:w='urn:x'/>", {"word/styles.xml": styles})
    with pytest.raises(HostileFile, match="styles.xml"):
        check_file(path, "docx", LIMITS)


def test_total_declared_size_budget(tmp_path: Path) -> None:
    path = bombs.write_docx(tmp_path / "many-mb.docx", "<a/>", {f"word/media/{i}.bin": bytes(300_000) for i in range(4)})
    with pytest.raises(HostileFile, match="declares"):
        check_file(path, "docx", IntakeLimits(max_zip_uncompressed=1_000_000))
    assert check_file(path, "docx", LIMITS)["zip_entries"] == 7


def test_encrypted_zip_entry_is_password_protected(tmp_path: Path) -> None:
    path = bombs.plain_docx(tmp_path / "locked.docx")
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    data[at + 8] |= 0x1  # set the "encrypted" flag in the first central directory entry
    path.write_bytes(bytes(data))
    with pytest.raises(PasswordProtected):
        check_file(path, "docx", LIMITS)


def test_zip_kind_gets_the_same_directory_checks(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Profile.csv", bytes(4 * 1024 * 1024))
    with pytest.raises(HostileFile):
        check_file(path, "zip", LIMITS)


@pytest.mark.parametrize("maker", [bombs.huge_png, bombs.huge_bmp])
def test_image_pixel_budget_from_header_only(tmp_path: Path, maker) -> None:
    path = maker(tmp_path / "huge.img")
    assert path.stat().st_size < 200  # nothing was decoded: only a header exists
    with pytest.raises(HostileFile, match="pixels"):
        check_file(path, "image", LIMITS)


def test_image_side_and_format_allow_list(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("L", (30_000, 2)).save(tmp_path / "strip.png")
    with pytest.raises(HostileFile, match="sides"):
        check_file(tmp_path / "strip.png", "image", LIMITS)
    Image.new("RGB", (8, 8)).save(tmp_path / "tiny.gif", format="GIF")
    with pytest.raises(UnsupportedFile, match="GIF"):
        check_file(tmp_path / "tiny.gif", "image", LIMITS)
    Image.new("RGB", (100, 100)).save(tmp_path / "ok.png")
    assert check_file(tmp_path / "ok.png", "image", LIMITS)["image_size"] == [100, 100]


def test_pdf_page_budget_and_damage(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(5):
        pdf.add_page()
    pdf.output(str(tmp_path / "five.pdf"))
    assert check_file(tmp_path / "five.pdf", "pdf", LIMITS)["pdf_pages"] == 5
    with pytest.raises(HostileFile, match="pages"):
        check_file(tmp_path / "five.pdf", "pdf", IntakeLimits(max_pdf_pages=3))
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.7\n" + bytes(500))
    with pytest.raises(ParseFailed):
        check_file(tmp_path / "junk.pdf", "pdf", LIMITS)


def test_pdf_stream_budgets(tmp_path: Path) -> None:
    bomb = bombs.pdf_flate_bomb(tmp_path / "bomb.pdf", gigabytes=1)
    started = time.monotonic()
    with pytest.raises(HostileFile, match="inflates beyond 8 MB"):
        check_file(bomb, "pdf", IntakeLimits(max_pdf_stream_inflated=8 * 1024 * 1024))
    assert time.monotonic() - started < 5  # counted up to the budget, never inflated in full
    with pytest.raises(HostileFile, match="in total"):
        check_file(bomb, "pdf", IntakeLimits(max_pdf_inflated=1024 * 1024))
    with pytest.raises(HostileFile, match="streams"):
        check_file(bomb, "pdf", IntakeLimits(max_pdf_streams=0))
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Fictional Person")
    pdf.output(str(tmp_path / "ok.pdf"))
    info = check_file(tmp_path / "ok.pdf", "pdf", LIMITS)
    assert info["pdf_streams"] >= 1 and 0 < info["pdf_inflated"] < 100_000


def test_encrypted_pdf_is_password_protected(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Fictional")
    pdf.output(str(tmp_path / "locked.pdf"))
    with pytest.raises(PasswordProtected, match="password-protected"):
        check_file(tmp_path / "locked.pdf", "pdf", LIMITS)


def test_xml_parts_are_found_by_content_not_name(tmp_path: Path) -> None:
    hidden = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]><d>&e;</d>'.encode("utf-16")
    path = bombs.write_docx(tmp_path / "hidden.docx", "<w:document xmlns:w='urn:x'/>", {"word/part.bin": hidden})
    with pytest.raises(HostileFile, match="part.bin"):
        check_file(path, "docx", LIMITS)
    media = bombs.write_docx(tmp_path / "media.docx", "<w:document xmlns:w='urn:x'/>", {"word/media/a.png": b"\x89PNG\r\n\x1a\n" + bytes(64)})
    assert check_file(media, "docx", LIMITS)["zip_entries"] == 4


def test_doctype_in_a_flat_part_is_still_refused(tmp_path: Path) -> None:
    styles = b'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY a "b">]><w:styles xmlns:w="urn:x"/>'
    path = bombs.write_docx(tmp_path / "styles.docx", "<w:document xmlns:w='urn:x'/>", {"word/styles.xml": styles})
    with pytest.raises(HostileFile, match="styles.xml"):
        check_file(path, "docx", LIMITS)
