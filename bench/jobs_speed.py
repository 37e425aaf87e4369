"""Jobs speed: parse 100 postings, rank 100 saved jobs for one profile, classify 1,000 titles.

Prints seconds for each (cold = first call, warm = the same call again) next to a reference
measured in the same run (embedding 100 short texts), so figures compare across machines. The
vault lines save the 100 postings in a throwaway encrypted profile and rank them through the
per-job match cache: the first ranking ever (cache empty), the first ranking after a restart
(a new matcher, nothing in memory, the cache filled), and warm.

    .venv/bin/python bench/jobs_speed.py [--home VITA_HOME_WITH_ONET] [--no-classify] [--vault-only]
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
    ap.add_argument("--no-classify", action="store_true")
    ap.add_argument("--vault-only", action="store_true", help="only the ranking through the vault's cache")
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
    extractor = SkillExtractor(store=store)
    persona = (REPO / "bench" / "jobs_dev" / "personas" / "data_scientist.txt").read_text("utf-8")
    vault_ranking(items, lambda: JobMatcher(extractor=extractor, store=store, embed=embed, today=date(2026, 12, 1)),
                  persona, ref)
    if args.vault_only:
        return
    matcher = JobMatcher(extractor=extractor, store=store, embed=embed, today=date(2026, 12, 1))
    parsed, t_parse = timed(lambda: matcher.parse(items))
    print(f"parse 100 postings (cold, with title classification): {t_parse:.2f} s ({t_parse / ref:.1f} x ref)")
    profile = matcher.profile_from_text(persona)
    _, t_cold = timed(lambda: matcher.match_many(profile, matcher.parse(items)))
    _, t_warm = timed(lambda: matcher.match_many(profile, matcher.parse(items)))
    print(f"rank 100 jobs: cold {t_cold:.2f} s, warm {t_warm:.3f} s ({t_warm / ref:.1f} x ref)")
    if store is not None and not args.no_classify:
        titles = [json.loads(line)["text"] for line in
                  (SHARED / "bench" / "occupation" / "lca_titles_dev.jsonl").read_text("utf-8").splitlines()]
        titles = (titles * 2)[:1000]
        titles = [f"{t} {i // 511 or ''}".strip() for i, t in enumerate(titles)]  # no cache hits on the repeat
        clf = OccupationClassifier(store, embed=embed, extractor=matcher.extractor)
        clf.classify(["data scientist"])
        _, t_cls = timed(lambda: clf.classify(titles))
        print(f"classify 1,000 titles: {t_cls:.2f} s = {1000 / t_cls:.0f} titles/s ({t_cls / ref:.1f} x ref)")
    else:
        print("classify: skipped (--no-classify, or O*NET not imported under --home)")


def vault_ranking(items: list[tuple[str, str]], new_matcher, persona: str, ref: float) -> None:  # type: ignore[no-untyped-def]
    """Rank the postings saved in a throwaway vault: cache empty, after a restart (cache filled), warm."""
    import tempfile

    from core.jobs.match_cache import cached_parse
    from core.jobs.store import insert_posting, list_postings
    from core.vault import ProfileStore
    from core.vault.keys import Argon2Params
    from core.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        profiles = ProfileStore(Path(tmp) / "profiles")
        prof, _ = profiles.create("Bench", passphrase="bench-only", argon=Argon2Params(1, 1024, 1))
        ws = Workspace(profiles.open_vault(prof, profiles.unlock(prof, passphrase="bench-only").key), profile=prof)
        try:
            with ws.mutation("bench postings") as txn:
                for title, body in items:
                    insert_posting(txn, title=title, text=body)
            jobs = list_postings(ws)

            def rank(m):  # type: ignore[no-untyped-def]
                return m.match_many(profile, cached_parse(ws, m, jobs))

            first = new_matcher()
            profile = first.profile_from_text(persona)
            _, t_empty = timed(lambda: rank(first))
            restarted = new_matcher()  # a new process: nothing in memory, the vault's cache filled
            restarted.profile_from_text(persona)
            _, t_restart = timed(lambda: rank(restarted))
            _, t_warm = timed(lambda: rank(restarted))
        finally:
            ws.close()
    print(f"rank 100 saved jobs through the vault cache: first ever (parse + fill) {t_empty:.2f} s, "
          f"after a restart {t_restart:.2f} s ({t_restart / ref:.1f} x ref), warm {t_warm:.3f} s ({t_warm / ref:.1f} x ref)")


if __name__ == "__main__":
    main()
