"""Page regions from positioned line boxes: column gutters, a band above or across them, sidebars.

Works on any boxes with x0/x1/top/bottom/text in points (origin top-left): pdfium's text runs in
the PDF reader, and lines recognised by OCR, so both are read in the same order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from core.model import TextLine


class LineBox(Protocol):
    """A positioned run of text on one page."""

    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def text(self) -> str: ...


B = TypeVar("B", bound=LineBox)

_DATEISH = re.compile(
    r"\b(?:19|20)\d\d\b|present|current|now|heute|aujourd|today|ongoing"
    r"|\b(?:jan(?:uary|vier|uar)?|feb(?:ruary|rero|ruar)?|m[aä]r(?:ch|s|z|zo)?|apr(?:il)?|abr(?:il)?|ma[iy]|mayo"
    r"|jun(?:e|io|i)?|juin|jul(?:y|io|i)?|juil(?:let)?|aug(?:ust)?|sep(?:t|tember|tiembre|tembre)?|o[ck]t(?:ober|ubre|obre)?"
    r"|nov(?:ember|iembre|embre)?|d[eé][cz](?:ember|iembre|embre)?|dic(?:iembre)?|ene(?:ro)?|f[eé]v(?:rier)?|avr(?:il)?)"
    r"\.?(?=\s|$|[-–])",
    re.I,
)
SIDEBAR_SHARE = 0.4  # a column narrower than this share of the page is a sidebar
MIN_BOXES = 8  # fewer runs than this are read as they come
MAX_DEPTH = 3  # columns inside columns inside columns at most


def _mostly_dates(boxes: Sequence[LineBox]) -> bool:
    short = [s for s in boxes if len(s.text.split()) <= 6]
    return sum(1 for s in short if _DATEISH.search(s.text)) > 0.5 * len(boxes)


def _flush(edges: Iterable[float]) -> bool:
    """Whether many of these line ends sit at one x (within 3 pt, the jitter of recognised boxes):
    text aligned on that edge."""
    ends = sorted(edges)
    middle = ends[len(ends) // 2]
    near = sum(1 for x in ends if abs(x - middle) <= 3.0)
    return near >= 3 and near >= 0.4 * len(ends)


def _mode_count(values: list[int]) -> int:
    return max((values.count(v) for v in set(values)), default=0)


def _gutter(boxes: Sequence[LineBox], lo: float, hi: float) -> float | None:
    """The x of the best vertical gutter between lo and hi with real columns on both sides.

    Runs crossing the gutter above both columns or below them (a name band, a footer) do not count
    against it; a few beside them (a stray wide line) are tolerated."""
    n = len(boxes)
    by_x1 = sorted(boxes, key=lambda s: s.x1)
    x1s = [s.x1 for s in by_x1]
    x0s = sorted(s.x0 for s in boxes)
    # candidates: just right of a run's right edge or just left of its left edge (a gutter however narrow)
    cands = sorted({round(x, 1) for x in [x + 0.5 for x in x1s] + [x - 0.5 for x in x0s] if lo <= x <= hi})
    best: tuple[float, float] | None = None
    seen: set[tuple[int, int]] = set()
    for cand in cands:
        n_left = bisect_right(x1s, cand)
        n_right = n - bisect_left(x0s, cand)
        if (n_left, n_right) in seen or n_left < max(3, n * 0.1) or n_right < max(3, n * 0.1):
            continue
        if best is not None and min(n_left, n_right) <= best[0]:
            continue  # cannot score higher than the gutter already found
        seen.add((n_left, n_right))
        _, left, right, _, inside = _parts(boxes, cand)
        if len(inside) > max(1, n * 0.03) or len(left) < 3 or len(right) < 3:
            continue
        if len(left) + len(right) < n * 0.6:
            continue
        # both sides must be real columns: several lines sharing an edge (left-aligned, or a
        # sidebar set flush right against the gutter)
        if _mode_count([round(s.x0) for s in left]) < 3 and not _flush(s.x1 for s in left):
            continue
        if _mode_count([round(s.x0) for s in right]) < 3:
            continue
        # right-aligned dates share a right edge; a real column shares a left edge
        x1_share = _mode_count([round(s.x1) for s in right]) / len(right)
        x0_share = _mode_count([round(s.x0) for s in right]) / len(right)
        if x1_share > x0_share and x1_share > 0.5:
            continue
        # a timeline layout (dates in a narrow left or right strip) is one column, not two
        if _mostly_dates(left) or _mostly_dates(right):
            continue
        if _labels_beside(left, right):
            continue
        score = min(len(left), len(right)) - len(inside) * 5
        if best is None or score > best[0]:
            best = (score, float(cand))
    return None if best is None else best[1]


def _aligned_share(some: Sequence[LineBox], other: Sequence[LineBox]) -> float:
    """The share of `some` runs with a run of `other` on the same baseline."""
    tops = sorted(s.top for s in other)
    hits = 0
    for s in some:
        i = bisect_left(tops, s.top - 1.5)
        hits += i < len(tops) and tops[i] <= s.top + 1.5
    return hits / max(len(some), 1)


def _labels_beside(left: Sequence[LineBox], right: Sequence[LineBox]) -> bool:
    """A form or table of rows (labels or dates each beside the first line of their value, the
    values running on alone): read row by row, not as two columns. Either nearly every left run
    has a value beside it, or every block on the right starts beside a left run."""
    if _aligned_share(left, right) >= 0.7 and _aligned_share(right, left) < 0.5:
        return True
    starts = _block_starts(right)
    if len(starts) < 3 or _aligned_share(starts, left) < 0.8:
        return False
    partners = [s for s in left if _aligned_share([s], starts)]
    return sum(1 for s in partners if _label_like(s.text)) >= 0.8 * len(partners)


def _label_like(text: str) -> bool:
    """A form label ("Geburtsdatum:") or a date standing for its row."""
    t = text.strip()
    if t.endswith(":"):
        return True
    rest = re.sub(r"[\d\W_]+", " ", _DATEISH.sub(" ", t)).split()
    return bool(_DATEISH.search(t)) and len(rest) <= 1


def _block_starts(boxes: Sequence[B]) -> list[B]:
    """The first run of each block: the runs with more than half a line of space above them."""
    ordered = sorted(boxes, key=lambda s: s.top)
    return [s for n, s in enumerate(ordered)
            if n == 0 or s.top - _bottom(ordered[n - 1]) > 0.5 * (_bottom(s) - s.top)]


def _parts(boxes: Sequence[B], cut: float) -> tuple[list[B], list[B], list[B], list[B], list[B]]:
    """Runs around a gutter: a band above both columns (everything above the lowest clear horizontal
    line that no run across the gutter passes below), the left column, the right one, a footer
    below both, and the runs beside the columns that cross the gutter anyway."""
    left = [s for s in boxes if s.x1 <= cut]
    right = [s for s in boxes if s.x0 >= cut]
    crossing = [s for s in boxes if s.x0 < cut < s.x1]
    if not left or not right:
        return [], left, right, [], crossing
    zone_top = max(min(s.top for s in left), min(s.top for s in right))
    zone_bottom = min(max(_bottom(s) for s in left), max(_bottom(s) for s in right))
    head_line = next((y for y in sorted({_bottom(s) for s in crossing if _bottom(s) <= zone_top + 1}, reverse=True)
                      if not _straddled(boxes, y)), None)
    foot_line = next((y for y in sorted({s.top for s in crossing if s.top >= zone_bottom - 1})
                      if not _straddled(boxes, y)), None)

    def place(s: B) -> int:
        if head_line is not None and _bottom(s) <= head_line + _jitter(s):
            return 0
        if foot_line is not None and s.top >= foot_line - _jitter(s):
            return 3
        return 1 if s.x1 <= cut else 2 if s.x0 >= cut else 4

    out: tuple[list[B], list[B], list[B], list[B], list[B]] = ([], [], [], [], [])
    for s in boxes:
        out[place(s)].append(s)
    return out


def _straddled(boxes: Sequence[LineBox], y: float) -> bool:
    """Whether a run passes across the horizontal line at y: it reaches past it on both sides by
    more than the jitter of a row's edges."""
    return any(s.top < y - _jitter(s) and _bottom(s) > y + _jitter(s) for s in boxes)


def _jitter(s: LineBox) -> float:
    """How far the top or bottom of a run may stray from its row's: 1 pt, or a fifth of its height
    for the padded boxes of recognised text, whose edges move with descenders and noise."""
    return max(1.0, 0.2 * (_bottom(s) - s.top))


def _bottom(s: LineBox) -> float:
    return float(getattr(s, "bottom", s.top + 10.0))


def _rows(boxes: Sequence[B]) -> list[B]:
    """Runs in reading order: top to bottom, runs sharing a line left to right."""
    ordered = sorted(boxes, key=lambda s: s.top)
    out: list[B] = []
    row: list[B] = []
    for s in ordered:
        if row and s.top - row[0].top > max((_bottom(row[0]) - row[0].top) * 0.5, 1.0):
            out.extend(sorted(row, key=lambda r: r.x0))
            row = []
        row.append(s)
    out.extend(sorted(row, key=lambda r: r.x0))
    return out


def _scrambled(boxes: Sequence[LineBox]) -> bool:
    """Runs drawn out of reading order (design tools write text boxes in any order)."""
    jumps = sum(1 for a, b in zip(boxes, boxes[1:], strict=False) if b.top < a.top - max(_bottom(a) - a.top, 4.0) * 1.5)
    return jumps >= 4 and jumps > len(boxes) * 0.05


def page_regions(boxes: Sequence[B], page_w: float) -> list[tuple[str, list[B]]]:
    """Regions in reading order, each with its kind, found by cutting at vertical gutters, again
    inside each column: the runs crossing a gutter above the columns ('band': name, title,
    contact line), then the left column (with what lies across the page below both columns: the
    page is one column again there), then the right one ('main' or 'sidebar' by width); the whole
    page as one 'main' region when there is no gutter."""
    if not boxes:
        return []
    out: list[tuple[str, list[B]]] = []
    _split(list(boxes), page_w, 0, out)
    return out


def _split(boxes: list[B], page_w: float, depth: int, out: list[tuple[str, list[B]]]) -> None:
    cut = None
    if len(boxes) >= MIN_BOXES and depth < MAX_DEPTH:
        if depth == 0:
            lo, hi = page_w * 0.2, page_w * 0.8
        else:
            gx0, gx1 = min(s.x0 for s in boxes), max(s.x1 for s in boxes)
            lo, hi = gx0 + (gx1 - gx0) * 0.2, gx1 - (gx1 - gx0) * 0.2
        cut = _gutter(boxes, lo, hi)
    if cut is None:
        if depth == 0:
            out.append(("main", _rows(boxes) if _scrambled(boxes) else boxes))
        else:
            out.append((_column_kind(boxes, page_w), _rows(boxes)))
        return
    head, left, right, foot, inside = _parts(boxes, cut)
    # a stray wide line beside the columns runs on from the left one; below the right column's end
    # the page is one column again: those lines continue the left column, in their place
    left += inside + foot
    if head:
        out.append(("band", _rows(head)))
    for group in (left, right):
        _split(group, page_w, depth + 1, out)


def region_index(boxes: Sequence[B], page_w: float) -> list[int]:
    """For each box, the number of its region in `page_regions` (boxes of one region share it)."""
    where = {id(s): n for n, (_, group) in enumerate(page_regions(boxes, page_w)) for s in group}
    return [where[id(s)] for s in boxes]


def column_groups(boxes: Sequence[B], page_w: float) -> list[list[B]]:
    """The boxes of `page_regions`, region by region."""
    return [group for _, group in page_regions(boxes, page_w)]


def _column_kind(group: Sequence[LineBox], page_w: float) -> str:
    width = max(s.x1 for s in group) - min(s.x0 for s in group)
    return "sidebar" if page_w > 0 and width < page_w * SIDEBAR_SHARE else "main"


def order_lines(lines: list[TextLine], page_w: float) -> list[TextLine]:
    """Recognised lines (OCR) of each page in column reading order; pages stay in order."""
    out: list[TextLine] = []
    pages = sorted({ln.page for ln in lines})
    for page in pages:
        out.extend(ln for group in column_groups([ln for ln in lines if ln.page == page], page_w) for ln in group)
    return out
