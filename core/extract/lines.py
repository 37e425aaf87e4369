"""Logical lines: the document's text with offsets, bullets stripped and wrapped lines re-joined."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace

from core.extract.dates import _MONTH_RE, DATE, PRESENT, fold
from core.model import LayoutDocument, TextLine

BULLET_RE = re.compile(
    r"^\s*(?:[•●○◦▪▫■□►▸▹‣⁃∙·➢➤✓✔❖◆◇♦♣❑➔➜➝→⇒★☆⚫⦁▶✦✧◾◽⬥⬦\uf0a7\uf0b7\uf076\uf0d8\uf0fc]|[-–—*+»>o](?=\s)|\(?\d{1,2}[.)](?=\s+\D)|\(?[a-z][.)](?=\s))\s*"
)
PAGE_NO = re.compile(r"^\s*(?:page\s*)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?\s*$", re.I)
DANGLING = re.compile(
    r"(?:[,/&(+\-–—]|\b(?:and|or|of|the|a|an|to|in|on|for|with|using|by|from|at|as|into|via|including|"
    r"et|de|du|des|la|le|les|en|pour|avec|y|el|los|las|con|para|und|der|die|das|mit|für|von))$",
    re.I,
)
HEADING_STYLES = ("heading", "title", "h1", "h2", "h3")
RANGE_OPEN = re.compile(rf"(?:^|\s){DATE}\s*(?:[-–—]|to)$", re.I)
RANGE_CLOSE = re.compile(rf"(?:{DATE}|{PRESENT})", re.I)
LONE_DATE = re.compile(rf"(?:{DATE}|{PRESENT})\.?", re.I)
PRESENT_ALONE = re.compile(rf"{PRESENT}\.?", re.I)


@dataclass(slots=True)
class Item:
    """One logical line: a paragraph, bullet or header line (wrapped lines merged)."""

    text: str
    start: int  # offsets into the document text (of the first and last raw line)
    end: int
    page: int
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    size: float = 0.0
    bold: bool = False
    style: str = ""
    bullet: bool = False
    gap_before: bool = False
    links: list[str] = field(default_factory=list)
    raw_lines: int = 1
    indented: bool = False  # a bullet inferred from indentation alone (no glyph, no list style)
    region: str = ""  # page region of the first line: band | main | sidebar ("" when not analysed)
    block: int = 0  # which region of its page, in reading order (0 when not analysed)

    @property
    def words(self) -> int:
        return len(self.text.split())


YEARS_PART = re.compile(r"((?:19|20)\d\d)\s*(?:([-–—])\s*((?:19|20)\d\d)?)?")
MONTHS_PART = re.compile(rf"({_MONTH_RE})\.?\s*(?:([-–—])\s*(?:({_MONTH_RE})\.?)?)?")


def _leading(part: re.Pattern[str], text: str) -> tuple[str, str]:
    """The date part a line starts with and the rest after it: a cell ("   ") or, as a recogniser
    joins a date column's box to the text beside it, any space after the whole part."""
    first, _, rest = text.partition("   ")
    if part.fullmatch(first.strip()):
        return first.strip(), rest
    m = part.match(text)
    after = text[m.end() :].lstrip() if m else ""
    if m is None or not after or after[0].isdigit() or after == text[m.end() :] and not m.group(0)[-1].isspace():
        return first.strip(), rest  # no space after the part, or a date going on ("may 2020")
    return m.group(0).strip(), after


def stacked_year_months(lines: list[TextLine]) -> list[TextLine]:
    """A date column that sets the years over the months ("2015 - 2019" over "mar - dec") as one
    range on the first line ("mar 2015 – dec 2019"); the month line keeps what follows it."""
    out: list[TextLine] = []
    skip = False
    for n, line in enumerate(lines):
        if skip:
            skip = False
            continue
        nxt = lines[n + 1] if n + 1 < len(lines) else None
        first, rest = _leading(YEARS_PART, line.text)
        years = YEARS_PART.fullmatch(first)
        if nxt is None or years is None or nxt.page != line.page or nxt.block != line.block or not line.block:
            out.append(line)
            continue
        m_first, m_rest = _leading(MONTHS_PART, fold(nxt.text))
        months = MONTHS_PART.fullmatch(m_first)
        m_rest = nxt.text[len(nxt.text) - len(m_rest) :] if m_rest else ""
        # recognised boxes are padded, so the month line's box may overlap the year line's by part of a line
        gap = nxt.top - line.bottom
        if months is None or abs(nxt.x0 - line.x0) > 12 or not -line.size / 2 <= gap < max(line.size, 4):
            out.append(line)
            continue
        y1, dash, y2 = years.groups()
        m1, m_dash, m2 = months.groups()
        if m2 and not dash:
            span = f"{m1} {y1} – {m2} {y1}"  # one year, two months
        else:
            span = f"{m1} {y1}" + (" –" if dash or m_dash else "") + (f" {m2 or ''} {y2}".replace("  ", " ") if y2 else "")
        out.append(replace(line, text=span + ("   " + rest if rest else "")))
        if m_rest:
            out.append(replace(nxt, text=m_rest, x0=nxt.x0 + (nxt.x1 - nxt.x0) * len(m_first) / max(len(nxt.text), 1)))
        skip = True
    return out


def build_text(layout: LayoutDocument) -> tuple[str, list[tuple[int, int]], list[tuple[TextLine, int]]]:
    """Join the lines into one text; returns text, page spans and (line, offset) pairs."""
    parts: list[str] = []
    placed: list[tuple[TextLine, int]] = []
    pages: list[tuple[int, int]] = []
    pos = 0
    page = 0
    for line in stacked_year_months(layout.lines) if layout.kind in ("pdf", "image") else layout.lines:
        while line.page > page:
            if pages:
                pages[-1] = (pages[-1][0], pos)
            pages.append((pos, pos))
            page += 1
        placed.append((line, pos))
        parts.append(line.text)
        pos += len(line.text) + 1
    text = "\n".join(parts)
    if pages:
        pages[-1] = (pages[-1][0], len(text))
    else:
        pages = [(0, len(text))]
    return text, pages, placed


def _right_margin(lines: list[tuple[TextLine, int]]) -> float:
    ends = sorted(line.x1 for line, _ in lines if line.text)
    if not ends:
        return 0.0
    return ends[int(len(ends) * 0.9)]


def _char_width(line: TextLine) -> float:
    n = len(line.text)
    return (line.x1 - line.x0) / n if n and line.x1 > line.x0 else 0.0


def logical_items(layout: LayoutDocument, placed: list[tuple[TextLine, int]]) -> list[Item]:
    """Merge wrapped lines (the next word would not have fitted) and mark bullets and gaps."""
    geometric = layout.kind in ("pdf", "txt", "md")
    margin = _right_margin(placed) if geometric else 0.0
    if layout.kind in ("txt", "md"):
        lens = [ln.x1 for ln, _ in placed if ln.text]
        top = max(lens, default=0.0)
        hard_wrapped = 40 <= top <= 130 and sum(1 for x in lens if x >= 0.85 * top) >= 0.25 * max(len(lens), 1)
        geometric = hard_wrapped
        margin = top if hard_wrapped else 0.0
    gaps = [
        b[0].top - a[0].bottom
        for a, b in zip(placed, placed[1:], strict=False)
        if a[0].page == b[0].page and b[0].top > a[0].bottom - 1
    ]
    typical_gap = statistics.median(gaps) if gaps else 0.0
    bucket_margin: dict[tuple[int, int], float] = {}
    if layout.kind == "pdf":
        buckets: dict[tuple[int, int], list[float]] = {}
        for ln, _ in placed:
            if ln.text:
                for b in (round(ln.x0 / 40) - 1, round(ln.x0 / 40), round(ln.x0 / 40) + 1):
                    buckets.setdefault((ln.page, b), []).append(ln.x1)
        for key, ends in buckets.items():
            ends.sort()
            bucket_margin[key] = ends[int(len(ends) * 0.9)] if len(ends) >= 30 else max(ends)
    sizes = [ln.size for ln, _ in placed if ln.text and ln.size]
    body_size = statistics.median(sizes) if sizes else 0.0
    xs = [ln.x0 for ln, _ in placed if ln.text]
    body_x = statistics.median(xs) if xs else 0.0
    items: list[Item] = []
    anchor_x = body_x
    blank = False
    prev_line: TextLine | None = None
    for line, off in placed:
        if not line.text:
            blank = True
            continue
        if PAGE_NO.match(line.text) and layout.kind in ("pdf", "docx"):
            continue
        m = BULLET_RE.match(line.text)
        bullet = line.list_item or bool(m and len(line.text) > m.end() and not re.match(r"^\d{4}", line.text))
        text = line.text[m.end():] if (m and bullet and not line.list_item) else line.text
        if line.list_item and m:
            text = line.text[m.end():]
        vgap = False
        if layout.kind == "pdf" and prev_line is not None and prev_line.page == line.page:
            gap = line.top - prev_line.bottom
            vgap = gap > max(typical_gap * 1.8, typical_gap + 3)
        if prev_line is not None and prev_line.page != line.page:
            vgap = False
        gap_before = blank or vgap
        blank = False
        cont = False
        other_block = prev_line is not None and line.block != prev_line.block  # never glued across regions
        if items and geometric and not bullet and not gap_before and prev_line is not None and not other_block:
            prev = items[-1]
            cw = _char_width(prev_line) or 1.0
            first_word = len(text.split()[0]) if text.split() else 0
            if layout.kind == "pdf":
                margin = bucket_margin.get((prev_line.page, round(prev_line.x0 / 40)), margin)
            full = prev_line.x1 + cw * (first_word + 1) > margin
            if text[:1].isupper() and layout.kind == "pdf":
                dangling = bool(DANGLING.search(prev.text))
                full = (full and dangling) or (
                    prev_line.x1 > margin - 2.5 * cw and not prev.text.endswith((".", "!", "?", ":"))
                )
            same_block = (
                line.x0 >= prev.x0 - cw
                and abs(line.size - prev_line.size) < 0.6
                and line.bold == prev_line.bold
            )
            if layout.kind != "pdf":
                same_block = same_block and line.x0 <= prev_line.x0 + 8
            labelled = bool(re.match(r"^[^:]{2,30}:\s", text))
            cont = full and same_block and prev.words >= 4 and not labelled and "   " not in prev_line.text and "   " not in line.text
        if (items and not bullet and not cont and not other_block and items[-1].text.endswith(("-", "–", "—", "to")) and len(text) <= 20
                and RANGE_CLOSE.fullmatch(text.strip()) and RANGE_OPEN.search(items[-1].text)):
            cont = True  # "September 2020 –" / "June 2021": a date range wrapped in a narrow column
        if (items and not bullet and not cont and not gap_before and not other_block and LONE_DATE.fullmatch(fold(text.strip()))
                and LONE_DATE.fullmatch(fold(items[-1].text)) and not PRESENT_ALONE.fullmatch(items[-1].text)
                and min(abs(items[-1].x1 - line.x1), abs(items[-1].x0 - line.x0)) < 6
                and items[-1].page == line.page and not items[-1].bullet):
            # start and end dates stacked on two lines in a date column: one range
            items[-1].text = f"{items[-1].text} – {text.strip()}"
            items[-1].end = off + len(line.text)
            prev_line = line
            continue
        if (items and prev_line is not None and not bullet and body_size and line.size >= 1.8 * body_size
                and abs(line.size - prev_line.size) < 0.5 and abs(line.x0 - prev_line.x0) < 3
                and items[-1].words + len(text.split()) <= 4 and len(text.split()) <= 2
                and line.page == prev_line.page and not other_block and re.fullmatch(r"[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*)?", text)
                and line.top - prev_line.bottom < line.size):
            cont = True  # a display name set in very large type over several lines
        if cont:
            prev = items[-1]
            joiner = "" if prev.text.endswith("-") and text[:1].islower() else " "
            prev.text = (prev.text[:-1] if joiner == "" else prev.text) + joiner + text
            prev.end = off + len(line.text)
            prev.x1 = max(prev.x1, line.x1)
            prev.links.extend(line.links)
            prev.raw_lines += 1
        else:
            indent_bullet = (
                layout.kind == "pdf"
                and not bullet
                and anchor_x + 10 < line.x0 < anchor_x + 80
                and line.size <= 1.15 * body_size
                and not line.bold
            )
            if not (bullet or indent_bullet):
                anchor_x = line.x0
            items.append(
                Item(
                    text=text.strip(),
                    start=off,
                    end=off + len(line.text),
                    page=line.page,
                    x0=line.x0,
                    x1=line.x1,
                    top=line.top,
                    size=line.size,
                    bold=line.bold,
                    style=line.style,
                    bullet=bullet or indent_bullet,
                    indented=indent_bullet and not bullet,
                    gap_before=gap_before,
                    links=list(line.links),
                    region=line.region,
                    block=line.block,
                )
            )
        prev_line = line
    return [it for it in items if it.text]
