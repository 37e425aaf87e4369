"""Completeness as weighted slots per entity (roles, education, skills, contact basics, stories,
and requirements of saved jobs whose status is unknown); each slot filled or open.

The weights follow the issue's list; `core.gaps` (career branch) will own them when it lands, and
this module then reads its slots instead of computing them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.interview.record import Record, RoleView
from core.interview.values import AnswerKind

ROLE_WEIGHTS: dict[str, tuple[float, AnswerKind]] = {
    "title": (1.0, AnswerKind.text), "employer": (1.0, AnswerKind.text), "dates": (0.9, AnswerKind.date_range),
    "location": (0.4, AnswerKind.location), "achievement": (1.0, AnswerKind.achievement),
    "metric": (0.9, AnswerKind.achievement), "skills": (0.7, AnswerKind.skills),
    "team_size": (0.5, AnswerKind.team_size), "story": (0.6, AnswerKind.story),
    "reason_for_leaving": (0.15, AnswerKind.text),
}
EDUCATION_WEIGHTS: dict[str, tuple[float, AnswerKind]] = {
    "institution": (0.8, AnswerKind.text), "degree": (0.8, AnswerKind.text), "dates": (0.5, AnswerKind.date_range),
    "field": (0.3, AnswerKind.text),
}
CONTACT_WEIGHTS: dict[str, tuple[float, AnswerKind]] = {
    "email": (0.6, AnswerKind.text), "phone": (0.3, AnswerKind.text), "location": (0.4, AnswerKind.location),
}
SKILL_EVIDENCE = (0.5, AnswerKind.achievement)
ACHIEVEMENTS_WANTED = 3
RECENCY_DECAY = 0.8  # each older role counts this much less than the one after it
MAX_SKILL_SLOTS = 12


@dataclass(frozen=True, slots=True)
class Slot:
    """One thing the record could hold: `filled` in [0, 1]; `names` fill the question template."""

    key: str  # stable: "role:12:metric", "skill:40:evidence", "req:<id>:evidence"
    entity: str  # "role:12" — one topic at a time means one entity at a time
    entity_kind: str  # role | education | skill | contact | requirement
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


def _role_slots(role: RoleView, recency: float, relevant: dict[str, float], skill_names: dict[int, str]) -> list[Slot]:
    names = {"entity": role.label(), "employer": role.organisation or role.title or "this role",
             "title": role.title or "your role", "span": role.label()[len(role.organisation or role.title):].strip()}
    has_dates = bool(role.start) and (bool(role.end) or role.present)
    filled = {
        "title": 1.0 if role.title else 0.0, "employer": 1.0 if role.organisation else 0.0,
        "dates": 1.0 if has_dates else (0.5 if role.start or role.end else 0.0),
        "location": 1.0 if role.location else 0.0,
        "achievement": min(len(role.achievements), ACHIEVEMENTS_WANTED) / ACHIEVEMENTS_WANTED,
        "metric": 1.0 if role.metric_achievements else 0.0, "skills": 1.0 if role.skills else 0.0,
        "team_size": 1.0 if role.team_size else 0.0, "story": 1.0 if role.stories else 0.0,
        "reason_for_leaving": 1.0 if (role.reason_for_leaving or role.present) else 0.0,
    }
    role_skills = " ".join(skill_names.get(s, "") for s in role.skills).lower()
    boost = 1.0 + sum(w for name, w in relevant.items() if name and name in role_skills)
    out = []
    for name, (weight, kind) in ROLE_WEIGHTS.items():
        key = f"role:{role.id}:{name}"
        if name == "achievement":
            key += f":{len(role.achievements)}"  # the next achievement is a new slot
        out.append(Slot(key, f"role:{role.id}", "role", role.id, name, kind, weight, filled[name],
                        recency * min(boost, 2.0), names))
    return out


def slots_for(record: Record, *, requirements: Iterable[RequirementGap] = (),
              relevant_skills: dict[str, float] | None = None) -> list[Slot]:
    """Every slot of the record, filled or open, with its relevance (recency of the role, saved
    jobs asking for the skill)."""
    relevant = {k.lower(): v for k, v in (relevant_skills or {}).items()}
    skill_names = {s.id: s.name for s in record.skills}
    out: list[Slot] = []
    for rank, role in enumerate(record.roles):
        out.extend(_role_slots(role, RECENCY_DECAY ** rank, relevant, skill_names))
    for ed in record.education:
        values = {"institution": ed.institution, "degree": ed.degree, "dates": ed.end or ed.start, "field": ed.field}
        names = {"entity": ed.label(), "institution": ed.institution or "that school", "degree": ed.degree or "that course"}
        for name, (weight, kind) in EDUCATION_WEIGHTS.items():
            out.append(Slot(f"education:{ed.id}:{name}", f"education:{ed.id}", "education", ed.id, name, kind,
                            weight, 1.0 if values[name] else 0.0, 0.8, names))
    by_relevance = sorted(record.skills, key=lambda s: (-relevant.get(s.name.lower(), 0.0), s.id))
    for sk in by_relevance[:MAX_SKILL_SLOTS]:
        weight, kind = SKILL_EVIDENCE
        out.append(Slot(f"skill:{sk.id}:evidence", f"skill:{sk.id}", "skill", sk.id, "evidence", kind, weight,
                        1.0 if sk.evidence else 0.0, 0.6 + relevant.get(sk.name.lower(), 0.0),
                        {"entity": sk.name, "skill": sk.name}))
    for name, (weight, kind) in CONTACT_WEIGHTS.items():
        out.append(Slot(f"contact:{name}", "contact", "contact", None, name, kind, weight,
                        1.0 if record.contacts.get(name) else 0.0, 0.7, {"entity": "your contact details"}))
    known = {s.name.lower() for s in record.skills if s.evidence}
    for req in requirements:
        if req.skill and req.skill.lower() in known:
            continue
        weight = (1.2 if req.must else 0.6) * min(1.0 + 0.25 * (req.jobs - 1), 2.0)
        label = req.skill or req.text
        out.append(Slot(f"req:{req.key}:evidence", f"req:{req.key}", "requirement", None, "evidence",
                        AnswerKind.achievement, weight, 0.0, 1.0,
                        {"entity": label, "skill": label, "requirement": req.text}))
    return out


@dataclass(frozen=True, slots=True)
class Completeness:
    """Score per entity and overall (weighted by slot weights), each in [0, 1]."""

    overall: float
    entities: dict[str, float]
    labels: dict[str, str]
    open_slots: int


def completeness(slots: list[Slot]) -> Completeness:
    """Filled weight over total weight, per entity and overall (requirements excluded: they are
    questions about jobs, not parts of the record)."""
    per: dict[str, list[float]] = {}
    labels: dict[str, str] = {}
    for s in slots:
        if s.entity_kind == "requirement":
            continue
        acc = per.setdefault(s.entity, [0.0, 0.0])
        acc[0] += s.weight * s.filled
        acc[1] += s.weight
        labels.setdefault(s.entity, s.names.get("entity", s.entity))
    done = sum(a for a, _ in per.values())
    total = sum(b for _, b in per.values())
    return Completeness(round(done / total, 3) if total else 0.0,
                        {k: round(a / b, 3) for k, (a, b) in per.items() if b},
                        labels, sum(1 for s in slots if s.open))
