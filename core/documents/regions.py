"""Page regions from positioned line boxes: column gutters, a band above or across them, sidebars.

Works on any boxes with x0/x1/top/bottom/text in points (origin top-left): pdfium's text runs in
the PDF reader, and lines recognised by OCR, so both are read in the same order.
"""

from __future__ import annotations

import re
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

_DATEISH = re.compile(r"\b(?:19|20)\d\d\b|present|current|now|heute|aujourd", re.I)
SIDEBAR_SHARE = 0.4  # a column narrower than this share of the page is a sidebar


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


def _gutter(boxes: Sequence[LineBox], lo: float, hi: float) -> float | None:
    """The x of the best vertical gutter between lo and hi with real columns on both sides."""
    best: tuple[float, float] | None = None
    n = len(boxes)
    for cand in range(int(lo), int(hi), 4):
        left = [s for s in boxes if s.x1 <= cand]
        right = [s for s in boxes if s.x0 >= cand]
        if len(left) < n * 0.15 or len(right) < n * 0.15:
            continue
        # lines across the whole page above or below the right column (a contact line under the
        # name, a closing line) are a band, not text crossing the gutter
        first, last = min(s.top for s in right), max(s.top for s in right)
        crossing = sum(1 for s in boxes if s.x1 > cand > s.x0 and first <= s.top <= last)
        if crossing > max(1, n * 0.03):
            continue
        # both sides must be real columns: several lines starting at a shared x (a sidebar on the
        # left may instead end at one: text set flush against the gutter)
        lx = sorted(round(s.x0) for s in left)
        rx = sorted(round(s.x0) for s in right)
        if lx.count(lx[len(lx) // 2]) < 3 and not _flush(s.x1 for s in left):
            continue
        if rx.count(rx[len(rx) // 2]) < 3:
            continue
        # right-aligned dates share a right edge; a real column shares a left edge
        rx1 = [round(s.x1) for s in right]
        rx0 = [round(s.x0) for s in right]
        x1_share = max(rx1.count(v) for v in set(rx1)) / len(right)
        x0_share = max(rx0.count(v) for v in set(rx0)) / len(right)
        if x1_share > x0_share and x1_share > 0.5:
            continue
        # a timeline layout (dates in a narrow left or right strip) is one column, not two
        if _mostly_dates(left) or _mostly_dates(right):
            continue
        score = min(len(left), len(right)) - crossing * 5
        if best is None or score > best[0]:
            best = (score, float(cand))
    return None if best is None else best[1]


def page_regions(boxes: Sequence[B], page_w: float) -> list[tuple[str, list[B]]]:
    """Regions in reading order, each with its kind: the lines crossing a clear vertical gutter
    ('band': name, title, contact line), then the left column, then the right one ('main' or
    'sidebar' by width); the whole page as one 'main' region when there is no gutter."""
    if len(boxes) < 8:
        return [("main", list(boxes))] if boxes else []
    cut = _gutter(boxes, page_w * 0.2, page_w * 0.8)
    if cut is None:
        return [("main", list(boxes))]

    def key(s: B) -> tuple[float, float]:
        return (round(s.top, 0), s.x0)

    right = [s for s in boxes if s.x0 >= cut]
    first, last = min(s.top for s in right), max(s.top for s in right)
    # the band is what lies above the right column (left-column lines there are read first anyway,
    # now in rows with the lines across the page); lines across the page below the right column's
    # end continue the left column, in their place: the page is one column again there
    head = sorted((s for s in boxes if s.x0 < cut and (s.top < first or (s.x1 > cut and s.top <= last))), key=key)
    taken = {id(s) for s in head}
    left = sorted((s for s in boxes if id(s) not in taken and s.x0 < cut), key=key)
    right = sorted(right, key=key)
    out: list[tuple[str, list[B]]] = [("band", head)] if head else []
    out += [(_column_kind(g, page_w), g) for g in (left, right) if g]
    return out


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
