"""Plain data of job matching: requirements of a posting, the evidence a profile offers, results."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class RequirementKind(StrEnum):
    skill = "skill"  # a tool, technology or domain ("Python", "SQL")
    ability = "ability"  # a soft or transferable skill ("communicate", "work in a team")
    experience = "experience"  # years overall ("5+ years of experience")
    education = "education"  # degree level and field
    certification = "certification"
    language = "language"
    location = "location"  # place, remote / hybrid / on-site
    travel = "travel"
    clearance = "clearance"  # security clearance, citizenship, work authorisation
    task = "task"  # a duty of the role naming no skill ("take part in the production support rotation")


class Status(StrEnum):
    met = "met"
    partial = "partial"  # evidence old, short, or only a related skill
    missing = "missing"  # the record speaks to it and lacks it
    unknown = "unknown"  # the record is silent: never counted as met


@dataclass(frozen=True, slots=True)
class Requirement:
    """One thing a posting asks for, with its span [start, end) in the posting text."""

    kind: RequirementKind
    label: str
    start: int
    end: int
    must: bool = True
    ontology_id: str | None = None
    years: float | None = None  # minimum years (overall, or for this skill)
    level: int | None = None  # degree level: 1 associate, 2 bachelor, 3 master, 4 doctorate
    fields: tuple[str, ...] = ()  # degree fields ("computer science", "statistics")
    value: str = ""  # remote/hybrid/on-site, travel share, language name ...
    phrase: str = ""  # the posting's own words at the span

    @property
    def key(self) -> str:
        """Stable identity of the requirement inside its posting (for labels and diffs)."""
        return f"{self.kind}:{(self.ontology_id or self.label).lower()}"


@dataclass(frozen=True, slots=True)
class OccupationGuess:
    code: str
    title: str
    score: float


@dataclass(frozen=True, slots=True)
class ParsedPosting:
    """A posting split into requirements; `occupations` best first, `job_zone` of the first."""

    title: str
    text: str
    requirements: tuple[Requirement, ...]
    seniority: str = ""  # intern, junior, mid, senior, lead, principal, manager, executive
    remote: str = ""  # remote, hybrid, on-site, or "" when the posting does not say
    occupations: tuple[OccupationGuess, ...] = ()
    job_zone: int | None = None

    @property
    def musts(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.must)


@dataclass(frozen=True, slots=True)
class SkillEvidence:
    """A skill the person evidences: from a fact (skill list, role text, achievement)."""

    name: str
    ontology_id: str | None
    fact_id: int | None
    passage: str = ""
    last_year: int | None = None  # most recent year it was used; None when undated
    months: int = 0  # months of use across dated roles
    achieved: bool = False  # backed by an achievement bullet, not only listed
    implied: bool = False  # an ability only inferred from a duty ("presented results" -> Speaking), never named


@dataclass(frozen=True, slots=True)
class RoleEvidence:
    title: str
    fact_id: int | None
    start: str = ""  # YYYY[-MM]
    end: str = ""  # YYYY[-MM], "" = present
    months: int = 0
    codes: tuple[str, ...] = ()  # O*NET-SOC codes of the title
    text: str = ""  # title, organisation and bullets (for passages)


@dataclass(frozen=True, slots=True)
class StudyEvidence:
    degree: str
    field: str
    fact_id: int | None
    level: int | None = None


@dataclass(frozen=True, slots=True)
class Passage:
    """A piece of the person's own text that can support a requirement by meaning."""

    text: str
    fact_id: int | None


@dataclass(slots=True)
class MatchProfile:
    """What matching reads from a person's record (built from a CareerProfile or a resume)."""

    skills: list[SkillEvidence] = field(default_factory=list)
    roles: list[RoleEvidence] = field(default_factory=list)
    studies: list[StudyEvidence] = field(default_factory=list)
    certifications: list[tuple[str, int | None]] = field(default_factory=list)
    languages: list[tuple[str, int | None]] = field(default_factory=list)
    location: str = ""
    passages: list[Passage] = field(default_factory=list)
    occupations: tuple[OccupationGuess, ...] = ()
    total_months: int = 0

    @property
    def nearly_empty(self) -> bool:
        """Too little to judge a match: no roles, no studies and fewer than three skills."""
        return not self.roles and not self.studies and len(self.skills) < 3


@dataclass(frozen=True, slots=True)
class RequirementResult:
    requirement: Requirement
    status: Status
    step: str  # exact | related | semantic | rule | none
    reason: str
    fact_ids: tuple[int, ...] = ()
    evidence: tuple[str, ...] = ()  # the passages or names that support the status
    credit: float = 0.0  # 0..1 share of this requirement counted as met


@dataclass(frozen=True, slots=True)
class SectionScore:
    name: str  # skills | experience | education | location
    weight: float
    earned: float  # 0..1 share of the section's weight earned
    counted: int  # requirements counted in this section


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Per-requirement statuses, the headline, sections and a deterministic 0-100 score (or None)."""

    results: tuple[RequirementResult, ...]
    musts_met: int
    musts_total: int
    sections: tuple[SectionScore, ...]
    score: float | None  # None = not enough information
    capped: bool = False
    occupation_fit: float = 0.0

    @property
    def headline(self) -> str:
        if self.score is None:
            return "Not enough information in your record to judge this job."
        if not self.musts_total:
            return "The posting names no must-haves."
        return f"{self.musts_met} of {self.musts_total} must-haves met"
