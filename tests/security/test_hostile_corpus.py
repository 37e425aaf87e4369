"""Hostile input: the shared torture corpus and generated bombs end in text or a typed error,
within the time budget, in one pool, while the parent survives with flat memory."""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

import pytest

from core.errors import HostileFile, VitaError
from core.intake import IntakeLimits, ParserPool
from core.model import ParsedDocument
from tests.conftest import shared_path
from tests.core.intake_hooks import BASIC
from tests.security import bombs

BUDGET_S = 20.0
LIMITS = IntakeLimits(timeout_s=BUDGET_S, ocr_timeout_s=BUDGET_S)
KILL_SLACK_S = 3.0  # noticing a deadline, killing and reaping the worker
TARGET = "core.intake.reader:parse_path" if importlib.util.find_spec("core.intake.reader") else BASIC

GENERATED = {
    "billion-laughs.docx": (bombs.billion_laughs_docx, HostileFile),
    "external-entity.docx": (bombs.external_entity_docx, HostileFile),
    "deeply-nested.docx": (bombs.deeply_nested_docx, HostileFile),
    "ratio-bomb.docx": (bombs.ratio_bomb_docx, HostileFile),
    "declared-size-bomb.docx": (bombs.declared_size_bomb_docx, HostileFile),
    "many-entries.docx": (bombs.many_entries_docx, HostileFile),
    "huge-50k.png": (bombs.huge_png, HostileFile),
    "huge-50k.bmp": (bombs.huge_bmp, HostileFile),
    "flate-bomb.pdf": (bombs.pdf_flate_bomb, HostileFile),  # refused by the stream budget
}


def rss_mb() -> float:
    """This process's resident memory from /proc/self/statm."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1_048_576


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc (Linux)")
def test_hostile_corpus_and_bombs_in_one_pool(tmp_path: Path) -> None:
    corpus = shared_path("bench", "hostile")
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() not in (".md", ".txt"))
    assert len(files) > 200
    generated = {name: make(tmp_path / name) for name, (make, _) in GENERATED.items()}
    normal = bombs.plain_docx(tmp_path / "normal.docx", "Fictional paragraph after the storm")

    with ParserPool(LIMITS, target=TARGET) as pool:
        assert pool.wait_ready(60)
        warm = list(pool.parse(files[:10]))  # imports and caches settle before the baseline
        assert len(warm) == 10
        baseline = rss_mb()
        started = time.monotonic()
        batch = [*files, *generated.values(), normal]
        results = dict(pool.parse(batch))
        elapsed = time.monotonic() - started
        after = rss_mb()
        durations = dict(pool.durations)
        pids_alive = all(Path(f"/proc/{pid}").exists() for pid in pool.pids)

    assert len(results) == len(batch)
    untyped = {s: r for s, r in results.items() if not isinstance(r, (ParsedDocument, VitaError))}
    assert not untyped
    slow = {Path(s).name: round(t, 1) for s, t in durations.items() if t > BUDGET_S + KILL_SLACK_S}
    assert not slow, f"over the {BUDGET_S:g} s budget: {slow}"
    for name, (_make, expected) in GENERATED.items():
        assert isinstance(results[str(generated[name])], expected), (name, results[str(generated[name])])
    tail = results[str(normal)]
    assert isinstance(tail, ParsedDocument) and "Fictional paragraph" in tail.text  # the pool still works
    assert pids_alive
    assert after - baseline < 40, f"parent RSS grew {after - baseline:.1f} MB over the corpus"
    texts = sum(isinstance(r, ParsedDocument) for r in results.values())
    assert texts > 50  # most damaged-but-readable files still give text
    print(f"\n{len(batch)} files in {elapsed:.1f}s; {texts} with text; RSS {baseline:.1f} -> {after:.1f} MB")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is applied on Linux only")
def test_flate_bomb_past_the_stream_budget_is_contained_by_the_worker(tmp_path: Path) -> None:
    no_budget = IntakeLimits(timeout_s=8, max_pdf_stream_inflated=1 << 40, max_pdf_inflated=1 << 40, memory_mb=1024)
    bomb = bombs.pdf_flate_bomb(tmp_path / "bomb.pdf", gigabytes=4)
    normal = bombs.plain_docx(tmp_path / "normal.docx", "Fictional paragraph")
    with ParserPool(no_budget, target=TARGET, workers=1) as pool:
        started = time.monotonic()
        result = pool.parse_one(bomb)
        elapsed = time.monotonic() - started
        after = pool.parse_one(normal)
    assert isinstance(result, VitaError) and not isinstance(result, HostileFile)  # memory cap or time budget
    assert elapsed < no_budget.timeout_s + KILL_SLACK_S
    assert isinstance(after, ParsedDocument)
