"""Merging two facts into one (provenance from both kept) and splitting one fact into several."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import InvalidInput
from core.facts import add_source, insert_fact, source_spec_of, update_fact_row
from core.kb.editing import add_edge_row, require_fact
from core.model import EdgeKind, FactStatus, FactType, SourceKind, Visibility
from core.undo import RecordingTxn
from core.workspace import Workspace

MERGED_TAG = "merged"


def merge_facts(ws: Workspace, keep_id: int, other_id: int, *, value: str | None = None,
                attributes: dict[str, Any] | None = None) -> Changes:
    """Fold `other` into `keep`: its provenance, edges, conflicts and tags move over; `other` stays
    as a rejected, private record with a same_as edge to `keep`, so the merge is traceable."""
    if keep_id == other_id:
        raise InvalidInput("A fact cannot be merged with itself.")
    with ws.mutation("Merge facts") as txn:
        keep, other = require_fact(txn, keep_id), require_fact(txn, other_id)
        if keep["type"] != other["type"]:
            raise InvalidInput("Only facts of the same type can be merged.")
        merged_attrs = {**json.loads(other["attributes"]), **json.loads(keep["attributes"])}
        if attributes is not None:
            merged_attrs = attributes
        merged_attrs["merged_from"] = sorted({*merged_attrs.get("merged_from", []), other_id})
        tags = list(dict.fromkeys(json.loads(keep["tags"]) + json.loads(other["tags"])))
        status = FactStatus.approved if FactStatus.approved in (keep["status"], other["status"]) else None
        for src in txn.conn.execute(text("SELECT id FROM fact_sources WHERE fact_id = :f"), {"f": other_id}):
            txn.update("fact_sources", int(src[0]), {"fact_id": keep_id})
        _move_edges(txn, other_id, keep_id)
        for c in txn.conn.execute(text("SELECT id FROM conflicts WHERE fact_id = :f"), {"f": other_id}):
            txn.update("conflicts", int(c[0]), {"fact_id": keep_id})
        update_fact_row(txn, keep_id, value=value, attributes=merged_attrs, tags=tags, status=status,
                        action=f"merge:{other_id}")
        if float(other["confidence"]) > float(keep["confidence"]):
            txn.update("facts", keep_id, {"confidence": other["confidence"]})
        other_tags = list(dict.fromkeys(json.loads(other["tags"]) + [MERGED_TAG]))
        update_fact_row(txn, other_id, status=FactStatus.rejected, visibility=Visibility.private,
                        tags=other_tags, action=f"merged_into:{keep_id}")
        add_edge_row(txn, EdgeKind.same_as, other_id, keep_id)
    return ws.changes_for(txn.step, frozenset({keep_id, other_id}))


def _move_edges(txn: RecordingTxn, old: int, new: int) -> None:
    rows = txn.conn.execute(text("SELECT * FROM edges WHERE src_id = :o OR dst_id = :o"), {"o": old}).mappings()
    for e in list(rows):
        src = new if e["src_id"] == old else e["src_id"]
        dst = new if e["dst_id"] == old else e["dst_id"]
        dup = txn.conn.execute(text(
            "SELECT 1 FROM edges WHERE kind = :k AND src_id = :s AND dst_id IS :d AND dst_ref IS :r AND id != :id"),
            {"k": e["kind"], "s": src, "d": dst, "r": e["dst_ref"], "id": e["id"]}).first()
        if src == dst or dup:
            txn.delete("edges", e["id"])
        else:
            txn.update("edges", e["id"], {"src_id": src, "dst_id": dst})


@dataclass(slots=True)
class Part:
    """One piece of a split: its value and (optionally) its own attributes."""

    value: str
    attributes: dict[str, Any] | None = None
    tags: list[str] = field(default_factory=list)


def split_fact(ws: Workspace, fact_id: int, parts: Sequence[Part]) -> Changes:
    """Replace one fact by several: the first part keeps the fact's id and history; the others are
    new facts with copies of its provenance and edges; their history starts with `split_from:<id>`."""
    if len(parts) < 2:
        raise InvalidInput("Split a fact into at least two parts.")
    with ws.mutation("Split fact") as txn:
        row = require_fact(txn, fact_id)
        base_attrs = json.loads(row["attributes"])
        base_tags = json.loads(row["tags"])
        first = parts[0]
        update_fact_row(txn, fact_id, value=first.value,
                        attributes=first.attributes if first.attributes is not None else base_attrs,
                        tags=list(dict.fromkeys(base_tags + first.tags)), action="split")
        new_ids = []
        sources = [dict(r) for r in txn.conn.execute(
            text("SELECT * FROM fact_sources WHERE fact_id = :f"), {"f": fact_id}).mappings()]
        edges = [dict(r) for r in txn.conn.execute(
            text("SELECT * FROM edges WHERE (src_id = :f OR dst_id = :f) AND kind != 'same_as'"),
            {"f": fact_id}).mappings()]
        for part in parts[1:]:
            nid = insert_fact(txn, type=FactType(row["type"]), value=part.value,
                              attributes=part.attributes if part.attributes is not None else base_attrs,
                              status=FactStatus(row["status"]), visibility=Visibility(row["visibility"]),
                              confidence=row["confidence"], source_kind=SourceKind(row["source_kind"]),
                              tags=list(dict.fromkeys(base_tags + part.tags)))
            txn.update("fact_versions", _last_version_id(txn, nid), {"action": f"split_from:{fact_id}"})
            for s in sources:
                add_source(txn, nid, source_spec_of(s))
            for e in edges:
                src = nid if e["src_id"] == fact_id else e["src_id"]
                dst = nid if e["dst_id"] == fact_id else e["dst_id"]
                add_edge_row(txn, EdgeKind(e["kind"]), src, dst, e["dst_ref"], e["weight"])
            new_ids.append(nid)
    return ws.changes_for(txn.step, frozenset({fact_id, *new_ids}))


def _last_version_id(txn: RecordingTxn, fact_id: int) -> int:
    return int(txn.conn.execute(text("SELECT max(id) FROM fact_versions WHERE fact_id = :f"),
                                {"f": fact_id}).scalar_one())
