"""Pool overhead: the same files parsed in-process (one core) and through the sandboxed pool.

Prints worker start-up, in-process time, pool time (warm workers) and their ratio. Figures only.

    python bench/intake_overhead.py [DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=REPO.parent / "shared" / "bench" / "resumes" / "rendered")
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    files = sorted(p for p in args.folder.iterdir() if p.suffix in (".pdf", ".docx", ".txt") and ".truth" not in p.name)[: args.limit]
    if not files:
        print("no files")
        return 1

    from core.intake import ParserPool, sniff
    from core.intake.reader import parse_path

    parse_path(files[0], kind=sniff(files[0]))  # imports, caches
    t0 = time.perf_counter()
    for f in files:
        try:
            parse_path(f, kind=sniff(f))
        except Exception:
            pass
    inproc = time.perf_counter() - t0

    t0 = time.perf_counter()
    pool = ParserPool(workers=args.workers)
    pool.wait_ready(60)
    startup = time.perf_counter() - t0
    try:
        list(pool.parse(files[:2]))  # first-use caches inside the workers
        t0 = time.perf_counter()
        results = list(pool.parse(files))
        pooled = time.perf_counter() - t0
    finally:
        pool.shutdown()
    ok = sum(1 for _, r in results if not isinstance(r, Exception))
    print(f"files: {len(files)} ({ok} parsed)")
    print(f"worker start-up ({pool.size} workers, readers imported): {startup:.2f}s")
    print(f"in-process, 1 core:      {inproc:.2f}s  ({inproc / len(files) * 1000:.0f} ms/file)")
    print(f"pool, {pool.size} workers (warm):  {pooled:.2f}s  ({pooled / len(files) * 1000:.0f} ms/file)")
    print(f"pool / in-process: {pooled / inproc:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
