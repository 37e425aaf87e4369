"""Document work for the Documents page, run on the vault thread: one ingest run per drop
(progress as a generator; the whole drop or single files can be cancelled)."""

from __future__ import annotations

from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.changes import Changes
from core.errors import Cancelled
from core.progress import CancelToken, Progress
from core.workspace import Workspace


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one file."""

    status: str  # stored | skipped | quarantined | failed | cancelled
    document_id: int | None = None
    new_facts: int = 0
    duplicates: int = 0
    conflicts: int = 0
    reason: str = ""
    cancelled: bool = False
    posting_id: int | None = None  # a job description: kept as this job posting


@dataclass(frozen=True, slots=True)
class IngestBatch:
    """One drop's result: each file's outcome (by path as given) and the run's `changes` (with
    fact ids), which the runner broadcasts once."""

    outcomes: dict[str, IngestOutcome] = field(default_factory=dict)
    changes: Changes | None = None
    cancelled: bool = False


def ingest_batch(ws: Workspace, session: Any, paths: list[Path], cancel: CancelToken,
                 item_cancels: Mapping[str, CancelToken]) -> Generator[Progress, None, IngestBatch]:
    """Ingest the files as one run through core.ingest with the session's services. A cancel of
    the whole drop stops after the file being stored; what was stored stays and is reported."""
    from core.ingest import ingest

    run = ingest(ws, paths, cancel=cancel, embed=session.embed_on_ingest, item_cancels=item_cancels)
    cancelled = False
    try:
        yield from run
    except Cancelled:
        cancelled = True
    finally:
        run.close()
    outcomes = {o.source: IngestOutcome(o.status, o.document_id, o.new_facts, o.duplicates, o.conflicts,
                                        o.reason, cancelled=o.status == "cancelled", posting_id=o.posting_id)
                for o in run.summary.outcomes}
    return IngestBatch(outcomes, run.changes, cancelled)


def expand_drop(paths: list[Path]) -> list[Path]:
    """Files as given, folders walked (hidden entries skipped): called off the GUI thread."""
    from core.ingest import expand_paths

    return [Path(p) for p in expand_paths(paths)]
