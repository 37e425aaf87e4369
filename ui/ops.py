"""Every core call the UI makes goes through these operation objects (Anki's `aqt.operations`).

`Query(parent, fn)` / `Mutation(parent, fn)` run `fn(ws)` off the GUI thread: vault work on ONE
worker thread (the vault is not thread-safe), other work (`Task`) in a pool. Results come back
to the GUI thread through queued signals; a mutation's `Changes` descriptor is broadcast once by
the `OpsRunner` so every view refreshes only what changed. A `fn` that returns a generator is
iterated on the worker and every `core.progress.Progress` it yields is relayed to the status bar;
the generator's return value is the result. Widgets never create threads themselves.
"""

from __future__ import annotations

import inspect
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.changes import Changes
from core.errors import Cancelled
from core.progress import CancelToken, Progress

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; workers emit, Qt queues the calls to the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay, cancel: CancelToken) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._relay = relay
        self._cancel = cancel

    def run(self) -> None:
        try:
            out = self._work()
            if inspect.isgenerator(out):
                out = self._drain(out)
            self._relay.succeeded.emit(out)
        except Exception as exc:  # every failure reaches the GUI thread; nothing is swallowed
            if not isinstance(exc, Cancelled):
                log.debug("worker failed: %s", traceback.format_exc())
            self._relay.failed.emit(exc)

    def _drain(self, gen: Any) -> Any:
        while True:
            self._cancel.check()
            try:
                item = next(gen)
            except StopIteration as stop:
                return stop.value
            if isinstance(item, Progress):
                self._relay.progressed.emit(item)


class OpsRunner(QObject):
    """Owns the worker threads; reads the open workspace from the session (it keeps no copy);
    broadcasts change descriptors."""

    changes_did_happen = Signal(object, object)  # Changes, initiator (QObject or None)
    undo_status_did_change = Signal(object)  # core.workspace.UndoStatus
    task_did_start = Signal(object)  # _Op
    task_did_progress = Signal(object, object)  # _Op, Progress
    task_did_finish = Signal(object)  # _Op
    error_did_happen = Signal(object, object)  # exception, parent widget

    def __init__(self, parent: QObject | None = None, *, session: Any = None) -> None:
        super().__init__(parent)
        self.session = session  # core.session.Session (or anything with a `workspace`)
        self.vault_pool = QThreadPool(self)
        self.vault_pool.setMaxThreadCount(1)  # the vault is used from exactly one thread
        self.vault_pool.setExpiryTimeout(-1)
        self.cpu_pool = QThreadPool(self)
        self._live: set[_Op] = set()

    @property
    def workspace(self) -> Any:
        """The session's open workspace, or None while no profile is unlocked."""
        return getattr(self.session, "workspace", None)

    @property
    def busy(self) -> bool:
        return bool(self._live)

    def running(self) -> list[_Op]:
        return list(self._live)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until workers finish (tests, shutdown); never called from normal GUI code."""
        ok = self.vault_pool.waitForDone(msecs) and self.cpu_pool.waitForDone(msecs)
        return bool(ok)

    def cancel_all(self) -> None:
        for op in list(self._live):
            op.cancel()


def runner_for(obj: QObject | None) -> OpsRunner:
    """The runner of the window `obj` belongs to (found through the parent chain)."""
    cur = obj
    while cur is not None:
        found = getattr(cur, "ops_runner", None)
        if isinstance(found, OpsRunner):
            return found
        cur = cur.parent()
    raise LookupError("this widget is not inside a window with an OpsRunner")


class _Op:
    """Builder shared by Query, Mutation and Task."""

    _on_vault = True

    def __init__(self, parent: QObject, fn: Callable[..., Any], *, runner: OpsRunner | None = None) -> None:
        self.parent = parent
        self.fn = fn
        self.runner = runner or runner_for(parent)
        self.label = ""
        self.cancel_token = CancelToken()
        self.cancellable = False
        self.last_progress: Progress | None = None
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._relay: _Relay | None = None

    def on_success(self, cb: Callable[[Any], None]) -> _Op:
        self._success = cb
        return self

    def on_failure(self, cb: Callable[[BaseException], None]) -> _Op:
        self._failure = cb
        return self

    def with_progress(self, label: str, *, cancellable: bool = False) -> _Op:
        self.label = label
        self.cancellable = cancellable
        return self

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def report(self, progress: Progress) -> None:
        """Progress from a callback-style API, callable from the worker thread."""
        relay = self._relay
        if relay is not None:
            relay.progressed.emit(progress)

    # -- running ------------------------------------------------------------------------------
    def _call(self) -> Any:
        return self.fn(self.runner.workspace)

    def start(self) -> _Op:
        relay = _Relay()
        relay.succeeded.connect(self._done_ok)
        relay.failed.connect(self._done_err)
        relay.progressed.connect(self._progressed)
        self._relay = relay
        self.runner._live.add(self)
        if self.label:
            self.runner.task_did_start.emit(self)
        pool = self.runner.vault_pool if self._on_vault else self.runner.cpu_pool
        pool.start(_Job(self._call, relay, self.cancel_token))
        return self

    def _finish(self) -> None:
        self.runner._live.discard(self)
        if self.label:
            self.runner.task_did_finish.emit(self)
        self._relay = None

    def _progressed(self, p: Progress) -> None:
        self.last_progress = p
        self.runner.task_did_progress.emit(self, p)

    def _done_ok(self, result: Any) -> None:
        self._finish()
        self._after_success(result)
        if self._success is not None:
            self._success(result)

    def _after_success(self, result: Any) -> None:
        """Hook for Mutation."""

    def _done_err(self, exc: BaseException) -> None:
        self._finish()
        if _is_cancel(exc):  # cancel is silent; the owner still hears of it to tidy up
            if self._failure is not None:
                self._failure(exc)
            return
        if self._failure is not None:
            self._failure(exc)
        else:
            self.runner.error_did_happen.emit(exc, self.parent)


def _is_cancel(exc: BaseException) -> bool:
    from core.ontology import ImportCancelled

    return isinstance(exc, Cancelled | ImportCancelled)


class Query(_Op):
    """Read from the open workspace on the vault thread: `fn(ws) -> result`."""


class Mutation(_Op):
    """Change the vault on the vault thread: `fn(ws) -> Changes` (or a generator returning one,
    or a result with a `.changes` attribute).

    The returned `Changes` is broadcast once with this op's parent as initiator, and the undo
    status is refreshed so the Edit menu stays in step.
    """

    def _call(self) -> Any:
        out = super()._call()
        if inspect.isgenerator(out):
            out = _Drained(out, self.cancel_token, self._relay)
        return _MutationResult(out, self.runner.workspace)

    def _after_success(self, result: Any) -> None:
        res: _MutationResult = result
        changes = res.value if isinstance(res.value, Changes) else getattr(res.value, "changes", None)
        if isinstance(changes, Changes):
            self.runner.changes_did_happen.emit(changes, self.parent)
        self.runner.undo_status_did_change.emit(res.undo_status)

    def _done_ok(self, result: Any) -> None:
        self._finish()
        self._after_success(result)
        if self._success is not None:
            self._success(result.value)


class Task(_Op):
    """CPU work that needs no vault (parsing, key derivation, model loading): `fn() -> result`.
    A result with a `.changes` descriptor (an O*NET import) is broadcast like a mutation's."""

    _on_vault = False

    def _call(self) -> Any:
        return self.fn()

    def _after_success(self, result: Any) -> None:
        changes = getattr(result, "changes", None)
        if isinstance(changes, Changes):
            self.runner.changes_did_happen.emit(changes, self.parent)


class _MutationResult:
    def __init__(self, value: Any, ws: Any) -> None:
        if isinstance(value, _Drained):
            value = value.run()
        self.value = value
        self.undo_status = ws.undo_status() if ws is not None else None


class _Drained:
    """Iterates a mutation's generator on the worker, relaying progress, returning its value."""

    def __init__(self, gen: Any, cancel: CancelToken, relay: _Relay | None) -> None:
        self.gen, self.cancel, self.relay = gen, cancel, relay

    def run(self) -> Any:
        while True:
            try:  # a cancel is thrown into the generator: it may tidy up and return what it did
                item = self.gen.throw(Cancelled()) if self.cancel.cancelled else next(self.gen)
            except StopIteration as stop:
                return stop.value
            if isinstance(item, Progress) and self.relay is not None:
                self.relay.progressed.emit(item)
