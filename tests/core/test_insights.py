"""core.insights on fictional careers with known answers, in a real vault."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.dates import PartialDate
from core.insights import InsightCache, compute_insights, dismiss_insight, insights_for
from core.profile import career_profile
from core.workspace import Workspace
from onet.importer import import_release
from onet.store import OntologyStore
from tests.core.careers import CareerWriter, write_career, write_field_change, write_one_role
from tests.core.kb_support import ws, ws2  # noqa: F401
from tests.onet.fictional_release import write_fictional_release

NOW = PartialDate(2024, 6)


@pytest.fixture(scope="module")
def fictional_onet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OntologyStore]:
    root = tmp_path_factory.mktemp("onet")
    report = import_release(write_fictional_release(root / "release"), root / "onet.sqlite")
    store = OntologyStore.open(report.path)
    yield store
    store.close()


def by_key(ws: Workspace) -> dict[str, object]:  # noqa: F811
    return {i.key: i for i in insights_for(ws, as_of=NOW).insights}


def test_known_answers_on_a_promoted_manager(ws: Workspace) -> None:  # noqa: F811
    ids = write_career(ws)
    report = insights_for(ws, as_of=NOW)
    found = {i.key: i for i in report.insights}
    assert len(report.insights) >= 8 and report.missing == ("Import O*NET (Settings) to see job zones, hot "
                                                            "technologies and where you could go next.",)
    promo = found[f"promotion:{ids['senior']}"]
    assert promo.fact_ids == (ids["junior"], ids["senior"]) and "Promoted at Tallowmere Systems" in promo.statement
    hidden = found[f"hidden_strength:{ids['skill:Stakeholder management']}"]
    assert {ids["a3"], ids["a5"], ids["a7"]} <= set(hidden.fact_ids) and "do not list" in hidden.statement
    fading = found[f"fading_skill:{ids['skill:Perl']}"]
    assert ids["a1"] in fading.fact_ids and "Jun 2017" in fading.statement
    assert found["unevidenced_skills"].fact_ids == (ids["skill:Haskell"],)
    lead = found["leadership"]
    assert ids["a5"] in lead.fact_ids and "12 people" in lead.statement
    assert f"impact:money:{ids['a3']}" in found and "$250,000" in found[f"impact:money:{ids['a3']}"].statement
    assert f"core_skill:{ids['skill:Python']}" in found
    # every insight names facts that exist
    existing = {f.id for f in ws.list_facts(limit=10_000)}
    assert all(i.fact_ids and set(i.fact_ids) <= existing for i in report.insights)
    # series: the timeline knows the moves
    assert [pt.move for pt in report.roles] == ["first", "promotion", "advancement"]
    assert {lane.name: lane.trend for lane in report.lanes}["Perl"] == "fading"


def test_field_change_and_gap(ws: Workspace) -> None:  # noqa: F811
    ids = write_field_change(ws)
    found = by_key(ws)
    change = found[f"change:{ids['analyst']}"]
    assert change.fact_ids == (ids["nurse"], ids["analyst"])  # type: ignore[attr-defined]
    gap = found[f"gap:{ids['nurse']}:{ids['analyst']}"]
    assert "6-month break" in gap.statement  # type: ignore[attr-defined]
    assert not any(k.startswith("promotion:") for k in found)


def test_nothing_on_empty_or_one_role_profiles_but_what_is_missing(ws: Workspace) -> None:  # noqa: F811
    empty = insights_for(ws, as_of=NOW)
    assert empty.insights == () and any("Add your roles" in m for m in empty.missing)
    write_one_role(ws)
    thin = insights_for(ws, as_of=NOW)
    assert thin.insights == ()
    assert any("no start date" in m for m in thin.missing) and any("numbers" in m for m in thin.missing)


def test_deterministic_and_an_edit_changes_only_what_it_touches(ws: Workspace) -> None:  # noqa: F811
    ids = write_career(ws)
    first, again = insights_for(ws, as_of=NOW), insights_for(ws, as_of=NOW)
    assert first == again
    metric = career_profile(ws, as_of=NOW).item(ids["a1"]).metrics[0].fact_id
    ws.update_fact(ids["a1"], value="Rewrote the billing scripts in Perl",
                   attributes={"text": "Rewrote the billing scripts in Perl", "metrics": []})
    ws.delete_fact(metric)  # the person took the number out
    after = insights_for(ws, as_of=NOW)
    before_map = {i.key: i for i in first.insights}
    after_map = {i.key: i for i in after.insights}
    changed = {k for k in before_map.keys() | after_map.keys() if before_map.get(k) != after_map.get(k)}
    assert changed == {"quantified"}  # 6 of 7 now; nothing else read that number
    assert "6 of your 7" in after_map["quantified"].statement


def test_dismissals_are_stored_undoable_and_the_cache_follows_changes(ws: Workspace) -> None:  # noqa: F811
    ids = write_career(ws)
    cache = InsightCache()
    one = cache.get(ws, as_of=NOW)
    assert not one.cached and cache.get(ws, as_of=NOW).cached
    target = one.report.insights[0]
    dismiss_insight(ws, target)
    two = cache.get(ws, as_of=NOW)
    assert not two.cached and target.key not in {i.key for i in two.report.insights}
    assert [i.key for i in two.report.dismissed] == [target.key]
    ws.undo()
    assert target.key in {i.key for i in cache.get(ws, as_of=NOW).report.insights}
    ws.update_fact(ids["a2"], value="Built a Python test harness adopted by 5 teams")
    assert not cache.get(ws, as_of=NOW).cached


def test_where_next_from_related_occupations_filtered_by_job_zone(ws: Workspace,  # noqa: F811
                                                                 fictional_onet: OntologyStore) -> None:
    with ws.mutation("seed", undoable=False) as txn:
        doc = txn.insert("documents", {"sha256": "c" * 64, "source_name": "c.txt", "mime": "text/plain",
                                       "doc_type": "resume", "text": "x", "pages": "[[0, 1]]",
                                       "added_at": "2026-01-01T00:00:00+00:00"})
        w = CareerWriter(txn, doc)
        role = w.role("Spell Software Engineer", "Wandworks", "2019-01", None, present=True, onet_code="99-1003.00")
        w.skill("Python")
        ach = w.achievement(role, "Shipped a Python spell auditor used by 30 covens", ("Python",))
    report = compute_insights(career_profile(ws, ontology=fictional_onet, as_of=NOW), ontology=fictional_onet)
    by_code = {p.code: p for p in report.paths}
    assert set(by_code) == {"99-1005.00", "99-1004.00"}  # the two related occupations, zones 5 and 3
    assert by_code["99-1005.00"].move == "advancement" and by_code["99-1004.00"].move == "similar"
    castle, potions = by_code["99-1005.00"], by_code["99-1004.00"]
    # the castle asks Programming at level 5 (never held) and AutoCAD: nothing carries over
    assert castle.overlap == 0 and castle.missing == ("Programming", "Autodesk AutoCAD")
    # potions ask Reading Comprehension at level 2 (held at 2) and Excel (hot, not held): 0.6 * 1 + 0.4 * 0
    assert potions.overlap == 0.6 and potions.matched == ("Reading Comprehension",)
    assert potions.missing == ("Microsoft Excel",) and potions.fact_ids[0] == role
    assert [p.code for p in report.paths] == ["99-1004.00", "99-1005.00"]
    assert report.roles[0].job_zone == 4
    paths = [i for i in report.insights if i.kind == "path"]
    assert [i.key for i in paths] == ["path:99-1004.00"]  # nothing carries over to the castle: not offered
    assert role in paths[0].fact_ids and "60%" in paths[0].statement
    assert ach > 0


def test_dismissals_travel_in_a_vita_export_and_merge_once(ws: Workspace, ws2: Workspace) -> None:  # noqa: F811
    from core.exchange.vita_format import export_vita, import_vita

    write_career(ws)
    first = insights_for(ws, as_of=NOW).insights[0]
    dismiss_insight(ws, first)
    data = export_vita(ws)
    import_vita(ws2, data)
    assert first.key not in {i.key for i in insights_for(ws2, as_of=NOW).insights}
    import_vita(ws2, data)  # a second merge keeps one dismissal per insight
    with ws2.reading() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM insight_dismissals").scalar_one() == 1
