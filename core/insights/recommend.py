"""Recommendations: the top gaps across saved jobs and the person's goals as insights with action
items and progress. The jobs room computes the steps (core.next_steps reads them); this turns each
into a sentence, the things to do, and the facts and jobs behind it."""

from __future__ import annotations

from collections.abc import Sequence

from core.insights.records import Insight, PlanInput, PlanStep
from core.profile import CareerProfile

GROUP = "plan"
TOP_STEPS = 6  # the plan's first steps become recommendations; the Plan page lists the rest
NEXT_TASKS = 3  # a goal's open tasks shown as its actions


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _skill_facts(p: CareerProfile, names: Sequence[str]) -> tuple[int, ...]:
    """The person's skill facts with these names (the adjacent skills a gap can build on)."""
    wanted = {n.casefold() for n in names}
    return tuple(sorted({s.fact_id for s in p.skills if s.name.casefold() in wanted}))


def _jobs_phrase(step: PlanStep, thing: str = "it") -> str:
    n = len(step.jobs)
    must = f" ({step.must_jobs} as a must-have)" if step.must_jobs else ""
    return f"{_plural(n, 'saved job')} ask{'s' if n == 1 else ''} for {thing}{must}"


def _goal_phrase(step: PlanStep) -> str:
    done = sum(1 for _, ok in step.tasks if ok)
    due = f", due {step.goal_due}" if step.goal_due else ""
    if step.goal_status == "done":
        return "You finished this goal."
    return f"Your goal: {done} of {_plural(len(step.tasks), 'task')} done{due}."


def _progress(step: PlanStep) -> float | None:
    if step.goal_id is None:
        return None
    if step.goal_status == "done":
        return 1.0
    return sum(1 for _, ok in step.tasks if ok) / len(step.tasks) if step.tasks else 0.0


def _strength(step: PlanStep) -> float:
    """More jobs asking, more of them as a must-have, an O*NET hot technology: stronger."""
    asks = min(1.0, 0.45 + 0.1 * len(step.jobs) + 0.1 * step.must_jobs + (0.1 if step.hot else 0.0))
    return round(asks if step.jobs else 0.5, 3)


def _learn(p: CareerProfile, step: PlanStep) -> Insight:
    near = f"; you already have {', '.join(step.adjacent[:3])}, which is close" if step.adjacent else ""
    hot = " It is an O*NET hot technology." if step.hot else ""
    deepen = step.partial and not step.adjacent
    effort = f" About {_plural(step.weeks, 'week')} of focused learning." if step.weeks and not deepen else ""
    tail = ""
    if not step.jobs:
        head = f"You set yourself a goal to learn {step.what}."
    elif step.kind == "certification":
        head = f"Getting {step.what} would help: {_jobs_phrase(step)}{near}."
    elif deepen:
        head = (f"Showing more of your {step.what} would help: {_jobs_phrase(step)}, and your record shows it only "
                "in part (used long ago, briefly, or in no achievement).")
    else:
        head = f"Learning {step.what} would help: {_jobs_phrase(step)}{near}."
    if step.goal_id is not None:
        open_tasks = [t for t, ok in step.tasks if not ok][:NEXT_TASKS]
        actions = tuple(open_tasks) if open_tasks else (f"Add what you did with {step.what} to Vita",)
        tail = " " + _goal_phrase(step)
    elif deepen:
        actions = (f"Use {step.what} in a current project or at work",
                   f"Add an achievement that shows your {step.what} to Vita")
    else:
        actions = (f"Make “{step.what}” a goal on the Plan page", f"Learn the basics of {step.what}",
                   f"Use {step.what} in a project or at work", f"Add what you did with {step.what} to Vita")
    return Insight(f"recommend:{step.what.casefold()}", "learn", GROUP, head + hot + effort + tail,
                   _strength(step), _skill_facts(p, (*step.adjacent, step.what)), actions=actions,
                   progress=_progress(step),
                   job_ids=tuple(j for j, _ in step.jobs))


def _evidence(p: CareerProfile, step: PlanStep) -> Insight:
    statement = f"{_jobs_phrase(step, step.what)}, and your record does not say whether you have it: if you do, tell Vita."
    actions = (f"Answer the interview's questions about {step.what}",
               f"Or add a skill or achievement with {step.what} in the knowledge table")
    return Insight(f"recommend:{step.what.casefold()}", "add_evidence", GROUP, statement, _strength(step),
                   _skill_facts(p, step.adjacent), actions=actions, job_ids=tuple(j for j, _ in step.jobs))


def _requirement(p: CareerProfile, step: PlanStep) -> Insight:
    """A degree or an amount of experience: not learnt in weeks; say where the record falls short."""
    shortfall = ("your record matches it only in part" if step.partial else "your record does not show it")
    actions: tuple[str, ...]
    if step.kind == "education":
        actions = ("Check whether the job accepts equivalent experience instead",
                   "Add any degrees, courses or certificates you have to Vita")
    else:
        actions = ("Add the roles and projects that show this experience to Vita",
                   "Answer the interview's questions about it")
    tail = ""
    if step.goal_id is not None:
        actions = tuple(t for t, ok in step.tasks if not ok)[:NEXT_TASKS] or actions
        tail = " " + _goal_phrase(step)
    return Insight(f"recommend:{step.what.casefold()}", "requirement", GROUP,
                   f"{_jobs_phrase(step, step.what)}, and {shortfall}.{tail}", _strength(step),
                   _skill_facts(p, step.adjacent), actions=actions, progress=_progress(step),
                   job_ids=tuple(j for j, _ in step.jobs))


def recommendation_insights(p: CareerProfile, plan: PlanInput) -> list[Insight]:
    """The plan's first steps as recommendations (goals first-class: a goal's open tasks are its
    actions and its progress is shown); finished goals whose skill is now in the record say nothing."""
    have = {s.name.casefold() for s in p.skills}
    out: list[Insight] = []
    for step in plan.steps[:TOP_STEPS]:
        if step.goal_status == "done" and step.what.casefold() in have:
            continue
        if step.add_evidence and step.goal_id is None:
            out.append(_evidence(p, step))
        elif step.kind in ("education", "experience") and step.jobs:
            out.append(_requirement(p, step))
        else:
            out.append(_learn(p, step))
    return out


def plan_missing(plan: PlanInput | None) -> list[str]:
    """What the plan needs before it can recommend anything."""
    if plan is None or plan.steps:
        return []
    if not plan.saved_jobs:
        return ["Save job ads you are interested in (drop them on the window or paste them on the Jobs page) "
                "to get recommendations on what to learn next."]
    return []
