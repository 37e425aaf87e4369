"""Recommendations: the top gaps across saved jobs and the occupations the person targets, each
turned into action items, linked to the goals and tasks the person tracks (status, due dates,
progress), with the facts and saved jobs that support it.

Pure: the caller reads the jobs side (gaps, learning plan, goals) into the plain `PlanInput`
records below (`core.advice.plan_for_insights`), because insights and jobs sit on one floor and
do not import each other."""

from __future__ import annotations

from dataclasses import dataclass

from core.insights.records import Action, GoalLink, Insight, PathOption
from core.profile import CareerProfile

MAX_GAP_RECOMMENDATIONS = 3
MAX_TARGET_SKILLS = 3


@dataclass(frozen=True, slots=True)
class PlanGap:
    """A requirement of saved jobs the person does not (fully) meet (from core.jobs.plan.Gap)."""

    key: str
    label: str
    kind: str  # skill | certification | education | experience | language
    status: str  # missing | unknown | partial
    jobs: tuple[tuple[int, str], ...]  # (posting id, title)
    must_jobs: int
    hot: bool = False
    adjacent: tuple[str, ...] = ()  # related skills the person already has
    weeks: int = 0  # the learning plan's effort estimate (0 when the fix is to add evidence)


@dataclass(frozen=True, slots=True)
class PlanTask:
    id: int
    title: str
    done: bool
    due: str


@dataclass(frozen=True, slots=True)
class PlanGoal:
    id: int
    title: str
    skill: str
    status: str  # open | doing | done | dropped
    due: str
    tasks: tuple[PlanTask, ...]
    progress: float


@dataclass(frozen=True, slots=True)
class Target:
    """An occupation the person chose as a target (a preference fact)."""

    fact_id: int
    code: str
    title: str


@dataclass(frozen=True, slots=True)
class PlanInput:
    """What the jobs side knows: ranked gaps over the saved jobs, the goals, how many jobs are saved."""

    gaps: tuple[PlanGap, ...] = ()
    goals: tuple[PlanGoal, ...] = ()
    saved_jobs: int = 0


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _goal_for(goals: tuple[PlanGoal, ...], skill: str) -> PlanGoal | None:
    """The live goal about this skill (a dropped goal no longer counts)."""
    want = _norm(skill)
    return next((g for g in goals if g.status != "dropped" and _norm(g.skill) == want), None)


def _link(goal: PlanGoal) -> GoalLink:
    return GoalLink(goal.id, goal.title, goal.status, goal.due, round(goal.progress, 3),
                    sum(t.done for t in goal.tasks), len(goal.tasks))


def _goal_actions(goal: PlanGoal) -> tuple[Action, ...]:
    return tuple(Action(t.title, done=t.done, due=t.due, task_id=t.id) for t in goal.tasks)


def _skill_facts(p: CareerProfile, names: tuple[str, ...]) -> tuple[int, ...]:
    """The person's skill facts named like these (the related skills a gap builds on)."""
    out: list[int] = []
    for name in names:
        s = p.skill_named(name)
        if s is not None and s.fact_id not in out:
            out.append(s.fact_id)
    return tuple(out)


def _progress_words(link: GoalLink) -> str:
    due = f", due {link.due}" if link.due else ""
    return f" Goal “{link.title}”: {link.done_tasks} of {link.total_tasks} tasks done{due}."


def _work_on(gap: PlanGap, asks: str, musts: str) -> tuple[str, tuple[Action, ...]]:
    """What to say and do about a gap the record speaks to, by what is missing."""
    effort = f" About {gap.weeks} week{'s' if gap.weeks != 1 else ''} of focused learning." if gap.weeks else ""
    near = f" You already have {', '.join(gap.adjacent[:3])}, which helps." if gap.adjacent else ""
    partial = gap.status == "partial"
    if gap.kind == "certification":
        return (f"Get the {gap.label}: {asks} for it{musts}.{effort}",
                (Action(f"Find the {gap.label} exam and what it requires"), Action("Prepare for and sit the exam"),
                 Action("Add the certificate to Vita")))
    if gap.kind == "education":
        how = "only partly matches" if partial else "does not show"
        return (f"Your education {how} {gap.label}, which {asks} for{musts}.",
                (Action("Check that Vita has your degrees with their level and field"),
                 Action(f"Weigh a course or degree toward {gap.label} against your experience")))
    if gap.kind == "experience":
        return (f"Build toward {gap.label}: {asks} for it{musts}.",
                (Action("Check that every role that counts has its start and end dates"),
                 Action("Add projects or volunteer work that count as this experience")))
    verb = "Strengthen" if partial else "Learn"
    return (f"{verb} {gap.label}: {asks} for it{musts}.{near}{effort}",
            (Action(f"Learn the basics of {gap.label}"), Action(f"Use {gap.label} in a project or at work"),
             Action(f"Add what you did with {gap.label} to Vita")))


def _gap_recommendation(p: CareerProfile, gap: PlanGap, goals: tuple[PlanGoal, ...]) -> Insight:
    n = len(gap.jobs)
    asks = f"{n} of your saved jobs ask" if n != 1 else "1 of your saved jobs asks"
    musts = f" ({gap.must_jobs} as a must-have)" if gap.must_jobs else ""
    goal = _goal_for(goals, gap.label)
    link = _link(goal) if goal is not None else None
    if gap.status == "unknown":
        lead = f"Tell Vita whether you have {gap.label}: {asks} for it{musts} and your record does not say."
        actions: tuple[Action, ...] = (
            Action(f"Add a fact that shows your {gap.label} (or answer the interview's question about it)"),)
    else:
        lead, actions = _work_on(gap, asks, musts)
        if goal is None and gap.kind in ("skill", "certification", "language"):
            actions += (Action(f"Make {gap.label} a goal with a due date (Jobs, Plan)"),)
    if goal is not None:
        actions = _goal_actions(goal) or actions
    statement = lead + (_progress_words(link) if link is not None else "")
    strength = min(1.0, 0.45 + 0.1 * n + 0.15 * gap.must_jobs + (0.05 if gap.hot else 0.0))
    fact_ids = _skill_facts(p, (gap.label, *gap.adjacent))
    return Insight(f"recommendation:gap:{gap.key}", "recommendation", "plan", statement, round(strength, 3),
                   fact_ids, actions=actions, goal=link, job_ids=tuple(j for j, _ in gap.jobs))


def _target_recommendation(target: Target, paths: tuple[PathOption, ...], goals: tuple[PlanGoal, ...],
                           saved_jobs: int) -> Insight:
    path = next((o for o in paths if o.code == target.code), None)
    actions: list[Action] = []
    if path is not None and path.missing:
        todo = path.missing[:MAX_TARGET_SKILLS]
        statement = (f"Toward {target.title} (your target): you cover {round(100 * path.overlap)} % of its skills; "
                     f"add {', '.join(todo)} next.")
        for skill in todo:
            goal = _goal_for(goals, skill)
            if goal is None:
                actions.append(Action(f"Learn {skill}"))
            else:
                link = _link(goal)
                actions.append(Action(f"{goal.title} ({link.done_tasks} of {link.total_tasks} tasks done)",
                                      done=goal.status == "done", due=goal.due))
        strength = 0.5 + 0.4 * path.overlap
        fact_ids = (target.fact_id, *path.fact_ids)
    elif path is not None:
        statement = f"Toward {target.title} (your target): your record already covers the skills it rates highly."
        strength, fact_ids = 0.6, (target.fact_id, *path.fact_ids)
    else:
        statement = f"Toward {target.title} (your target): save job ads for it to see what employers ask for."
        strength, fact_ids = 0.5, (target.fact_id,)
    if not saved_jobs:
        actions.append(Action(f"Save two or three job ads for {target.title} (Jobs page)"))
    actions.append(Action("Add the evidence of what you learn to Vita as you go"))
    return Insight(f"recommendation:target:{target.code}", "recommendation", "plan", statement,
                   round(min(1.0, strength), 3), tuple(dict.fromkeys(fact_ids)), actions=tuple(actions))


def _goal_recommendation(p: CareerProfile, goal: PlanGoal, today: str) -> Insight:
    link = _link(goal)
    late = bool(goal.due) and goal.due < today
    if late:
        lead = f"Your goal “{goal.title}” was due {goal.due}: {link.done_tasks} of {link.total_tasks} tasks done."
    else:
        lead = f"Keep going with “{goal.title}”: {link.done_tasks} of {link.total_tasks} tasks done" + (
            f", due {goal.due}." if goal.due else ".")
    return Insight(f"recommendation:goal:{goal.id}", "recommendation", "plan", lead,
                   0.7 if late else 0.55, _skill_facts(p, (goal.skill,)), actions=_goal_actions(goal), goal=link)


def recommendations(p: CareerProfile, plan: PlanInput, targets: tuple[Target, ...],
                    paths: tuple[PathOption, ...], *, today: str) -> list[Insight]:
    """Recommendations from the top gaps, the targets and the open goals not already covered.
    `today` is an ISO date (YYYY-MM-DD) for overdue goals."""
    out = [_gap_recommendation(p, g, plan.goals) for g in plan.gaps[:MAX_GAP_RECOMMENDATIONS]]
    out += [_target_recommendation(t, paths, plan.goals, plan.saved_jobs) for t in targets]
    linked = {i.goal.id for i in out if i.goal is not None}
    target_skills = {_norm(s) for t in targets for o in paths if o.code == t.code for s in o.missing}
    for goal in plan.goals:
        if goal.status in ("open", "doing") and goal.id not in linked and _norm(goal.skill) not in target_skills:
            out.append(_goal_recommendation(p, goal, today))
    return out


def missing_for_plan(plan: PlanInput, targets: tuple[Target, ...]) -> list[str]:
    """What is needed before Vita can recommend anything."""
    if plan.saved_jobs or targets or plan.goals:
        return []
    return ["Save a job you want (Jobs page) or add an occupation as a target (Where next) to get "
            "recommendations with action items."]
