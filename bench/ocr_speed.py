"""OCR time per page: Vita's page reader (PP-OCRv6 tiny, both cores, straightening) against rapidocr's
bundled PP-OCRv4 models on one thread (the engine as it was), on the same rendered pages.

    .venv/bin/python bench/ocr_speed.py /tmp/vita-scans/scan --pages 12
    .venv/bin/python bench/ocr_speed.py            # fictional pages drawn here, no ../shared needed

Prints ms per page (median, min-max) for both and the ratio; the machine's load is printed too,
since OCR is CPU-bound.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path
from typing import Any


def pages_from(folder: Path | None, limit: int) -> list[Any]:
    """Page images: rendered from the image-only PDFs in `folder`, or drawn fictional pages."""
    if folder is not None:
        import pypdfium2 as pdfium

        out = []
        for pdf in sorted(folder.glob("*.pdf")):
            doc = pdfium.PdfDocument(str(pdf))
            try:
                for i in range(len(doc)):
                    out.append(doc[i].render(scale=150 / 72).to_pil().convert("RGB"))
                    if len(out) >= limit:
                        return out
            finally:
                doc.close()
        return out
    from PIL import Image, ImageDraw, ImageFont

    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 24)
    except OSError:
        font = ImageFont.load_default(size=24)
    pages = []
    for n in range(limit):
        img = Image.new("RGB", (1275, 1650), "white")
        draw = ImageDraw.Draw(img)
        for row in range(40):
            draw.text((110, 100 + row * 36), f"Line {row} of page {n}: maintained lanterns on twelve streets, 30% less oil", font=font, fill="black")
        pages.append(img)
    return pages


def time_each(fn: Any, pages: list[Any]) -> list[float]:
    times = []
    for page in pages:
        start = time.perf_counter()
        fn(page)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("--pages", type=int, default=10)
    args = ap.parse_args()
    import numpy as np

    from core.intake import ocr

    try:  # the former engine, a reference only (no dependency of Vita any more)
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise SystemExit("rapidocr-onnxruntime is not installed: nothing to compare against") from None
    pages = pages_from(args.folder, args.pages)
    if not pages:
        raise SystemExit(f"no pages found in {args.folder}")
    old = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, print_verbose=False)
    ocr.load_engine()
    old(np.asarray(pages[0]), use_cls=False)  # warm both
    ocr.read_page_image(pages[0], page=1)
    print(f"{len(pages)} page(s); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; recogniser {ocr.model_name()}")
    before = time_each(lambda p: old(np.asarray(p), use_cls=False), pages)
    after = time_each(lambda p: ocr.read_page_image(p, page=1), pages)
    for name, t in (("rapidocr PP-OCRv4, 1 thread", before), (f"vita page reader ({ocr.model_name()})", after)):
        print(f"{name:40s} ms/page median {statistics.median(t):7.0f}  min {min(t):7.0f}  max {max(t):7.0f}")
    print(f"ratio (before / after, median): {statistics.median(before) / statistics.median(after):.2f}x")


if __name__ == "__main__":
    main()
