"""Matching accuracy on our own pairs: fictional personas x real postings, graded by occupation.

Builds the cases (bench/jobs_dev/postings.json: posting rows with hand-assigned SOC codes; texts
read from ../shared at run time, never stored), then runs ../shared/bench/eval_match.py on
`vita match pairs` and on two baselines measured the same way: plain embedding cosine and TF-IDF.

    .venv/bin/python bench/jobs_match_eval.py            # all three
    .venv/bin/python bench/jobs_match_eval.py --only vita
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = REPO / "bench" / "jobs_dev"


def posting_texts() -> dict[str, tuple[str, str]]:
    """Row id -> (title, description) of the glassdoor postings."""
    path = SHARED / "bench" / "jobs" / "glassdoor_jobs.csv"
    if not path.is_file():
        sys.exit("needs ../shared/bench/jobs/glassdoor_jobs.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        return {r[""]: (r["Job Title"], r["Job Description"]) for r in csv.DictReader(fh)}


def grade(a: str, b: str) -> int:
    """The acceptance rule: same detailed occupation 2, same SOC minor group 1, else 0."""
    if a[:7] == b[:7]:
        return 2
    return 1 if a[:4] == b[:4] else 0


def build_cases(out: Path) -> int:
    spec = json.loads((DEV / "postings.json").read_text("utf-8"))
    texts = posting_texts()
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for persona, pcode in spec["personas"].items():
            resume = (DEV / "personas" / f"{persona}.txt").read_text("utf-8")
            for row, jcode in spec["postings"].items():
                title, desc = texts[row]
                g = grade(pcode, jcode)
                case = {"id": f"{persona}:{row}", "resume": resume, "job": f"{title}\n\n{desc}",
                        "resume_id": persona, "grade": g, "fit": g > 0}
                fh.write(json.dumps(case) + "\n")
                n += 1
    return n


def baseline(kind: str, path: str) -> None:
    """Score pairs by plain embedding cosine or TF-IDF cosine (the reference methods)."""
    rows = [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]
    if kind == "embed":
        sys.path.insert(0, str(REPO))
        from core.embed import Embedder

        enc = Embedder.shared().encode
        texts = sorted({r["resume"] for r in rows} | {r["job"] for r in rows})
        vecs = dict(zip(texts, enc(texts), strict=True))
        scores = [float(vecs[r["resume"]] @ vecs[r["job"]]) for r in rows]
    else:
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = sorted({r["resume"] for r in rows} | {r["job"] for r in rows})
        m = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(texts)
        vec = dict(zip(texts, m.transform(texts), strict=True))
        scores = [float((vec[r["resume"]] @ vec[r["job"]].T).toarray()[0, 0]) for r in rows]
    for r, s in zip(rows, scores, strict=True):
        print(json.dumps({"id": r["id"], "score": (s + 1) / 2 if kind == "embed" else s}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", choices=["vita", "embed", "tfidf"])
    ap.add_argument("--baseline", choices=["embed", "tfidf"], help=argparse.SUPPRESS)
    ap.add_argument("input", nargs="?", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.baseline:
        baseline(args.baseline, args.input)
        return
    scorer = SHARED / "bench" / "eval_match.py"
    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(tmp) / "cases.jsonl"
        print(f"{build_cases(cases)} pairs", flush=True)
        py = sys.executable
        cmds = {"vita": f"{REPO / '.venv/bin/vita'} match pairs --format jsonl {{input}}",
                "embed": f"{py} {__file__} --baseline embed {{input}}",
                "tfidf": f"{py} {__file__} --baseline tfidf {{input}}"}
        for name, cmd in cmds.items():
            if args.only and name != args.only:
                continue
            print(f"== {name}", flush=True)
            subprocess.run([py, str(scorer), str(cases), "--cmd", cmd], check=False)


if __name__ == "__main__":
    main()
