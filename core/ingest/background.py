"""Fact vectors written on one worker thread while ingest goes on with the next document.

After a document is stored, its facts' vectors are computed by the model (which releases the GIL,
or runs in the embedding child process) while the ingest thread waits for the next parse, stores
it and links its skills: the model and the Python work then use both cores. `index_facts` is
already safe on a worker thread (each batch is written in one short transaction under the
workspace lock, skipping facts edited meanwhile), so the vectors are the same as when written in
line; only when they are written moves.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from core.index import index_facts

if TYPE_CHECKING:
    from core.workspace import Workspace


class BackgroundIndexer:
    """Queue `index_facts` calls on one worker thread, in order; `collect` the counts (and errors)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._pool: ThreadPoolExecutor | None = None
        self._pending: deque[Future[int]] = deque()

    def submit(self, fact_ids: Iterable[int]) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vita-ingest-index")
        self._pending.append(self._pool.submit(index_facts, self.ws, frozenset(fact_ids)))

    def collect(self, *, wait: bool) -> int:
        """Vectors written by the finished calls (all of them when `wait`); a call's error is raised here."""
        added = 0
        while self._pending and (wait or self._pending[0].done()):
            added += self._pending.popleft().result()
        return added

    def settle(self) -> int:
        """Wait for every queued call and count what was written, without raising: after a cancel, a
        call that failed leaves its facts without vectors, which the next run's catch-up embeds."""
        added = 0
        while self._pending:
            try:
                added += self._pending.popleft().result()
            except Exception:  # the run raises its own error (Cancelled or the first failure)
                continue
        return added

    def close(self) -> None:
        """Let the queued calls finish (the workspace may close next), dropping their results."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        self._pending.clear()
