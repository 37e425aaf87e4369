"""A reusable pool of sandboxed parser processes with per-file time budgets and respawn."""

from __future__ import annotations

import multiprocessing as mp
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from core import errors
from core.errors import Cancelled, OCRPageTimeout, ParseFailed, ParseTimeout, VitaError
from core.intake.limits import IntakeLimits
from core.intake.process import Job, QuarantineRecord, WorkerProcess
from core.intake.sniff import sniff
from core.model import ParsedDocument
from core.progress import CancelToken

DEFAULT_TARGET = "core.parsing:parse_path"
START_TIMEOUT_S = 120.0  # a worker that is not ready by then is killed and replaced
MAX_START_FAILURES = 3  # consecutive failed starts before the pool gives up on pending files
POLL_S = 0.2  # how often a waiting pool looks at the cancel token

Result = ParsedDocument | VitaError


@dataclass(frozen=True, slots=True)
class PageStarted:
    """OCR began on `page` of the input at `index` (yielded only when a caller asks for pages)."""

    index: int
    page: int


class ParserPool:
    """Start once, parse many batches, shut down. Thread-safe: one batch at a time."""

    def __init__(
        self,
        limits: IntakeLimits | None = None,
        *,
        workers: int | None = None,
        target: str = DEFAULT_TARGET,
        preload: bool = True,
    ) -> None:
        self.limits = limits or IntakeLimits()
        self.size = max(1, workers if workers is not None else self.limits.workers)
        self.target = target
        self.preload = preload
        self.quarantine: list[QuarantineRecord] = []
        self.respawns = 0
        self.durations: dict[str, float] = {}  # last batch: seconds charged per source (dispatch to result)
        self.on_page: Callable[[str, int], None] | None = None  # (source, page) as each scanned page starts
        self._started_pages: list[tuple[int, int]] = []  # (input index, page) since the last look
        self._ctx = mp.get_context("spawn")
        self._workers: list[WorkerProcess] = []
        self._lock = threading.Lock()
        self._next_job = 0
        self._start_failures = 0
        self._closed = False

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> ParserPool:
        """Start the worker processes now (otherwise they start with the first file)."""
        if self._closed:
            raise RuntimeError("ParserPool is shut down")
        while len(self._workers) < self.size:
            self._workers.append(WorkerProcess(self._ctx, self.limits, self.target, self.preload))
        return self

    def wait_ready(self, timeout: float = 60.0) -> bool:
        """Start the workers and block until each has loaded its parser (warm-up); True when all are."""
        with self._lock:
            self.start()
            end = time.monotonic() + timeout
            while not all(w.ready for w in self._workers) and time.monotonic() < end:
                self._step(deque(), {}, {})
                while len(self._workers) < self.size and self._start_failures < MAX_START_FAILURES:
                    self._workers.append(WorkerProcess(self._ctx, self.limits, self.target, self.preload))
                if self._start_failures >= MAX_START_FAILURES:
                    return False
            return all(w.ready for w in self._workers)

    def shutdown(self) -> None:
        """Stop every worker (politely, then by force)."""
        self._closed = True
        polite = []
        for w in self._workers:
            try:
                if w.ready and w.job is None:
                    w.conn.send(None)
                    polite.append(w)
                    continue
            except (OSError, ValueError):
                pass
            w.kill()  # busy or still starting: nothing to wait for
        deadline = time.monotonic() + 2
        for w in polite:
            w.proc.join(timeout=max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.kill()
            else:
                w.conn.close()
        self._workers.clear()

    def __enter__(self) -> ParserPool:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.shutdown()

    @property
    def pids(self) -> list[int]:
        return [w.proc.pid for w in self._workers if w.proc.pid is not None]

    # -- parsing -------------------------------------------------------------------------
    def parse_one(self, path: str | Path, *, cancel: CancelToken | None = None) -> Result:
        """Parse one file; a typed error instead of raising (except Cancelled)."""
        batch = self.parse([path], cancel=cancel)
        try:
            return next(batch)[1]
        finally:
            batch.close()  # release the pool's lock now, not at garbage collection

    def parse(
        self, paths: Iterable[str | Path], *, cancel: CancelToken | None = None
    ) -> Generator[tuple[str, Result], None, None]:
        """Yield (path as given, ParsedDocument or typed error) in input order; raises Cancelled."""
        with self._lock:
            for source, res in self._run(list(paths), cancel):
                if not isinstance(res, PageStarted):
                    yield source, res

    def parse_with_pages(
        self, paths: Iterable[str | Path], *, cancel: CancelToken | None = None
    ) -> Generator[tuple[str, Result | PageStarted], None, None]:
        """As `parse`, plus (path, PageStarted) as OCR starts on each scanned page, as it happens."""
        with self._lock:
            yield from self._run(list(paths), cancel, pages=True)

    def _run(self, given: list[str | Path], cancel: CancelToken | None, pages: bool = False) -> Iterator[tuple[str, Result | PageStarted]]:
        if self._closed:
            raise RuntimeError("ParserPool is shut down")
        results: dict[int, Result] = {}
        pending: deque[Job] = deque()
        self.durations = {}
        for index, item in enumerate(given):
            path = Path(item)
            try:
                kind = sniff(path, max_bytes=self.limits.max_bytes)
            except VitaError as err:
                results[index] = err
                continue
            self._next_job += 1
            pending.append(Job(self._next_job, index, str(item), path, kind))
        live: dict[int, Job] = {}
        next_out = 0
        try:
            while next_out < len(given):
                while next_out in results:
                    yield str(given[next_out]), results.pop(next_out)
                    next_out += 1
                if next_out >= len(given):
                    break
                if cancel is not None and cancel.cancelled:
                    raise Cancelled()
                self._fill(pending, live)
                self._step(pending, live, results)
                while self._started_pages:
                    index, page = self._started_pages.pop(0)
                    if pages:
                        yield str(given[index]), PageStarted(index, page)
        except BaseException:
            self._abandon(live, kill=cancel is not None and cancel.cancelled)
            raise

    def _fill(self, pending: deque[Job], live: dict[int, Job]) -> None:
        """Keep enough workers alive and give each ready idle worker a job."""
        wanted = min(self.size, len(pending) + len(live) + sum(1 for w in self._workers if w.job and w.job.abandoned))
        while len(self._workers) < max(wanted, 1 if pending else 0):
            self._workers.append(WorkerProcess(self._ctx, self.limits, self.target, self.preload))
        for w in self._workers:
            if not pending:
                break
            if w.ready and w.job is None:
                if not w.proc.is_alive():  # died while idle: replace it before it can fail a file
                    self._replace(w, count=False)
                    continue
                job = pending.popleft()
                try:
                    w.conn.send((job.id, str(job.path), job.kind))
                except (OSError, ValueError):
                    pending.appendleft(job)
                    self._replace(w)
                    continue
                w.job = job
                w.dispatched = job.dispatched = time.monotonic()
                w.deadline = w.dispatched + self.limits.timeout_s
                live[job.id] = job

    def _step(self, pending: deque[Job], live: dict[int, Job], results: dict[int, Result]) -> None:
        """Wait for one message or deadline, then handle what happened."""
        now = time.monotonic()
        deadlines = [w.deadline if w.job else w.started + START_TIMEOUT_S for w in self._workers if w.job or not w.ready]
        timeout = max(0.0, min([POLL_S, *[d - now for d in deadlines]]))
        by_conn = {w.conn: w for w in self._workers}
        for conn in wait(list(by_conn), timeout=timeout):
            w = by_conn[conn]  # type: ignore[index]
            try:
                msg = w.conn.recv()
            except (EOFError, OSError):
                self._on_death(w, pending, live, results)
                continue
            except Exception:
                msg = (w.job.id if w.job else -1, "error", "ParseFailed", "The parser returned an unreadable result.", None, True)
            self._on_message(w, msg, live, results)
        now = time.monotonic()
        for w in list(self._workers):
            if w.job is not None and now > w.deadline:
                job = w.job
                self._replace(w)
                if not job.abandoned:
                    live.pop(job.id, None)
                    self.durations[job.source] = now - job.dispatched
                    if job.ocr_pages:  # a long scan, not a hostile file: say so and keep no quarantine record
                        results[job.index] = OCRPageTimeout(
                            f"{job.path.name}: reading page {job.ocr_pages} of the scan took too long and was stopped.",
                            hint="Scans of up to 10 pages are read in full; split a longer scan into parts.",
                            page=job.ocr_pages,
                        )
                        continue
                    err = ParseTimeout(
                        f"{job.path.name}: reading took longer than {now - w.dispatched:.0f} s and was stopped.",
                        hint="The file was quarantined; it may be damaged or hostile.",
                    )
                    results[job.index] = self._quarantine(job, err)
            elif w.job is None and not w.ready and now > w.started + START_TIMEOUT_S:
                self._start_failed(w, pending, live, results, "the parser did not start in time")

    def _on_message(self, w: WorkerProcess, msg: tuple[Any, ...], live: dict[int, Job], results: dict[int, Result]) -> None:
        if msg[0] == "ready":
            w.ready = True
            self._start_failures = 0
            return
        if msg[0] == "extend":
            if w.job is not None and w.job.id == msg[1]:
                cap = w.dispatched + max(self.limits.ocr_timeout_s, self.limits.timeout_s)
                w.deadline = min(max(w.deadline, time.monotonic() + float(msg[2])), cap)
            return
        if msg[0] == "page":  # a scanned page is about to be read: progress for the person
            if w.job is not None and w.job.id == msg[1]:
                w.job.ocr_pages = int(msg[2])
                if not w.job.abandoned:
                    self._started_pages.append((w.job.index, int(msg[2])))
                    if self.on_page is not None:
                        self.on_page(w.job.source, int(msg[2]))
            return
        if msg[0] == "grace":  # file-independent work (loading OCR models): shift the clock
            if w.job is not None and w.job.id == msg[1]:
                spent = min(float(msg[2]), START_TIMEOUT_S)
                w.dispatched += spent
                w.deadline += spent
                w.job.dispatched += spent  # durations report the time charged to the file
            return
        job = w.job
        if job is None or job.id != msg[0]:
            return  # a stale reply
        w.job = None
        if msg[-1]:  # the worker exits after this reply: retire it now, a fresh one starts on demand
            self._replace(w, count=False)
        if job.abandoned:
            return
        live.pop(job.id, None)
        self.durations[job.source] = time.monotonic() - job.dispatched
        if msg[1] == "ok":
            results[job.index] = msg[2]
        else:
            err = _error_from(msg[2], msg[3], msg[4])
            if isinstance(err, (errors.HostileFile, ParseFailed)):
                self._quarantine(job, err)
            results[job.index] = err

    def _on_death(self, w: WorkerProcess, pending: deque[Job], live: dict[int, Job], results: dict[int, Result]) -> None:
        if not w.ready:
            self._start_failed(w, pending, live, results, w.exit_reason())
            return
        job = w.job
        reason = w.exit_reason()
        self._replace(w, count=job is not None)
        if job is not None and not job.abandoned:
            live.pop(job.id, None)
            self.durations[job.source] = time.monotonic() - job.dispatched
            err = ParseFailed(f"{job.path.name}: could not be read ({reason}).", hint="The file was quarantined.")
            results[job.index] = self._quarantine(job, err)

    def _start_failed(self, w: WorkerProcess, pending: deque[Job], live: dict[int, Job], results: dict[int, Result], reason: str) -> None:
        self._start_failures += 1
        w.kill()
        if w in self._workers:
            self._workers.remove(w)
        if self._start_failures >= MAX_START_FAILURES and not any(x.ready for x in self._workers):
            while pending:
                job = pending.popleft()
                results[job.index] = ParseFailed(f"The document reader could not start ({reason}).")

    def _replace(self, w: WorkerProcess, *, count: bool = True) -> None:
        """Kill a worker; a fresh one starts on the next fill."""
        w.kill()
        if w in self._workers:
            self._workers.remove(w)
        if count:
            self.respawns += 1

    def _abandon(self, live: dict[int, Job], *, kill: bool) -> None:
        """The caller stopped early: drop in-flight jobs (kill their workers when cancelling)."""
        for w in list(self._workers):
            if w.job is not None and w.job.id in live:
                if kill:
                    self._replace(w, count=False)
                else:
                    w.job.abandoned = True
        live.clear()

    def _quarantine(self, job: Job, err: VitaError) -> VitaError:
        from core.intake.worker import sha256_file

        try:
            sha = sha256_file(job.path)
        except OSError:
            sha = ""
        self.quarantine.append(QuarantineRecord(job.source, sha, err.code, err.message, time.time()))
        return err


def _error_from(type_name: str, message: str, hint: str | None) -> VitaError:
    """Rebuild a typed error sent as plain data by a worker."""
    cls = getattr(errors, type_name, None)
    if isinstance(cls, type) and issubclass(cls, errors.DocumentError):
        err: VitaError = cls(message, hint=hint)
        return err
    return ParseFailed(message, hint=hint)
