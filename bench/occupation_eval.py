"""Occupation titles: split-half accuracy on the LCA dev titles and the speed of classifying 1,000 titles.

The dev titles are split by a CRC32 of their id: half 0 is where the title-fusion weights were chosen,
half 1 is the report half. Speed is 1,000 distinct titles (LCA dev, then Glassdoor job titles, then those titles with their sector) in one
batch, next to a reference measured in the same run (embedding 100 short texts), to the classifier called
with one title at a time (warm) and to the alias/fuzzy/semantic lookup one title at a time (`vita onet title`'s path).

    .venv/bin/python bench/occupation_eval.py [--home VITA_HOME_WITH_ONET] [--no-speed]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
CASES = SHARED / "bench" / "occupation" / "lca_titles_dev.jsonl"


def half(case_id: str) -> int:
    return zlib.crc32(case_id.encode()) % 2


def accuracy(cases: list[dict], predictions: list[list[str]]) -> None:
    hits: Counter[tuple[str, str]] = Counter()
    counts: Counter[tuple[str, str]] = Counter()
    for case, pred in zip(cases, predictions, strict=True):
        det = {c[:7] for c in case["codes"]}
        for h in (f"half{half(case['id'])}", "all"):
            for group in (case["group"], "all"):
                counts[h, group] += 1
                hits[h, group, "det"] += bool(pred) and pred[0][:7] in det
                hits[h, group, "major"] += bool(pred) and pred[0][:2] in set(case["majors"])
    for h in ("half0", "half1", "all"):
        for group in ("all", "in_onet", "not_in_onet"):
            n = counts[h, group]
            print(f"{h:6} {group:12} n {n:4}  detailed@1 {hits[h, group, 'det'] / n:.3f}"
                  f"  major@1 {hits[h, group, 'major'] / n:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", default=None)
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    from app.paths import app_paths
    from core.embed import Embedder
    from core.jobs.occupations import OccupationClassifier
    from core.skills.ontology_terms import open_store_at

    db = app_paths(args.home).ontology_db
    if not db.is_file() or not CASES.is_file():
        print(f"skipped: needs O*NET imported under --home ({db}) and {CASES}")
        return
    store = open_store_at(db)
    embed = Embedder.shared().encode
    clf = OccupationClassifier(store, embed=embed)
    cases = [json.loads(line) for line in CASES.read_text("utf-8").splitlines() if line.strip()]
    results = clf.classify([c["text"] for c in cases])
    accuracy(cases, [[g.code for g in r] for r in results])
    if args.no_speed:
        return
    titles = list(dict.fromkeys(c["text"] for c in cases))
    with (SHARED / "bench" / "jobs" / "glassdoor_jobs.csv").open(encoding="utf-8", newline="") as fh:
        postings = list(csv.DictReader(fh))
    titles += [r["Job Title"] for r in postings]
    # then posting titles with their sector ("Data Scientist, Insurance") until there are 1,000 distinct
    titles += [f"{r['Job Title']}, {r['Sector']}" for r in postings if r["Sector"] not in ("", "-1")]
    titles = list(dict.fromkeys(titles))[:1000]
    embed(["warm up"])
    t = time.perf_counter()
    embed([f"reference sentence number {i} about data pipelines" for i in range(100)])
    ref = time.perf_counter() - t
    fresh = OccupationClassifier(store, embed=embed)
    t = time.perf_counter()
    fresh.classify(titles)
    t_batch = time.perf_counter() - t
    t = time.perf_counter()
    for title in titles:
        fresh.index.lookup(title, 5, embed)
    t_lookup = time.perf_counter() - t
    singles = []
    for title in titles[:200]:  # one title per call, warm (what a posting's title costs)
        t = time.perf_counter()
        fresh.classify([title])
        singles.append((time.perf_counter() - t) * 1000)
    singles.sort()
    print(f"reference: embed 100 short texts {ref:.3f} s")
    print(f"classify one title per call, warm: median {singles[len(singles) // 2]:.1f} ms,"
          f" p95 {singles[int(len(singles) * 0.95)]:.1f} ms over {len(singles)} titles")
    print(f"classify {len(titles)} distinct titles in one batch: {t_batch:.2f} s = {len(titles) / t_batch:.0f} titles/s"
          f" ({t_batch / ref:.1f} x ref)")
    print(f"title lookup one at a time (alias/fuzzy/semantic): {t_lookup:.2f} s = {len(titles) / t_lookup:.0f}"
          f" titles/s ({t_lookup / ref:.1f} x ref)")


if __name__ == "__main__":
    main()
