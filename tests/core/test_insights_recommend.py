"""Recommendations: the saved jobs' top gaps and the person's goals as insights with action items,
progress and evidence, recomputed when a job or a task changes (real vault, real matcher)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.ingest import ingest
from core.insights import InsightCache, PlanInput, PlanStep, compute_insights, insights_for
from core.jobs.plan import add_goal, learning_plan, list_goals, set_task_done
from core.jobs.tracking import add_posting_text, delete_job
from core.next_steps import PLAN
from core.profile import career_profile
from core.workspace import Workspace
from tests.core.workspace_kit import open_test_workspace

FIXTURES = Path(__file__).parent / "jobs_fixtures"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    w = open_test_workspace(tmp_path)
    try:
        ingest(w, [FIXTURES / "resume_fictional.txt"], embed=False).run()
        yield w
    finally:
        w.close()


def _recs(ws: Workspace, cache: InsightCache | None = None) -> list:  # type: ignore[type-arg]
    report = (cache.get(ws, plan=PLAN).report if cache else insights_for(ws, plan=PLAN))
    return [i for i in report.insights if i.group == "plan"]


def test_no_saved_jobs_no_recommendation_and_says_what_is_missing(ws: Workspace) -> None:
    report = insights_for(ws, plan=PLAN)
    assert not [i for i in report.insights if i.group == "plan"]
    assert any("Save job ads" in m for m in report.missing)
    assert not any("Save job ads" in m for m in insights_for(ws).missing)  # no reader: nothing said


def test_a_saved_job_gives_recommendations_with_actions_and_evidence(ws: Workspace) -> None:
    (pid,) = add_posting_text(ws, (FIXTURES / "posting_data_engineer.txt").read_text("utf-8")).job_ids
    recs = _recs(ws)
    assert recs, "a job with gaps gives recommendations"
    for r in recs:
        assert r.actions and pid in r.job_ids
        assert r.statement.endswith((".", "Vita.")) and "saved job" in r.statement
    pg = next(r for r in recs if "PostgreSQL" in r.statement)
    assert pg.kind == "learn" and pg.fact_ids  # builds on skills the person has: those are the evidence
    named = {f.value for f in (ws.get_fact(i) for i in pg.fact_ids)}
    assert named and all(n.casefold() in pg.statement.casefold() for n in named)
    asked = next(r for r in recs if r.kind == "add_evidence")  # the record is silent: a question, not a course
    assert "tell Vita" in asked.statement and "interview" in asked.actions[0]
    assert insights_for(ws, plan=PLAN).insights == insights_for(ws, plan=PLAN).insights  # deterministic


def test_a_goal_shows_its_open_tasks_and_progress_and_follows_changes(ws: Workspace) -> None:
    (pid,) = add_posting_text(ws, (FIXTURES / "posting_data_engineer.txt").read_text("utf-8")).job_ids
    cache = InsightCache()
    assert "recommend:postgresql" in {r.key for r in _recs(ws, cache)}
    item = next(i for i in learning_plan(_gaps(ws)) if i.what == "PostgreSQL")
    add_goal(ws, item, due="2027-03-01")
    rec = next(r for r in _recs(ws, cache) if r.key == "recommend:postgresql")
    assert rec.progress == 0.0 and "0 of 3 tasks done, due 2027-03-01" in rec.statement
    assert rec.actions[0] == "Learn the basics of PostgreSQL"
    (goal,) = list_goals(ws)
    set_task_done(ws, goal.tasks[0].id)
    rec = next(r for r in _recs(ws, cache) if r.key == "recommend:postgresql")
    assert rec.progress == pytest.approx(1 / 3) and rec.actions[0] == "Use PostgreSQL in a project or at work"
    delete_job(ws, pid)
    assert all(pid not in r.job_ids for r in _recs(ws, cache))  # the job's gaps leave with it


def _gaps(ws: Workspace) -> list:  # type: ignore[type-arg]
    from core.jobs.plan import aggregate_gaps
    from core.jobs.service import rank_jobs

    return aggregate_gaps(rank_jobs(ws), ws.services.ontology())


def test_pure_recommendations_from_plan_steps(ws: Workspace) -> None:
    """Without the jobs room: plan steps in, sentences, actions and evidence out."""
    p = career_profile(ws)
    skill = next(s for s in p.skills)
    steps = (PlanStep("Terraform", "2 saved jobs ask for it", jobs=((7, "Platform Engineer"), (9, "SRE")),
                      must_jobs=2, hot=True, weeks=6, adjacent=(skill.name,)),
             PlanStep("Kiln firing", "goal", goal_id=3, goal_status="done", tasks=(("Fire a kiln", True),)))
    report = compute_insights(p, plan=PlanInput(steps, saved_jobs=2))
    (rec,) = [i for i in report.insights if i.group == "plan"]
    assert rec.job_ids == (7, 9) and rec.fact_ids == (skill.fact_id,)
    assert "2 saved jobs ask for it (2 as a must-have)" in rec.statement and "hot technology" in rec.statement
    assert rec.progress is None and rec.actions[0].startswith("Make “Terraform” a goal")
