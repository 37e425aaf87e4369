"""Reconciliation across documents: duplicates, reworded bullets, roles, conflicts (hand-built docs)."""

from __future__ import annotations

import json

from core.ingest import ingest_parsed, list_conflicts, resolve_conflict
from core.model import FactType
from core.workspace import Workspace
from tests.core.ingest_docs import RoleSpec, assert_consistent, count, resume

BULLETS_2021 = [
    "Reduced nightly batch runtime by 40% by rewriting the pipeline in Spark",
    "Led a team of 5 engineers delivering a customer churn dashboard",
]
BULLETS_2023 = [
    "Cut nightly batch runtime by 40% by rewriting the pipeline in Spark",  # reworded
    "Led a team of 8 engineers delivering a fraud detection service",  # a different result
]


def _v1(**kw: object) -> object:
    return resume("orla-2021.txt", "Orla Brightwater", [
        RoleSpec("Data Engineer", "Kestrel Freight Ltd", "2019-03", kw.get("end", "2021-06"),  # type: ignore[arg-type]
                 bullets=BULLETS_2021)], ("Python", "Spark"))


def _v2(end: str | None = "2021-06", present: bool = False) -> object:
    return resume("orla-2023.txt", "Orla Brightwater", [
        RoleSpec("Data Engineer", "Kestrel Freight", "2019-03", end, present=present, bullets=BULLETS_2023),
        RoleSpec("Senior Data Engineer", "Kestrel Freight", "2021-07", None, present=True)],
        ("Python", "Airflow"))


def _facts_of(ws: Workspace, ftype: FactType) -> list[tuple[int, str]]:
    return [(f.id, f.value) for f in ws.list_facts(type=ftype)]


def test_same_document_twice_adds_nothing(ws: Workspace) -> None:
    doc = _v1()
    first = ingest_parsed(ws, [("orla-2021.txt", doc)], embed=False).run()
    assert first.documents == 1 and first.facts == len(doc.facts)  # type: ignore[attr-defined]
    before = [count(ws, f"SELECT count(*) FROM {t}") for t in ("documents", "facts", "fact_sources", "edges")]
    again = ingest_parsed(ws, [("copy-of-orla.txt", doc)], embed=False).run()
    assert (again.documents, again.skipped, again.facts) == (0, 1, 0)
    after = [count(ws, f"SELECT count(*) FROM {t}") for t in ("documents", "facts", "fact_sources", "edges")]
    assert after == before
    assert_consistent(ws)


def test_reworded_bullet_merges_with_two_provenances(ws: Workspace) -> None:
    s1 = ingest_parsed(ws, [("a", _v1())], enrich=False).run()
    s2 = ingest_parsed(ws, [("b", _v2())], enrich=False).run()
    assert s1.documents == s2.documents == 1
    assert s2.near_duplicates == 1
    bullets = dict((v, i) for i, v in _facts_of(ws, FactType.achievement))
    assert BULLETS_2023[0] not in bullets  # merged into the 2021 wording
    merged = bullets[BULLETS_2021[0]]
    srcs = ws.fact_sources(merged)
    assert len(srcs) == 2 and len({s.document_id for s in srcs}) == 2
    assert "near-duplicate" in srcs[1].note
    # The second document's provenance points at its own (reworded) text.
    with ws.reading() as conn:
        from sqlalchemy import text
        doc_text = conn.execute(text("SELECT text FROM documents WHERE id = :d"),
                                {"d": srcs[1].document_id}).scalar_one()
    assert doc_text[srcs[1].start:srcs[1].end].endswith(BULLETS_2023[0])
    # Different numbers: a different achievement, kept apart.
    assert BULLETS_2021[1] in bullets and BULLETS_2023[1] in bullets
    # Exact duplicates (name, Python) keep one fact with both provenances; new skills are new facts.
    skills = dict((v, i) for i, v in _facts_of(ws, FactType.skill))
    assert sorted(skills) == ["Airflow", "Python", "Spark"]
    assert len(ws.fact_sources(skills["Python"])) == 2
    names = _facts_of(ws, FactType.contact)
    assert len(names) == 1 and len(ws.fact_sources(names[0][0])) == 2
    # Same role, same dates, organisation spelled differently: one fact, no conflict; the
    # promotion is its own role.
    roles = ws.list_facts(type=FactType.role)
    assert sorted(r.value for r in roles) == ["Data Engineer", "Senior Data Engineer"]
    [org] = ws.list_facts(type=FactType.organisation)  # "Kestrel Freight Ltd" = "Kestrel Freight"
    assert org.value == "Kestrel Freight Ltd" and len(ws.fact_sources(org.id)) == 2
    assert count(ws, "SELECT count(*) FROM edges WHERE kind = 'role_at' AND dst_id = :o", o=org.id) == 2
    assert list_conflicts(ws) == []
    # The reworded bullet's role edge points at the merged role.
    de = next(r for r in roles if r.value == "Data Engineer")
    assert count(ws, "SELECT count(*) FROM edges WHERE kind = 'achieved_in' AND dst_id = :r", r=de.id) == 3
    assert_consistent(ws)


def test_conflicting_end_dates_make_a_conflict_resolvable_and_undoable(ws: Workspace) -> None:
    ingest_parsed(ws, [("a", _v1())], embed=False).run()
    s2 = ingest_parsed(ws, [("b", _v2(end="2022-01"))], embed=False).run()
    assert s2.conflicts == 1
    roles = [r for r in ws.list_facts(type=FactType.role) if r.value == "Data Engineer"]
    assert len(roles) == 1  # one role, never two
    role = roles[0]
    assert role.attributes["end"] == "2021-06"  # not silently changed
    [conflict] = list_conflicts(ws)
    assert conflict.fact_id == role.id and conflict.field == "end"
    values = [c.value for c in conflict.candidates]
    assert values == ["2021-06", "2022-01"]
    assert all(c.sources for c in conflict.candidates)
    assert {c.sources[0]["source_name"] for c in conflict.candidates} == {"orla-2021.txt", "orla-2023.txt"}

    changes = resolve_conflict(ws, conflict.id, value="2022-01")
    assert changes.facts and role.id in changes.fact_ids
    assert ws.get_fact(role.id).attributes["end"] == "2022-01"
    assert list_conflicts(ws) == []
    assert list_conflicts(ws, status="resolved")[0].resolution == "2022-01"

    ws.undo()
    assert ws.get_fact(role.id).attributes["end"] == "2021-06"
    assert [c.id for c in list_conflicts(ws)] == [conflict.id]
    ws.redo()
    assert ws.get_fact(role.id).attributes["end"] == "2022-01"


def test_present_versus_end_date_is_a_conflict_and_present_resolves(ws: Workspace) -> None:
    ingest_parsed(ws, [("a", _v1())], embed=False).run()
    ingest_parsed(ws, [("b", _v2(end=None, present=True))], embed=False).run()
    [conflict] = list_conflicts(ws)
    assert [c.value for c in conflict.candidates] == ["2021-06", "present"]
    resolve_conflict(ws, conflict.id, value="present")
    attrs = ws.get_fact(conflict.fact_id).attributes
    assert attrs["present"] is True and attrs["end"] is None


def test_identical_dates_merge_and_coarser_dates_fill_in(ws: Workspace) -> None:
    a = resume("a.txt", "Tamsin Reedholt", [RoleSpec("Lab Technician", "Greyfen Labs", "2018", "2020")])
    b = resume("b.txt", "Tamsin Reedholt", [RoleSpec("Lab Technician", "Greyfen Labs", "2018-04", "2020")],
               variant="second version")
    ingest_parsed(ws, [("a.txt", a), ("b.txt", b)], embed=False).run()
    [role] = ws.list_facts(type=FactType.role)
    assert role.attributes["start"] == "2018-04"  # the finer date of two that agree
    assert list_conflicts(ws) == []
    assert len(ws.fact_sources(role.id)) == 2


def test_same_title_years_apart_is_two_stints(ws: Workspace) -> None:
    a = resume("a.txt", "Tamsin Reedholt", [RoleSpec("Barista", "Copperkettle Cafe", "2010-01", "2011-05")])
    b = resume("b.txt", "Tamsin Reedholt", [RoleSpec("Barista", "Copperkettle Cafe", "2015-02", "2016-08")])
    ingest_parsed(ws, [("a.txt", a), ("b.txt", b)], embed=False).run()
    assert len(ws.list_facts(type=FactType.role)) == 2
    assert list_conflicts(ws) == []


def test_undo_import_removes_the_document_and_its_facts(ws: Workspace) -> None:
    ingest_parsed(ws, [("a", _v1())], embed=False, enrich=False).run()
    n_facts = ws.count_facts()
    ingest_parsed(ws, [("folder/orla-2023.txt", _v2(end="2022-01"))], embed=False, enrich=False).run()
    assert ws.undo_status().undo == "Import orla-2023.txt"
    ws.undo()
    assert ws.count_facts() == n_facts
    assert count(ws, "SELECT count(*) FROM documents") == 1
    assert count(ws, "SELECT count(*) FROM conflicts") == 0
    assert_consistent(ws)
    role = next(r for r in ws.list_facts(type=FactType.role))
    assert json.dumps(role.attributes, sort_keys=True) == json.dumps(
        {"end": "2021-06", "organisation": "Kestrel Freight Ltd", "present": False, "start": "2019-03",
         "title": "Data Engineer"}, sort_keys=True)


def test_close_but_different_bullets_stay_apart_linked_same_as(ws: Workspace) -> None:
    a = resume("a.txt", "Pell Marchetti", [RoleSpec("QA Lead", "Quayside Software", "2016", "2020", bullets=[
        "Increased test coverage from 45% to 80% across the billing service"])])
    b = resume("b.txt", "Pell Marchetti", [RoleSpec("QA Lead", "Quayside Software", "2016", "2020", bullets=[
        "Increased test coverage from 45% to 80% across the payments service"])])
    s = ingest_parsed(ws, [("a.txt", a), ("b.txt", b)]).run()
    assert s.near_duplicates == 0 and s.possible_duplicates == 1
    bullets = ws.list_facts(type=FactType.achievement)
    assert len(bullets) == 2
    with ws.reading() as conn:
        from sqlalchemy import text
        [(src, dst, weight)] = conn.execute(text(
            "SELECT src_id, dst_id, weight FROM edges WHERE kind = 'same_as'")).all()
    assert {src, dst} == {b.id for b in bullets} and 0.85 <= weight < 0.92
