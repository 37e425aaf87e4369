"""Plain records the insight functions return: insights with their evidence, and chart series."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Action:
    """One concrete step of a recommendation; a tracked task carries its id, state and due date."""

    text: str
    done: bool = False
    due: str = ""
    task_id: int | None = None


@dataclass(frozen=True, slots=True)
class GoalLink:
    """The goal a recommendation is tracked by, with its progress."""

    id: int
    title: str
    status: str
    due: str
    progress: float  # 0..1
    done_tasks: int
    total_tasks: int


@dataclass(frozen=True, slots=True)
class Insight:
    """One observation about the career, in plain words, with the facts that support it."""

    key: str  # stable across reruns (kind and subject): what a dismissal remembers
    kind: str  # promotion, direction, tenure, gap, experience, core_skill, fading_skill, ...
    group: str  # trajectory | skills | impact | leadership | strengths | behaviour | paths | plan
    statement: str
    strength: float  # 0..1: how strongly the evidence supports it
    fact_ids: tuple[int, ...]
    actions: tuple[Action, ...] = ()  # recommendations: what to do next
    goal: GoalLink | None = None  # recommendations: the goal that tracks it
    job_ids: tuple[int, ...] = ()  # recommendations: the saved jobs that ask for it

    @property
    def evidenced(self) -> bool:
        """Backed by facts, or (a recommendation) by saved jobs or a tracked goal."""
        return bool(self.fact_ids or self.job_ids or self.goal)


@dataclass(frozen=True, slots=True)
class RolePoint:
    """A role on the timeline: months as indices (year * 12 + month - 1), end exclusive."""

    fact_id: int
    title: str
    employer: str
    start: int
    end: int
    ongoing: bool
    level: int  # seniority 0 (intern) .. 7 (chief)
    job_zone: int | None
    move: str  # first | promotion | advancement | lateral | change | step_down
    evidence: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SkillLane:
    """A skill across time: the month ranges of the roles and projects that show it."""

    fact_id: int
    name: str
    segments: tuple[tuple[int, int, int], ...]  # (start, end, role or project fact id)
    trend: str  # core | rising | fading | steady
    evidence_count: int
    hot: bool
    listed: bool
    evidence: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ImpactPoint:
    """A number from an achievement, placed at its role's last month."""

    achievement_id: int
    metric_id: int | None
    month: int
    kind: str  # money | percent | count | team_size | duration
    value: float
    unit: str
    text: str
    categories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CategoryCount:
    role_id: int | None
    category: str
    count: int
    achievement_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Signal:
    """A leadership signal: people managed, a lead/mentor verb, budget, a promotion."""

    kind: str  # team | verb | budget | promotion | title
    label: str
    fact_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PathOption:
    """An occupation the person could move to, from O*NET related occupations and skill overlap."""

    code: str
    title: str
    job_zone: int | None
    move: str  # advancement | lateral | similar | change
    overlap: float  # 0..1, importance-weighted coverage of its skills and technologies
    matched: tuple[str, ...]
    missing: tuple[str, ...]
    fact_ids: tuple[int, ...]  # the roles and skills that carry over
    from_code: str


@dataclass(frozen=True, slots=True)
class InsightReport:
    """Everything the Insights page, the CLI and the Dashboard show; deterministic for one profile."""

    insights: tuple[Insight, ...]  # ranked, dismissed ones left out
    dismissed: tuple[Insight, ...] = ()
    roles: tuple[RolePoint, ...] = ()
    lanes: tuple[SkillLane, ...] = ()
    impact: tuple[ImpactPoint, ...] = ()
    categories: tuple[CategoryCount, ...] = ()
    signals: tuple[Signal, ...] = ()
    paths: tuple[PathOption, ...] = ()
    missing: tuple[str, ...] = ()  # what the profile needs before more can be said
    as_of_month: int = 0
    notes: tuple[str, ...] = field(default=())
