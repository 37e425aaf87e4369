"""Document work for the Documents page, run on the vault thread: ingest one file (cancellable,
progress as a generator)."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.changes import Changes
from core.errors import Cancelled
from core.progress import CancelToken, Progress
from core.workspace import Workspace


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one file, plus the change descriptor to broadcast."""

    status: str  # stored | skipped | quarantined | failed | cancelled
    document_id: int | None = None
    new_facts: int = 0
    duplicates: int = 0
    conflicts: int = 0
    reason: str = ""
    cancelled: bool = False
    changes: Changes | None = None


def ingest_one(ws: Workspace, session: Any, path: Path, cancel: CancelToken) -> Generator[Progress, None, IngestOutcome]:
    """Ingest one file through core.ingest with the session's shared parser pool."""
    from core.ingest import ingest

    run = ingest(ws, [path], cancel=cancel, embed=session.embed_on_ingest)
    try:
        yield from run
    except Cancelled:
        return IngestOutcome("cancelled", cancelled=True, changes=Changes(facts=True, documents=True))
    s = run.summary
    o = s.outcomes[0] if s.outcomes else None
    changed = Changes(facts=s.facts > 0 or s.duplicates > 0, documents=True, edges=s.facts > 0)
    if o is None:
        return IngestOutcome("skipped", changes=changed)
    return IngestOutcome(o.status, o.document_id, o.new_facts, o.duplicates, o.conflicts,
                         o.reason, changes=changed)

