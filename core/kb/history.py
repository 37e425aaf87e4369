"""Per-fact version history: list, diff two versions, revert to one (itself a new version)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import NotFound
from core.facts import restore_fact, update_fact_row
from core.model import FactStatus, Visibility
from core.workspace import Workspace

FIELDS = ("type", "value", "attributes", "status", "visibility", "tags")


@dataclass(frozen=True, slots=True)
class FactVersion:
    fact_id: int
    version: int
    action: str
    created_at: str
    snapshot: dict[str, Any]  # type, value, attributes (dict), status, visibility, tags (list)


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str  # "value", "status", ... or "attributes.<key>"
    before: Any
    after: Any


def _decode(snapshot: str) -> dict[str, Any]:
    snap: dict[str, Any] = json.loads(snapshot)
    for key, empty in (("attributes", "{}"), ("tags", "[]")):
        if isinstance(snap.get(key), str):
            snap[key] = json.loads(snap[key] or empty)
    return snap


def fact_history(ws: Workspace, fact_id: int) -> list[FactVersion]:
    """Every version of a fact, oldest first (kept after deletion, until erasure)."""
    with ws.reading() as conn:
        rows = conn.execute(text("SELECT * FROM fact_versions WHERE fact_id = :f ORDER BY version, id"),
                            {"f": fact_id}).mappings().all()
    if not rows:
        raise NotFound(f"Fact {fact_id} has no history.")
    return [FactVersion(fact_id, r["version"], r["action"], r["created_at"], _decode(r["snapshot"]))
            for r in rows]


def diff_snapshots(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """Field-level differences; attributes are compared key by key."""
    out: list[FieldChange] = []
    for f in FIELDS:
        if f == "attributes":
            a, b = before.get(f) or {}, after.get(f) or {}
            for k in sorted(set(a) | set(b)):
                if a.get(k) != b.get(k):
                    out.append(FieldChange(f"attributes.{k}", a.get(k), b.get(k)))
        elif before.get(f) != after.get(f):
            out.append(FieldChange(f, before.get(f), after.get(f)))
    return out


def diff_versions(ws: Workspace, fact_id: int, a: int, b: int) -> list[FieldChange]:
    by_version = {v.version: v for v in fact_history(ws, fact_id)}
    if a not in by_version or b not in by_version:
        raise NotFound(f"Fact {fact_id} has no version {a if a not in by_version else b}.")
    return diff_snapshots(by_version[a].snapshot, by_version[b].snapshot)


def revert_fact(ws: Workspace, fact_id: int, version: int) -> Changes:
    """Put the fact back as it was at `version` (recreating it if it was deleted)."""
    versions = {v.version: v for v in fact_history(ws, fact_id)}
    if version not in versions or versions[version].action == "delete":
        raise NotFound(f"Fact {fact_id} has no version {version} to revert to.")
    snap = versions[version].snapshot
    with ws.mutation(f"Revert fact to version {version}") as txn:
        exists = txn.conn.execute(text("SELECT 1 FROM facts WHERE id = :id"), {"id": fact_id}).first()
        if not exists:  # deleted: back with its source kind, confidence and provenance rows
            deleted = next((v.snapshot for v in sorted(versions.values(), key=lambda v: -v.version)
                            if v.action == "delete"), {})
            kept = {k: deleted[k] for k in ("confidence", "source_kind") if k in deleted}
            restore_fact(txn, fact_id, kept | snap, list(deleted.get("sources", [])))
        update_fact_row(txn, fact_id, value=snap["value"], attributes=snap["attributes"],
                        status=FactStatus(snap["status"]), visibility=Visibility(snap["visibility"]),
                        tags=list(snap["tags"]), action=f"revert:{version}")
    return ws.changes_for(txn.step, frozenset({fact_id}))
