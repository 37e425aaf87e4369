"""Recommendations: saved jobs' gaps and targets turned into action items linked to goals and
tasks, on a fictional resume and fictional postings in a real vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.advice import plan_for_insights
from core.dates import PartialDate
from core.ingest import ingest
from core.insights import InsightCache, add_target, insights_for, top_insights
from core.jobs.plan import add_goal, learning_plan, list_goals, set_task_done
from core.jobs.store import add_posting
from core.workspace import Workspace

FIXTURES = Path(__file__).parent / "jobs_fixtures"
NOW = PartialDate(2026, 12)
POSTING = (FIXTURES / "posting_data_engineer.txt").read_text("utf-8")


def recommendations(ws: Workspace) -> dict[str, object]:
    report = insights_for(ws, as_of=NOW, plan=plan_for_insights)
    return {i.key: i for i in report.insights if i.kind == "recommendation"}


@pytest.fixture
def person(ws: Workspace) -> Workspace:
    ingest(ws, [FIXTURES / "resume_fictional.txt"], embed=False).run()
    return ws


def test_no_jobs_and_no_targets_give_no_recommendation_and_say_what_is_missing(person: Workspace) -> None:
    report = insights_for(person, as_of=NOW, plan=plan_for_insights)
    assert not [i for i in report.insights if i.kind == "recommendation"]
    assert any("Save a job you want" in m for m in report.missing)
    # without the plan reader nothing about jobs is said either way
    assert not any("Save a job" in m for m in insights_for(person, as_of=NOW).missing)


def test_saved_job_gaps_become_recommendations_with_actions_and_evidence(person: Workspace) -> None:
    ch = add_posting(person, title="Senior Data Engineer", company="Northwind Analytics", text=POSTING)
    (job_id,) = ch.job_ids
    recs = recommendations(person)
    assert 1 <= len(recs) <= 3
    pg = next(r for r in recs.values() if r.statement.startswith(("Learn PostgreSQL", "Strengthen PostgreSQL")))  # type: ignore[attr-defined]
    assert pg.job_ids == (job_id,) and pg.group == "plan"  # type: ignore[attr-defined]
    assert "PostgreSQL" in pg.statement and "saved jobs" in pg.statement  # type: ignore[attr-defined]
    # it builds on a related skill the person has: that skill fact is its evidence
    names = {f.id: f.value for f in person.list_facts(limit=1000)}
    assert pg.fact_ids and all(names[i] for i in pg.fact_ids)  # type: ignore[attr-defined]
    actions = [a.text for a in pg.actions]  # type: ignore[attr-defined]
    assert "Learn the basics of PostgreSQL" in actions and any("goal" in a for a in actions)
    assert pg.goal is None  # type: ignore[attr-defined]


def test_a_goal_links_its_tasks_and_progress_and_finishing_a_task_updates_it(person: Workspace) -> None:
    add_posting(person, title="Senior Data Engineer", company="Northwind Analytics", text=POSTING)
    cache = InsightCache()
    first = cache.get(person, as_of=NOW, plan=plan_for_insights)
    key = next(i.key for i in first.report.insights if i.kind == "recommendation" and "PostgreSQL:" in i.statement)
    from core.jobs.plan import aggregate_gaps
    from core.jobs.service import rank_jobs

    items = learning_plan(aggregate_gaps(rank_jobs(person)))
    item = next(i for i in items if i.what == "PostgreSQL")
    add_goal(person, item, due="2027-03-01")
    rec = {i.key: i for i in cache.get(person, as_of=NOW, plan=plan_for_insights).report.insights}[key]
    assert rec.goal is not None and rec.goal.progress == 0.0 and rec.goal.due == "2027-03-01"
    assert [a.task_id for a in rec.actions] == [t.id for t in list_goals(person)[0].tasks]
    assert "0 of 3 tasks done, due 2027-03-01" in rec.statement

    set_task_done(person, list_goals(person)[0].tasks[0].id)
    again = cache.get(person, as_of=NOW, plan=plan_for_insights)
    assert not again.cached  # finishing a task is seen by the cache
    rec = {i.key: i for i in again.report.insights}[key]
    assert rec.goal is not None and rec.goal.done_tasks == 1 and rec.actions[0].done
    assert "1 of 3 tasks done" in rec.statement
    assert cache.get(person, as_of=NOW, plan=plan_for_insights).cached  # nothing changed: cached


def test_adding_a_job_is_seen_by_the_cache(person: Workspace) -> None:
    cache = InsightCache()
    before = cache.get(person, as_of=NOW, plan=plan_for_insights)
    assert not [i for i in before.report.insights if i.kind == "recommendation"]
    add_posting(person, title="Senior Data Engineer", company="Northwind Analytics", text=POSTING)
    after = cache.get(person, as_of=NOW, plan=plan_for_insights)
    assert not after.cached and [i for i in after.report.insights if i.kind == "recommendation"]
    assert not any("Save a job" in m for m in after.report.missing)


def test_a_target_without_jobs_recommends_saving_ads_and_names_its_fact(person: Workspace) -> None:
    ch = add_target(person, code="15-1243.00", title="Database Architects", job_zone=4)
    (target_id,) = ch.fact_ids
    recs = recommendations(person)
    rec = recs["recommendation:target:15-1243.00"]
    assert rec.fact_ids == (target_id,)  # type: ignore[attr-defined]
    assert any("Save two or three job ads for Database Architects" in a.text for a in rec.actions)  # type: ignore[attr-defined]
    report = insights_for(person, as_of=NOW, plan=plan_for_insights)
    assert not any("Save a job" in m for m in report.missing)


def test_an_open_goal_of_its_own_is_a_recommendation_and_overdue_says_so(person: Workspace) -> None:
    from core.jobs.plan import LearningItem

    add_goal(person, LearningItem("Kafka", "my own idea", (), False, 6, False, "skill:kafka", None), due="2026-06-01")
    recs = recommendations(person)
    (rec,) = recs.values()
    assert rec.key.startswith("recommendation:goal:") and "was due 2026-06-01" in rec.statement  # type: ignore[attr-defined]
    assert len(rec.actions) == 3 and rec.goal.total_tasks == 3  # type: ignore[attr-defined]


def test_the_dashboard_keeps_a_place_for_the_best_recommendation(person: Workspace) -> None:
    add_posting(person, title="Senior Data Engineer", company="Northwind Analytics", text=POSTING)
    report = insights_for(person, as_of=NOW, plan=plan_for_insights)
    top = top_insights(report, 3)
    assert len(top) == min(3, len(report.insights)) and any(i.kind == "recommendation" for i in top)
    # deterministic
    assert insights_for(person, as_of=NOW, plan=plan_for_insights).insights == report.insights
