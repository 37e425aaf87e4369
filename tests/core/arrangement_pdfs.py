"""Fictional resume pages placed line by line, written by two PDF producers: fpdf2, and a minimal
hand-written PDF (text objects with Td/Tj, as many office and TeX drivers emit them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGE_W, PAGE_H = 595.0, 842.0
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


@dataclass(frozen=True, slots=True)
class Placed:
    """One line of text at (x, y) from the top-left corner, in points."""

    x: float
    y: float
    text: str
    size: float = 10.0
    bold: bool = False


def write_fpdf(path: Path, lines: list[Placed]) -> Path:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    family = "Helvetica"
    if DEJAVU.exists() and DEJAVU_BOLD.exists():  # embedded TrueType: unlike the raw writer's Type1 fonts
        pdf.add_font("DejaVu", "", str(DEJAVU))
        pdf.add_font("DejaVu", "B", str(DEJAVU_BOLD))
        family = "DejaVu"
    for ln in lines:
        text = ln.text if family == "DejaVu" else ln.text.encode("latin-1", "replace").decode("latin-1")
        pdf.set_font(family, "B" if ln.bold else "", ln.size)
        pdf.text(ln.x, ln.y + ln.size * 0.8, text)
    pdf.output(str(path))
    return path


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def write_raw(path: Path, lines: list[Placed]) -> Path:
    """A one-page PDF written byte by byte: two standard fonts, one text object per line."""
    ops = []
    for ln in lines:
        font = b"/F2" if ln.bold else b"/F1"
        y = PAGE_H - ln.y - ln.size * 0.8
        ops.append(b"BT " + font + b" %.1f Tf %.2f %.2f Td (" % (ln.size, ln.x, y) + _escape(ln.text) + b") Tj ET")
    content = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>" % (PAGE_W, PAGE_H),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


PRODUCERS = {"fpdf2": write_fpdf, "raw": write_raw}
