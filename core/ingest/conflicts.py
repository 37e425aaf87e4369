"""Conflicts found by reconciliation (two end dates for one role), listed and settled by the person."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from core.dates import is_present
from core.errors import InvalidInput, NotFound
from core.facts import update_fact_row

if TYPE_CHECKING:
    from core.changes import Changes
    from core.workspace import Workspace

PRESENT = "present"  # the candidate value meaning "still in this role"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One value a field was given, with the provenance rows that gave it."""

    value: Any
    sources: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Conflict:
    id: int
    fact_id: int
    field: str
    candidates: list[Candidate]
    status: str  # open | resolved
    resolution: Any
    created_at: str


def _conflict(row: Any) -> Conflict:
    cands = [Candidate(c.get("value"), list(c.get("sources", []))) for c in json.loads(row["candidates"])]
    resolution = json.loads(row["resolution"])["value"] if row["resolution"] else None
    return Conflict(row["id"], row["fact_id"], row["field"], cands, row["status"], resolution,
                    row["created_at"])


def list_conflicts(ws: Workspace, *, status: str | None = "open", fact_id: int | None = None) -> list[Conflict]:
    """Conflicts (open ones by default; status=None for all), oldest first."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if status is not None:
        where.append("status = :status")
        params["status"] = status
    if fact_id is not None:
        where.append("fact_id = :fact_id")
        params["fact_id"] = fact_id
    sql = "SELECT * FROM conflicts" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
    with ws.reading() as conn:
        return [_conflict(r) for r in conn.execute(text(sql), params).mappings()]


def get_conflict(ws: Workspace, conflict_id: int) -> Conflict:
    with ws.reading() as conn:
        row = conn.execute(text("SELECT * FROM conflicts WHERE id = :id"), {"id": conflict_id}).mappings().first()
    if row is None:
        raise NotFound(f"Conflict {conflict_id} does not exist.")
    return _conflict(row)


def _settle(attrs: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    out = dict(attrs)
    if field == "end" and (value is None or is_present(value)):
        out["end"] = None
        out["present"] = True
        return out
    out[field] = value
    if field == "end":
        out["present"] = False
    return out


def resolve_conflict(ws: Workspace, conflict_id: int, *, value: Any) -> Changes:
    """Set the fact's field to `value` (a candidate's or the person's own) and close the
    conflict, as one undoable step. For an end date, None or "present" means "still there"."""
    with ws.mutation("Resolve conflict") as txn:
        row = txn.conn.execute(text("SELECT * FROM conflicts WHERE id = :id"), {"id": conflict_id}).mappings().first()
        if row is None:
            raise NotFound(f"Conflict {conflict_id} does not exist.")
        if row["status"] != "open":
            raise InvalidInput("This conflict is already settled.")
        fact = txn.conn.execute(text("SELECT attributes FROM facts WHERE id = :id"), {"id": row["fact_id"]}).first()
        if fact is None:
            raise NotFound(f"Fact {row['fact_id']} does not exist.")
        attrs = json.loads(fact[0] or "{}")
        update_fact_row(txn, int(row["fact_id"]), attributes=_settle(attrs, row["field"], value),
                        action="resolve-conflict")
        txn.update("conflicts", conflict_id, {"status": "resolved", "resolution": json.dumps({"value": value})})
    return ws.changes_for(txn.step, frozenset({int(row["fact_id"])}))
