"""OCR accuracy on the scanned dev set, read in process (no time budget, so a loaded machine can
never turn into timeouts), scored by the shared `eval_parse.py`.

    .venv/bin/python bench/make_scans.py ../shared/bench/resumes/rendered ../shared/bench/resumes/realworld \
        --out /tmp/vita-scans --limit 13
    .venv/bin/python bench/ocr_eval.py /tmp/vita-scans                       # text, scan and photo
    .venv/bin/python bench/ocr_eval.py /tmp/vita-scans --kinds scan photo --only 'jakes_1*'
    .venv/bin/python bench/ocr_eval.py /tmp/vita-scans --engine rapidocr    # the former engine, same models

For each kind folder (`text`, `scan`, `photo` under the set), every input with a truth is read:
an image-only PDF or an image through the OCR reader (`core.intake.ocr`, a large page budget)
and `core.intake.worker.document_from_layout`; a PDF with a text layer through `parse_path`, so
all three kinds are extracted by the same code. Predictions are written as JSON Lines and scored
with `eval_parse.py --pred`: one row per file (score per kind), each kind's SCORE over the set and
the ratio to the text SCORE. Figures are printed, never asserted.

`--cache DIR` keeps each page's recognised boxes on disk (keyed by the pixels the recogniser is
given and by the engine's code and model files), so a rerun after a layout change skips
recognition; drop it to measure the recogniser itself.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
KINDS = ("text", "scan", "photo")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def cases(folder: Path, only: str) -> list[Path]:
    """Inputs in `folder` that have a sibling truth and whose name matches `only`."""
    out = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".truth.json") or not fnmatch.fnmatch(path.name, only):
            continue
        if (folder / (path.name[: -len(path.suffix)] + ".truth.json")).exists():
            out.append(path)
    return out


def base_name(path: Path) -> str:
    """The file's name without its kind and extension (`jakes_1.scan.pdf` -> `jakes_1`)."""
    stem = path.name[: -len(path.suffix)]
    for kind in KINDS:
        if stem.endswith(f".{kind}"):
            return stem[: -len(kind) - 1]
    return stem


def predict(path: Path) -> dict[str, Any]:
    """One JSON Lines record for `eval_parse.py`: the resume read from `path`, or its error."""
    from core.errors import NeedsOCR, VitaError
    from core.intake.ocr import ocr_image, ocr_pdf
    from core.intake.reader import parse_path
    from core.intake.worker import document_from_layout

    budget = 3600.0
    try:
        if path.suffix.lower() in IMAGE_SUFFIXES:
            doc = document_from_layout(ocr_image(path, page_budget_s=budget), path)
        else:
            try:
                doc = parse_path(path)
                needs_ocr = path.suffix.lower() == ".pdf" and not doc.text.strip()
            except NeedsOCR:
                needs_ocr = True
            if needs_ocr:
                doc = document_from_layout(ocr_pdf(path, max_pages=50, page_budget_s=budget), path)
    except VitaError as err:
        return {"source": str(path), "error": err.to_dict()}
    return {"source": str(path), "resume": doc.resume}


def use_cache(folder: Path, engine_name: str = "vita") -> None:
    """Keep recognised boxes per page picture in `folder` (layout work reruns without OCR)."""
    import numpy as np

    from core.intake import ocr, ocr_engine

    folder.mkdir(parents=True, exist_ok=True)
    recognise = ocr._recognise
    # the engine's code and model files are part of the key: a cache filled by another engine
    # (or an earlier version of this one) is never served; layout code after it is not cached
    code = Path(ocr_engine.__file__).read_bytes()
    engine = hashlib.sha256(engine_name.encode() + code + "".join(ocr_engine.MODEL_SHA256).encode()).digest()

    def cached(image: Any) -> list[Any]:
        pixels = np.asarray(image)
        key = hashlib.sha256(engine + pixels.tobytes() + str(pixels.shape).encode()).hexdigest()[:32]
        entry = folder / f"{key}.pkl"
        if entry.exists():
            return pickle.loads(entry.read_bytes())  # type: ignore[no-any-return]
        boxes = recognise(image)
        entry.write_bytes(pickle.dumps(boxes))
        return boxes

    ocr._recognise = cached


def use_rapidocr() -> None:
    """Read with rapidocr-onnxruntime on the same model files (the engine Vita used before, kept
    only as a reference here)."""
    import numpy as np
    from rapidocr_onnxruntime import RapidOCR

    from core.intake import ocr

    _name, files = ocr.model_files()
    rapid = RapidOCR(
        intra_op_num_threads=ocr.OCR_THREADS, inter_op_num_threads=1, print_verbose=False,
        det_model_path=str(files.det), rec_model_path=str(files.rec), rec_keys_path=str(files.keys),
    )

    def read(pixels: Any) -> list[Any]:
        return [(pts, str(text), float(score)) for pts, text, score in rapid(np.asarray(pixels), use_cls=False)[0] or []]

    ocr._engine = read  # type: ignore[assignment]


PAGE_MS: list[float] = []


def time_pages() -> None:
    """Record the wall time of every page read (straightening, recognition and layout)."""
    from core.intake import ocr

    read = ocr.read_page_image

    def timed(image: Any, *, page: int) -> Any:
        started = time.perf_counter()
        try:
            return read(image, page=page)
        finally:
            PAGE_MS.append((time.perf_counter() - started) * 1000)

    ocr.read_page_image = timed  # type: ignore[assignment]


def score(scorer: Path, data: Path, pred: Path, only: str) -> float | None:
    """eval_parse.py's SCORE for the inputs of `data` matching `only`; None when every one of
    them failed whole (an error instead of a resume)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = Path(tmp.name)
    try:
        subprocess.run(
            [sys.executable, str(scorer), str(data), "--pred", str(pred), "--only", only, "--json", str(out)],
            capture_output=True, check=False,
        )
        result = json.loads(out.read_text() or "{}")
        if "score" not in result or result.get("failed") == result.get("cases"):
            return None
        return float(result["score"])
    finally:
        out.unlink(missing_ok=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dev_set", type=Path, help="the folder make_scans.py wrote (with text/, scan/, photo/)")
    ap.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    ap.add_argument("--only", default="*", help="glob on the file names, e.g. 'jakes_1*'")
    ap.add_argument("--save", type=Path, help="folder to keep the predictions (<kind>.jsonl)")
    ap.add_argument("--cache", type=Path, help="folder keeping recognised boxes between runs")
    ap.add_argument("--engine", choices=("vita", "rapidocr"), default="vita",
                    help="rapidocr: the former engine on the same models, as a reference (must be installed)")
    args = ap.parse_args()
    shared = Path(os.environ.get("VITA_SHARED", REPO.parent / "shared"))
    scorer = shared / "bench" / "eval_parse.py"
    if not scorer.exists() or not args.dev_set.is_dir():
        print(f"needs {scorer} and {args.dev_set} (not present)")
        return 2
    if args.engine == "rapidocr":
        use_rapidocr()
    if args.cache:
        use_cache(args.cache, args.engine)
    time_pages()
    table: dict[str, dict[str, float | None]] = {}
    totals: dict[str, float | None] = {}
    for kind in args.kinds:
        folder = args.dev_set / kind
        inputs = cases(folder, args.only) if folder.is_dir() else []
        if not inputs:
            print(f"{kind}: no inputs")
            continue
        pred = (args.save / f"{kind}.jsonl") if args.save else Path(tempfile.mkstemp(suffix=".jsonl")[1])
        pred.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with pred.open("w", encoding="utf-8") as out:
            for path in inputs:
                out.write(json.dumps(predict(path), ensure_ascii=False, default=str) + "\n")
        seconds = time.monotonic() - started
        for path in inputs:
            table.setdefault(base_name(path), {})[kind] = score(scorer, folder, pred, path.name)
        totals[kind] = score(scorer, folder, pred, args.only)
        pages, PAGE_MS[:] = list(PAGE_MS), []
        per_page = f"; OCR {statistics.median(pages):.0f} ms/page median over {len(pages)} pages" if pages else ""
        print(f"{kind}: {len(inputs)} files read in {seconds:.0f} s{per_page}", file=sys.stderr)
        if not args.save:
            pred.unlink(missing_ok=True)
    kinds = [k for k in args.kinds if k in totals]

    def cell(value: float | None) -> str:
        return "  failed" if value is None else f"{value:8.3f}"

    print(f"{'file':28s}" + "".join(f"{k:>8s}" for k in kinds))
    for name, row in sorted(table.items()):
        print(f"{name:28s}" + "".join(cell(row.get(k)) for k in kinds))
    print(f"{'SCORE':28s}" + "".join(cell(totals[k]) for k in kinds))
    text = totals.get("text")
    if text:
        ratios = {k: totals[k] for k in kinds if k != "text"}
        print("ratio to text: " + "  ".join(f"{k} {(v or 0.0) / text:.2f}" for k, v in ratios.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
