"""DOCX reader on python-docx: paragraphs (styles, lists, bold, hyperlinks), tables and headers as lines."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from core.errors import ParseFailed
from core.model import LayoutDocument, TextLine

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
DATE_CELL = re.compile(r"^[\s\w.,'/()–—-]{0,40}\b(19|20)\d\d\b[\s\w.,'/()–—-]{0,30}$|present|current", re.I)


class _Styles:
    """Paragraph styles by id, looked up once (python-docx's own lookup is slow)."""

    def __init__(self, doc: Any) -> None:
        self.by_id: dict[str, tuple[str, bool, float]] = {}
        self.default = ("Normal", False, 0.0)
        for st in doc.styles.element.findall(f"{W_NS}style"):
            sid = st.get(f"{W_NS}styleId") or ""
            name_el = st.find(f"{W_NS}name")
            name = name_el.get(f"{W_NS}val") if name_el is not None else sid
            rpr = st.find(f"{W_NS}rPr")
            bold = False
            size = 0.0
            if rpr is not None:
                b = rpr.find(f"{W_NS}b")
                bold = b is not None and b.get(f"{W_NS}val") not in ("0", "false")
                sz = rpr.find(f"{W_NS}sz")
                if sz is not None and (sz.get(f"{W_NS}val") or "").isdigit():
                    size = int(sz.get(f"{W_NS}val") or 0) / 2
            self.by_id[sid] = (name or sid, bold, size)
            if st.get(f"{W_NS}default") in ("1", "true") and st.get(f"{W_NS}type") == "paragraph":
                self.default = self.by_id[sid]

    def of(self, par: Any) -> tuple[str, bool, float]:
        ppr = par._p.pPr
        if ppr is not None and ppr.pStyle is not None:
            return self.by_id.get(ppr.pStyle.val, self.default)
        return self.default


def _para_line(par: Any, rels: dict[str, str], styles: _Styles) -> TextLine | None:
    """One python-docx paragraph as a TextLine (None when empty)."""
    text = " ".join(par.text.replace("\t", "   ").split(" ")).strip()
    if not text:
        return None
    style, style_bold, style_size = styles.of(par)
    runs = [r for r in par.runs if r.text.strip()]
    bold_chars = sum(len(r.text) for r in runs if r.bold or (r.bold is None and style_bold))
    total = sum(len(r.text) for r in runs) or 1
    ppr = par._p.pPr
    numbered = ppr is not None and ppr.numPr is not None
    links = []
    for h in par._p.iter(f"{W_NS}hyperlink"):
        rid = h.get(R_ID)
        if rid and rid in rels:
            links.append(rels[rid])
    size = 0.0
    sizes = [r.font.size.pt for r in runs if r.font.size is not None]
    size = max(sizes) if sizes else style_size
    return TextLine(
        text=text,
        page=1,
        size=size,
        bold=bold_chars >= 0.6 * total,
        style=style,
        list_item=numbered or style.lower().startswith("list"),
        links=links,
    )


def _cell_lines(cell: Any, rels: dict[str, str], styles: _Styles) -> list[TextLine]:
    out: list[TextLine] = []
    for par in cell.paragraphs:
        line = _para_line(par, rels, styles)
        if line:
            out.append(line)
    for table in cell.tables:
        out.extend(_table_lines(table, rels, styles))
    return out


def _table_lines(table: Any, rels: dict[str, str], styles: _Styles) -> list[TextLine]:
    """A table's lines: a layout table (a sidebar cell spanning rows beside another column) column
    by column, any other table row by row."""
    try:
        grid = [list(row.cells) for row in table.rows]
    except (IndexError, ValueError, AttributeError):
        return []
    read: set[int] = set()
    return [ln for part in layout_parts(grid) for ln in _rows_lines(part, rels, styles, read)]


def layout_parts(grid: list[list[Any]]) -> list[list[list[Any]]]:
    """The table's cells split at a column gap that no block cell crosses: the cells crossing it
    (a name band over both columns) first, then the left part, then the right part, each split
    again the same way; the whole table when no cell holding a block of text spans rows."""
    width = max((len(r) for r in grid), default=0)
    spans: dict[int, tuple[set[int], set[int], Any]] = {}
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            rows, cols, _ = spans.setdefault(id(cell._tc), (set(), set(), cell))
            rows.add(r)
            cols.add(c)
    blocks = [k for k, (rows, _, cell) in spans.items() if len(rows) > 1 and cell.text.count("\n") >= 2]
    best: tuple[int, int] | None = None
    for gap in range(1, width):
        crossing = sum(1 for rows, cols, cell in spans.values() if min(cols) < gap <= max(cols) and cell.text.strip())
        left = any(max(spans[k][1]) < gap for k in blocks)
        right = any(min(spans[k][1]) >= gap for k in blocks)
        has_left = any(max(cols) < gap and cell.text.strip() for _, cols, cell in spans.values())
        has_right = any(min(cols) >= gap and cell.text.strip() for _, cols, cell in spans.values())
        if (left or right) and has_left and has_right and crossing <= 2 and (best is None or crossing < best[0]):
            best = (crossing, gap)
    if best is None:
        return [grid]
    gap = best[1]

    def keep(test: Any) -> list[list[Any]]:
        return [[cell for c, cell in enumerate(row) if test(spans[id(cell._tc)][1])] for row in grid]

    band = keep(lambda cols: min(cols) < gap <= max(cols))
    return [band, *layout_parts(keep(lambda cols: max(cols) < gap)), *layout_parts(keep(lambda cols: min(cols) >= gap))]


def _rows_lines(grid: list[list[Any]], rels: dict[str, str], styles: _Styles, read: set[int]) -> list[TextLine]:
    """Rows of a table: short cells (dates, places) are joined onto the main cell's first line."""
    out: list[TextLine] = []
    for row in grid:
        cells: list[list[TextLine]] = []
        for cell in row:
            if id(cell._tc) in read:  # merged cells repeat, across columns and down rows
                continue
            read.add(id(cell._tc))
            lines = _cell_lines(cell, rels, styles)
            if lines:
                cells.append(lines)
        if not cells:
            continue
        short = [c for c in cells if len(c) == 1 and len(c[0].text) <= 45]
        if len(cells) > 1 and len(short) == len(cells):
            first = cells[0][0]
            first.text = "   ".join(c[0].text for c in cells)
            first.links = [u for c in cells for u in c[0].links]
            out.append(first)
            continue
        longs = [c for c in cells if c not in short]
        if len(longs) == 1 and short:
            main = longs[0]
            extra = "   ".join(c[0].text for c in short)
            main[0].text = f"{main[0].text}   {extra}" if DATE_CELL.search(extra) else main[0].text
            if not DATE_CELL.search(extra):
                out.extend(c[0] for c in short)
            out.extend(main)
            continue
        for c in cells:
            out.extend(c)
    return out


def read_docx(path: Path) -> LayoutDocument:
    """Read a DOCX file: headers, then body paragraphs and tables in document order."""
    import docx

    try:
        doc = docx.Document(str(path))
    except Exception as err:
        raise ParseFailed("This Word document is damaged or not a DOCX file.") from err
    styles = _Styles(doc)
    rels = {
        rid: rel.target_ref
        for rid, rel in doc.part.rels.items()
        if rel.reltype.endswith("/hyperlink")
    }
    layout = LayoutDocument(kind="docx")
    for section in doc.sections:
        try:
            header = section.header
            if header.is_linked_to_previous:
                continue
            hrels = {r: x.target_ref for r, x in header.part.rels.items() if x.reltype.endswith("/hyperlink")}
            for par in header.paragraphs:
                line = _para_line(par, hrels, styles)
                if line:
                    line.style = f"header:{line.style}"
                    layout.lines.append(line)
            for table in header.tables:
                layout.lines.extend(_table_lines(table, hrels, styles))
        except Exception:
            continue
    _read_blocks(doc.element.body, doc, rels, styles, layout.lines)
    for section in doc.sections:
        _read_footer(section, styles, layout)
    layout.links = list(dict.fromkeys(rels.values()))
    return layout


def _read_footer(section: Any, styles: _Styles, layout: LayoutDocument) -> None:
    """Footer paragraphs, text boxes and tables (people put contact details there) after the body."""
    try:
        footer = section.footer
        if footer.is_linked_to_previous:
            return
        frels = {r: x.target_ref for r, x in footer.part.rels.items() if x.reltype.endswith("/hyperlink")}
        lines: list[TextLine] = []
        _read_blocks(footer._element, footer, frels, styles, lines)
    except (AttributeError, KeyError, ValueError):
        return  # a damaged footer part costs the footer, not the document
    for line in lines:
        if PAGE_FIELD.fullmatch(line.text):
            continue
        line.style = f"footer:{line.style}"
        layout.lines.append(line)


PAGE_FIELD = re.compile(r"(?i)\s*(?:page\s*)?\d{1,3}(?:\s*(?:/|of|von|de|sur)\s*\d{1,3})?\s*")


MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _read_blocks(
    parent: Any, doc: Any, rels: dict[str, str], styles: _Styles, out: list[TextLine], depth: int = 0
) -> None:
    """Paragraphs and tables in order, including content controls (w:sdt) and text boxes."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if depth > 8:
        return
    # text boxes float beside the text that anchors them: read after the anchoring paragraph and
    # the paragraphs that continue it in the same style (a name set over two "Title" lines)
    boxes: list[Any] = []
    anchor_style = ""

    def flush() -> None:
        for box in boxes:
            _read_blocks(box, doc, rels, styles, out, depth + 1)
        boxes.clear()

    for child in parent.iterchildren():
        tag = child.tag
        if tag == f"{W_NS}p":
            line = _para_line(Paragraph(child, doc), rels, styles)
            if boxes and (line is None or line.style != anchor_style):
                flush()
            if line:
                out.append(line)
            own = [b for b in child.iter(f"{W_NS}txbxContent") if not any(a.tag == MC_FALLBACK for a in b.iterancestors())]
            if own:  # (the VML copy of a text box in mc:Fallback is the same box, already in mc:Choice)
                flush()
                boxes.extend(own)
                anchor_style = line.style if line else ""
                if line is None:
                    flush()
        else:
            flush()
        if tag == f"{W_NS}tbl":
            out.extend(_table_lines(Table(child, doc), rels, styles))
        elif tag in (f"{W_NS}sdt", f"{W_NS}sdtContent", f"{W_NS}customXml", f"{W_NS}smartTag"):
            _read_blocks(child, doc, rels, styles, out, depth + 1)
    flush()
