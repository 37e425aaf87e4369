"""The sandboxed parser pool: order, typed errors, respawn, quarantine, cancel, reuse."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.errors import Cancelled, HostileFile, NotFound, ParseFailed, ParseTimeout, UnsupportedFile
from core.intake import IntakeLimits, ParserPool, parse_files
from core.model import ParsedDocument
from core.progress import CancelToken
from tests.core.intake_hooks import BASIC, HOOK
from tests.security import bombs

LIMITS = IntakeLimits(timeout_s=4, memory_mb=1024)
LINUX = sys.platform.startswith("linux")


@pytest.fixture(scope="module")
def pool() -> Iterator[ParserPool]:
    with ParserPool(LIMITS, target=HOOK) as running:
        yield running


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, body in {
        "ok": "Fictional Person\nEngineer",
        "ok2": "Another fictional line",
        "exit": "EXIT",
        "sleep": "SLEEP",
        "alloc": "ALLOC",
        "segv": "SEGV",
        "modules": "MODULES",
    }.items():
        out[name] = tmp_path / f"{name}.txt"
        out[name].write_text(body + "\n")
    return out


def test_results_in_input_order_with_typed_errors_and_respawn(pool: ParserPool, files: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "pic.gif").write_bytes(b"GIF89a" + bytes(20))
    order = ["ok", "exit", "sleep", "segv", "alloc", "ok2"]
    given = [str(files[n]) for n in order] + [str(tmp_path / "pic.gif"), str(tmp_path / "missing.txt")]
    respawns, quarantined = pool.respawns, len(pool.quarantine)
    started = time.monotonic()
    out = list(pool.parse(given))
    elapsed = time.monotonic() - started

    assert [src for src, _ in out] == given  # input order, paths as given
    kinds = [type(res) for _, res in out]
    capped = ParseFailed if LINUX else ParsedDocument  # RLIMIT_AS is applied on Linux only
    assert kinds == [ParsedDocument, ParseFailed, ParseTimeout, ParseFailed, capped, ParsedDocument, UnsupportedFile, NotFound]
    assert out[0][1].text.startswith("Fictional Person")  # type: ignore[union-attr]
    assert out[5][1].text.startswith("Another")  # type: ignore[union-attr]  # parsed after the crashes
    assert "status 7" in out[1][1].message  # type: ignore[union-attr]
    assert "signal 11" in out[3][1].message  # type: ignore[union-attr]
    if LINUX:
        assert "memory" in out[4][1].message  # type: ignore[union-attr]
    assert elapsed < LIMITS.timeout_s + 10  # the hung worker was stopped at its budget
    assert pool.respawns - respawns >= 3
    records = pool.quarantine[quarantined:]
    assert {Path(r.source).stem for r in records} == {"exit", "sleep", "segv"} | ({"alloc"} if LINUX else set())
    assert {r.code for r in records} == {"parse_failed", "parse_timeout"}
    assert all(len(r.sha256) == 64 and r.reason for r in records)
    assert all(isinstance(r.to_dict()["at"], float) for r in records)


def test_killed_worker_is_replaced_and_pool_is_reusable(pool: ParserPool, files: dict[str, Path]) -> None:
    assert pool.wait_ready(30)
    before = set(pool.pids)
    assert len(before) == 2
    result = pool.parse_one(files["segv"])
    assert isinstance(result, ParseFailed)
    assert isinstance(pool.parse_one(files["ok"]), ParsedDocument)
    assert pool.wait_ready(30)
    steady = set(pool.pids)
    assert len(steady) == 2 and steady != before  # the crashed worker was replaced
    assert [type(r) for _, r in pool.parse([files["ok"], files["ok2"]])] == [ParsedDocument, ParsedDocument]
    assert set(pool.pids) == steady  # healthy workers are kept across calls


def test_worker_imports_only_what_it_needs(pool: ParserPool, files: dict[str, Path]) -> None:
    import json  # noqa: F401 - make sure the parent has more modules than the worker needs

    result = pool.parse_one(files["modules"])
    assert isinstance(result, ParsedDocument)
    loaded = set(result.text.split("\n"))
    assert "core.intake.worker" in loaded
    for heavy in ("torch", "PySide6", "spacy", "sentence_transformers", "pytest", "_pytest"):
        assert heavy not in loaded


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is applied on Linux only")
def test_memory_cap_is_set_in_workers(pool: ParserPool, files: dict[str, Path]) -> None:
    assert pool.wait_ready(30)
    for pid in pool.pids:
        limits = Path(f"/proc/{pid}/limits").read_text()
        line = next(ln for ln in limits.splitlines() if ln.startswith("Max address space"))
        assert str(LIMITS.memory_mb * 1024 * 1024) in line


def test_cancel_stops_a_hung_parse_promptly(pool: ParserPool, files: dict[str, Path]) -> None:
    token = CancelToken()
    threading.Timer(0.5, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        list(pool.parse([files["sleep"], files["sleep"], files["ok"]], cancel=token))
    assert time.monotonic() - started < 3
    assert isinstance(pool.parse_one(files["ok"]), ParsedDocument)


def test_stopping_iteration_early_leaves_no_stale_results(pool: ParserPool, files: dict[str, Path]) -> None:
    gen = pool.parse([files["ok"], files["ok2"], files["ok"]])
    first = next(gen)
    gen.close()
    assert first[0] == str(files["ok"])
    out = list(pool.parse([files["ok2"], files["ok"]]))
    assert [src for src, _ in out] == [str(files["ok2"]), str(files["ok"])]
    assert out[0][1].text.startswith("Another")  # type: ignore[union-attr]


def test_hostile_docx_is_refused_in_the_worker_and_quarantined(pool: ParserPool, tmp_path: Path) -> None:
    seen = len(pool.quarantine)
    result = pool.parse_one(bombs.billion_laughs_docx(tmp_path / "laughs.docx"))
    assert isinstance(result, HostileFile)
    assert pool.quarantine[seen].code == "hostile_file"


def test_parse_files_one_shot_collects_quarantine(files: dict[str, Path], tmp_path: Path) -> None:
    docx_path = bombs.plain_docx(tmp_path / "plain.docx", "Fictional paragraph")
    quarantine: list = []
    out = dict(parse_files([files["ok"], docx_path, files["exit"]], limits=LIMITS, quarantine=quarantine, target=HOOK))
    assert out[str(docx_path)].text == "Fictional paragraph"  # type: ignore[union-attr]
    assert isinstance(out[str(files["exit"])], ParseFailed)
    assert [Path(r.source).name for r in quarantine] == ["exit.txt"]


def test_no_worker_starts_when_every_file_fails_sniffing(tmp_path: Path) -> None:
    with ParserPool(LIMITS, target=BASIC) as idle_pool:
        pass
    fresh = ParserPool(LIMITS, target=BASIC)
    try:
        out = list(fresh.parse([tmp_path / "nope.pdf"]))
        assert isinstance(out[0][1], NotFound)
        assert fresh.pids == []
    finally:
        fresh.shutdown()
    assert idle_pool.pids == []  # shut down cleanly


@pytest.mark.skipif(not LINUX, reason="needs RLIMIT_AS (Linux) to make the worker fail at start")
def test_worker_that_cannot_start_fails_files_without_hanging(files: dict[str, Path]) -> None:
    broken = ParserPool(IntakeLimits(timeout_s=4, memory_mb=1), target=HOOK, workers=1)  # 1 MB: cannot even start
    try:
        started = time.monotonic()
        result = broken.parse_one(files["ok"])
        assert isinstance(result, ParseFailed)
        assert time.monotonic() - started < 60
    finally:
        broken.shutdown()


def test_services_pool_is_one_instance() -> None:
    from core.services import Services

    services = Services()  # the session's services: one pool, made on first use, kept until shutdown
    first = services.parser_pool()
    assert services.parser_pool() is first
    services.shutdown()
    assert first.pids == [] and services.parser_pool() is not first
    services.shutdown()


def test_worker_killed_from_outside_mid_parse(pool: ParserPool, files: dict[str, Path]) -> None:
    assert pool.wait_ready(30)
    victims = list(pool.pids)

    def kill_all() -> None:
        for pid in victims:
            os.kill(pid, signal.SIGKILL)  # like the OOM killer

    threading.Timer(0.7, kill_all).start()
    out = list(pool.parse([files["sleep"], files["sleep"], files["ok"]]))
    assert [type(r) for _, r in out] == [ParseFailed, ParseFailed, ParsedDocument]
    assert "signal 9" in out[0][1].message  # type: ignore[union-attr]
    assert not set(pool.pids) & set(victims)


def test_damaged_docx_is_a_typed_error(pool: ParserPool, tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(100) + b"word/document.xml" + bytes(100))
    result = pool.parse_one(path)
    assert isinstance(result, ParseFailed) and "damaged" in result.message


def _gone(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"  # a zombie has already stopped running


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_stop_when_the_parent_dies_mid_parse(files: dict[str, Path], tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(
        "import sys\n"
        "from core.intake import IntakeLimits, ParserPool\n"
        "pool = ParserPool(IntakeLimits(timeout_s=600), target=sys.argv[2], workers=1)\n"
        "pool.wait_ready(60)\n"
        "print(pool.pids[0], flush=True)\n"
        "list(pool.parse([sys.argv[1]]))\n"
    )
    repo = Path(__file__).resolve().parents[2]
    parent = subprocess.Popen(
        [sys.executable, str(script), str(files["sleep"]), HOOK], cwd=repo, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(repo)},
    )
    try:
        worker = int(parent.stdout.readline())  # type: ignore[union-attr]
        time.sleep(1.0)  # the worker is now sleeping inside a parse
        assert not _gone(worker)
        parent.kill()
        parent.wait(10)
        deadline = time.monotonic() + 10
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _gone(worker)
    finally:
        parent.kill()


def test_a_file_swapped_after_sniffing_is_not_read_as_the_old_kind(files: dict[str, Path]) -> None:
    from core.intake.worker import JobClock, run_job
    from tests.core.intake_hooks import basic_parse

    sent: list[tuple] = []
    with pytest.raises(ParseFailed, match="changed"):
        run_job(files["ok"], "pdf", LIMITS, basic_parse, JobClock(sent.append, 1, LIMITS))
    assert sent == []
