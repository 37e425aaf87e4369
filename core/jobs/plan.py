"""Gaps across saved jobs, a learning plan from them, and goals with tasks the person tracks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import InvalidInput, NotFound
from core.facts import now_iso
from core.jobs.model import RequirementKind, Status
from core.workspace import Workspace

if TYPE_CHECKING:
    from core.jobs.service import JobMatch
    from onet.store import OntologyStore

GAP_STATUSES = (Status.missing, Status.partial, Status.unknown)
GAP_KINDS = (RequirementKind.skill, RequirementKind.certification, RequirementKind.education,
             RequirementKind.experience, RequirementKind.language)
# weeks of focused learning, by what is missing (a rough, stated estimate, not a prediction)
EFFORT_WEEKS = {RequirementKind.skill: 6, RequirementKind.certification: 10, RequirementKind.language: 26,
                RequirementKind.education: 104, RequirementKind.experience: 52}
PARTIAL_EFFORT_SHARE = 0.4  # a partial gap (related skill, old or short use) needs less
HOT_BOOST = 1.25  # an O*NET hot technology counts this much more


@dataclass(slots=True)
class Gap:
    """One requirement the person does not (fully) meet, across the saved jobs that ask for it."""

    key: str
    label: str
    kind: RequirementKind
    status: Status  # the best status reached in any job (missing < unknown < partial)
    jobs: list[tuple[int, str]] = field(default_factory=list)  # (posting id, title)
    must_jobs: int = 0
    importance: float = 1.0  # O*NET importance for the target occupation, scaled 0..1 (1 when unrated)
    hot: bool = False
    adjacent: list[str] = field(default_factory=list)  # related skills the person already has
    ontology_id: str | None = None

    @property
    def rank(self) -> float:
        """must-have weight x importance x how many jobs ask for it."""
        weight = self.must_jobs + 0.5 * (len(self.jobs) - self.must_jobs)
        return round(weight * self.importance * (HOT_BOOST if self.hot else 1.0), 6)

    @property
    def needs_evidence(self) -> bool:
        """Unknown: the record is silent; the fix may be to add a fact, not to learn."""
        return self.status is Status.unknown


_ORDER = {Status.missing: 0, Status.unknown: 1, Status.partial: 2}


def aggregate_gaps(matches: Sequence[JobMatch], store: OntologyStore | None = None) -> list[Gap]:
    """Gaps of every matched job merged by requirement, ranked by rank (ties by label)."""
    gaps: dict[str, Gap] = {}
    for m in matches:
        for r in m.result.results:
            req = r.requirement
            if r.status not in GAP_STATUSES or req.kind not in GAP_KINDS:
                continue
            g = gaps.get(req.key)
            if g is None:
                g = gaps[req.key] = Gap(req.key, req.label, req.kind, r.status, ontology_id=req.ontology_id)
            if _ORDER[r.status] > _ORDER[g.status]:
                g.status = r.status
            if (m.posting.id, m.posting.title) not in g.jobs:
                g.jobs.append((m.posting.id, m.posting.title))
                g.must_jobs += 1 if req.must else 0
            if r.step == "related" and r.reason.startswith("related skill: "):
                for name in r.reason.removeprefix("related skill: ").split(", "):
                    if name not in g.adjacent:
                        g.adjacent.append(name)
    target = _target_occupation(matches)
    for g in gaps.values():
        g.importance, g.hot = _onet_weight(store, g, target)
    return sorted(gaps.values(), key=lambda g: (-g.rank, g.label.lower()))


def _target_occupation(matches: Sequence[JobMatch]) -> str | None:
    """The occupation most of the saved jobs belong to."""
    counts: dict[str, int] = {}
    for m in matches:
        if m.parsed.occupations:
            code = m.parsed.occupations[0].code
            counts[code] = counts.get(code, 0) + 1
    return min(counts, key=lambda c: (-counts[c], c)) if counts else None


def _onet_weight(store: OntologyStore | None, gap: Gap, target: str | None) -> tuple[float, bool]:
    if store is None or not gap.ontology_id:
        return 1.0, False
    oid = gap.ontology_id
    if oid.startswith("onet:element:") and target:
        for r in store.ratings(target, "skill"):
            if r.element_id == oid.removeprefix("onet:element:") and r.importance is not None:
                return round(r.importance / 5.0, 3), False
        return 0.5, False
    if oid.startswith("onet:tech:"):
        tech = store.technology_skill(int(oid.removeprefix("onet:tech:")))
        if tech is not None:
            listed = target is not None and target in tech.occupation_codes
            return (1.0 if listed else 0.7), tech.hot
    return 1.0, False


@dataclass(frozen=True, slots=True)
class LearningItem:
    what: str
    why: str
    unlocks: tuple[str, ...]  # job titles it helps with
    hot: bool
    weeks: int  # effort estimate
    add_evidence: bool  # the record is silent: tell Vita (the interview) rather than learn
    gap_key: str
    ontology_id: str | None


def learning_plan(gaps: Sequence[Gap], *, limit: int = 12) -> list[LearningItem]:
    """The top gaps as things to learn (or evidence to add), with why, which jobs and the effort."""
    out = []
    for g in gaps[:limit]:
        base = EFFORT_WEEKS.get(g.kind, 6)
        weeks = max(1, round(base * (PARTIAL_EFFORT_SHARE if g.status is Status.partial else 1.0)))
        asks = f"{len(g.jobs)} saved job{'s ask' if len(g.jobs) != 1 else ' asks'} for it"
        musts = f" ({g.must_jobs} as a must-have)" if g.must_jobs else ""
        near = f"; you already have {', '.join(g.adjacent[:3])}" if g.adjacent else ""
        why = asks + musts + near
        if g.needs_evidence:
            why += "; your record does not say whether you have it"
        out.append(LearningItem(g.label, why, tuple(dict.fromkeys(t for _, t in g.jobs)), g.hot,
                                0 if g.needs_evidence else weeks, g.needs_evidence, g.key, g.ontology_id))
    return out


# -- goals and tasks ---------------------------------------------------------------------------------

GOAL_STATUSES = ("open", "doing", "done", "dropped")


@dataclass(frozen=True, slots=True)
class GoalTask:
    id: int
    title: str
    done: bool
    due: str


@dataclass(frozen=True, slots=True)
class Goal:
    id: int
    title: str
    skill: str
    why: str
    status: str
    due: str
    tasks: tuple[GoalTask, ...]

    @property
    def progress(self) -> float:
        """Share of tasks done (a done goal is 1.0)."""
        if self.status == "done":
            return 1.0
        return sum(t.done for t in self.tasks) / len(self.tasks) if self.tasks else 0.0


def add_goal(ws: Workspace, item: LearningItem, *, due: str = "", tasks: Sequence[str] = ()) -> Changes:
    """Turn a learning item into a goal with tasks (default: learn, practise, add the evidence)."""
    steps = list(tasks) or [f"Learn the basics of {item.what}", f"Use {item.what} in a project or at work",
                            f"Add what you did with {item.what} to Vita"]
    ts = now_iso()
    with ws.mutation(f"Goal: {item.what}") as txn:
        gid = txn.insert("job_goals", {"title": f"Learn {item.what}", "skill": item.what,
                                       "ontology_id": item.ontology_id or "", "why": item.why, "status": "open",
                                       "due": due, "created_at": ts, "updated_at": ts})
        for s in steps:
            txn.insert("job_goal_tasks", {"goal_id": gid, "title": s, "done": 0, "due": due, "created_at": ts})
    return ws.changes_for(txn.step)


def list_goals(ws: Workspace) -> list[Goal]:
    with ws.reading() as conn:
        goals = conn.execute(text("SELECT * FROM job_goals ORDER BY id")).mappings().all()
        tasks = conn.execute(text("SELECT * FROM job_goal_tasks ORDER BY id")).mappings().all()
    by_goal: dict[int, list[GoalTask]] = {}
    for t in tasks:
        by_goal.setdefault(t["goal_id"], []).append(GoalTask(t["id"], t["title"], bool(t["done"]), t["due"]))
    return [Goal(g["id"], g["title"], g["skill"], g["why"], g["status"], g["due"], tuple(by_goal.get(g["id"], ())))
            for g in goals]


def set_goal_status(ws: Workspace, goal_id: int, status: str) -> Changes:
    if status not in GOAL_STATUSES:
        raise InvalidInput(f"Unknown goal status {status!r}.", hint=f"Use one of: {', '.join(GOAL_STATUSES)}.")
    with ws.mutation(f"Goal {status}") as txn:
        if txn.update("job_goals", goal_id, {"status": status, "updated_at": now_iso()}) is None:
            raise NotFound(f"Goal {goal_id} does not exist.")
    return ws.changes_for(txn.step)


def set_task_done(ws: Workspace, task_id: int, done: bool = True) -> Changes:
    with ws.mutation("Task done" if done else "Task reopened") as txn:
        if txn.update("job_goal_tasks", task_id, {"done": int(done)}) is None:
            raise NotFound(f"Task {task_id} does not exist.")
    return ws.changes_for(txn.step)


def goal_summary(goal: Goal) -> dict[str, Any]:
    return {"id": goal.id, "title": goal.title, "status": goal.status, "due": goal.due,
            "progress": round(goal.progress, 3),
            "tasks": [{"id": t.id, "title": t.title, "done": t.done, "due": t.due} for t in goal.tasks]}
