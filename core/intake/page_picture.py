"""A document page as a picture for the viewer, straightened as OCR read it, with passage boxes."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from core.intake.ocr import straighten


@dataclass(slots=True)
class PageGeometry:
    """Where a document's lines sit on its pages (points) and how scanned pages were straightened."""

    boxes: list[tuple[int, int, int, float, float, float, float]] = field(default_factory=list)
    page_width: float = 0.0
    ocr: dict[int, dict[str, Any]] = field(default_factory=dict)  # page -> {"flattened", "turn"}

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> PageGeometry:
        boxes = []
        for row in meta.get("boxes") or []:
            try:
                start, end, page, x0, top, x1, bottom = row
                boxes.append((int(start), int(end), int(page), float(x0), float(top), float(x1), float(bottom)))
            except (TypeError, ValueError):
                continue  # an older or damaged record: that line is just not drawn
        ocr = {}
        for page, geo in (meta.get("ocr_geometry") or {}).items():
            if isinstance(geo, dict) and str(page).isdigit():
                ocr[int(page)] = {"flattened": bool(geo.get("flattened")), "turn": int(geo.get("turn") or 0) % 360}
        return cls(boxes, float(meta.get("page_width") or 0.0), ocr)

    def boxes_for(self, page: int, span: tuple[int, int]) -> list[tuple[float, float, float, float]]:
        """The line boxes of `page` that hold part of the passage `span` (x0, top, x1, bottom in points)."""
        start, end = span
        return [(x0, top, x1, bottom) for a, b, p, x0, top, x1, bottom in self.boxes if p == page and a < end and b > start]


def page_picture(original: bytes, page: int, geometry: PageGeometry, *, width: int = 900) -> Any | None:
    """The page as an RGB PIL image, turned and flattened like OCR saw it; None when unreadable."""
    image = _pdf_page(original, page, width) if original.startswith(b"%PDF") else _image_frame(original, page, width)
    if image is None:
        return None
    geo = geometry.ocr.get(page)
    return straighten(image, flattened=geo["flattened"], turn=geo["turn"]) if geo else image


def _pdf_page(data: bytes, page: int, width: int) -> Any | None:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception:  # not a readable PDF: the viewer shows the text instead
        return None
    try:
        if not 1 <= page <= len(pdf):
            return None
        p = pdf[page - 1]
        return p.render(scale=width / max(p.get_width(), 1.0)).to_pil().convert("RGB")
    finally:
        pdf.close()


def _image_frame(data: bytes, page: int, width: int) -> Any | None:
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as img:
            img.seek(page - 1)
            frame = ImageOps.exif_transpose(img).convert("RGB")
    except (OSError, ValueError, EOFError, SyntaxError):
        return None
    if frame.width > 2 * width:
        frame.thumbnail((2 * width, 4 * width))
    return frame
