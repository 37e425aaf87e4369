"""Benchmark: skill extraction throughput (words per second) and extractor start-up time.

Texts: the SkillSpan dev sentences when ../shared is present, else generated fictional
sentences. Prints figures for the starter lexicon and, with --onet-db, with O*NET terms.

    python bench/skills_speed.py [--onet-db PATH] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FICTIONAL = [
    "Built {a} services in {b} and deployed them to {c} with {d}.",
    "You will work closely with product owners to deliver {a} features using {b}.",
    "Strong communication skills and experience with {a}, {b} and {c} are required.",
    "Our team maintains {a} pipelines on {c}; knowledge of {d} is a plus.",
]
TECH = ["Python", "Go", "Kubernetes", "PostgreSQL", "React", "AWS", "Terraform", "Kafka", "Java", "Excel"]


def _texts() -> list[str]:
    dev = REPO.parent / "shared" / "bench" / "skills" / "skillspan_dev.jsonl"
    if dev.is_file():
        return [json.loads(line)["text"] for line in dev.open(encoding="utf-8") if line.strip()]
    rnd = random.Random(7)
    return [rnd.choice(FICTIONAL).format(**{k: rnd.choice(TECH) for k in "abcd"}) for _ in range(3000)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--onet-db")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    t0 = time.perf_counter()
    from core.skills import SkillExtractor
    from core.skills.tokens import blank_nlp

    blank_nlp()
    print(f"import + spaCy blank pipeline: {time.perf_counter() - t0:.2f} s")
    texts = _texts()
    words = sum(len(t.split()) for t in texts)
    setups: list[tuple[str, object]] = [("starter lexicon", None)]
    if a.onet_db:
        from core.skills.ontology_terms import open_store_at

        setups.append(("with O*NET", open_store_at(Path(a.onet_db))))
    for name, store in setups:
        t0 = time.perf_counter()
        ex = SkillExtractor(store=store)
        build = time.perf_counter() - t0
        best = cpu = float("inf")
        spans = 0
        for _ in range(a.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            spans = sum(len(s) for s in ex.extract_many(texts))
            best = min(best, time.perf_counter() - t0)
            cpu = min(cpu, time.process_time() - c0)
        print(f"{name}: build {build:.2f} s; {len(texts)} texts, {words} words in {best:.2f} s wall "
              f"= {words / best:,.0f} words/s ({words / cpu:,.0f} words per CPU-second; "
              f"{spans} spans; best of {a.repeat})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
