"""Storing a confirmed proposal through the one fact writer (`core.facts.FactWriter`, sourced to
the chat message): pending facts, or attributes of the entity asked about (with a provenance row
citing the message), edges to the role and skills, and the slot marked answered — one undo step."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.facts import FactWriter, update_fact_row
from core.interview.proposals import Item, Proposal, message_source
from core.interview.transcript import set_slot_state
from core.kb.editing import add_edge_row, require_fact
from core.model import EdgeKind, FactType, Span
from core.undo import RecordingTxn
from core.workspace import Workspace


def _writer(txn: RecordingTxn, message_id: int, item: Item) -> tuple[FactWriter, Span | None]:
    """The writer for the message the item's words are in, and the span of those words."""
    mid = int(item.extra.get("message_id", message_id))
    span = Span(0, item.start, item.end) if item.start is not None and item.end is not None else None
    return FactWriter(txn, message_source(mid, edited=item.edited)), span


def _add(txn: RecordingTxn, message_id: int, item: Item, type: FactType, value: str, attributes: dict[str, Any],
         **kw: Any) -> int:
    writer, span = _writer(txn, message_id, item)
    return writer.add(type, value, attributes, span=span, **kw)


def _cite(txn: RecordingTxn, message_id: int, item: Item, fact_id: int) -> None:
    writer, span = _writer(txn, message_id, item)
    writer.cite(fact_id, span=span)


def _skill_id(txn: RecordingTxn, item: Item, message_id: int) -> int:
    """The person's skill fact with this name (now also cited to the message), or a new pending one."""
    row = txn.conn.execute(text("SELECT id FROM facts WHERE type = 'skill' AND lower(value) = lower(:v) "
                                "AND status != 'rejected' ORDER BY id LIMIT 1"), {"v": item.value}).first()
    if row is not None:
        _cite(txn, message_id, item, int(row[0]))
        return int(row[0])
    attrs: dict[str, Any] = {"name": item.value}
    if item.extra.get("ontology_id"):
        attrs["ontology_id"] = item.extra["ontology_id"]
    return _add(txn, message_id, item, FactType.skill, str(item.value), attrs)


def _metric_ids(txn: RecordingTxn, p: Proposal, owner: int, items: list[Item]) -> set[int]:
    ids = set()
    for m in items:
        mid = _add(txn, p.message_id, m, FactType.metric, m.text,
                   {"kind": m.extra.get("kind", ""), "value": m.value, "unit": m.unit, "text": m.text})
        add_edge_row(txn, EdgeKind.measured_by, owner, mid)
        ids.add(mid)
    return ids


def _metrics_attr(items: list[Item]) -> list[dict[str, Any]]:
    return [{"kind": i.extra.get("kind", ""), "value": i.value, "unit": i.unit, "text": i.text} for i in items]


def _update_entity(txn: RecordingTxn, p: Proposal) -> set[int]:
    assert p.target_id is not None
    row = require_fact(txn, p.target_id)
    attrs = json.loads(row["attributes"] or "{}")
    value = None
    for item in p.items:
        if item.fills == "present":
            attrs["present"], attrs["end"] = True, None
        elif item.fills in ("start", "end"):
            attrs[item.fills] = item.value
            if item.fills == "end":
                attrs["present"] = False
        else:
            attrs[item.fills] = item.value
            if item.fills == "team_size" and item.extra.get("high"):
                attrs["team_size_high"] = item.extra["high"]
        if item.fills in ("title", "institution") and not row["value"].strip():
            value = str(item.value)
        _cite(txn, p.message_id, item, p.target_id)
    update_fact_row(txn, p.target_id, value=value, attributes=attrs, action="interview")
    return {p.target_id}


def _add_achievement(txn: RecordingTxn, p: Proposal, role_id: int | None) -> set[int]:
    ach = next(i for i in p.items if i.fills == "achievement")
    metric_items = [i for i in p.items if i.fills == "metric"]
    attrs: dict[str, Any] = {"text": ach.value, "metrics": _metrics_attr(metric_items)}
    if p.extra.get("requirement"):
        attrs["requirement"] = p.extra["requirement"]
    fid = _add(txn, p.message_id, ach, FactType.achievement, str(ach.value), attrs)
    ids = {fid} | _metric_ids(txn, p, fid, metric_items)
    if role_id is not None:
        add_edge_row(txn, EdgeKind.achieved_in, fid, role_id)
    skill_ids = {_skill_id(txn, i, p.message_id) for i in p.items if i.fills == "skill"}
    if p.extra.get("skill_id"):
        skill_ids.add(int(p.extra["skill_id"]))
    for sid in sorted(skill_ids):
        add_edge_row(txn, EdgeKind.uses_skill, fid, sid)
    return ids | skill_ids


def _add_story(txn: RecordingTxn, p: Proposal, role_id: int | None) -> set[int]:
    """A STAR story fact (each part the person's words, cited to its own message) linked to the
    role, the skills it names and its metrics; tagged "story" as the career profile counts them."""
    parts = [i for i in p.items if i.fills in ("situation", "task", "action", "result")]
    metric_items = [i for i in p.items if i.fills == "metric"]
    attrs: dict[str, Any] = {i.fills: str(i.value) for i in parts}
    attrs["metrics"] = _metrics_attr(metric_items)
    by_part = {i.fills: i for i in parts}
    headline = str((by_part.get("result") or by_part.get("action") or parts[0]).value)
    fid = _add(txn, p.message_id, parts[0], FactType.story, headline, attrs, tags=["story"])
    for item in parts[1:]:
        _cite(txn, p.message_id, item, fid)
    ids = {fid} | _metric_ids(txn, p, fid, metric_items)
    if role_id is not None:
        add_edge_row(txn, EdgeKind.achieved_in, fid, role_id)
    for sid in sorted({_skill_id(txn, i, p.message_id) for i in p.items if i.fills == "skill"}):
        add_edge_row(txn, EdgeKind.uses_skill, fid, sid)
        ids.add(sid)
    return ids


def save_proposal(ws: Workspace, p: Proposal, *, session_id: int, role_id: int | None, label: str) -> Changes:
    """Store the confirmed proposal as one named undo step; undo removes the facts and reopens the slot."""
    with ws.mutation(label) as txn:
        if p.action == "update":
            ids = _update_entity(txn, p)
        elif p.action == "achievement":
            ids = _add_achievement(txn, p, role_id)
        elif p.action == "skills":
            ids = {_skill_id(txn, i, p.message_id) for i in p.items}
            if role_id is not None:
                for sid in sorted(ids):
                    add_edge_row(txn, EdgeKind.uses_skill, role_id, sid)
        elif p.action == "contact":
            item = p.items[0]
            ids = {_add(txn, p.message_id, item, FactType.contact, str(item.value),
                        {"kind": item.fills, "value": item.value})}
        elif p.action == "story":
            ids = _add_story(txn, p, role_id)
        else:
            raise ValueError(f"unknown proposal action {p.action}")
        set_slot_state(txn, p.slot_key, "answered", session_id=session_id, message_id=p.message_id)
    return ws.changes_for(txn.step, frozenset(ids))
