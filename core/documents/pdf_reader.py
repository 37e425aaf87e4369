"""PDF reader on pdfium: characters with boxes, size and weight grouped into lines in reading order."""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.documents.regions import page_regions
from core.errors import NeedsOCR, ParseFailed, PasswordProtected
from core.model import LayoutDocument, TextLine

GAP_FACTOR = 2.2  # a horizontal gap wider than this many font sizes splits a line into segments
SPACE_FACTOR = 0.1  # an unspaced gap wider than this many font sizes is a word space
BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")


@dataclass(slots=True)
class _Seg:
    """A run of characters on one baseline with no wide gap inside."""

    chars: list[str] = field(default_factory=list)
    x0: float = 1e9
    x1: float = -1e9
    top: float = 1e9
    bottom: float = -1e9
    sizes: list[float] = field(default_factory=list)
    bold: int = 0
    score: float = 1.0  # recognition confidence (OCR boxes); text layers are certain

    def add(self, ch: str, box: tuple[float, float, float, float], size: float, bold: bool) -> None:
        self.chars.append(ch)
        x0, top, x1, bottom = box
        if ch.strip():
            self.x0, self.x1 = min(self.x0, x0), max(self.x1, x1)
            self.top, self.bottom = min(self.top, top), max(self.bottom, bottom)
            self.sizes.append(size)
            self.bold += bold

    @property
    def text(self) -> str:
        raw = re.sub(r"\s*\u2003[\s\u2003]*", "\u2003", "".join(self.chars))
        return " ".join(raw.split(" ")).replace("\u2003", "  ").strip()


_OBJ_FN: object = None


def _text_object_fn() -> object:
    """FPDFText_GetTextObject returning a plain address (cheap to use as a cache key)."""
    global _OBJ_FN
    if _OBJ_FN is None:
        import pypdfium2.raw as raw

        proto = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
        _OBJ_FN = ctypes.cast(raw.FPDFText_GetTextObject, proto)
    return _OBJ_FN


def _font_info(key: int, cache: dict[int, tuple[bool, float]]) -> tuple[bool, float]:
    import pypdfium2.raw as raw

    hit = cache.get(key)
    if hit is not None:
        return hit
    bold = False
    obj = ctypes.cast(ctypes.c_void_p(key), raw.FPDF_PAGEOBJECT)
    font = raw.FPDFTextObj_GetFont(obj)
    if font:
        weight = raw.FPDFFont_GetWeight(font)
        buf = ctypes.create_string_buffer(128)
        n = raw.FPDFFont_GetBaseFontName(font, buf, 128)
        name = buf.value.decode("latin-1", "replace").lower() if n else ""
        bold = weight >= 600 or any(b in name for b in BOLD_NAMES)
    cache[key] = (bold, 0.0)
    return cache[key]


def _page_segments(textpage: object, page_h: float) -> list[_Seg]:
    """Characters of one page grouped into segments (pdfium's line order kept)."""
    import pypdfium2.raw as raw

    tp = textpage.raw  # type: ignore[attr-defined]
    n = raw.FPDFText_CountChars(tp)
    rect = raw.FS_RECTF()
    cache: dict[int, tuple[bool, float]] = {}
    get_obj = _text_object_fn()
    tp_addr = ctypes.cast(tp, ctypes.c_void_p)
    segs: list[_Seg] = []
    cur = _Seg()
    last_x1 = None
    last_mid = None
    for i in range(n):
        code = raw.FPDFText_GetUnicode(tp, i)
        ch = chr(code) if code else ""
        if ch in ("\r", "\n", "\x02"):
            if cur.chars and code != 0x02:
                segs.append(cur)
                cur = _Seg()
                last_x1 = None
            continue
        raw.FPDFText_GetLooseCharBox(tp, i, ctypes.byref(rect))
        box = (rect.left, page_h - rect.top, rect.right, page_h - rect.bottom)
        size = box[3] - box[1]
        if not ch.strip():
            if cur.chars:
                cur.chars.append(" ")
            continue
        obj = get_obj(tp_addr, i)  # type: ignore[operator]
        hit = cache.get(obj) if obj else (False, 0.0)
        bold = (hit or _font_info(obj, cache))[0]
        mid = (box[1] + box[3]) / 2
        if last_x1 is not None and cur.chars:
            gap = box[0] - last_x1
            newline = last_mid is not None and abs(mid - last_mid) > max(size, 4) * 0.6
            if gap > GAP_FACTOR * max(size, 4) or gap < -max(size, 4) * 2 or newline:
                segs.append(cur)
                cur = _Seg()
            elif gap > 0.9 * max(size, 4):
                cur.chars.append("\u2003")  # a wide space: a field separator, kept as two spaces
            elif gap > SPACE_FACTOR * max(size, 4) and cur.chars[-1] != " ":
                cur.chars.append(" ")  # TeX drivers often place words apart without a space character
        cur.add(ch, box, size, bold)
        last_x1, last_mid = box[2], mid
    if cur.chars:
        segs.append(cur)
    return [s for s in segs if s.text]


def _page_links(page: object, page_h: float) -> list[tuple[str, tuple[float, float, float, float]]]:
    """URI link annotations of a page with their boxes (top-left origin)."""
    import pypdfium2.raw as raw

    out: list[tuple[str, tuple[float, float, float, float]]] = []
    pg = page.raw  # type: ignore[attr-defined]
    doc = raw.FPDF_GetPageCount  # noqa: F841 - keep raw imported
    pos = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    rect = raw.FS_RECTF()
    while raw.FPDFLink_Enumerate(pg, ctypes.byref(pos), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        pdoc = page.pdf.raw  # type: ignore[attr-defined]
        size = raw.FPDFAction_GetURIPath(pdoc, action, None, 0)
        if size <= 1 or size > 4096:
            continue
        buf = ctypes.create_string_buffer(size)
        raw.FPDFAction_GetURIPath(pdoc, action, buf, size)
        uri = buf.value.decode("utf-8", "replace").strip()
        if not raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            continue
        box = (rect.left, page_h - rect.top, rect.right, page_h - rect.bottom)
        if box[1] > box[3]:
            box = (box[0], box[3], box[2], box[1])
        out.append((uri, box))
    return out


def _full_range(text: str) -> bool:
    from core.extract.dates import best_range

    dr = best_range(text)
    return dr is not None and (dr.end is not None or dr.present)


BULLET_GLYPHS = set("•●○◦▪▫■□►▸▹‣⁃∙·➢➤✓✔❖◆◇–-*")


def _attach_bullets(segs: list[_Seg]) -> list[_Seg]:
    """Bullet glyphs drawn as separate text runs are put in front of the line they mark."""
    glyphs = [s for s in segs if s.text in BULLET_GLYPHS]
    if not glyphs:
        return segs
    rest = [s for s in segs if s.text not in BULLET_GLYPHS]
    for g in glyphs:
        mid = (g.top + g.bottom) / 2
        target = min(
            (s for s in rest if s.top - 2 <= mid <= s.bottom + 2 and 0 <= s.x0 - g.x1 < 40),
            key=lambda s: s.x0 - g.x1,
            default=None,
        )
        if target is not None and not target.chars[:1] == ["•"]:
            target.chars[:0] = ["•", " "]
        elif target is None:
            rest.append(g)
    return [s for s in segs if s in rest] if len(rest) == len(segs) else _keep_order(segs, rest)


def _keep_order(segs: list[_Seg], kept: list[_Seg]) -> list[_Seg]:
    ids = {id(s) for s in kept}
    return [s for s in segs if id(s) in ids]


def _merge_same_line(segs: list[_Seg]) -> list[list[_Seg]]:
    """Group consecutive segments that share a baseline (e.g. a title and its right-aligned dates)."""
    rows: list[list[_Seg]] = []
    for s in segs:
        if rows:
            prev = rows[-1][-1]
            h = max(prev.bottom - prev.top, 1.0)
            if abs(s.top - prev.top) < h * 0.5 and s.x0 > prev.x1:
                rows[-1].append(s)
                continue
            # a short date or place drawn out of order (after later lines) joins the row it sits on
            if len(s.text.split()) <= 6 and _full_range(s.text):
                home = next(
                    (
                        r
                        for r in reversed(rows[-60:])
                        if abs(s.top - r[0].top) < max(r[0].bottom - r[0].top, 1.0) * 0.5
                        and all(s.x0 >= x.x1 or s.x1 <= x.x0 for x in r)
                    ),
                    None,
                )
                if home is not None and home is not rows[-1]:
                    home.append(s)
                    home.sort(key=lambda x: x.x0)
                    continue
        rows.append([s])
    return rows


def segment(text: str, box: tuple[float, float, float, float], *, size: float, bold: bool, score: float = 1.0) -> _Seg:
    """A segment from a box found some other way (an OCR text box): same layout analysis as PDF text."""
    seg = _Seg(chars=list(text), x0=box[0], top=box[1], x1=box[2], bottom=box[3], score=score)
    seg.sizes = [size] * max(1, sum(1 for c in text if c.strip()))
    seg.bold = len(seg.sizes) if bold else 0
    return seg


def lines_from_segments(segs: list[_Seg], *, page: int, page_width: float) -> list[TextLine]:
    """One page's segments (pdfium text runs or OCR boxes) laid out: bullets attached, regions
    read in order, rows formed inside each region (a date never joins a row across the gutter)."""
    segs = _attach_bullets(segs)
    lines = []
    regions = page_regions(segs, page_width)
    rows = ((n, kind, row) for n, (kind, group) in enumerate(regions, start=1) for row in _merge_same_line(group))
    for block, region, row in rows:
        sizes = [z for s in row for z in s.sizes]
        nb = sum(s.bold for s in row)
        lines.append(
            TextLine(
                text="   ".join(s.text for s in row),
                page=page,
                x0=row[0].x0,
                top=min(s.top for s in row),
                x1=row[-1].x1,
                bottom=max(s.bottom for s in row),
                size=round(sorted(sizes)[len(sizes) // 2], 1) if sizes else 0.0,
                bold=nb > 0.6 * max(len(sizes), 1),
                region=region,
                block=block,
                confidence=min(s.score for s in row),
            )
        )
    return lines


def read_pdf(path: Path) -> LayoutDocument:
    """Read a PDF into lines; raises PasswordProtected or NeedsOCR."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        msg = str(err).lower()
        if "password" in msg or "security" in msg:
            raise PasswordProtected("This PDF is password-protected.") from err
        return _read_with_pdfplumber(path)
    try:
        return _read(pdf)
    finally:
        pdf.close()


def _read(pdf: object) -> LayoutDocument:
    layout = LayoutDocument(kind="pdf", page_count=len(pdf))  # type: ignore[arg-type]
    total_chars = 0
    import pypdfium2 as pdfium

    broken = 0
    for pno in range(len(pdf)):  # type: ignore[arg-type]
        try:
            page = pdf[pno]  # type: ignore[index]
        except pdfium.PdfiumError:
            broken += 1
            continue  # a broken page is skipped; the rest of the document is still read
        w, h = page.get_size()
        layout.page_width = max(layout.page_width, w)
        tp = page.get_textpage()
        segs = _page_segments(tp, h)
        links = _page_links(page, h)
        tp.close()
        page.close()
        total_chars += sum(len(s.text) for s in segs)
        for line in lines_from_segments(segs, page=pno + 1, page_width=w):
            for uri, box in links:
                if box[0] < line.x1 and box[2] > line.x0 and box[1] < line.bottom and box[3] > line.top:
                    line.links.append(uri)
            layout.lines.append(line)
        layout.links.extend(u for u, _ in links if u not in layout.links)
    if broken and broken == layout.page_count:
        raise ParseFailed("This PDF is damaged: none of its pages could be read.")
    if total_chars < 20:
        raise NeedsOCR("This PDF has no text layer; it needs OCR.")
    return layout


def _read_with_pdfplumber(path: Path) -> LayoutDocument:
    """Fallback for files pdfium refuses: pdfminer is more lenient with some damaged PDFs."""
    try:
        import pdfplumber

        layout = LayoutDocument(kind="pdf")
        with pdfplumber.open(str(path)) as pdf:
            layout.page_count = len(pdf.pages)
            for pno, page in enumerate(pdf.pages, start=1):
                layout.page_width = max(layout.page_width, float(page.width))
                for ln in page.extract_text_lines():
                    chars = ln.get("chars") or []
                    sizes = sorted(float(c.get("size", 0)) for c in chars)
                    bold = sum(1 for c in chars if any(b in str(c.get("fontname", "")).lower() for b in BOLD_NAMES))
                    layout.lines.append(
                        TextLine(
                            text=" ".join(str(ln["text"]).split()),
                            page=pno,
                            x0=float(ln["x0"]),
                            top=float(ln["top"]),
                            x1=float(ln["x1"]),
                            bottom=float(ln["bottom"]),
                            size=sizes[len(sizes) // 2] if sizes else 0.0,
                            bold=bold > 0.6 * max(len(chars), 1),
                        )
                    )
                for link in page.hyperlinks or []:
                    uri = link.get("uri")
                    if uri and uri not in layout.links:
                        layout.links.append(str(uri))
    except Exception as err:
        raise ParseFailed("This PDF is damaged or not a PDF.") from err
    if sum(len(ln.text) for ln in layout.lines) < 20:
        raise NeedsOCR("This PDF has no text layer; it needs OCR.")
    return layout
