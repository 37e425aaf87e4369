"""Benchmark: import time of the shared O*NET release, without and with embeddings.

Run: python bench/onet_import.py [--release DIR] [--keep DB] [--no-embed] [--full]
Prints seconds per phase: without embeddings, then with occupation-title embeddings only.
`--full` instead times the import a person meets in the first-run wizard, end to end: a fresh
profile home, `core.ontology.import_ontology` through the app's `Services` and its embedder (model
load included, every embedding kind the lookups use: ~59k texts), progress counted, cancel
checked; it prints the seconds, the texts/s and the load average.
`--keep` leaves the last embedded database for bench/onet_lookup.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from onet.importer import ImportProgress, import_release  # noqa: E402
from onet.store import OntologyStore  # noqa: E402


def full_import(release: Path, out: Path) -> None:
    """The first-run import as the app runs it, timed end to end (model load included)."""
    import os

    from core.ontology import import_ontology
    from core.services import Services

    services = Services(ontology_db=out)
    steps: dict[str, int] = {}
    checks = [0]
    last = [time.perf_counter()]

    def progress(p: ImportProgress) -> None:
        steps[p.stage] = steps.get(p.stage, 0) + 1
        now = time.perf_counter()
        if now - last[0] > 15:
            last[0] = now
            print(f"  {p.stage} {p.done}/{p.total} {p.item}", flush=True)

    def cancelled() -> bool:
        checks[0] += 1
        return False

    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    try:
        done = import_ontology(services, release, embed=services.embedder().embed, progress=progress,
                               cancel=cancelled)
    finally:
        services.shutdown()
    dt = time.perf_counter() - t0
    n = sum(done.report.embeddings.values())
    print(f"full first-run import (model load, files, indexes, {n} embeddings {done.report.embeddings}): "
          f"{dt:.1f} s, {n / max(dt, 1e-9):.0f} texts/s overall; progress reports {steps}, cancel checked "
          f"{checks[0]} times; load average {load:.1f} -> {os.getloadavg()[0]:.1f}; db {out.stat().st_size / 1e6:.1f} MB")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--release", default=str(REPO.parent / "shared" / "onet" / "db_30_0_text"))
    ap.add_argument("--keep", help="write the embedded database here (for bench/onet_lookup.py)")
    ap.add_argument("--no-embed", action="store_true")
    ap.add_argument("--full", action="store_true", help="time the app's whole first-run import (every embedding kind)")
    args = ap.parse_args()
    release = Path(args.release)
    if not release.exists():
        print(f"release not found: {release}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        if args.full:
            full_import(release, Path(args.keep) if args.keep else Path(tmp) / "onet.sqlite")
            return 0
        plain = Path(tmp) / "plain.sqlite"
        times = []
        for _ in range(2):
            t0 = time.perf_counter()
            report = import_release(release, plain)
            times.append(time.perf_counter() - t0)
        print(f"import without embeddings: {min(times):.2f} s (best of 2; runs {', '.join(f'{t:.2f}' for t in times)})")
        print(f"  loaded {len(report.loaded)} files, missing {report.missing}, db {plain.stat().st_size / 1e6:.1f} MB")
        t0 = time.perf_counter()
        OntologyStore.open(plain).close()
        print(f"store open: {(time.perf_counter() - t0) * 1000:.2f} ms")
        if args.no_embed:
            return 0
        from core.embed import Embedder

        enc = Embedder.shared()
        t0 = time.perf_counter()
        enc.encode(["warm up"])
        print(f"embedding model load: {time.perf_counter() - t0:.2f} s")
        out = Path(args.keep) if args.keep else Path(tmp) / "embedded.sqlite"
        last = [0.0]

        def progress(p: ImportProgress) -> None:
            now = time.perf_counter()
            if p.stage == "embeddings" and now - last[0] > 30:
                last[0] = now
                print(f"  embeddings {p.done}/{p.total} ({p.item})", flush=True)

        for kinds in [("occupation_title",)]:
            t0 = time.perf_counter()
            report = import_release(release, out, embed=enc.encode, embed_kinds_=kinds,
                                    embedding_model="all-MiniLM-L6-v2", progress=progress)
            dt = time.perf_counter() - t0
            n = sum(report.embeddings.values())
            print(f"import with embeddings {'+'.join(kinds)}: {dt:.1f} s ({n} texts, {report.embeddings}; "
                  f"{n / max(dt, 1e-9):.0f} texts/s overall), db {out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
