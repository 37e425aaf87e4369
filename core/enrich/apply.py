"""Write an enrichment plan inside one recorded (undoable) transaction, skipping what already exists."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import text

from core.enrich.plan import NewSkill, Plan
from core.facts import (
    add_source,
    fingerprint,
    insert_fact,
    now_iso,
    source_spec_of,
    update_fact_row,
)
from core.model import EdgeKind, FactStatus, FactType, SourceKind, SourceSpec
from core.undo import RecordingTxn


@dataclass(slots=True)
class Written:
    roles_mapped: int = 0
    skills_linked: int = 0
    new_fact_ids: list[int] = field(default_factory=list)
    edges_added: int = 0


def _merge_attrs(txn: RecordingTxn, fid: int, extra: dict[str, Any], keep_key: str) -> bool:
    """Add `extra` to a fact's attributes unless `keep_key` is already set (the person's or an earlier choice)."""
    row = txn.conn.execute(text("SELECT attributes, status FROM facts WHERE id = :i"), {"i": fid}).first()
    if row is None or row[1] == FactStatus.rejected:
        return False
    attrs = json.loads(row[0] or "{}")
    if attrs.get(keep_key):
        return False
    update_fact_row(txn, fid, attributes={**attrs, **extra}, action="enrich")
    return True


class EdgeWriter:
    """uses_skill / maps_to edges not yet stored: existing ones read in one query, new ones inserted
    through the transaction's DB-API connection and recorded for undo with the image written."""

    def __init__(self, txn: RecordingTxn, srcs: set[int]) -> None:
        self.txn = txn
        self.raw: Any = cast(Any, txn.conn.connection.dbapi_connection)
        self.seen: set[tuple[str, int, int | str]] = set()
        ids = sorted(srcs)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = self.raw.execute(
                f"SELECT kind, src_id, dst_id, dst_ref FROM edges WHERE src_id IN ({', '.join('?' * len(chunk))})",
                chunk).fetchall()
            for kind, src, dst, ref in rows:
                self.seen.add((kind, src, dst if dst is not None else ref))

    def add(self, kind: EdgeKind, src: int, *, dst: int | None = None, ref: str | None = None) -> bool:
        target: int | str | None = dst if dst is not None else ref
        if src == dst or target is None or (kind.value, src, target) in self.seen:
            return False
        self.seen.add((kind.value, src, target))
        values = {"kind": kind.value, "src_id": src, "dst_id": dst, "dst_ref": ref, "weight": 1.0,
                  "created_at": now_iso()}
        self.txn.insert_written("edges", values)
        return True


def _narrowed(txn: RecordingTxn, src: Any, needle: str) -> tuple[int | None, int | None]:
    """The mention's own offsets inside the user's source passage when it can be found there."""
    start, end = src["start"], src["end"]
    if src["document_id"] is None or start is None or end is None or end <= start:
        return start, end
    window = txn.conn.execute(text("SELECT substr(text, :a, :n) FROM documents WHERE id = :d"),
                              {"a": int(start) + 1, "n": int(end) - int(start), "d": src["document_id"]}).scalar()
    at = (window or "").find(needle)
    if at < 0:
        at = (window or "").lower().find(needle.lower())
    return (start + at, start + at + len(needle)) if at >= 0 else (start, end)


def _create_skill(txn: RecordingTxn, s: NewSkill, extractor: tuple[str, str]) -> int:
    """Find (by fingerprint, written meanwhile) or create the skill fact, with provenance from its first mention."""
    fp = fingerprint(FactType.skill.value, s.label)
    found = txn.conn.execute(text("SELECT id FROM facts WHERE type = :t AND fingerprint = :f ORDER BY id"),
                             {"t": FactType.skill.value, "f": fp}).first()
    if found is not None:
        return -int(found[0])  # negative: an existing fact, nothing created
    sources = txn.conn.execute(text("SELECT * FROM fact_sources WHERE fact_id = :f ORDER BY id"),
                               {"f": s.first_user}).mappings().all()
    kind = SourceKind(sources[0]["source_kind"]) if sources else SourceKind.document
    conf = round(float(s.confidence), 4)
    fid = insert_fact(txn, type=FactType.skill, value=s.label, status=FactStatus.pending, confidence=conf,
                      source_kind=kind, attributes={"name": s.label, "ontology_id": s.ontology_id,
                                                    "ontology_label": s.label, "kind": s.kind})
    note = f"mentioned in fact {s.first_user}"
    rows: list[Any] = list(sources) or [None]
    for src in rows:
        start, end = _narrowed(txn, src, s.span_text) if src is not None else (None, None)
        spec = source_spec_of(src) if src is not None else SourceSpec(kind)
        spec.start, spec.end = start, end
        spec.extractor, spec.extractor_version, spec.confidence, spec.note = extractor[0], extractor[1], conf, note
        add_source(txn, fid, spec)
    return fid


def apply_plan(txn: RecordingTxn, plan: Plan, extractor: tuple[str, str]) -> Written:
    out = Written()
    for fid, attrs in plan.role_attrs.items():
        out.roles_mapped += _merge_attrs(txn, fid, attrs, "onet_code")
    for fid, attrs in plan.skill_attrs.items():
        out.skills_linked += _merge_attrs(txn, fid, attrs, "ontology_id")
    ids: dict[str, int] = {}
    for key, s in plan.new_skills.items():
        fid = _create_skill(txn, s, extractor)
        if fid > 0:
            out.new_fact_ids.append(fid)
        ids[key] = abs(fid)

    def resolve(node: int | str) -> int:
        return ids[node] if isinstance(node, str) else node

    writer = EdgeWriter(txn, {resolve(n) for n, _ in plan.maps_to} | {u for u, _ in plan.uses})
    for node, ref in sorted(plan.maps_to, key=str):
        out.edges_added += writer.add(EdgeKind.maps_to, resolve(node), ref=ref)
    for user, skill in sorted(plan.uses, key=str):
        out.edges_added += writer.add(EdgeKind.uses_skill, user, dst=resolve(skill))
    return out
