"""Jobs speed: parse 100 postings, rank 100 saved jobs for one profile (warm), classify 1,000 titles.

Prints seconds for each (cold = first call, warm = the same call again) next to a reference
measured in the same run (embedding 100 short texts), so figures compare across machines.

    .venv/bin/python bench/jobs_speed.py [--home VITA_HOME_WITH_ONET]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"


def timed(fn):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", default="/tmp/jobs-home")
    args = ap.parse_args()
    from app.paths import app_paths
    from core.embed import Embedder
    from core.jobs.matcher import JobMatcher
    from core.jobs.occupations import OccupationClassifier
    from core.skills import SkillExtractor
    from core.skills.ontology_terms import open_store_at

    db = app_paths(args.home).ontology_db
    store = open_store_at(db) if db.is_file() else None
    embed = Embedder().encode
    embed(["warm up"])
    _, ref = timed(lambda: embed([f"reference sentence number {i} about data pipelines" for i in range(100)]))
    print(f"reference: embed 100 short texts {ref:.3f} s")
    with (SHARED / "bench" / "jobs" / "glassdoor_jobs.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen: set[str] = set()
    items = []
    for r in rows:
        if r["Job Description"] not in seen:
            seen.add(r["Job Description"])
            items.append((r["Job Title"], r["Job Description"]))
    items = items[:100]
    matcher = JobMatcher(extractor=SkillExtractor(store=store), store=store, embed=embed, today=date(2026, 12, 1))
    parsed, t_parse = timed(lambda: matcher.parse(items))
    print(f"parse 100 postings (cold, with title classification): {t_parse:.2f} s ({t_parse / ref:.1f} x ref)")
    profile = matcher.profile_from_text((REPO / "bench" / "jobs_dev" / "personas" / "data_scientist.txt").read_text("utf-8"))
    _, t_cold = timed(lambda: matcher.match_many(profile, matcher.parse(items)))
    _, t_warm = timed(lambda: matcher.match_many(profile, matcher.parse(items)))
    print(f"rank 100 jobs: cold {t_cold:.2f} s, warm {t_warm:.3f} s ({t_warm / ref:.1f} x ref)")
    if store is not None:
        titles = [json.loads(line)["text"] for line in
                  (SHARED / "bench" / "occupation" / "lca_titles_dev.jsonl").read_text("utf-8").splitlines()]
        titles = (titles * 2)[:1000]
        titles = [f"{t} {i // 511 or ''}".strip() for i, t in enumerate(titles)]  # no cache hits on the repeat
        clf = OccupationClassifier(store, embed=embed, extractor=matcher.extractor)
        clf.classify(["data scientist"])
        _, t_cls = timed(lambda: clf.classify(titles))
        print(f"classify 1,000 titles: {t_cls:.2f} s = {1000 / t_cls:.0f} titles/s ({t_cls / ref:.1f} x ref)")
    else:
        print("classify: O*NET not imported under --home; skipped")


if __name__ == "__main__":
    main()
