"""An `Embedder` whose model lives in a child process, so loading and running it never stall the caller's GUI.

Same API as the in-process embedder. The child starts with the first `encode` (or `warm`/`start`),
is restarted when it has died, and is stopped by `shutdown` (registered at exit for the shared one).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from core.embed import DIM, Embedder, ModelUnavailable
from core.intake.process import _main_module_not_reimported

if TYPE_CHECKING:
    import numpy as np

START_TIMEOUT_S = 180.0  # a child that has not loaded the model by then is killed
STOP_WAIT_S = 2.0
REQUEST_TEXTS = 512  # texts per request: keeps each pickle and copy in this process to about a millisecond


def default_threads() -> int:
    """ONNX Runtime threads for the child: half the CPUs (1 to 4), leaving room for the GUI and parsers."""
    override = os.environ.get("VITA_EMBED_THREADS", "")
    if override.isdigit() and int(override) > 0:
        return int(override)
    return max(1, min(4, (os.cpu_count() or 2) // 2))


class _ChildDied(Exception):
    """The child's end of the pipe closed mid-conversation."""


class ProcessEmbedder(Embedder):
    """`encode(texts)` -> float32 (n, 384), computed by a long-lived child process. Thread-safe."""

    def __init__(self, *, threads: int | None = None, start_timeout: float = START_TIMEOUT_S) -> None:
        super().__init__()
        self.threads = threads or default_threads()
        self.start_timeout = start_timeout
        self.starts = 0  # children started so far (a restart is any start after the first)
        self._ctx = mp.get_context("spawn")
        self._proc: Any = None
        self._conn: Connection | None = None
        self._ready = False
        self._closed = False
        self._next_id = 0

    # -- lifecycle -----------------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._ready and self._proc is not None and self._proc.is_alive()

    @property
    def pid(self) -> int | None:
        """The running child's process id (None when there is none)."""
        proc = self._proc
        return proc.pid if proc is not None and proc.is_alive() else None

    def start(self) -> None:
        """Start the child now without waiting for its model (it loads in the background)."""
        with self._lock:
            self._spawn_if_needed()

    def warm(self) -> None:
        """Start the child and wait until its model is loaded."""
        with self._lock:
            self._ensure_ready()

    def shutdown(self) -> None:
        """Stop the child (politely, then by force); later calls raise ModelUnavailable."""
        self._closed = True
        got = self._lock.acquire(timeout=STOP_WAIT_S)  # a caller may be mid-request: then just kill
        try:
            self._stop(polite=got)
        finally:
            if got:
                self._lock.release()

    # -- encoding ------------------------------------------------------------------------
    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        texts = list(texts)
        out = np.empty((len(texts), DIM), dtype=np.float32)
        with self._lock:
            for start in range(0, len(texts), REQUEST_TEXTS):
                chunk = texts[start : start + REQUEST_TEXTS]
                rows, data = self._request_with_restart(chunk, batch_size)
                out[start : start + rows] = np.frombuffer(data, dtype=np.float32).reshape(rows, DIM)
        return out

    def _request_with_restart(self, texts: list[str], batch_size: int) -> tuple[int, bytes]:
        for _attempt in range(2):  # a child that died is replaced once per request
            self._ensure_ready()
            try:
                return self._request(texts, batch_size)
            except _ChildDied:
                self._stop(polite=False)
        raise ModelUnavailable("The embedding process stopped while working.", hint="Try again.")

    def _request(self, texts: list[str], batch_size: int) -> tuple[int, bytes]:
        conn = self._conn
        assert conn is not None
        self._next_id += 1
        req_id = self._next_id
        try:
            conn.send(("encode", req_id, texts, batch_size))
            while True:
                msg = conn.recv()  # blocks with the GIL released; EOF when the child dies
                if msg[0] != req_id:
                    continue  # a stale reply
                if msg[1] == "ok":
                    if int(msg[2]) != len(texts):
                        raise ModelUnavailable("The embedding process returned the wrong number of vectors.")
                    return int(msg[2]), msg[3]
                raise ModelUnavailable(f"The embedding model could not encode the text ({msg[2]}).")
        except (EOFError, OSError, BrokenPipeError) as exc:
            raise _ChildDied() from exc

    # -- child handling (callers hold self._lock) ------------------------------------------
    def _spawn_if_needed(self) -> None:
        if self._closed:
            raise ModelUnavailable("The embedding process has been shut down.")
        if self._proc is not None and self._proc.is_alive():
            return
        if self._proc is not None:
            self._stop(polite=False)
        from core.embed.child import serve

        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(target=serve, args=(child_conn, self.threads), daemon=True, name="vita-embedder")
        with _main_module_not_reimported():
            proc.start()
        child_conn.close()  # so a dead child shows up as EOF here
        self._proc, self._conn, self._ready = proc, parent_conn, False
        self.starts += 1

    def _ensure_ready(self) -> None:
        self._spawn_if_needed()
        if self._ready:
            return
        conn = self._conn
        assert conn is not None
        deadline = time.monotonic() + self.start_timeout
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not conn.poll(left):
                    self._stop(polite=False)
                    raise ModelUnavailable("The embedding model did not load in time.")
                msg = conn.recv()
                if msg[0] == "ready":
                    self._ready = True
                    return
                if msg[0] == "failed":
                    self._stop(polite=False)
                    if msg[1] == ModelUnavailable.__name__:
                        raise ModelUnavailable(str(msg[2]))
                    raise ModelUnavailable(f"The embedding model could not be loaded ({msg[1]}).")
        except (EOFError, OSError) as exc:
            reason = self._exit_reason()
            self._stop(polite=False)
            raise ModelUnavailable(f"The embedding process stopped while loading the model ({reason}).") from exc

    def _exit_reason(self) -> str:
        proc = self._proc
        if proc is None:
            return "not started"
        proc.join(timeout=STOP_WAIT_S)
        code = proc.exitcode
        if code is None:
            return "not responding"
        return f"killed by signal {-code}" if code < 0 else f"exit status {code}"

    def _stop(self, *, polite: bool) -> None:
        proc, conn, ready = self._proc, self._conn, self._ready
        self._proc, self._conn, self._ready = None, None, False
        if proc is None:
            return
        try:
            if polite and ready and conn is not None and proc.is_alive():
                conn.send(None)
                proc.join(timeout=STOP_WAIT_S)
        except (OSError, ValueError):
            pass
        try:
            if proc.is_alive():
                proc.kill()
            proc.join(timeout=5)
        except (OSError, ValueError, AssertionError):
            pass
        if conn is not None:
            conn.close()
