"""The jobs side read for insights: the saved jobs' ranked gaps with the learning plan's effort, and
the goals with their tasks, as the plain records `core.insights` turns into recommendations.

It sits on the top floor because insights and jobs share a floor and do not import each other;
callers pass `plan_for_insights` to `insights_for` / `InsightCache.get` as `plan=`."""

from __future__ import annotations

from core.insights import PlanGap, PlanGoal, PlanInput, PlanTask
from core.jobs.plan import learning_plan, list_goals
from core.jobs.service import ranked_with_gaps
from core.jobs.store import PostingStatus, list_postings
from core.workspace import Workspace

CLOSED = (PostingStatus.archived, PostingStatus.rejected)


def plan_for_insights(ws: Workspace) -> PlanInput:
    """Gaps across the open saved jobs (matched against the profile) and every goal with its tasks.
    No saved job: no matching at all (the matcher's models are not loaded)."""
    postings = [p for p in list_postings(ws) if p.status not in CLOSED]
    gaps: tuple[PlanGap, ...] = ()
    if postings:
        _matches, found = ranked_with_gaps(ws, postings=postings)
        weeks = {item.gap_key: item.weeks for item in learning_plan(found)}
        gaps = tuple(PlanGap(g.key, g.label, g.kind.value, g.status.value, tuple(g.jobs), g.must_jobs, g.hot,
                             tuple(g.adjacent), weeks.get(g.key, 0)) for g in found)
    goals = tuple(PlanGoal(g.id, g.title, g.skill, g.status, g.due,
                           tuple(PlanTask(t.id, t.title, t.done, t.due) for t in g.tasks), g.progress)
                  for g in list_goals(ws))
    return PlanInput(gaps, goals, len(postings))
