"""Editing facts: create, edit, approve/reject/hide, bulk ops, merge/split, history, revert, undo/redo."""

from __future__ import annotations

import pytest

from core import kb
from core.dates import PartialDate
from core.errors import InvalidInput, NotFound
from core.kb import NewFact, Part, SourceSpec
from core.model import EdgeKind, FactStatus, FactType, SourceKind, Visibility
from core.profile import career_profile
from core.workspace import Workspace


def _new(ws: Workspace, type_: FactType, value: str, **attrs: object) -> int:
    ch = kb.create_fact(ws, NewFact(type_, value, dict(attrs)))
    return next(iter(ch.fact_ids))


def test_create_edit_and_undo_redo(ws: Workspace) -> None:
    fid = _new(ws, FactType.skill, "Pythn", name="Pythn")
    kb.edit_fact(ws, fid, value="Python", set_attributes={"name": "Python", "level": "expert"})
    assert ws.get_fact(fid).value == "Python"
    assert ws.get_fact(fid).attributes == {"name": "Python", "level": "expert"}
    assert ws.undo_status().undo == "Edit fact"
    ws.undo()
    assert ws.get_fact(fid).value == "Pythn"
    ws.redo()
    assert ws.get_fact(fid).attributes["level"] == "expert"
    ws.undo()
    ws.undo()  # the creation
    with pytest.raises(NotFound):
        ws.get_fact(fid)
    ws.redo()
    assert ws.get_fact(fid).value == "Pythn"
    assert [s.source_kind for s in ws.fact_sources(fid)] == [SourceKind.person]


def test_approve_reject_hide_are_one_step_each(ws: Workspace) -> None:
    ids = [_new(ws, FactType.skill, f"Skill {i}") for i in range(5)]
    ch = kb.approve(ws, ids)
    assert ch.fact_ids == frozenset(ids) and ch.undo_label == "Approve 5 facts"
    assert {ws.get_fact(i).status for i in ids} == {FactStatus.approved}
    kb.reject(ws, ids[:2])
    kb.hide(ws, ids[2:4])
    assert ws.get_fact(ids[0]).status == FactStatus.rejected
    assert ws.get_fact(ids[3]).visibility == Visibility.private
    ws.undo()  # hide
    assert ws.get_fact(ids[3]).visibility == Visibility.exportable
    ws.undo()  # reject
    ws.undo()  # approve
    assert {ws.get_fact(i).status for i in ids} == {FactStatus.pending}


def test_bulk_edit_tags_and_bulk_delete(ws: Workspace) -> None:
    ids = [_new(ws, FactType.achievement, f"Did thing {i}") for i in range(3)]
    kb.bulk_edit(ws, ids, add_tags=["backend", "lead"], status=FactStatus.approved)
    assert ws.get_fact(ids[1]).tags == ["backend", "lead"]
    kb.bulk_edit(ws, ids, remove_tags=["lead"])
    assert ws.get_fact(ids[2]).tags == ["backend"]
    kb.delete_facts(ws, ids)
    assert ws.count_facts() == 0
    ws.undo()
    assert ws.count_facts() == 3 and ws.get_fact(ids[0]).tags == ["backend"]


def test_bulk_insert_is_one_undo_step(ws: Workspace) -> None:
    facts = [NewFact(FactType.skill, f"Skill {i}", {"name": f"Skill {i}"},
                     source=SourceSpec(SourceKind.imported, note="bench")) for i in range(200)]
    ch = kb.bulk_insert_facts(ws, facts)
    assert len(ch.fact_ids) == 200 and ws.count_facts() == 200
    fid = min(ch.fact_ids)
    assert ws.fact_sources(fid)[0].note == "bench"
    assert kb.fact_history(ws, fid)[0].action == "create"
    assert [h.fact.id for h in kb.text_search(ws, "Skill 17")][:1] == [fid + 17]
    ws.undo()
    assert ws.count_facts() == 0
    ws.redo()
    assert ws.count_facts() == 200


def test_merge_keeps_provenance_from_both_and_undoes(ws: Workspace) -> None:
    role = _new(ws, FactType.role, "Engineer", title="Engineer")
    a = kb.create_fact(ws, NewFact(FactType.skill, "PostgreSQL", {"name": "PostgreSQL"},
                                   source=SourceSpec(SourceKind.person, note="typed")))
    b = kb.create_fact(ws, NewFact(FactType.skill, "Postgres", {"name": "Postgres", "level": "advanced"},
                                   tags=["db"], source=SourceSpec(SourceKind.interview, note="answer 3")),
                       edges=[])
    keep, other = next(iter(a.fact_ids)), next(iter(b.fact_ids))
    kb.link(ws, EdgeKind.uses_skill, role, other)
    kb.merge_facts(ws, keep, other)
    merged = ws.get_fact(keep)
    assert merged.attributes["level"] == "advanced" and merged.attributes["merged_from"] == [other]
    assert merged.tags == ["db"]
    assert {s.note for s in ws.fact_sources(keep)} == {"typed", "answer 3"}
    assert ws.get_fact(other).status == FactStatus.rejected
    g = kb.build_graph(ws, include_rejected=True)
    assert g.has_edge(role, keep) and g.has_edge(other, keep)
    assert any(s.kind == "same_as" for s in kb.supporting(g, keep))
    ws.undo()
    assert {s.note for s in ws.fact_sources(keep)} == {"typed"}
    assert ws.get_fact(other).status == FactStatus.pending
    with pytest.raises(InvalidInput):
        kb.merge_facts(ws, keep, role)


def test_split_copies_provenance_and_edges(ws: Workspace) -> None:
    role = _new(ws, FactType.role, "Engineer", title="Engineer")
    ach = _new(ws, FactType.achievement, "Cut costs 20% and hired 4 engineers", text="x")
    kb.link(ws, EdgeKind.achieved_in, ach, role)
    ch = kb.split_fact(ws, ach, [Part("Cut costs 20%"), Part("Hired 4 engineers")])
    new = next(iter(ch.fact_ids - {ach}))
    assert ws.get_fact(ach).value == "Cut costs 20%"
    assert ws.get_fact(new).value == "Hired 4 engineers"
    assert len(ws.fact_sources(new)) == 1
    assert kb.fact_history(ws, new)[0].action == f"split_from:{ach}"
    assert [a.fact_id for a in career_profile(ws).roles[0].achievements] == sorted([ach, new])
    ws.undo()
    assert ws.count_facts() == 2 and ws.get_fact(ach).value.startswith("Cut costs 20% and")


def test_history_diff_and_revert(ws: Workspace) -> None:
    fid = _new(ws, FactType.role, "Analyst", title="Analyst", start="2019-01")
    kb.edit_fact(ws, fid, value="Senior Analyst", set_attributes={"title": "Senior Analyst", "start": None})
    kb.approve(ws, [fid])
    hist = kb.fact_history(ws, fid)
    assert [v.version for v in hist] == [1, 2, 3]
    assert [v.action for v in hist] == ["create", "edit", "approve"]
    changes = {c.field: (c.before, c.after) for c in kb.diff_versions(ws, fid, 1, 3)}
    assert changes == {"value": ("Analyst", "Senior Analyst"), "status": ("pending", "approved"),
                       "attributes.title": ("Analyst", "Senior Analyst"), "attributes.start": ("2019-01", None)}
    kb.revert_fact(ws, fid, 1)
    f = ws.get_fact(fid)
    assert (f.value, f.status, f.attributes) == ("Analyst", FactStatus.pending, {"title": "Analyst", "start": "2019-01"})
    assert kb.fact_history(ws, fid)[-1].action == "revert:1"
    ws.undo()
    assert ws.get_fact(fid).value == "Senior Analyst"


def test_revert_recreates_a_deleted_fact(ws: Workspace) -> None:
    fid = _new(ws, FactType.award, "Best Demo", title="Best Demo")
    ws.delete_fact(fid)
    kb.revert_fact(ws, fid, 1)
    assert ws.get_fact(fid).value == "Best Demo"


def test_graph_skill_evidence_and_timeline(ws: Workspace) -> None:
    org = _new(ws, FactType.organisation, "Acme Rockets", name="Acme Rockets")
    r1 = _new(ws, FactType.role, "Engineer", title="Engineer", start="2015-03", end="2018-06")
    r2 = _new(ws, FactType.role, "Lead Engineer", title="Lead Engineer", start="2018-07", end=None)
    sk = _new(ws, FactType.skill, "Go", name="Go")
    ach = _new(ws, FactType.achievement, "Rewrote the scheduler in Go")
    for r in (r1, r2):
        kb.link(ws, EdgeKind.role_at, r, org)
    kb.link(ws, EdgeKind.uses_skill, r1, sk)
    kb.link(ws, EdgeKind.achieved_in, ach, r2)
    kb.link(ws, EdgeKind.uses_skill, ach, sk)
    g = kb.build_graph(ws)
    profile = career_profile(ws)
    ev = profile.skill_named("Go")
    assert ev is not None and ev.evidence_count == 2 and ev.first == PartialDate(2015, 3)
    assert ev.current and ev.last is None
    assert [(r.title, r.employer) for r in profile.roles] == [("Engineer", "Acme Rockets"),
                                                             ("Lead Engineer", "Acme Rockets")]
    assert {s.node for s in kb.supporting(g, sk)} == {r1, ach}
