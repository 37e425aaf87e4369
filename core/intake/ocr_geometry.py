"""Page geometry for OCR: blank pages, photographed pages, quarter turns, skew, and text rows.

Pure functions over images and recognised boxes, so the layout analysis downstream sees rows,
columns and sizes as they were on the paper.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass
from typing import Any

from core.intake.ocr_repair import repair_text as clean_ocr_text
from core.intake.photo_page import flatten_photo as flatten_photo  # photographed pages, for ocr.py
from core.model import TextLine

_DESCENDERS = set("gjpqy,;()[]{}|/@$")
_ASCENDERS = set("bdfhkl'\"!?0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÄÉÈÊËÎÏÔÖÙÚÛÜÇ")


@dataclass(slots=True)
class OcrBox:
    """One recognised text box: its four corners in pixels (clockwise from top-left), text, score."""

    points: list[tuple[float, float]]
    text: str
    score: float

    @property
    def width(self) -> float:
        (x0, y0), (x1, y1) = self.points[0], self.points[1]
        return math.hypot(x1 - x0, y1 - y0)

    @property
    def height(self) -> float:
        (x0, y0), (x3, y3) = self.points[0], self.points[3]
        return math.hypot(x3 - x0, y3 - y0)


def is_blank(image: Any, *, ink: float = 0.002) -> bool:
    """True when (almost) no 4x4 block holds a pixel much darker than the paper: nothing to read.

    Each block keeps its darkest pixel, not its mean: a thin grey stroke averaged with the paper
    around it would fade below the threshold, and a pale page of small grey text was called blank.
    Scanner grain stays well within the threshold of the paper's own level."""
    import numpy as np

    grey = np.asarray(image.convert("L"), dtype=np.int16)
    h, w = (grey.shape[0] // 4) * 4, (grey.shape[1] // 4) * 4
    darkest = grey[:h, :w].reshape(h // 4, 4, w // 4, 4).min(axis=(1, 3))
    paper = int(np.percentile(darkest, 90))
    return bool((darkest < paper - 60).mean() < ink)


def needs_quarter_turn(boxes: list[OcrBox]) -> bool:
    """True when most text boxes stand upright: the page is turned by 90 degrees."""
    long = [b for b in boxes if len(b.text) >= 4]
    if len(long) < 3:
        return False
    tall = sum(1 for b in long if _axis_height(b) > 1.5 * _axis_width(b))
    return tall > 0.6 * len(long)


def _axis_width(box: OcrBox) -> float:
    xs = [p[0] for p in box.points]
    return max(xs) - min(xs)


def _axis_height(box: OcrBox) -> float:
    ys = [p[1] for p in box.points]
    return max(ys) - min(ys)


def skew_angle(boxes: list[OcrBox]) -> float:
    """The page's skew in radians: the median slope of the top edges of long boxes."""
    slopes = []
    for b in boxes:
        if b.width < 4 * max(b.height, 1.0) or len(b.text) < 6:
            continue
        (x0, y0), (x1, y1) = b.points[0], b.points[1]
        if x1 - x0 > 0:
            slopes.append(math.atan2(y1 - y0, x1 - x0))
    return statistics.median(slopes) if len(slopes) >= 3 else 0.0


def deskew_boxes(boxes: list[OcrBox], width: int, height: int) -> list[OcrBox]:
    """Boxes rotated about the page centre so that text rows are horizontal."""
    angle = skew_angle(boxes)
    if abs(angle) < 0.002:  # about a tenth of a degree: nothing to straighten
        return boxes
    cx, cy = width / 2, height / 2
    cos, sin = math.cos(-angle), math.sin(-angle)
    out = []
    for b in boxes:
        pts = [((x - cx) * cos - (y - cy) * sin + cx, (x - cx) * sin + (y - cy) * cos + cy) for x, y in b.points]
        out.append(OcrBox(pts, b.text, b.score))
    return out


# How many font sizes a detected box spans, by the tallest and lowest letters in it (a 't' stands
# lower than the other ascenders): calibrated against the text layer of the same pages (box height
# / font size, median over some 2,400 boxes of 26 scanned resumes).
_SPANS = {  # (reaches up, reaches down) -> span
    ("full", True): 1.25, ("full", False): 1.12,
    ("t", True): 1.10, ("t", False): 1.04,
    ("x", True): 1.10, ("x", False): 0.95,
}


def font_size(box_height: float, text: str) -> float:
    """A font size from a detected box height: boxes hug the ink, so the letters present matter
    (a line with ascenders and descenders spans about 1.25 em of box, x-height text less)."""
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return round(box_height * 0.8, 1)
    down = any(c in _DESCENDERS for c in letters)
    up = "full" if any(c in _ASCENDERS for c in letters) else "t" if "t" in letters else "x"
    return round(box_height / _SPANS[up, down], 1)


def stroke_weights(image: Any, boxes: list[OcrBox]) -> list[float]:
    """Each box's stroke width relative to its height (bold text has thicker strokes).

    Stroke width of thin shapes is about 2 x ink area / ink perimeter; dividing by the font size
    (from the box height and the letters in it) makes it comparable across sizes and words. The
    box's usual (median) shade is its background, so light text on a dark band is measured too.
    """
    import numpy as np

    grey = np.asarray(image.convert("L"), dtype=np.int16)
    out = []
    for b in boxes:
        xs = [p[0] for p in b.points]
        ys = [p[1] for p in b.points]
        x0, x1 = max(int(min(xs)), 0), min(int(max(xs)) + 1, grey.shape[1])
        y0, y1 = max(int(min(ys)), 0), min(int(max(ys)) + 1, grey.shape[0])
        crop = grey[y0:y1, x0:x1]
        if crop.size < 16:
            out.append(0.0)
            continue
        low, high, usual = np.percentile(crop, (2, 95, 50))
        if usual < (low + high) / 2:  # light text on a dark band: the ink is the lighter side
            low, high = np.percentile(crop, (5, 98))
            ink = crop > (low + high) / 2
        else:
            ink = crop < (low + high) / 2
        area = int(ink.sum())
        edge = ink & ~(np.roll(ink, 1, 0) & np.roll(ink, -1, 0) & np.roll(ink, 1, 1) & np.roll(ink, -1, 1))
        perimeter = max(int(edge.sum()), 1)
        out.append(2.0 * area / perimeter / max(font_size(y1 - y0, b.text), 1.0))
    return out


_READ_BULLET = ("• ", ". ", "· ", "- ", "* ", "o ", "O ")


def mark_bullets(image: Any, boxes: list[OcrBox]) -> list[OcrBox]:
    """Boxes whose line starts after a bullet glyph the recogniser left out (a lone dot, disc or
    ring just left of the text, about x-height and centred on it) get the bullet back; a bullet
    read as '.' or '·' becomes one too."""
    import numpy as np

    grey = np.asarray(image.convert("L"), dtype=np.int16)
    out = []
    for b in boxes:
        text = b.text
        if text[:2] in (". ", "· ") or re.match(r"o [A-Z]", text):  # a dot or ring read as a letter
            text = "• " + text[2:]
        elif not text.startswith(_READ_BULLET) and _bullet_left_of(grey, b):
            text = "• " + text
        out.append(b if text == b.text else OcrBox(b.points, text, b.score))
    return out


def _bullet_left_of(grey: Any, box: OcrBox) -> bool:
    """Whether one small compact blob of ink sits at the line's left end, mid-height, apart from
    the text: left of the box, or cut by its edge (the detector sometimes takes half a disc)."""
    import numpy as np

    xs = [p[0] for p in box.points]
    ys = [p[1] for p in box.points]
    x0, y0, y1 = int(min(xs)), max(int(min(ys)), 0), min(int(max(ys)) + 1, grey.shape[0])
    h = y1 - y0
    left = max(0, x0 - int(2.5 * h))
    if h < 6 or x0 - left < h:
        return False
    line = grey[y0:y1, max(x0, 0) : int(max(xs)) + 1]
    if line.size < 16:
        return False
    paper, darkest = np.percentile(line, 95), np.percentile(line, 2)
    ink = grey[y0:y1, left : x0 + int(0.6 * h)] < paper - 0.35 * (paper - darkest)  # a thin grey ring counts
    ink &= np.roll(ink, 1, 0) | np.roll(ink, -1, 0)  # specks of scanner noise are not marks
    cols = np.flatnonzero(ink.sum(axis=0) >= 2)
    runs = np.split(cols, np.flatnonzero(np.diff(cols) > 1) + 1) if len(cols) else []
    before = [r for r in runs if r[0] < x0 - left]
    if len(before) != 1:
        return False  # nothing there, or several marks: text of a neighbouring column
    blob = before[0]
    after = [r for r in runs if r[0] > blob[-1]]
    if blob[-1] > x0 - left + 0.25 * h or (after and after[0][0] - blob[-1] < 0.1 * h):
        return False  # the first letter of the line, not a mark before it
    rows = np.flatnonzero(ink[:, blob[0] : blob[-1] + 1].sum(axis=1) >= 2)
    if len(rows) == 0 or rows[-1] - rows[0] + 1 != len(rows):
        return False
    width, height = len(blob), len(rows)
    if not (0.15 * h <= width <= 0.6 * h and 0.15 * h <= height <= 0.6 * h and 0.6 <= width / height <= 1.6):
        return False
    middle = (rows[0] + rows[-1]) / 2 / h
    fill = ink[rows[0] : rows[-1] + 1, blob[0] : blob[-1] + 1].mean()
    return bool(0.3 <= middle <= 0.75 and fill >= 0.3)


def bold_flags(weights: list[float], texts: list[str]) -> list[bool]:
    """Boxes whose strokes are clearly thicker than the page's usual text."""
    body = [w for w, t in zip(weights, texts, strict=True) if w > 0 and len(t) >= 12]
    if len(body) < 5:
        return [False] * len(weights)
    usual = statistics.median(body)
    # a short word's stroke estimate is noisy (few letters, x-height only): judge runs of text
    return [w > 1.22 * usual and len(t.strip()) >= 10 for w, t in zip(weights, texts, strict=True)]


def lines_from_boxes(
    boxes: list[OcrBox], *, page: int, scale: float, page_width: float, weights: list[float] | None = None
) -> list[TextLine]:
    """Boxes laid out like PDF text (columns, rows, bullets), sized and weighted, in points."""
    from core.documents.pdf_reader import lines_from_segments, segment

    weights = weights if weights is not None else [0.0] * len(boxes)
    bold = bold_flags(weights, [b.text for b in boxes])
    flat = []
    for b, heavy in zip(boxes, bold, strict=True):
        xs = [p[0] * scale for p in b.points]
        ys = [p[1] * scale for p in b.points]
        # the size from the box's own height, not its upright outline (which grows with any tilt)
        size = font_size(b.height * scale, b.text)
        flat.append(((min(xs), min(ys), max(xs), max(ys)), b.text, heavy, b.score, size))
    rows = _merge_rows(flat, regions=_box_regions(flat, page_width))
    sizes = _snap_sizes([size for *_rest, size in rows])
    body = statistics.median(sizes) if sizes else 0.0
    segs = [
        segment(_heading_without_speck(clean_ocr_text(text), size > 1.25 * body), box, size=size, bold=heavy, score=score)
        for (box, text, heavy, score, _raw), size in zip(rows, sizes, strict=True)
    ]
    lines = lines_from_segments(segs, page=page, page_width=page_width)
    for line in lines:
        line.style = "ocr"
    return lines


def _heading_without_speck(text: str, large: bool) -> str:
    """A one-word heading read with a full stop ('Reconocimientos.'): headings end without one, so
    the dot is a speck of the scan."""
    return text[:-1] if large and text.endswith(".") and text[:-1].isalpha() else text


def _snap_sizes(sizes: list[float]) -> list[float]:
    """Sizes within 12 % of the body size become the body size: OCR boxes jitter, fonts don't."""
    if not sizes:
        return sizes
    body = statistics.median(sizes)
    return [body if abs(s - body) <= 0.12 * body else s for s in sizes]


Box = tuple[float, float, float, float]
Row = tuple[Box, str, bool, float, float]  # box, text, bold, recognition score, font size


@dataclass(frozen=True)
class _Placed:
    """A box as the page-region analysis sees it (points, origin top-left)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str


def _box_regions(boxes: list[Row], page_width: float) -> list[int]:
    """The page region (column, band) of each box, found from the boxes as recognised."""
    from core.documents.regions import region_index

    return region_index([_Placed(*b[0], b[1]) for b in boxes], page_width)


def _merge_rows(boxes: list[Row], regions: list[int] | None = None) -> list[Row]:
    """Join boxes that sit on one visual row and are close together (OCR splits lines at gaps),
    never across a column gutter (boxes of different page regions).

    Rows come out top to bottom, and left to right among rows sharing most of their height, as
    pdfium orders text; columns are found afterwards by the PDF layout analysis.
    """
    regions = regions if regions is not None else [0] * len(boxes)
    order = sorted(range(len(boxes)), key=lambda n: (round(boxes[n][0][1] / 4), boxes[n][0][0]))
    rows: list[Row] = []
    row_regions: list[int] = []
    for n in order:
        box, text, heavy, score, size = boxes[n]
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):  # the row may be a few boxes back
            (x0, top, x1, bottom), prev, prev_heavy, prev_score, prev_size = rows[i]
            height = bottom - top
            overlap = min(bottom, box[3]) - max(top, box[1])
            gap = box[0] - x1
            if (height > 0 and overlap > 0.6 * min(height, box[3] - box[1]) and -2 <= gap <= 1.2 * height
                    and row_regions[i] == regions[n]):
                merged = (x0, min(top, box[1]), max(x1, box[2]), max(bottom, box[3]))
                longer = prev_size if len(prev) >= len(text) else size  # a row's size is its main run's
                rows[i] = (merged, f"{prev} {text}", prev_heavy and heavy, min(prev_score, score), longer)
                break
        else:
            rows.append((box, text, heavy, score, size))
            row_regions.append(regions[n])
    rows.sort(key=lambda r: r[0][1])
    bands: list[list[Row]] = []
    for row in rows:
        top, bottom = row[0][1], row[0][3]
        if bands:
            band_top = min(r[0][1] for r in bands[-1])
            band_bottom = max(r[0][3] for r in bands[-1])
            overlap = min(bottom, band_bottom) - max(top, band_top)
            if overlap > 0.5 * min(bottom - top, band_bottom - band_top):
                bands[-1].append(row)
                continue
        bands.append([row])
    return [row for band in bands for row in sorted(band, key=lambda r: r[0][0])]
