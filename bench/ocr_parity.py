"""Vita's own OCR engine (core.intake.ocr_engine) against rapidocr-onnxruntime with the same PP-OCRv6
tiny models, on the same page pictures: how many boxes match, how much of the text agrees, and
ms per page for each, measured alternately in one run.

    .venv/bin/python bench/ocr_parity.py /tmp/ocrengine-scans/scan /tmp/ocrengine-scans/photo --pages 12

rapidocr is only the reference here (it is no dependency of Vita any more); without it installed
the script says so and stops. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import difflib
import os
import statistics
import time
from pathlib import Path
from typing import Any


def pages_from(folders: list[Path], limit: int) -> list[Any]:
    """Page pictures rendered at 150 dpi from the PDFs in `folders`, up to `limit` per folder."""
    import pypdfium2 as pdfium

    out = []
    for folder in folders:
        taken = 0
        for pdf in sorted(folder.glob("*.pdf")):
            doc = pdfium.PdfDocument(str(pdf))
            try:
                for i in range(min(len(doc), 2)):
                    if taken >= limit:
                        break
                    out.append(doc[i].render(scale=150 / 72).to_pil().convert("RGB"))
                    taken += 1
            finally:
                doc.close()
    return out


def _iou(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> float:
    ax0, ay0, ax1, ay1 = min(p[0] for p in a), min(p[1] for p in a), max(p[0] for p in a), max(p[1] for p in a)
    bx0, by0, bx1, by1 = min(p[0] for p in b), min(p[1] for p in b), max(p[0] for p in b), max(p[1] for p in b)
    ix = max(0.0, min(ax1, bx1) - max(ax0, bx0))
    iy = max(0.0, min(ay1, by1) - max(ay0, by0))
    inter = ix * iy
    union = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - inter
    return inter / union if union > 0 else 0.0


def compare(ref: list[Any], ours: list[Any]) -> tuple[int, int, int, int]:
    """(reference boxes, ours, boxes matched at IoU >= 0.9, matched boxes with identical text)."""
    matched = same = 0
    used: set[int] = set()
    for box, text, _score in ref:
        best, best_iou = -1, 0.9
        for j, (other, _t, _s) in enumerate(ours):
            if j not in used and (iou := _iou(box, other)) >= best_iou:
                best, best_iou = j, iou
        if best >= 0:
            used.add(best)
            matched += 1
            same += ours[best][1] == text
    return len(ref), len(ours), matched, same


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--pages", type=int, default=6, help="pages per folder")
    args = ap.parse_args()
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        print("rapidocr-onnxruntime is not installed: nothing to compare against")
        return 2
    import numpy as np

    from core.intake import ocr

    pages = pages_from(args.folders, args.pages)
    name, files = ocr.model_files()
    reference = RapidOCR(
        intra_op_num_threads=ocr.OCR_THREADS, inter_op_num_threads=1, print_verbose=False,
        det_model_path=str(files.det), rec_model_path=str(files.rec), rec_keys_path=str(files.keys),
    )
    engine = ocr.engine()
    print(f"{len(pages)} page(s), {name}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    totals = [0, 0, 0, 0]
    ref_text: list[str] = []
    our_text: list[str] = []
    ref_ms: list[float] = []
    our_ms: list[float] = []
    for page in pages:
        pixels = np.asarray(page)
        start = time.perf_counter()
        ref = reference(pixels, use_cls=False)[0] or []
        ref_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        ours = engine(pixels)
        our_ms.append((time.perf_counter() - start) * 1000)
        for i, n in enumerate(compare(ref, ours)):
            totals[i] += n
        ref_text.append("\n".join(t for _b, t, _s in ref))
        our_text.append("\n".join(t for _b, t, _s in ours))
    similarity = difflib.SequenceMatcher(None, "\n".join(ref_text), "\n".join(our_text), autojunk=False).ratio()
    n_ref, n_ours, matched, same = totals
    print(f"boxes: rapidocr {n_ref}, vita {n_ours}; matched (IoU >= 0.9) {matched} ({matched / max(n_ref, 1):.1%}),"
          f" same text in matched boxes {same} ({same / max(matched, 1):.1%})")
    print(f"page text similarity (difflib ratio over all pages): {similarity:.4f}")
    print(f"ms/page median: rapidocr {statistics.median(ref_ms):.0f}, vita {statistics.median(our_ms):.0f}"
          f" (ratio vita / rapidocr {statistics.median(our_ms) / statistics.median(ref_ms):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
