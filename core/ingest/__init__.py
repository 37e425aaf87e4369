"""Ingest: store parsed documents with their facts, reconcile duplicates, surface conflicts."""

from __future__ import annotations

from core.ingest.conflicts import (
    Candidate,
    Conflict,
    get_conflict,
    list_conflicts,
    resolve_conflict,
)
from core.ingest.pipeline import (
    STAGES,
    DocumentOutcome,
    IngestRun,
    IngestSummary,
    expand_paths,
    ingest,
    ingest_parsed,
)

__all__ = [
    "STAGES", "Candidate", "Conflict", "DocumentOutcome", "IngestRun", "IngestSummary", "expand_paths",
    "get_conflict", "ingest", "ingest_parsed", "list_conflicts", "resolve_conflict",
]
