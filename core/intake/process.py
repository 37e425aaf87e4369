"""Worker process handles for the parser pool, and the plain records the pool keeps."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from core.intake.limits import IntakeLimits


@dataclass(slots=True)
class QuarantineRecord:
    """A file that timed out, crashed its worker or was refused as hostile (plain data to store)."""

    source: str
    sha256: str
    code: str
    reason: str
    at: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Job:
    id: int
    index: int
    source: str
    path: Path
    kind: str
    abandoned: bool = False
    dispatched: float = 0.0
    ocr_pages: int = 0  # scanned pages sent to OCR so far (a slow scan is not a hostile file)


spawn_lock = threading.Lock()


class _MainSpec:
    name = "__main__"


@contextmanager
def _main_module_not_reimported() -> Iterator[None]:
    """Spawned workers need only core.intake.worker: stop multiprocessing re-running the caller's script."""
    main = sys.modules.get("__main__")
    saved = getattr(main, "__spec__", None)
    with spawn_lock:
        if main is None or getattr(saved, "name", "").endswith("__main__"):
            yield
            return
        main.__spec__ = _MainSpec()  # type: ignore[assignment]
        try:
            yield
        finally:
            main.__spec__ = saved


class WorkerProcess:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, ctx: Any, limits: IntakeLimits, target: str, preload: bool) -> None:
        from core.intake.worker import worker_main

        parent_conn, child_conn = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(
            target=worker_main, args=(child_conn, limits.to_dict(), target, preload), daemon=True, name="vita-parser"
        )
        with _main_module_not_reimported():
            self.proc.start()
        child_conn.close()  # so a dead worker shows up as EOF here
        self.conn: Connection = parent_conn
        self.ready = False
        self.started = time.monotonic()
        self.job: Job | None = None
        self.dispatched = 0.0
        self.deadline = 0.0

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(timeout=5)
        except (OSError, ValueError, AssertionError):
            pass
        self.conn.close()

    def exit_reason(self) -> str:
        self.proc.join(timeout=2)
        code = self.proc.exitcode
        if code is None:
            return "the parser stopped responding"
        if code < 0:
            return f"the parser process was killed by signal {-code}"
        return f"the parser process exited (status {code})"
