"""Progress reports and cancellation for the importer and downloader (onet's own, no core)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from onet.errors import ImportCancelled


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """One step: `done` of `total` units at `stage` ("files", "index", "embeddings", "download")."""

    stage: str
    done: int
    total: int
    item: str = ""

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


ProgressFn = Callable[[ImportProgress], None]
CancelFn = Callable[[], bool]


class Checkpoint:
    """Reports progress and raises ImportCancelled when the caller's cancel check says so."""

    def __init__(self, progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> None:
        self._progress = progress
        self._cancel = cancel

    def check(self) -> None:
        if self._cancel is not None and self._cancel():
            raise ImportCancelled()

    def step(self, stage: str, done: int, total: int, item: str = "") -> None:
        self.check()
        if self._progress is not None:
            self._progress(ImportProgress(stage, done, total, item))
