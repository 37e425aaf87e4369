"""Finishing the review: approve everything a document says, approve the confident rest, and
never approve a fact that was merged into another (it stays a record of the merge)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import InvalidInput
from core.model import FactStatus
from core.workspace import Workspace

HIGH_CONFIDENCE = 0.85  # "the high-confidence rest": what parsing was sure of


def merged_away(conn: Any, ids: Iterable[int]) -> set[int]:
    """Which of these facts were merged into another (rejected, with a same_as edge to the survivor)."""
    wanted = [int(i) for i in ids]
    out: set[int] = set()
    for start in range(0, len(wanted), 500):
        marks = ",".join(str(i) for i in wanted[start:start + 500])
        out |= {int(r[0]) for r in conn.execute(text(
            f"SELECT DISTINCT e.src_id FROM edges e JOIN facts f ON f.id = e.src_id "
            f"WHERE e.kind = 'same_as' AND f.status = 'rejected' AND e.src_id IN ({marks})"))}
    return out


def pending_ids(ws: Workspace, *, document_id: int | None = None, min_confidence: float | None = None) -> list[int]:
    """Pending facts (optionally with a passage in a document, or at least this confident)."""
    clauses = ["f.status = :p"]
    params: dict[str, Any] = {"p": FactStatus.pending.value}
    if document_id is not None:
        clauses.append("f.id IN (SELECT s.fact_id FROM fact_sources s WHERE s.document_id = :d)")
        params["d"] = int(document_id)
    if min_confidence is not None:
        clauses.append("f.confidence >= :c")
        params["c"] = float(min_confidence)
    with ws.reading() as conn:
        return [int(r[0]) for r in conn.execute(
            text(f"SELECT f.id FROM facts f WHERE {' AND '.join(clauses)} ORDER BY f.id"), params)]


def approve_from_document(ws: Workspace, document_id: int) -> Changes:
    """Approve every pending fact this document supports (one undo step)."""
    from core.kb.editing import approve

    ids = pending_ids(ws, document_id=document_id)
    if not ids:
        raise InvalidInput("Nothing from this document is waiting for review.")
    return approve(ws, ids)


def approve_confident(ws: Workspace, *, threshold: float = HIGH_CONFIDENCE,
                      document_id: int | None = None) -> Changes:
    """Approve the pending facts parsing was sure of (confidence >= threshold); the rest stay for a look."""
    from core.kb.editing import approve

    ids = pending_ids(ws, document_id=document_id, min_confidence=threshold)
    if not ids:
        raise InvalidInput(f"No pending fact has a confidence of {threshold:.0%} or more.")
    return approve(ws, ids)
