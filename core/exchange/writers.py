"""Rendered exports: DOCX (python-docx), PDF (fpdf2 with the bundled DejaVu Sans), Markdown, and
the CSV of the facts table."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import text

from core.exchange.layout import Block, resume_blocks
from core.exchange.selection import Selection, select
from core.workspace import Workspace

CSV_COLUMNS = ("id", "type", "value", "status", "visibility", "confidence", "source_kind", "tags", "attributes",
               "sources", "created_at", "updated_at")


# -- Markdown ---------------------------------------------------------------------------------------


def _md_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")


def render_markdown(resume: dict[str, Any]) -> str:
    lines: list[str] = []
    for b in resume_blocks(resume):
        t = _md_escape(b.text)
        if b.kind == "name":
            lines += [f"# {t}", ""]
        elif b.kind == "heading":
            lines += ["", f"## {t}", ""]
        elif b.kind == "entry":
            lines += ["", f"### {t}", ""]
        elif b.kind == "bullet":
            lines.append(f"- {t}")
        elif b.kind in ("meta", "label"):
            lines += [f"*{t}*", ""]
        else:
            lines += [t, ""]
    text_out = "\n".join(lines)
    while "\n\n\n" in text_out:
        text_out = text_out.replace("\n\n\n", "\n\n")
    return text_out.strip() + "\n"


# -- DOCX -------------------------------------------------------------------------------------------


# What XML 1.0 cannot hold (lxml refuses it): C0 controls but tab/newline/return, lone surrogates,
# U+FFFE/U+FFFF. A fact may carry them from a pasted or parsed text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with the characters a DOCX cannot hold turned into spaces."""
    return _NOT_XML.sub(" ", text)


def write_docx(resume: dict[str, Any], path: Path) -> Path:
    """One column, Calibri 11, real Heading/List Bullet styles (what ATS parsers read best)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    for section in doc.sections:
        section.left_margin = section.right_margin = Pt(54)
        section.top_margin = section.bottom_margin = Pt(48)
    for b in resume_blocks(resume):
        b = Block(b.kind, xml_safe(b.text))
        if b.kind == "name":
            p = doc.add_heading(b.text, level=0)
        elif b.kind == "heading":
            p = doc.add_heading(b.text.upper(), level=1)
        elif b.kind == "entry":
            p = doc.add_paragraph()
            p.add_run(b.text).bold = True
            p.paragraph_format.space_before = Pt(8)
            p.paragraph_format.space_after = Pt(0)
        elif b.kind == "bullet":
            p = doc.add_paragraph(b.text, style="List Bullet")
        elif b.kind == "meta":
            p = doc.add_paragraph()
            p.add_run(b.text).italic = True
            p.paragraph_format.space_after = Pt(2)
        elif b.kind == "degree":
            p = doc.add_paragraph(b.text)
            p.paragraph_format.space_after = Pt(0)
        else:
            p = doc.add_paragraph(b.text)
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        p.paragraph_format.keep_together = True  # no bullet split over a page break
        p.paragraph_format.keep_with_next = b.kind in ("heading", "entry", "degree", "meta")
    doc.save(str(path))
    return path


# -- PDF --------------------------------------------------------------------------------------------


def _font_paths() -> tuple[Path, Path]:
    root = resources.files("resources").joinpath("fonts")
    return Path(str(root.joinpath("DejaVuSans.ttf"))), Path(str(root.joinpath("DejaVuSans-Bold.ttf")))


# size, style, space before, space after, indent per block kind
_PDF_STYLE: dict[str, tuple[float, str, float, float, float]] = {
    "name": (20, "B", 0, 4, 0), "label": (12, "", 0, 2, 0), "contact": (10, "", 0, 1, 0),
    "heading": (13, "B", 10, 3, 0), "entry": (11, "B", 5, 0, 0), "degree": (10.5, "", 0, 0, 0),
    "meta": (10, "", 0, 2, 0), "bullet": (10.5, "", 0, 1, 14), "skills": (10.5, "", 0, 2, 0),
    "text": (10.5, "", 0, 2, 0),
}
_LEADS = ("heading", "entry", "degree", "meta")  # kept on one page with what follows them


def write_pdf(resume: dict[str, Any], path: Path) -> Path:
    """A4, one column, left-aligned real text (selectable, extractable), Unicode through DejaVu Sans.

    A paragraph or bullet never splits across a page break (unless longer than a page), and a
    heading or entry line stays with the first line of its content."""
    from fpdf import FPDF
    from fpdf.enums import Align, MethodReturnValue, XPos, YPos

    regular, bold = _font_paths()
    pdf = FPDF(format="A4", unit="pt")
    pdf.set_margins(54, 48, 54)
    pdf.set_auto_page_break(True, margin=48)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_title(str((resume.get("basics") or {}).get("name") or "Resume"))
    pdf.set_creator("Vita")
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    body = pdf.h - pdf.t_margin - pdf.b_margin

    def shown(b: Block) -> str:
        return b.text.upper() if b.kind == "heading" else b.text

    def height(b: Block) -> float:
        size, style, before, after, indent = _PDF_STYLE[b.kind]
        pdf.set_font("DejaVu", style, size)
        lines = pdf.multi_cell(width - indent, size * 1.3, shown(b), dry_run=True,
                               output=MethodReturnValue.LINES)
        return before + after + len(lines) * size * 1.3  # type: ignore[arg-type]  # LINES gives a list

    blocks = resume_blocks(resume)
    for i, b in enumerate(blocks):
        need = height(b)
        if b.kind in _LEADS:  # with the following leads and the first line of content
            j = i + 1
            while j < len(blocks) and blocks[j].kind in _LEADS and blocks[j].kind != "heading":
                need += height(blocks[j])
                j += 1
            if j < len(blocks):
                size = _PDF_STYLE[blocks[j].kind][0]
                need += size * 1.3 * 2
        room = pdf.h - pdf.b_margin - pdf.get_y()
        if need > room and need <= body and pdf.get_y() > pdf.t_margin + 1:
            pdf.add_page()
        size, style, before, after, indent = _PDF_STYLE[b.kind]
        pdf.set_font("DejaVu", style, size)
        if before and pdf.get_y() > pdf.t_margin + 1:
            pdf.ln(before)
        if b.kind == "bullet":  # a hanging indent: wrapped lines align with the text, not the bullet
            pdf.set_x(pdf.l_margin + indent - 9)
            pdf.cell(9, size * 1.3, "\u2022")
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(width - indent, size * 1.3, shown(b), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if after:
            pdf.ln(after)
        if b.kind == "heading":
            y = pdf.get_y()
            pdf.line(pdf.l_margin, y - 2, pdf.l_margin + width, y - 2)
    pdf.output(str(path))
    return path


# -- CSV of the facts table -------------------------------------------------------------------------


def facts_csv(ws: Workspace, selection: Selection | None = None, *, everything: bool = True) -> str:
    """The facts table as CSV (attributes and tags as JSON, provenance summarised per fact).

    `everything` (the default for the table export) includes pending, rejected and hidden facts;
    with `everything=False` the selection rules of resume exports apply."""
    if everything:
        selection = Selection(include_hidden=True, include_pending=True, include_rejected=True)
    chosen = select(ws, selection)
    with ws.reading() as conn:
        sources: dict[int, list[str]] = {}
        for fid, kind, doc, page, note in conn.execute(text(
                "SELECT fact_id, source_kind, document_id, page, note FROM fact_sources ORDER BY id")):
            desc = kind + (f":doc{doc}" if doc else "") + (f"p{page}" if page else "") + (f" ({note})" if note else "")
            sources.setdefault(int(fid), []).append(desc)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for f in sorted(chosen.facts.values(), key=lambda f: f.id):
        w.writerow([f.id, f.type.value, f.value, f.status.value, f.visibility.value, f.confidence, f.source_kind.value,
                    json.dumps(f.tags, ensure_ascii=False), json.dumps(f.attributes, ensure_ascii=False, sort_keys=True),
                    "; ".join(sources.get(f.id, [])), f.created_at, f.updated_at])
    return buf.getvalue()


def render_blocks_text(blocks: list[Block]) -> str:
    """Plain text of the layout (used by tests and previews)."""
    return "\n".join(b.text for b in blocks)
