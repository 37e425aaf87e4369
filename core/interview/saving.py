"""Storing a confirmed proposal: pending facts (or attributes of the entity asked about) sourced to
the chat message, edges to the role and skills, and the slot marked answered — one undo step."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.interview.proposals import Item, Proposal, message_source
from core.interview.transcript import set_slot_state
from core.kb.editing import NewFact, add_edge_row, add_source, insert_new_fact, require_fact
from core.model import EdgeKind, FactStatus, FactType
from core.undo import RecordingTxn
from core.workspace import Workspace, update_fact_row


def _skill_id(txn: RecordingTxn, item: Item, message_id: int) -> int:
    """The person's skill fact with this name, or a new pending one sourced to the message."""
    row = txn.conn.execute(text("SELECT id FROM facts WHERE type = 'skill' AND lower(value) = lower(:v) "
                                "AND status != 'rejected' ORDER BY id LIMIT 1"), {"v": item.value}).first()
    if row is not None:
        add_source(txn, int(row[0]), message_source(message_id, item.start, item.end, edited=item.edited))
        return int(row[0])
    attrs: dict[str, Any] = {"name": item.value}
    if item.extra.get("ontology_id"):
        attrs["ontology_id"] = item.extra["ontology_id"]
    return insert_new_fact(txn, NewFact(FactType.skill, str(item.value), attrs, status=FactStatus.pending,
                                        source=message_source(message_id, item.start, item.end, edited=item.edited)))


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
        add_source(txn, p.target_id, message_source(p.message_id, item.start, item.end, edited=item.edited))
    if row["type"] == "role" and not attrs.get("title") and attrs.get("organisation") and not row["value"].strip():
        value = attrs["organisation"]
    update_fact_row(txn, p.target_id, value=value, attributes=attrs, action="interview")
    return {p.target_id}


def _add_achievement(txn: RecordingTxn, p: Proposal, role_id: int | None) -> set[int]:
    ach = next(i for i in p.items if i.fills == "achievement")
    metric_items = [i for i in p.items if i.fills == "metric"]
    metrics = [{"kind": i.extra.get("kind", ""), "value": i.value, "unit": i.unit, "text": i.text} for i in metric_items]
    attrs: dict[str, Any] = {"text": ach.value, "metrics": metrics}
    if p.extra.get("requirement"):
        attrs["requirement"] = p.extra["requirement"]
    fid = insert_new_fact(txn, NewFact(FactType.achievement, str(ach.value), attrs, status=FactStatus.pending,
                                       source=message_source(p.message_id, ach.start, ach.end, edited=ach.edited)))
    ids = {fid}
    if role_id is not None:
        add_edge_row(txn, EdgeKind.achieved_in, fid, role_id)
    for m in metric_items:
        mid = insert_new_fact(txn, NewFact(FactType.metric, m.text, {"kind": m.extra.get("kind", ""), "value": m.value,
                                                                     "unit": m.unit, "text": m.text},
                                           status=FactStatus.pending,
                                           source=message_source(p.message_id, m.start, m.end, edited=m.edited)))
        add_edge_row(txn, EdgeKind.measured_by, fid, mid)
        ids.add(mid)
    skill_ids = {_skill_id(txn, i, p.message_id) for i in p.items if i.fills == "skill"}
    if p.extra.get("skill_id"):
        skill_ids.add(int(p.extra["skill_id"]))
    for sid in sorted(skill_ids):
        add_edge_row(txn, EdgeKind.uses_skill, fid, sid)
    return ids | skill_ids


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
            ids = {insert_new_fact(txn, NewFact(FactType.contact, str(item.value), {"kind": item.fills,
                                                                                     "value": item.value},
                                                status=FactStatus.pending,
                                                source=message_source(p.message_id, item.start, item.end,
                                                                      edited=item.edited)))}
        elif p.action == "story":
            ids = save_story(txn, p, role_id)
        else:
            raise ValueError(f"unknown proposal action {p.action}")
        set_slot_state(txn, p.slot_key, "answered", session_id=session_id, message_id=p.message_id)
    return ws.changes_for(txn.step, frozenset(ids))


def save_story(txn: RecordingTxn, p: Proposal, role_id: int | None) -> set[int]:
    """A STAR story fact (each part the person's words, sourced to its own message) linked to the
    role, the skills it names and its metrics."""
    parts = {i.fills: i for i in p.items if i.fills in ("situation", "task", "action", "result")}
    attrs: dict[str, Any] = {k: str(v.value) for k, v in parts.items()}
    metric_items = [i for i in p.items if i.fills == "metric"]
    attrs["metrics"] = [{"kind": i.extra.get("kind", ""), "value": i.value, "unit": i.unit, "text": i.text}
                        for i in metric_items]
    headline = str((parts.get("result") or parts.get("action") or next(iter(parts.values()))).value)
    first = next(iter(parts.values()))
    src = message_source(int(first.extra.get("message_id", p.message_id)), first.start, first.end)
    fid = insert_new_fact(txn, NewFact(FactType.story, headline, attrs, status=FactStatus.pending, tags=["story"],
                                       source=src))
    for item in parts.values():
        if item is not first:
            add_source(txn, fid, message_source(int(item.extra.get("message_id", p.message_id)), item.start, item.end,
                                                edited=item.edited))
    ids = {fid}
    if role_id is not None:
        add_edge_row(txn, EdgeKind.achieved_in, fid, role_id)
    for m in metric_items:
        mid = insert_new_fact(txn, NewFact(FactType.metric, m.text, {"kind": m.extra.get("kind", ""), "value": m.value,
                                                                     "unit": m.unit, "text": m.text},
                                           status=FactStatus.pending,
                                           source=message_source(int(m.extra.get("message_id", p.message_id)),
                                                                 m.start, m.end)))
        add_edge_row(txn, EdgeKind.measured_by, fid, mid)
        ids.add(mid)
    for sid in sorted({_skill_id(txn, i, int(i.extra.get("message_id", p.message_id))) for i in p.items
                       if i.fills == "skill"}):
        add_edge_row(txn, EdgeKind.uses_skill, fid, sid)
        ids.add(sid)
    return ids
