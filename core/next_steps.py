"""The jobs room's gaps, learning plan and goals read as the insights room's plan steps. This floor
sees both rooms; the Insights page, the Dashboard and `vita insights` pass `PLAN` to insights."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from core.insights.records import PlanInput, PlanStep
from core.workspace import Workspace

_STAMP_SQL = """
SELECT (SELECT count(*) FROM job_postings), (SELECT max(updated_at) FROM job_postings),
       (SELECT count(*) FROM job_goals), (SELECT max(updated_at) FROM job_goals),
       (SELECT count(*) FROM job_goal_tasks), (SELECT sum(done) FROM job_goal_tasks),
       (SELECT max(id) FROM job_goal_tasks)
"""


class PlanReader:
    """Reads the plan for a workspace (`__call__`) and a cheap fingerprint of what it reads (`stamp`)."""

    def __call__(self, ws: Workspace) -> PlanInput:
        from core.jobs.model import Status
        from core.jobs.plan import aggregate_gaps, learning_plan, list_goals
        from core.jobs.service import rank_jobs

        matches = rank_jobs(ws)
        gaps = {g.key: g for g in aggregate_gaps(matches, ws.services.ontology())}
        goals = {g.skill.casefold(): g for g in list_goals(ws) if g.status != "dropped"}
        steps: list[PlanStep] = []
        for item in learning_plan(list(gaps.values())):
            gap = gaps[item.gap_key]
            goal = goals.pop(item.what.casefold(), None)
            steps.append(PlanStep(
                item.what, item.why, gap.kind.value, tuple(gap.jobs), gap.must_jobs, item.hot, item.weeks, item.add_evidence,
                gap.status is Status.partial, tuple(gap.adjacent), goal.id if goal else None,
                goal.status if goal else "", goal.due if goal else "",
                tuple((t.title, t.done) for t in goal.tasks) if goal else ()))
        for goal in goals.values():  # goals whose gap is gone or was never a saved job's: still tracked
            steps.append(PlanStep(goal.skill, goal.why, goal_id=goal.id, goal_status=goal.status, goal_due=goal.due,
                                  tasks=tuple((t.title, t.done) for t in goal.tasks)))
        return PlanInput(tuple(steps), saved_jobs=len(matches))

    def stamp(self, ws: Workspace) -> tuple[Any, ...]:
        with ws.reading() as conn:
            return tuple(conn.execute(text(_STAMP_SQL)).one())


PLAN = PlanReader()
