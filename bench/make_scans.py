"""Turn text PDFs into the image-only scans and phone photos people actually have (a dev set for OCR).

For each input PDF with a sibling `X.truth.json`, writes into OUT_DIR:
  scan/X.scan.pdf  + scan/X.scan.truth.json    a flatbed scan: 150-200 dpi, grey, slight skew,
                                               blur, noise
  photo/X.photo.pdf + photo/X.photo.truth.json a phone photo: perspective, uneven light, JPEG
  text/X.pdf  + text/X.truth.json              the same files with their text layer (symlinks),
                                               so `eval_parse.py` scores both on equal terms
Nothing here is committed: OUT_DIR is a temporary folder (default under /tmp). Every random
choice comes from `--seed` and the file name, so a rerun gives the same images.

    .venv/bin/python bench/make_scans.py ../shared/bench/resumes/rendered ../shared/bench/resumes/realworld \
        --out /tmp/vita-scans --limit 13
    python3 ../shared/bench/eval_parse.py /tmp/vita-scans/scan --cmd ".venv/bin/vita parse --format jsonresume {files}"
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np


def _rng(seed: int, name: str, kind: str) -> random.Random:
    digest = hashlib.sha256(f"{seed}:{kind}:{name}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def render_pages(pdf: Path, dpi: int, max_pages: int) -> list[Any]:
    """The PDF's pages as PIL images at `dpi`."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(min(len(doc), max_pages))]
    finally:
        doc.close()


def flatbed_scan(page: Any, rng: random.Random) -> Any:
    """Grey, a skew of up to 1.5 degrees, a little blur and sensor noise."""
    import cv2
    from PIL import Image

    grey = np.asarray(page.convert("L"), dtype=np.float32)
    h, w = grey.shape
    angle = rng.uniform(-1.5, 1.5)
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    grey = cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=245.0)
    grey = cv2.GaussianBlur(grey, (0, 0), rng.uniform(0.4, 0.9))
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(4, 9), grey.shape)
    grey = np.clip(grey * rng.uniform(0.9, 0.97) + 8 + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(grey, "L")


def phone_photo(page: Any, rng: random.Random) -> Any:
    """The page photographed on a desk: perspective, uneven light, a little blur, colour cast."""
    import cv2
    from PIL import Image

    img = np.asarray(page, dtype=np.float32)
    h, w = img.shape[:2]
    margin = 0.06
    canvas_w, canvas_h = int(w * (1 + 2 * margin)), int(h * (1 + 2 * margin))
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    jitter = [(rng.uniform(-0.04, 0.04) * w, rng.uniform(-0.03, 0.03) * h) for _ in range(4)]
    dst = np.float32([
        [margin * w + jitter[0][0], margin * h + jitter[0][1]],
        [(1 + margin) * w + jitter[1][0], margin * h + jitter[1][1]],
        [(1 + margin) * w + jitter[2][0], (1 + margin) * h + jitter[2][1]],
        [margin * w + jitter[3][0], (1 + margin) * h + jitter[3][1]],
    ])
    matrix = cv2.getPerspectiveTransform(src, dst)
    desk = np.array([rng.uniform(60, 110), rng.uniform(55, 100), rng.uniform(50, 90)], dtype=np.float32)
    warped = cv2.warpPerspective(img, matrix, (canvas_w, canvas_h), flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=tuple(float(v) for v in desk))
    # Light falls off from one corner; the paper is slightly warm.
    yy, xx = np.mgrid[0:canvas_h, 0:canvas_w].astype(np.float32)
    cx, cy = rng.uniform(0, canvas_w), rng.uniform(0, canvas_h)
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / np.hypot(canvas_w, canvas_h)
    light = 1.0 - rng.uniform(0.2, 0.35) * dist
    cast = np.array([1.0, rng.uniform(0.95, 0.99), rng.uniform(0.86, 0.95)], dtype=np.float32)
    photo = warped * light[..., None] * cast
    photo = cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.5, 1.1))
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 5, photo.shape)
    photo = np.clip(photo + noise, 0, 255).astype(np.uint8)
    return Image.fromarray(photo, "RGB")


def save_image_pdf(images: list[Any], out: Path, dpi: int, jpeg_quality: int) -> None:
    """An image-only PDF (no text layer), JPEG-compressed like a scanner's or a phone app's."""
    import io

    from PIL import Image

    frames = []
    for img in images:
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=jpeg_quality)
        buf.seek(0)
        frames.append(Image.open(buf))
    frames[0].save(out, format="PDF", save_all=True, append_images=frames[1:], resolution=float(dpi))


def link(src: Path, dst: Path) -> None:
    if dst.exists() or dst.is_symlink():
        dst.unlink()
    os.symlink(src.resolve(), dst)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/tmp/vita-scans"))
    ap.add_argument("--limit", type=int, default=0, help="files per input folder (0: all)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--max-pages", type=int, default=10)
    args = ap.parse_args(argv)
    for sub in ("scan", "photo", "text"):
        (args.out / sub).mkdir(parents=True, exist_ok=True)
    made = 0
    for folder in args.dirs:
        if not folder.is_dir():
            print(f"skip: {folder} is not a folder (needs ../shared/bench)", file=sys.stderr)
            continue
        pdfs = sorted(p for p in folder.glob("*.pdf") if p.with_suffix(".truth.json").exists())
        if args.limit:
            pdfs = pdfs[: args.limit]
        for pdf in pdfs:
            truth = pdf.with_suffix(".truth.json")
            stem = pdf.stem
            link(pdf, args.out / "text" / pdf.name)
            link(truth, args.out / "text" / truth.name)
            for kind in ("scan", "photo"):
                rng = _rng(args.seed, pdf.name, kind)
                dpi = rng.choice([150, 175, 200]) if kind == "scan" else rng.choice([150, 170])
                pages = render_pages(pdf, dpi, args.max_pages)
                if kind == "scan":
                    images = [flatbed_scan(page, rng) for page in pages]
                    quality = rng.randint(75, 90)
                else:
                    images = [phone_photo(page, rng) for page in pages]
                    quality = rng.randint(55, 75)
                out = args.out / kind / f"{stem}.{kind}.pdf"
                save_image_pdf(images, out, dpi, quality)
                link(truth, args.out / kind / f"{stem}.{kind}.truth.json")
            made += 1
            print(f"{pdf.name}: {len(pages)} page(s)", flush=True)
    print(f"{made} file(s) -> {args.out}/scan, {args.out}/photo, {args.out}/text")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
