"""Benchmark: import time of the shared O*NET release, without and with embeddings.

Run: python bench/onet_import.py [--release DIR] [--keep DB] [--no-embed] [--full]
Prints seconds per phase: without embeddings, with occupation-title embeddings, and with every
embedding kind when `--full` (59k texts: minutes to an hour on 2 busy cores).
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--release", default=str(REPO.parent / "shared" / "onet" / "db_30_0_text"))
    ap.add_argument("--keep", help="write the embedded database here (for bench/onet_lookup.py)")
    ap.add_argument("--no-embed", action="store_true")
    ap.add_argument("--full", action="store_true", help="also embed alternate titles and technology skills")
    args = ap.parse_args()
    release = Path(args.release)
    if not release.exists():
        print(f"release not found: {release}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
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

        runs: list[tuple[str, ...]] = [("occupation_title",)]
        if args.full:
            runs.append(("occupation_title", "alt_title", "tech_skill"))
        for kinds in runs:
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
