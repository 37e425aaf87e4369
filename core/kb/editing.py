"""Creating and editing facts and edges: every call is one transaction and one named undo step."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import InvalidInput, NotFound
from core.facts import NewFact, add_source, delete_fact_rows, insert_fact, now_iso, update_fact_row
from core.model import EdgeKind, FactStatus, FactType, Visibility
from core.undo import RecordingTxn
from core.workspace import Workspace


def add_edge_row(txn: RecordingTxn, kind: EdgeKind, src_id: int, dst_id: int | None = None,
                 dst_ref: str | None = None, weight: float = 1.0) -> int:
    if (dst_id is None) == (dst_ref is None):
        raise InvalidInput("An edge points at exactly one fact or one ontology entry.")
    exists = txn.conn.execute(text(
        "SELECT id FROM edges WHERE kind = :k AND src_id = :s AND dst_id IS :d AND dst_ref IS :r"),
        {"k": EdgeKind(kind).value, "s": src_id, "d": dst_id, "r": dst_ref}).first()
    if exists:
        return int(exists[0])
    return txn.insert("edges", {"kind": EdgeKind(kind).value, "src_id": src_id, "dst_id": dst_id,
                                "dst_ref": dst_ref, "weight": weight, "created_at": now_iso()})


def insert_new_fact(txn: RecordingTxn, fact: NewFact) -> int:
    fid = insert_fact(txn, type=fact.type, value=fact.value, attributes=fact.attributes, status=fact.status,
                      visibility=fact.visibility, confidence=fact.confidence,
                      source_kind=fact.source.source_kind, tags=fact.tags)
    add_source(txn, fid, fact.source)
    return fid


def require_fact(txn: RecordingTxn, fact_id: int) -> dict[str, Any]:
    """The fact row as a dict, or NotFound."""
    row = txn.conn.execute(text("SELECT * FROM facts WHERE id = :id"), {"id": fact_id}).mappings().first()
    if row is None:
        raise NotFound(f"Fact {fact_id} does not exist.")
    return dict(row)


def create_fact(ws: Workspace, fact: NewFact, *, edges: Sequence[tuple[EdgeKind, int]] = ()) -> Changes:
    """Create one fact with its provenance and outgoing edges; `Changes.fact_ids` holds its id."""
    with ws.mutation(f"Add {FactType(fact.type).value}") as txn:
        fid = insert_new_fact(txn, fact)
        for kind, dst in edges:
            require_fact(txn, dst)
            add_edge_row(txn, kind, fid, dst)
    return ws.changes_for(txn.step, frozenset({fid}))


def edit_fact(ws: Workspace, fact_id: int, *, value: str | None = None,
              attributes: dict[str, Any] | None = None, set_attributes: dict[str, Any] | None = None,
              tags: list[str] | None = None, status: FactStatus | None = None,
              visibility: Visibility | None = None) -> Changes:
    """Edit a fact; `attributes` replaces them all, `set_attributes` changes only the keys given
    (a None value removes the key)."""
    with ws.mutation("Edit fact") as txn:
        row = require_fact(txn, fact_id)
        if set_attributes is not None:
            merged = dict(attributes if attributes is not None else json.loads(row["attributes"]))
            for k, v in set_attributes.items():
                if v is None:
                    merged.pop(k, None)
                else:
                    merged[k] = v
            attributes = merged
        update_fact_row(txn, fact_id, value=value, attributes=attributes, tags=tags, status=status,
                        visibility=visibility)
    return ws.changes_for(txn.step, frozenset({fact_id}))


def _bulk_update(ws: Workspace, fact_ids: Iterable[int], label: str, action: str, **values: Any) -> Changes:
    ids = list(dict.fromkeys(fact_ids))
    if not ids:
        raise InvalidInput("No facts were chosen.")
    with ws.mutation(label) as txn:
        for fid in ids:
            require_fact(txn, fid)
            update_fact_row(txn, fid, action=action, **values)
    return ws.changes_for(txn.step, frozenset(ids))


def approve(ws: Workspace, fact_ids: Iterable[int]) -> Changes:
    """Approve facts; those merged into another are skipped (they stay "Merged into …")."""
    from core.kb.review import merged_away

    ids = list(dict.fromkeys(fact_ids))
    with ws.reading() as conn:
        skipped = merged_away(conn, ids)
    if skipped and len(skipped) == len(ids):
        raise InvalidInput("Those facts were merged into others; approve the facts they were merged into.")
    ids = [i for i in ids if i not in skipped]
    return _bulk_update(ws, ids, f"Approve {_n(ids)}", "approve", status=FactStatus.approved)


def reject(ws: Workspace, fact_ids: Iterable[int]) -> Changes:
    ids = list(fact_ids)
    return _bulk_update(ws, ids, f"Reject {_n(ids)}", "reject", status=FactStatus.rejected)


def hide(ws: Workspace, fact_ids: Iterable[int]) -> Changes:
    """Keep the facts but never export them (visibility private)."""
    ids = list(fact_ids)
    return _bulk_update(ws, ids, f"Hide {_n(ids)}", "hide", visibility=Visibility.private)


def unhide(ws: Workspace, fact_ids: Iterable[int]) -> Changes:
    ids = list(fact_ids)
    return _bulk_update(ws, ids, f"Show {_n(ids)}", "unhide", visibility=Visibility.exportable)


def bulk_edit(ws: Workspace, fact_ids: Iterable[int], *, status: FactStatus | None = None,
              visibility: Visibility | None = None, add_tags: Sequence[str] = (),
              remove_tags: Sequence[str] = ()) -> Changes:
    """Change status, visibility and tags of many facts as one undo step."""
    ids = list(dict.fromkeys(fact_ids))
    if not ids:
        raise InvalidInput("No facts were chosen.")
    with ws.mutation(f"Edit {_n(ids)}") as txn:
        for fid in ids:
            row = require_fact(txn, fid)
            tags: list[str] | None = None
            if add_tags or remove_tags:
                current = [t for t in json.loads(row["tags"]) if t not in set(remove_tags)]
                tags = current + [t for t in add_tags if t not in current]
            update_fact_row(txn, fid, status=status, visibility=visibility, tags=tags, action="bulk")
    return ws.changes_for(txn.step, frozenset(ids))


def delete_facts(ws: Workspace, fact_ids: Iterable[int]) -> Changes:
    """Delete facts (undoable; history kept). For erasure without a trace use core.kb.erasure."""
    ids = list(dict.fromkeys(fact_ids))
    with ws.mutation(f"Delete {_n(ids)}") as txn:
        for fid in ids:
            delete_fact_rows(txn, fid)
    return ws.changes_for(txn.step, frozenset(ids))


def link(ws: Workspace, kind: EdgeKind, src_id: int, dst_id: int | None = None, *,
         dst_ref: str | None = None) -> Changes:
    """Add an edge (a fact to a fact, or a fact to an ontology entry)."""
    with ws.mutation(f"Link {EdgeKind(kind).value}") as txn:
        require_fact(txn, src_id)
        if dst_id is not None:
            require_fact(txn, dst_id)
        add_edge_row(txn, kind, src_id, dst_id, dst_ref)
    return ws.changes_for(txn.step, frozenset({src_id} | ({dst_id} if dst_id else set())))


def unlink(ws: Workspace, edge_id: int) -> Changes:
    with ws.mutation("Remove link") as txn:
        if txn.delete("edges", edge_id) is None:
            raise NotFound(f"Link {edge_id} does not exist.")
    return ws.changes_for(txn.step)


def _n(ids: Sequence[int]) -> str:
    return "1 fact" if len(ids) == 1 else f"{len(ids)} facts"
