"""Profile completeness as weighted slots per entity: what each role, education entry and skill,
the contact basics and the record as a whole should say, and which of it is there.

The dashboard's checklist, the interview's next question and the jobs gaps read this one model.
`profile_gaps(profile)` is pure: the same profile gives the same gaps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from core.profile import CareerProfile, Education, Role, Skill

Effort = Literal["choice", "date", "number", "text"]  # how hard a slot is to answer, cheapest first
EntityKind = Literal["contact", "record", "role", "education", "skill", "stories"]

MIN_ACHIEVEMENTS = 3
MIN_SKILLS = 5
MIN_STORIES = 3
RECENT_MONTHS = 36  # a skill last evidenced longer ago than this has no "recent" evidence

# Relative weight of each entity kind in the overall score (per entity; skills count as one block).
ENTITY_WEIGHTS: dict[str, float] = {"contact": 2.0, "record": 2.0, "role": 3.0, "education": 1.0,
                                    "skills": 2.0, "stories": 1.0}


@dataclass(frozen=True, slots=True)
class Slot:
    """One thing an entity should say. `fact_ids` are the facts that fill it (empty when missing)."""

    key: str
    label: str
    weight: float
    filled: bool
    effort: Effort = "text"
    optional: bool = False  # counts when filled, never against the score
    fact_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityGaps:
    """The slots of one entity: a role, an education entry, a skill, the contact basics..."""

    kind: EntityKind
    fact_id: int | None  # the role/education/skill fact; None for contact, record and stories
    label: str
    slots: tuple[Slot, ...]

    @property
    def score(self) -> float:
        """Filled weight over required weight, 0..1 (optional slots do not lower it)."""
        total = sum(s.weight for s in self.slots if not s.optional)
        if total == 0:
            return 1.0
        return min(1.0, sum(s.weight for s in self.slots if s.filled) / total)

    @property
    def missing(self) -> tuple[Slot, ...]:
        """Required slots not filled, heaviest first."""
        return tuple(sorted((s for s in self.slots if not s.filled and not s.optional), key=lambda s: -s.weight))


@dataclass(frozen=True, slots=True)
class ProfileGaps:
    entities: tuple[EntityGaps, ...]

    @property
    def score(self) -> float:
        """Overall completeness 0..1: entity scores weighted by ENTITY_WEIGHTS (skills as one block)."""
        parts: list[tuple[float, float]] = []
        skills = [e.score for e in self.entities if e.kind == "skill"]
        if skills:
            parts.append((ENTITY_WEIGHTS["skills"], sum(skills) / len(skills)))
        parts += [(ENTITY_WEIGHTS[e.kind], e.score) for e in self.entities if e.kind != "skill"]
        total = sum(w for w, _ in parts)
        return sum(w * s for w, s in parts) / total if total else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.score)

    def of_kind(self, kind: EntityKind) -> tuple[EntityGaps, ...]:
        return tuple(e for e in self.entities if e.kind == kind)

    def entity(self, fact_id: int) -> EntityGaps | None:
        return next((e for e in self.entities if e.fact_id == fact_id), None)

    def checklist(self) -> list[tuple[str, bool]]:
        """The profile-level slots (contact basics and the record) as (label, filled)."""
        return [(s.label, s.filled) for e in self.entities if e.kind in ("contact", "record")
                for s in e.slots if not s.optional]


def _slot(key: str, label: str, weight: float, ids: tuple[int, ...] | list[int], effort: Effort = "text", *,
          optional: bool = False, filled: bool | None = None) -> Slot:
    ids = tuple(ids)
    return Slot(key, label, weight, bool(ids) if filled is None else filled, effort, optional, ids)


def contact_gaps(p: CareerProfile) -> EntityGaps:
    def ids(*kinds: str) -> list[int]:
        return [c.fact_id for c in p.contacts if c.kind in kinds and c.value]

    return EntityGaps("contact", None, "Contact basics", (
        _slot("name", "Name", 3, ids("name")),
        _slot("reach", "Email or phone", 3, ids("email", "phone")),
        _slot("summary", "Summary", 2, ids("summary")),
        _slot("location", "Location", 1, ids("location"), optional=True),
        _slot("link", "A profile link", 1, ids("url", "profile"), optional=True),
    ))


def record_gaps(p: CareerProfile) -> EntityGaps:
    with_numbers = [a.fact_id for a in p.achievements if a.has_metric]
    return EntityGaps("record", None, "Your record", (
        _slot("roles", "At least one role", 3, [r.fact_id for r in p.roles]),
        _slot("achievements", "Achievements with numbers", 2, with_numbers),
        _slot("education", "Education", 2, [e.fact_id for e in p.education]),
        _slot("skills", "Five or more skills", 2, [s.fact_id for s in p.skills],
              filled=len(p.skills) >= MIN_SKILLS),
        _slot("languages", "Languages", 1, [c.fact_id for c in p.languages]),
        _slot("credentials", "Credentials or projects", 1,
              [c.fact_id for c in p.credentials if c.kind == "credential"] + [x.fact_id for x in p.projects]),
    ))


def role_gaps(r: Role) -> EntityGaps:
    metric_ids = [a.fact_id for a in r.achievements if a.has_metric]
    achs = [a.fact_id for a in r.achievements]
    scope = r.team_size is not None or any(m.kind in ("money", "team_size") for a in r.achievements for m in a.metrics)
    label = " at ".join(x for x in (r.title, r.employer) if x) or "A role"
    return EntityGaps("role", r.fact_id, label, (
        _slot("title", "Title", 3, [r.fact_id], "text", filled=bool(r.title)),
        _slot("employer", "Employer", 3, [r.employer_id or r.fact_id], "text", filled=bool(r.employer)),
        _slot("dates", "Start and end dates", 3, [r.fact_id], "date", filled=r.span.known),
        _slot("location", "Location", 1, [r.fact_id], "text", filled=bool(r.location)),
        _slot("achievements", f"{MIN_ACHIEVEMENTS} or more achievements", 3, achs,
              filled=len(achs) >= MIN_ACHIEVEMENTS),
        _slot("metric", "An achievement with a number", 2, metric_ids, "number"),
        _slot("skills", "Skills used", 2, list(r.skill_ids), "choice"),
        _slot("scope", "Team size or scope", 1, metric_ids if scope else [], "number", filled=scope),
        _slot("reason", "Reason for leaving", 1, [r.fact_id], "choice", optional=True,
              filled=bool(r.reason_for_leaving)),
    ))


def education_gaps(e: Education) -> EntityGaps:
    label = ", ".join(x for x in (e.degree, e.institution) if x) or "Education"
    return EntityGaps("education", e.fact_id, label, (
        _slot("institution", "Institution", 3, [e.fact_id], filled=bool(e.institution)),
        _slot("degree", "Degree or qualification", 3, [e.fact_id], "choice", filled=bool(e.degree)),
        _slot("field", "Field of study", 2, [e.fact_id], filled=bool(e.field)),
        _slot("dates", "Dates", 2, [e.fact_id], "date", filled=e.span.start is not None or e.span.end is not None),
        _slot("grade", "Grade", 1, [e.fact_id], "text", optional=True, filled=bool(e.grade)),
    ))


def skill_gaps(s: Skill) -> EntityGaps:
    recent = s.months_since_used is not None and s.months_since_used <= RECENT_MONTHS
    return EntityGaps("skill", s.fact_id, s.name, (
        _slot("evidence", "Used in a role, achievement or project", 3, list(s.evidence_ids), "choice"),
        _slot("recency", "Recently used", 2, list(s.role_ids) if recent else [], "date", filled=recent),
        _slot("level", "Level", 1, [s.fact_id], "choice", filled=bool(s.level)),
    ))


def story_gaps(p: CareerProfile) -> EntityGaps:
    names = ("First story", "Second story", "Third story")
    return EntityGaps("stories", None, "Stories", tuple(
        _slot(f"story{i + 1}", names[i], 1, [p.stories[i]] if i < len(p.stories) else [])
        for i in range(MIN_STORIES)))


def profile_gaps(p: CareerProfile) -> ProfileGaps:
    """Every entity's slots: contact basics, the record, each role, education entry and skill, stories."""
    return ProfileGaps((contact_gaps(p), record_gaps(p), *(role_gaps(r) for r in p.roles),
                        *(education_gaps(e) for e in p.education), *(skill_gaps(s) for s in p.skills),
                        story_gaps(p)))
