"""Character accuracy of recognised pages against the text layer of the same pages: the OCR alone,
without the parser's scoring on top, for one or more `ocr_eval.py --cache` folders.

    .venv/bin/python bench/ocr_eval.py /tmp/ocrengine-scans --cache /tmp/cache-vita
    .venv/bin/python bench/ocr_eval.py /tmp/ocrengine-scans --engine rapidocr --cache /tmp/cache-rapid
    .venv/bin/python bench/ocr_chars.py /tmp/ocrengine-scans vita=/tmp/cache-vita rapidocr=/tmp/cache-rapid

For every page of `scan/` and `photo/` whose picture is in a cache (found by the same key
ocr_eval.py uses), the recognised text (boxes joined, whitespace folded) is aligned with the text
layer of the matching file in `text/`; the figure is the share of the text layer's characters
found in order (difflib matching blocks). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import pickle
import re
from pathlib import Path
from typing import Any


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _key(image: Any) -> str:
    import numpy as np

    pixels = np.asarray(image)
    return hashlib.sha256(pixels.tobytes() + str(pixels.shape).encode()).hexdigest()[:32] + ".pkl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dev_set", type=Path)
    ap.add_argument("caches", nargs="+", help="name=folder, as written by ocr_eval.py --cache")
    args = ap.parse_args()
    import pypdfium2 as pdfium

    from core.intake import ocr

    caches = {name: Path(folder) for name, folder in (c.split("=", 1) for c in args.caches)}
    for kind in ("scan", "photo"):
        found = {name: [0, 0] for name in caches}
        for pdf in sorted((args.dev_set / kind).glob("*.pdf")):
            text_pdf = args.dev_set / "text" / pdf.name.replace(f".{kind}.pdf", ".pdf")
            if not text_pdf.exists():
                continue
            scanned, layer = pdfium.PdfDocument(str(pdf)), pdfium.PdfDocument(str(text_pdf))
            try:
                for i in range(min(len(scanned), len(layer))):
                    page = scanned[i]
                    scale = min(ocr.PDF_RENDER_DPI / 72, ocr.MAX_SIDE_PX / max(page.get_width(), page.get_height(), 1.0))
                    image = page.render(scale=scale).to_pil().convert("RGB")
                    key = _key(ocr._flatten(image) if kind == "photo" else image)
                    truth = _fold(layer[i].get_textpage().get_text_range())
                    for name, folder in caches.items():
                        if (folder / key).exists():
                            got = _fold(" ".join(b.text for b in pickle.loads((folder / key).read_bytes())))
                            blocks = difflib.SequenceMatcher(None, truth, got, autojunk=False).get_matching_blocks()
                            found[name][0] += sum(b.size for b in blocks)
                            found[name][1] += len(truth)
            finally:
                scanned.close()
                layer.close()
        for name, (hit, total) in found.items():
            print(f"{kind:6s} {name:10s} {hit}/{total} characters of the text layer read in order: {hit / max(total, 1):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
