"""Every event Vita emits, named `subject_did_verb`, declared once here.

Subscribers receive the change descriptor (`core.changes.Changes`) or the payload noted below.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from enum import StrEnum
from typing import Any


class Event(StrEnum):
    vault_did_close = "vault_did_close"
    """The open vault was closed."""
    facts_did_change = "facts_did_change"
    """Facts were created, edited, merged, split, approved, rejected, hidden or deleted."""
    documents_did_change = "documents_did_change"
    """Documents were added, reclassified or removed."""
    ingest_did_progress = "ingest_did_progress"
    """Ingest advanced; payload: `core.progress.Progress`."""
    backup_did_finish = "backup_did_finish"
    """A backup was written; payload: its path."""


Handler = Callable[[Any], None]


class EventBus:
    """A tiny synchronous publisher; the UI bridges it to Qt signals on the GUI thread."""

    def __init__(self) -> None:
        self._subs: dict[Event, list[Handler]] = defaultdict(list)

    def subscribe(self, event: Event, handler: Handler) -> Callable[[], None]:
        self._subs[event].append(handler)
        return lambda: self._subs[event].remove(handler)

    def emit(self, event: Event, payload: Any = None) -> None:
        for handler in list(self._subs[event]):
            handler(payload)
