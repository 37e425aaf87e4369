"""Requirement-status accuracy on our hand-labelled dev set (bench/jobs_dev/labels.json).

30 real postings (texts read from ../shared at run time) x 3 fictional personas. Prints macro and
per-status F1, accuracy, the share of paraphrases wrongly reported missing, and a sweep of the
meaning-rung thresholds (how the values in core/jobs/ladder.py were chosen).

    .venv/bin/python bench/jobs_devset.py [--home VITA_HOME_WITH_ONET] [--no-sweep] [--dump FILE.tsv]

Labelling rules (labels.json is written by reading each persona's text against these, never from
the predictor's output):

- Tools, technologies and domain skills: met when a role or achievement shows the skill (named there,
  or listed and named as a word in a role); partial when it is only listed, last used more than 6
  years before the set's date (2026-12-01), short of the years asked, or not in the record while a
  related skill is: another product of the same kind (a database for a database, a cloud platform
  or service for another, a stream or workflow engine, an ETL tool, a deep-learning framework) or a
  concept the record shows that contains or is contained in it ("machine learning" for "algorithms");
  missing when nothing in the record is the skill or related to it.
- Abilities and soft skills (O*NET Skills / Abilities / Work Styles elements: Speaking, Writing,
  Critical Thinking, Coordination, Technology Design, Programming ...): met when the record names it
  (a skill fact, or its name or an alias literally in a fact) AND a role or achievement shows it;
  partial when the record only implies it (a duty or achievement is an instance of the element as
  O*NET defines it: "presented results to executives" for Speaking, "wrote two grant applications"
  for Writing, "mentored junior analysts" for Learning Strategies; writing code or queries is not
  Writing, orchestrating jobs is not Coordination) or names it with no role or achievement showing
  it; unknown when nothing touches it. Never missing: a resume's silence about a soft skill is no
  evidence of its absence; it becomes an interview question.
- Duties (tasks): met or partial when a role does the same duty in other words, else unknown.
- Clearance, location and travel: unknown. English: met (the record is written in it).
- Degree and years: from the persona's facts in labels.json, judged per posting (level, field, years).
"""


from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
DEV = REPO / "bench" / "jobs_dev"
STATUSES = ("met", "partial", "missing", "unknown")
TODAY = date(2026, 12, 1)


def gold_status(req: Any, persona: dict[str, Any]) -> str:
    kind = req.kind.value
    if kind == "experience":
        return "met" if persona["years"] >= (req.years or 0) else "partial" if persona["years"] >= 0.7 * (req.years or 0) else "missing"
    if kind == "education":
        level = persona["degree_level"]
        need = req.level or 2
        fields_ok = not req.fields or any(any(f in g or g in f for g in persona["degree_fields"]) for f in req.fields)
        if level >= need:
            return "met" if fields_ok else "partial"
        return "partial" if level == need - 1 else "missing"
    if kind in ("clearance", "location", "travel", "certification"):
        return "unknown"
    if kind == "language":
        return "met" if req.value == "English" else "unknown"
    if req.label in persona["met"]:
        return "met"
    if req.label in persona["partial"]:
        return "partial"
    return "missing" if kind == "skill" else "unknown"


def f1s(pairs: list[tuple[str, str]]) -> dict[str, float]:
    out = {}
    for s in STATUSES:
        tp = sum(1 for g, p in pairs if g == s and p == s)
        fp = sum(1 for g, p in pairs if g != s and p == s)
        fn = sum(1 for g, p in pairs if g == s and p != s)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[s] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    out["macro"] = sum(out[s] for s in STATUSES) / len(STATUSES)
    out["accuracy"] = sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", default="/tmp/jobs-home", help="a VITA_HOME holding an imported O*NET")
    ap.add_argument("--no-sweep", action="store_true")
    ap.add_argument("--dump", type=Path, help="write every label (persona, posting, requirement, gold, predicted, "
                    "rung, reason) to this TSV file, to read disagreements against the rules above")
    args = ap.parse_args()
    from app.paths import app_paths
    from core.embed import Embedder
    from core.jobs import ladder
    from core.jobs.ladder import EvidenceLadder
    from core.jobs.matcher import JobMatcher
    from core.skills import SkillExtractor
    from core.skills.ontology_terms import open_store_at

    labels = json.loads((DEV / "labels.json").read_text("utf-8"))
    csv_path = SHARED / "bench" / "jobs" / "glassdoor_jobs.csv"
    if not csv_path.is_file():
        sys.exit("needs ../shared/bench/jobs/glassdoor_jobs.csv")
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = {r[""]: r for r in csv.DictReader(fh)}
    db = app_paths(args.home).ontology_db
    store = open_store_at(db) if db.is_file() else None
    print("O*NET:", "imported" if store is not None else "not imported (starter lexicon only)")
    matcher = JobMatcher(extractor=SkillExtractor(store=store), store=store, embed=Embedder().encode, today=TODAY)
    postings = matcher.parse([(rows[i]["Job Title"], rows[i]["Job Description"]) for i in labels["postings"]])
    profiles = {name: matcher.profile_from_text((DEV / "personas" / f"{name}.txt").read_text("utf-8"))
                for name in labels["personas"]}

    def run(half: int | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Labels of every posting, or of one half (0: even postings, the tuning half; 1: odd, held out)."""
        pairs: list[tuple[str, str]] = []
        para: list[tuple[str, str]] = []
        for name, persona in labels["personas"].items():
            lad = EvidenceLadder(profiles[name], matcher.context())
            for n, p in enumerate(postings):
                if half is not None and n % 2 != half:
                    continue
                for r in matcher.match(profiles[name], p, lad).results:
                    g = gold_status(r.requirement, persona)
                    pairs.append((g, r.status.value))
                    if r.requirement.label in persona["paraphrase"]:
                        para.append((g, r.status.value))
        return pairs, para

    if not args.no_sweep:
        print("threshold sweep on the tuning half (even postings) (met / partial): macro F1, accuracy, "
              "paraphrases wrongly missing")
        for met_t, part_t in ((0.30, 0.25), (0.35, 0.30), (0.40, 0.30), (0.45, 0.35), (0.50, 0.40), (0.55, 0.45),
                              (0.60, 0.50), (0.70, 0.60), (2.0, 2.0)):
            ladder.SEMANTIC_THRESHOLD, ladder.SEMANTIC_PARTIAL = met_t, part_t
            pairs, para = run(0)
            s = f1s(pairs)
            wrong = sum(1 for g, p in para if p == "missing") / len(para) if para else 0.0
            print(f"  {met_t:.2f} / {part_t:.2f}: macro F1 {s['macro']:.3f}  accuracy {s['accuracy']:.3f}  "
                  f"paraphrases missing {wrong:.1%}")
        print("ability meaning sweep on the tuning half (cosine from which an ability is implied, partial)")
        ladder.SEMANTIC_THRESHOLD, ladder.SEMANTIC_PARTIAL = 0.40, 0.30
        for ability_t in (0.30, 0.35, 0.40, 0.45, 0.50, 2.0):
            ladder.ABILITY_MEANING = ability_t
            s = f1s(run(0)[0])
            print(f"  {ability_t:.2f}: macro F1 {s['macro']:.3f}  accuracy {s['accuracy']:.3f}")
        import importlib

        importlib.reload(ladder)
    for half, name in ((0, "tuning half (even postings)"), (1, "held-out half (odd postings)")):
        hp, hq = run(half)
        hs = f1s(hp)
        hw = sum(1 for g, p in hq if p == "missing") / len(hq) if hq else 0.0
        print(f"{name}: {len(hp)} labels, macro F1 {hs['macro']:.3f}, accuracy {hs['accuracy']:.3f}, "
              f"paraphrases wrongly missing {hw:.1%}")
        print_confusion(hp)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for name, persona in labels["personas"].items():
                lad = EvidenceLadder(profiles[name], matcher.context())
                for pid, p in zip(labels["postings"], postings, strict=True):
                    for r in matcher.match(profiles[name], p, lad).results:
                        q = r.requirement
                        ev = (r.evidence[0] if r.evidence else "").replace("\t", " ").replace("\n", " ")[:120]
                        fh.write("\t".join((name, pid, q.kind.value, q.label, q.ontology_id or "", gold_status(q, persona),
                                            r.status.value, r.step, r.reason, ev)) + "\n")
    pairs, para = run()
    s = f1s(pairs)
    print(f"\nshipped thresholds {ladder.SEMANTIC_THRESHOLD} / {ladder.SEMANTIC_PARTIAL}: {len(pairs)} requirement labels")
    print("gold:", dict(Counter(g for g, _ in pairs)), " predicted:", dict(Counter(p for _, p in pairs)))
    print("F1 " + "  ".join(f"{k} {v:.3f}" for k, v in s.items()))
    wrong = sum(1 for g, p in para if p == "missing")
    print(f"paraphrases wrongly missing: {wrong}/{len(para)} = {wrong / len(para):.1%}" if para else "no paraphrases")
    print_confusion(pairs)


def print_confusion(pairs: list[tuple[str, str]]) -> None:
    confusion = Counter(pairs)
    print("  confusion (rows gold, columns predicted: " + " ".join(STATUSES) + ")")
    for g in STATUSES:
        print(f"    {g:<8}" + "".join(f"{confusion[(g, p)]:>6}" for p in STATUSES))


if __name__ == "__main__":
    main()
