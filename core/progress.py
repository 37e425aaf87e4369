"""Progress reports and cancel tokens for long work written as generators."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from core.errors import Cancelled


class CancelToken:
    """Set from any thread; long work calls `check()` between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


@dataclass(frozen=True, slots=True)
class Progress:
    """One step of long work: `done` of `total` units, at `stage`, on `item`."""

    stage: str
    done: int
    total: int
    item: str = ""
    message: str = ""

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0
