"""Per-file parse scores on a shared resume set (figures printed, never asserted).

Usage: python bench/parse_perfile.py [SET_DIR] [--save PRED.jsonl]
Runs `vita parse` once over the set, then scores each file alone with the shared scorer.
Prints one row per file (SCORE and the headline fields that differ from 1.0) and the set's SCORE.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _score(scorer: Path, data: Path, pred: Path, only: str) -> dict[str, object]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = Path(tmp.name)
    subprocess.run(
        [sys.executable, str(scorer), str(data), "--pred", str(pred), "--only", only, "--json", str(out)],
        capture_output=True, check=False,
    )
    try:
        return json.loads(out.read_text())  # type: ignore[no-any-return]
    finally:
        out.unlink(missing_ok=True)


def main() -> int:
    args = sys.argv[1:]
    save = None
    if "--save" in args:
        i = args.index("--save")
        save = Path(args[i + 1])
        del args[i : i + 2]
    shared = Path(os.environ.get("VITA_SHARED", REPO.parent / "shared"))
    data = Path(args[0]) if args else shared / "bench" / "resumes" / "realworld"
    scorer = shared / "bench" / "eval_parse.py"
    if not scorer.exists() or not data.is_dir():
        print(f"needs {scorer} and {data} (not present)")
        return 2
    inputs = sorted(
        str(p) for p in data.iterdir()
        if p.is_file() and not p.name.endswith(".truth.json") and p.suffix.lower() != ".md"
        and (p.parent / (p.stem + ".truth.json")).exists()
    )
    proc = subprocess.run(
        [sys.executable, "-m", "app", "parse", "--format", "jsonresume", *inputs],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    pred = save or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    pred.write_text(proc.stdout, encoding="utf-8")
    for src in inputs:
        name = Path(src).name
        r = _score(scorer, data, pred, name)
        metrics = r.get("metrics", {})
        assert isinstance(metrics, dict)
        weak = " ".join(f"{k}={v:.2f}" for k, v in metrics.items() if isinstance(v, float) and v < 0.999)
        failed = " FAILED" if r.get("failed") else ""
        print(f"{name:24s} {float(r.get('score', 0.0)):.3f}{failed}  {weak}")
    total = _score(scorer, data, pred, "*")
    print(f"SET SCORE {float(total.get('score', 0.0)):.3f}  failed {total.get('failed')}")
    if save is None:
        pred.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
