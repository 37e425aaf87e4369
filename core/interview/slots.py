"""The interview's view of completeness: the slots of `core.gaps` (the one completeness model),
each with how it is asked (answer kind, template names) and how much answering it is worth now
(recency of the role, saved jobs asking for the skill), plus requirements of saved jobs whose
status is unknown (a clean input from the jobs code)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from core.gaps import MIN_ACHIEVEMENTS, EntityGaps, ProfileGaps, profile_gaps
from core.gaps import Slot as GapSlot
from core.interview.values import AnswerKind
from core.profile import CareerProfile, Role

# (entity kind, core.gaps slot key) -> (the interview's slot name, how the answer is read).
# Slots missing here are not asked in chat (a whole new role is better added from a document).
ASKED: dict[tuple[str, str], tuple[str, AnswerKind]] = {
    ("role", "title"): ("title", AnswerKind.text), ("role", "employer"): ("employer", AnswerKind.text),
    ("role", "dates"): ("dates", AnswerKind.date_range), ("role", "location"): ("location", AnswerKind.location),
    ("role", "achievements"): ("achievement", AnswerKind.achievement),
    ("role", "metric"): ("metric", AnswerKind.achievement), ("role", "skills"): ("skills", AnswerKind.skills),
    ("role", "scope"): ("team_size", AnswerKind.team_size), ("role", "reason"): ("reason_for_leaving", AnswerKind.text),
    ("education", "institution"): ("institution", AnswerKind.text), ("education", "degree"): ("degree", AnswerKind.text),
    ("education", "field"): ("field", AnswerKind.text), ("education", "dates"): ("dates", AnswerKind.date_range),
    ("education", "grade"): ("grade", AnswerKind.text),
    ("skill", "evidence"): ("evidence", AnswerKind.achievement), ("skill", "level"): ("level", AnswerKind.level),
    ("contact", "name"): ("name", AnswerKind.text), ("contact", "reach"): ("reach", AnswerKind.text),
    ("contact", "summary"): ("summary", AnswerKind.achievement),
    ("contact", "location"): ("location", AnswerKind.location), ("contact", "link"): ("link", AnswerKind.text),
    ("record", "skills"): ("skills", AnswerKind.skills),
    **{("stories", f"story{i}"): ("story", AnswerKind.story) for i in (1, 2, 3)},
}
# How much a slot of each entity is worth relative to a role's (core.gaps weighs entities for the
# score; per question, one role's gap matters more than one of many skills').
ENTITY_FACTOR = {"role": 1.0, "contact": 0.8, "record": 0.6, "stories": 0.6, "education": 0.5, "skill": 0.35,
                 "requirement": 1.0}
OPTIONAL_FACTOR = 0.3
RECENCY_DECAY = 0.8  # each older role counts this much less than the one after it
MAX_SKILL_SLOTS = 12


@dataclass(frozen=True, slots=True)
class Slot:
    """One thing the record could hold, as the interview asks it; `names` fill the template."""

    key: str  # stable: "role:12:metric", "skill:40:evidence", "stories:story1", "req:<id>:evidence"
    entity: str  # "role:12" — one topic at a time means one entity at a time
    entity_kind: str  # role | education | skill | contact | record | stories | requirement
    entity_id: int | None
    name: str
    kind: AnswerKind
    weight: float
    filled: float = 0.0
    relevance: float = 1.0
    names: dict[str, str] = field(default_factory=dict)

    @property
    def open(self) -> bool:
        return self.filled < 1.0


@dataclass(frozen=True, slots=True)
class RequirementGap:
    """A requirement of saved jobs the matcher marked unknown: the clean input from `core.jobs`."""

    key: str  # stable id from the jobs store
    text: str  # the requirement as written in the posting
    skill: str = ""  # the skill or tool it names, when it names one
    must: bool = True
    jobs: int = 1  # how many saved jobs ask for it

    @classmethod
    def from_requirement(cls, req: Any, *, posting_key: str = "", jobs: int = 1) -> RequirementGap:
        """From a `core.jobs` Requirement (kind, label, must, phrase, key); keyed by the posting
        when one is given, else by the requirement alone (the same ask across saved jobs)."""
        named = str(req.kind) in ("skill", "certification", "language")
        key = f"{posting_key}:{req.key}" if posting_key else str(req.key)
        return cls(key, req.phrase or req.label, req.label if named else "", bool(req.must), jobs)


def unknown_requirements(matches: Iterable[Any]) -> tuple[list[RequirementGap], dict[str, float]]:
    """From saved jobs' match results (`core.jobs` MatchResult): one gap per requirement whose
    status is unknown, counting how many jobs ask for it (must if any job says must), and the
    relevance of each skill the jobs ask for (share of jobs naming it) for ranking questions."""
    gaps: dict[str, RequirementGap] = {}
    asked: dict[str, int] = {}
    n = 0
    for match in matches:
        n += 1
        seen: set[str] = set()
        for r in match.results:
            req = r.requirement
            if str(req.kind) == "skill" and req.label.lower() not in seen:
                seen.add(req.label.lower())
                asked[req.label.lower()] = asked.get(req.label.lower(), 0) + 1
            if str(r.status) != "unknown":
                continue
            gap = RequirementGap.from_requirement(req)
            old = gaps.get(gap.key)
            gaps[gap.key] = gap if old is None else RequirementGap(
                old.key, old.text, old.skill, old.must or gap.must, old.jobs + 1)
    relevance = {name: round(count / n, 3) for name, count in asked.items()} if n else {}
    return sorted(gaps.values(), key=lambda g: (-g.must, -g.jobs, g.key)), relevance


def role_label(role: Role) -> str:
    """'Acme (2019–2021)', 'Acme (2019–now)', or the title when the employer is unknown."""
    name = role.employer or role.title or "this role"
    y0 = str(role.span.start.year) if role.span.start else ""
    y1 = "now" if role.span.ongoing else (str(role.span.end.year) if role.span.end else "")
    if y0 and y1:
        return f"{name} ({y0}–{y1})" if y0 != y1 else f"{name} ({y0})"
    return f"{name} ({y0 or y1})" if (y0 or y1) else name


def _recency(profile: CareerProfile) -> dict[int, float]:
    """1.0 for the most recent role, RECENCY_DECAY for the one before, and so on (undated last)."""
    def when(r: Role) -> tuple[int, int]:
        if r.span.ongoing:
            return (2, 0)
        end = r.span.end or r.span.start
        return (1, end.last_month()) if end else (0, 0)

    ranked = sorted(profile.roles, key=lambda r: (when(r), r.fact_id), reverse=True)
    return {r.fact_id: RECENCY_DECAY ** i for i, r in enumerate(ranked)}


def _names(e: EntityGaps, profile: CareerProfile, topic_role: Role | None) -> dict[str, str]:
    item = profile.item(e.fact_id) if e.fact_id is not None else None
    if e.kind == "role" and isinstance(item, Role):
        label = role_label(item)
        return {"entity": label, "employer": item.employer or item.title or "this role",
                "title": item.title or "your role"}
    if e.kind == "education" and item is not None:
        return {"entity": item.institution or item.degree or "your studies",
                "institution": item.institution or "that school", "degree": item.degree or "that course"}
    if e.kind == "skill" and item is not None:
        return {"entity": item.name, "skill": item.name}
    if e.kind == "stories":
        at = f" at {role_label(topic_role)}" if topic_role is not None else ""
        return {"entity": "your stories", "at": at}
    return {"entity": {"contact": "your contact details", "record": "your record"}.get(e.kind, e.label)}


def _slot(e: EntityGaps, g: GapSlot, profile: CareerProfile, recency: dict[int, float], relevant: dict[str, float],
          topic_role: Role | None) -> Slot | None:
    asked = ASKED.get((e.kind, g.key))
    if asked is None:
        return None
    name, kind = asked
    entity = f"{e.kind}:{e.fact_id}" if e.fact_id is not None else e.kind
    key = f"{entity}:{name}"
    filled = 1.0 if g.filled else 0.0
    relevance = 1.0
    names = _names(e, profile, topic_role)
    entity_id = e.fact_id
    if e.kind == "role" and e.fact_id is not None:
        role = profile.item(e.fact_id)
        relevance = recency.get(e.fact_id, 0.5)
        if isinstance(role, Role):
            used = " ".join(s.name for s in profile.skills if s.fact_id in role.skill_ids).lower()
            relevance *= min(2.0, 1.0 + sum(w for n, w in relevant.items() if n and n in used))
            if name == "achievement":
                n = len(role.achievements)
                filled, key = min(n, MIN_ACHIEVEMENTS) / MIN_ACHIEVEMENTS, f"{key}:{n}"  # each one a new slot
    elif e.kind == "skill" and e.fact_id is not None:
        relevance = 0.6 + relevant.get(names.get("skill", "").lower(), 0.0)
    elif e.kind == "stories":
        entity, entity_id = "stories", topic_role.fact_id if topic_role is not None else None
        key = f"stories:{g.key}"
    weight = g.weight * ENTITY_FACTOR.get(e.kind, 0.5) * (OPTIONAL_FACTOR if g.optional else 1.0)
    return Slot(key, entity, e.kind, entity_id, name, kind, weight, filled, relevance, names)


def slots_for(profile: CareerProfile, *, gaps: ProfileGaps | None = None, requirements: Iterable[RequirementGap] = (),
              relevant_skills: dict[str, float] | None = None, topic_role: int | None = None) -> list[Slot]:
    """Every askable slot of the profile's gaps (filled or open) and the unknown job requirements."""
    gaps = gaps or profile_gaps(profile)
    relevant = {k.lower(): v for k, v in (relevant_skills or {}).items()}
    recency = _recency(profile)
    role = profile.item(topic_role) if topic_role is not None else None
    if not isinstance(role, Role):
        role = max(profile.roles, key=lambda r: recency.get(r.fact_id, 0.0), default=None)
    out: list[Slot] = []
    skills = sorted((e for e in gaps.of_kind("skill")),
                    key=lambda e: (-relevant.get(e.label.lower(), 0.0), e.fact_id or 0))[:MAX_SKILL_SLOTS]
    first_story_open = False
    for e in gaps.entities:
        if e.kind == "skill" and e not in skills:
            continue
        for g in e.slots:
            if e.kind == "stories":
                if g.filled or first_story_open:
                    continue  # one story at a time
                first_story_open = True
            s = _slot(e, g, profile, recency, relevant, role)
            if s is not None:
                out.append(s)
    known = {s.name.lower() for s in profile.skills if s.evidence_ids}
    for req in requirements:
        if req.skill and req.skill.lower() in known:
            continue
        weight = (3.0 if req.must else 1.5) * min(1.0 + 0.25 * (req.jobs - 1), 2.0)
        label = req.skill or req.text
        out.append(Slot(f"req:{req.key}:evidence", f"req:{req.key}", "requirement", None, "evidence",
                        AnswerKind.achievement, weight, 0.0, 1.0,
                        {"entity": label, "skill": label, "requirement": req.text}))
    return out


@dataclass(frozen=True, slots=True)
class Completeness:
    """Scores per entity and overall, each in [0, 1], straight from `core.gaps`."""

    overall: float
    entities: dict[str, float]
    labels: dict[str, str]
    open_slots: int


def completeness(gaps: ProfileGaps, slots: list[Slot]) -> Completeness:
    """The gaps' overall and per-entity scores, with the interview's count of open questions."""
    entities: dict[str, float] = {}
    labels: dict[str, str] = {}
    for e in gaps.entities:
        key = f"{e.kind}:{e.fact_id}" if e.fact_id is not None else e.kind
        entities[key] = round(e.score, 3)
        labels[key] = e.label
    return Completeness(round(gaps.score, 3), entities, labels, sum(1 for s in slots if s.open))
