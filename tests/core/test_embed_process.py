"""The out-of-process embedder: same vectors as in-process, restarts after a crash, clean shutdown."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

import numpy as np
import pytest

from core.embed import DIM, Embedder, ModelUnavailable, use_process_embedder
from core.embed import process as process_module
from core.embed.process import ProcessEmbedder

TEXTS = [
    "Led a team of five engineers building a payments platform.",
    "Fluent in Python, SQL and Go.",
    "Certified forklift operator, 2019.",
]


@pytest.fixture(scope="module")
def proc() -> Iterator[ProcessEmbedder]:
    emb = ProcessEmbedder(threads=1)
    yield emb
    emb.shutdown()


def _gone(pid: int, timeout: float = 10.0) -> bool:
    """True once no process `pid` exists (ours are reaped by join, so the id disappears)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_same_vectors_as_in_process(proc: ProcessEmbedder) -> None:
    got = proc.encode(TEXTS)
    want = Embedder().encode(TEXTS)
    assert got.shape == (3, DIM) and got.dtype == np.float32
    assert np.allclose(got, want, atol=1e-5)
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    got[0, 0] = 0.5  # callers own the array: it is writable
    assert proc.loaded and proc.pid is not None and proc.pid != os.getpid()


def test_long_input_is_sent_in_chunks_in_order(proc: ProcessEmbedder, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = proc.encode(TEXTS)
    monkeypatch.setattr(process_module, "REQUEST_TEXTS", 2)
    chunked = proc.encode(TEXTS)
    assert np.allclose(chunked, whole, atol=1e-6)
    assert not np.allclose(chunked[0], chunked[2], atol=1e-3)  # rows stay in their own places


def test_empty_input_starts_nothing() -> None:
    emb = ProcessEmbedder()
    out = emb.encode([])
    assert out.shape == (0, DIM) and out.dtype == np.float32
    assert emb.pid is None and emb.starts == 0


def test_killed_child_is_restarted_on_next_call(proc: ProcessEmbedder) -> None:
    first = proc.encode(TEXTS[:1])
    pid = proc.pid
    assert pid is not None
    starts = proc.starts
    os.kill(pid, signal.SIGKILL)
    assert _gone_or_zombie(pid)
    again = proc.encode(TEXTS[:1])
    assert proc.starts == starts + 1
    assert proc.pid is not None and proc.pid != pid
    assert np.allclose(again, first, atol=1e-5)


def _gone_or_zombie(pid: int, timeout: float = 10.0) -> bool:
    """The killed child has stopped running (it stays a zombie until the embedder reaps it)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                if fh.read().split(")")[-1].split()[0] in ("Z", "X"):
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


def test_shutdown_leaves_no_child(proc: ProcessEmbedder) -> None:
    proc.warm()
    pid = proc.pid
    assert pid is not None
    proc.shutdown()
    assert proc.pid is None and not proc.loaded
    assert _gone(pid)
    with pytest.raises(ModelUnavailable):
        proc.encode(TEXTS[:1])


def test_shutdown_while_loading_kills_the_child() -> None:
    emb = ProcessEmbedder()
    emb.start()  # spawned, model still loading
    pid = emb.pid
    assert pid is not None
    emb.shutdown()
    assert _gone(pid)


def test_shared_switches_mode() -> None:
    before = Embedder._shared, Embedder._process_mode
    try:
        Embedder._shared, Embedder._process_mode = None, False
        assert type(Embedder.shared()) is Embedder
        use_process_embedder()
        shared = Embedder.shared()
        assert isinstance(shared, ProcessEmbedder) and shared.pid is None  # nothing starts yet
        assert Embedder.shared() is shared
        use_process_embedder(False)
        assert type(Embedder.shared()) is Embedder
        with pytest.raises(ModelUnavailable):  # the replaced process embedder was shut down
            shared.encode(["x"])
    finally:
        Embedder._shared, Embedder._process_mode = before
