"""OCR for images and scanned PDFs with rapidocr-onnxruntime (models ship in the package; offline)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from core.errors import NeedsOCR, UnsupportedFile
from core.model import LayoutDocument, TextLine

PAGE_WIDTH_PT = 612.0  # images are scaled to a US-letter width so sizes compare with PDFs
PDF_RENDER_DPI = 150
MAX_SIDE_PX = 2000  # the OCR engine shrinks larger images to this anyway: never decode/render more
MIN_SCORE = 0.5
MIN_SCAN_COVER = 0.05  # pages whose images cover less than this are not OCR'd
_engine: Any = None
_engine_lock = threading.Lock()

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
_AT_SPACES = re.compile(r"(?<=\w)\s*@\s*(?=\w)")
_EMAIL_TLD = re.compile(r"(@[\w.-]+\.)([A-Za-z0-9]{2,6})\b")


def _ocr_engine() -> Any:
    """The shared RapidOCR engine (loaded once per process; never downloads anything)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except Exception as exc:  # ImportError, or onnxruntime failing to load its library
                raise NeedsOCR(
                    "This file needs OCR, and the OCR engine is not available.",
                    hint=f"Install rapidocr-onnxruntime ({type(exc).__name__}).",
                ) from None
            # One thread: the pool already runs one worker per core.
            _engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, print_verbose=False)
        return _engine


def load_engine() -> float:
    """Load the OCR engine now; returns the seconds it took (0 when it was already loaded)."""
    if _engine is not None:
        return 0.0
    started = time.monotonic()
    _ocr_engine()
    return time.monotonic() - started


def ocr_array(image: Any, *, page: int, scale: float) -> list[TextLine]:
    """OCR one PIL image; box coordinates are multiplied by `scale` (pixels -> points)."""
    result, _elapsed = _ocr_engine()(image, use_cls=False)  # resumes are upright; cls costs ~40%
    boxes: list[tuple[Box, str, float]] = []
    for points, text, score in result or []:
        if float(score) < MIN_SCORE or not str(text).strip():
            continue
        xs = [float(p[0]) * scale for p in points]
        ys = [float(p[1]) * scale for p in points]
        boxes.append(((min(xs), min(ys), max(xs), max(ys)), str(text).strip(), float(score)))
    return [_line(box, text, page) for box, text in _merge_rows(boxes)]


def _merge_rows(boxes: list[tuple[Box, str, float]]) -> list[tuple[Box, str]]:
    """Join boxes that sit on one visual row and are close together (OCR splits lines at gaps)."""
    boxes = sorted(boxes, key=lambda b: (round(b[0][1] / 4), b[0][0]))
    rows: list[tuple[Box, str]] = []
    for box, text, _score in boxes:
        if rows:
            (x0, top, x1, bottom), prev = rows[-1]
            height = bottom - top
            overlap = min(bottom, box[3]) - max(top, box[1])
            gap = box[0] - x1
            if height > 0 and overlap > 0.6 * min(height, box[3] - box[1]) and -2 <= gap <= 1.5 * height:
                merged = (x0, min(top, box[1]), max(x1, box[2]), max(bottom, box[3]))
                rows[-1] = (merged, f"{prev} {text}")
                continue
        rows.append((box, text))
    rows.sort(key=lambda r: (r[0][1], r[0][0]))
    return rows


def clean_ocr_text(text: str) -> str:
    """Undo common OCR slips in contact details: spaces around '@', a zero in an email's TLD."""
    text = _AT_SPACES.sub("@", text)
    return _EMAIL_TLD.sub(lambda m: m.group(1) + (m.group(2).replace("0", "o") if re.search(r"[A-Za-z]", m.group(2)) else m.group(2)), text)


def _line(box: Box, text: str, page: int) -> TextLine:
    x0, top, x1, bottom = box
    return TextLine(text=clean_ocr_text(text), page=page, x0=x0, top=top, x1=x1, bottom=bottom, size=round((bottom - top) * 0.8, 1), style="ocr")


def ocr_image(path: Path, *, on_page: Callable[[int], None] | None = None) -> LayoutDocument:
    """OCR an image file (every frame of a multi-page TIFF); `on_page(i)` runs after each decode."""
    from PIL import Image, ImageOps

    lines: list[TextLine] = []
    pages = 0
    width = 0.0
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
            if on_page:
                on_page(index)
            scale = PAGE_WIDTH_PT / max(frame.width, 1)
            lines.extend(_guarded_ocr(frame, page=index + 1, scale=scale))
            pages += 1
            width = frame.width * scale
    if not lines:
        raise NeedsOCR(f"{path.name}: no readable text was found in the image.")
    return LayoutDocument(kind="image", lines=lines, page_count=pages, page_width=width, meta={"ocr": "rapidocr"})


def _guarded_ocr(image: Any, *, page: int, scale: float) -> list[TextLine]:
    """`ocr_array`, with engine failures turned into NeedsOCR (memory trouble still propagates)."""
    try:
        return ocr_array(image, page=page, scale=scale)
    except (NeedsOCR, MemoryError):
        raise
    except Exception as exc:  # onnxruntime / OpenCV errors on odd images
        raise NeedsOCR(f"OCR failed on page {page} ({type(exc).__name__}).") from None


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
) -> LayoutDocument:
    """Render each scanned page (one mostly covered by images) with pypdfium2 and OCR it.

    `pages` (1-based) limits the pages looked at; `on_page(i)` is called before each page sent
    to OCR (the pool extends the time budget).
    """
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    lines: list[TextLine] = []
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
                image = page.render(scale=scale).to_pil().convert("RGB")
                lines.extend(_guarded_ocr(image, page=index + 1, scale=1 / scale))
            finally:
                page.close()
    finally:
        doc.close()
    if not scanned:
        raise NeedsOCR(f"{path.name}: the PDF has no text layer and no scanned pages to read.")
    if not lines:
        raise NeedsOCR(f"{path.name}: the PDF has no text layer and OCR found no readable text.")
    return LayoutDocument(kind="pdf", lines=lines, page_count=count, page_width=width, meta={"ocr": "rapidocr"})
