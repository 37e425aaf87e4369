"""Benchmark: ontology open time (lazy) and title normalisation latency (warm, per title).

Run: python bench/onet_lookup.py DB [--semantic [--embed-threads N]]
DB: an imported ontology (e.g. from `bench/onet_import.py --keep DB`, or the app's own).
Prints milliseconds; a CPU reference loop measured in the same run gives a load-independent ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from onet.lookup import search_occupations  # noqa: E402
from onet.store import OntologyStore  # noqa: E402
from onet.titles import normalize_title, title_index  # noqa: E402

TITLES = [
    "Sr. SWE II", "Senior Software Engineer", "Staff SDE", "Jr. Web Dev", "Data Scientist III",
    "Registered Nurse", "Sr. Accountant", "Marketing Mgr", "HR Mgr", "Chief Executive Officer",
    "Lead Barista", "VP of Engineering", "Eng Mgr", "Product Manager", "DevOps Engineer",
    "Truck Driver", "Head of People", "Sofware Develper", "Principal Data Eng", "Assoc. Dir. of Finance",
    "Customer Success Mgr", "Sales Rep", "Line Cook", "Electrician Apprentice", "Graphic Designer",
    "Machine Learning Engineer", "Site Reliability Engineer", "Elementary School Teacher",
    "Paralegal", "Warehouse Associate", "Project Mgr", "Financial Analyst II", "UX Designer",
    "Security Analyst", "Pharmacist", "Dental Hygienist", "Sr. Systems Admin", "Mechanical Eng",
    "Executive Assistant", "Ninja Coder",
]


def cpu_reference_ms() -> float:
    t0 = time.perf_counter()
    sum(i * i for i in range(300_000))
    return (time.perf_counter() - t0) * 1000


def cold_open_ms(db: Path) -> float:
    """Fresh interpreter: import onet.store and open the database (what app start pays)."""
    code = ("import time; t=time.perf_counter(); from onet.store import OntologyStore; "
            f"s=OntologyStore.open({str(db)!r}); s.info(); print((time.perf_counter()-t)*1000)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def per_title_ms(store: OntologyStore, embed: object, rounds: int = 3) -> list[float]:
    index = title_index(store)
    samples = []
    for _ in range(rounds):
        index.lookup.cache_clear()  # measure the work, not the query cache
        for t in TITLES:
            t0 = time.perf_counter()
            normalize_title(store, t, embed=embed)  # type: ignore[arg-type]
            samples.append((time.perf_counter() - t0) * 1000)
    return samples


def describe(samples: list[float]) -> str:
    s = sorted(samples)
    return (f"median {statistics.median(s):.2f} ms, p95 {s[int(len(s) * 0.95) - 1]:.2f} ms, "
            f"max {s[-1]:.2f} ms over {len(s)} lookups")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--semantic", action="store_true", help="also time lookups with embeddings")
    ap.add_argument("--embed-threads", type=int, help="ONNX Runtime threads for query encoding")
    args = ap.parse_args()
    db = Path(args.db)
    ref = statistics.median(cpu_reference_ms() for _ in range(5))
    print(f"cpu reference loop: {ref:.1f} ms")
    colds = [cold_open_ms(db) for _ in range(3)]
    print(f"store open in a fresh process (import + open + info): {min(colds):.1f} ms (best of 3)")
    t0 = time.perf_counter()
    store = OntologyStore.open(db)
    print(f"store open in process: {(time.perf_counter() - t0) * 1000:.2f} ms")
    t0 = time.perf_counter()
    title_index(store)
    print(f"title index build (first title lookup only): {(time.perf_counter() - t0) * 1000:.0f} ms")
    lex = per_title_ms(store, None)
    print(f"title normalisation, lexical, warm: {describe(lex)}; "
          f"median/ref ratio {statistics.median(lex) / ref:.3f}")
    index = title_index(store)
    index.lookup.cache_clear()
    for t in TITLES:
        normalize_title(store, t)
    t1 = time.perf_counter()
    for t in TITLES:
        normalize_title(store, t)
    print(f"title normalisation, repeated title (query cache hit): {(time.perf_counter() - t1) * 1000 / len(TITLES):.4f} ms")
    if args.semantic:
        if not store.embedding_kinds():
            print("no embeddings in this database; skipping semantic figures")
            return 0
        from core.embed import Embedder

        if args.embed_threads:
            os.environ["VITA_EMBED_THREADS"] = str(args.embed_threads)
        enc = Embedder.shared().encode
        t0 = time.perf_counter()
        enc(["warm up"])
        print(f"embedding model load: {(time.perf_counter() - t0) * 1000:.0f} ms")
        t0 = time.perf_counter()
        for kind in ("occupation_title", "alt_title"):
            if kind in store.embedding_kinds():
                store.embeddings(kind)
        print(f"embedding matrices load (first semantic lookup only): {(time.perf_counter() - t0) * 1000:.0f} ms")
        sem = per_title_ms(store, enc)
        print(f"title normalisation, lexical+semantic, warm: {describe(sem)}; "
              f"median/ref ratio {statistics.median(sem) / ref:.3f}")
        t0 = time.perf_counter()
        for t in TITLES:
            search_occupations(store, t, embed=enc)
        print(f"occupation search with semantic: {(time.perf_counter() - t0) * 1000 / len(TITLES):.2f} ms per query")
        for t in ("VP of Engineering", "Head of People", "Ninja Coder"):
            print(f"  {t!r} -> {[(m.code, m.title, m.confidence) for m in normalize_title(store, t, embed=enc)[:2]]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
