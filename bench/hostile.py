"""Run every hostile file (../shared/bench/hostile plus generated bombs) through one parser pool.

Prints per-file time and result, then totals, the parent's RSS before/after and the peak RSS of
parent and workers. Figures are printed, never asserted.

    python bench/hostile.py [--corpus DIR] [--no-bombs] [--timeout 20] [--target module:function]
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def rss_mb() -> float:
    """Current resident set size of this process from /proc/self/statm (Linux)."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1_048_576


def default_target() -> str:
    if importlib.util.find_spec("core.intake.reader") is not None:
        return "core.intake.reader:parse_path"
    return "tests.core.intake_hooks:basic_parse"  # before the real readers exist


def write_bombs(folder: Path) -> list[Path]:
    from tests.security import bombs

    makers = [
        (bombs.billion_laughs_docx, "billion-laughs.docx"),
        (bombs.external_entity_docx, "external-entity.docx"),
        (bombs.deeply_nested_docx, "deeply-nested.docx"),
        (bombs.ratio_bomb_docx, "ratio-bomb.docx"),
        (bombs.declared_size_bomb_docx, "declared-size-bomb.docx"),
        (bombs.many_entries_docx, "many-entries.docx"),
        (bombs.pdf_flate_bomb, "flate-bomb.pdf"),
        (bombs.huge_png, "huge-50k.png"),
        (bombs.huge_bmp, "huge-50k.bmp"),
    ]
    return [make(folder / name) for make, name in makers]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "bench" / "hostile")
    parser.add_argument("--no-bombs", action="store_true")
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--memory-mb", type=int, default=3072)
    parser.add_argument("--target", default=None)
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args()

    from core.intake import IntakeLimits, ParserPool

    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.suffix not in (".md", ".txt")) if args.corpus.exists() else []
    tmp = tempfile.TemporaryDirectory()
    if not args.no_bombs:
        files += write_bombs(Path(tmp.name))
    if not files:
        print("no files (corpus absent and --no-bombs)")
        return 1
    target = args.target or default_target()
    limits = IntakeLimits(timeout_s=args.timeout, memory_mb=args.memory_mb)
    print(f"files: {len(files)}  target: {target}  timeout: {args.timeout:g}s  memory cap: {args.memory_mb} MB")
    rss_before = rss_mb()
    outcomes: collections.Counter[str] = collections.Counter()
    slowest: list[tuple[float, str]] = []
    with ParserPool(limits, target=target) as pool:
        t_ready = time.perf_counter()
        ready = pool.wait_ready(60)
        startup = time.perf_counter() - t_ready
        t_start = time.perf_counter()
        for source, result in pool.parse(files):
            elapsed = pool.durations.get(source, 0.0)  # dispatch to result, inside the pool
            name = type(result).__name__
            detail = f"{len(result.text)} chars" if name == "ParsedDocument" else result.message[:90]  # type: ignore[union-attr]
            outcomes[name] += 1
            slowest.append((elapsed, source))
            if not args.quiet:
                print(f"{elapsed:7.3f}s  {name:18} {Path(source).relative_to(args.corpus) if source.startswith(str(args.corpus)) else Path(source).name}  {detail}")
        total = time.perf_counter() - t_start
        respawns, quarantined = pool.respawns, len(pool.quarantine)
    rss_after = rss_mb()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    parent_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    busy = sum(t for t, _ in slowest)
    print(f"workers ready before the batch: {ready} (start-up of {limits.workers} workers incl. reader imports: {startup:.2f}s)")
    print(f"total wall: {total:.1f}s for {len(files)} files ({total / len(files) * 1000:.0f} ms/file, {limits.workers} workers); summed per-file time {busy:.1f}s")
    print("outcomes:", dict(outcomes.most_common()))
    print(f"respawns: {respawns}  quarantined: {quarantined}")
    print("slowest:", ", ".join(f"{Path(s).name} {t:.2f}s" for t, s in sorted(slowest, reverse=True)[:5]))
    print(f"parent RSS before/after: {rss_before:.1f} / {rss_after:.1f} MB; parent peak {parent_peak:.1f} MB; worker peak {children:.1f} MB")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
