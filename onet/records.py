"""Plain, frozen records the ontology store returns (no SQLite rows leak out of `onet`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Occupation:
    code: str  # O*NET-SOC code, e.g. "15-1252.00"
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class AlternateTitle:
    code: str
    title: str
    short_title: str | None = None


@dataclass(frozen=True, slots=True)
class TitleEntry:
    """One title text that names an occupation: its own title, an alternate or a short title."""

    text: str
    code: str
    source: str  # "occupation" | "alternate" | "short"
    reports: int = 0  # how many of O*NET's title sources report an alternate title (0: own title or unknown)


@dataclass(frozen=True, slots=True)
class TechnologySkill:
    """A technology example (e.g. "Python") under a UNSPSC commodity, with the occupations using it."""

    id: int
    example: str
    commodity_code: str | None
    commodity_title: str | None
    hot: bool  # Hot Technology in any occupation
    in_demand: bool  # In Demand in any occupation
    occupation_codes: tuple[str, ...] = ()

    @property
    def ontology_id(self) -> str:
        return f"onet:tech:{self.id}"


@dataclass(frozen=True, slots=True)
class OccupationTechnology:
    """A technology skill as listed for one occupation (flags are per occupation)."""

    id: int
    example: str
    commodity_code: str | None
    commodity_title: str | None
    hot: bool
    in_demand: bool


@dataclass(frozen=True, slots=True)
class Tool:
    id: int
    example: str
    commodity_code: str | None
    commodity_title: str | None
    occupation_codes: tuple[str, ...] = ()

    @property
    def ontology_id(self) -> str:
        return f"onet:tool:{self.id}"


@dataclass(frozen=True, slots=True)
class SkillElement:
    """A content-model element: a skill, knowledge area, ability, work style..."""

    element_id: str  # e.g. "2.A.1.a"
    name: str  # e.g. "Reading Comprehension"
    domain: str  # "skill" | "knowledge" | "ability" | "work_style" | "interest" | ...
    description: str = ""

    @property
    def ontology_id(self) -> str:
        return f"onet:element:{self.element_id}"


@dataclass(frozen=True, slots=True)
class ElementRating:
    """An element's rating for one occupation (Importance 1-5, Level 0-7 where present)."""

    element_id: str
    name: str
    domain: str
    importance: float | None
    level: float | None
    not_relevant: bool = False


@dataclass(frozen=True, slots=True)
class Task:
    task_id: str | None
    text: str
    task_type: str | None
    emerging: bool = False


@dataclass(frozen=True, slots=True)
class JobZone:
    zone: int
    name: str = ""
    experience: str = ""
    education: str = ""
    training: str = ""
    examples: str = ""
    svp_range: str = ""


@dataclass(frozen=True, slots=True)
class EducationLevel:
    """Share of respondents (percent) reporting one category of required education."""

    category: int
    description: str
    percent: float


@dataclass(frozen=True, slots=True)
class RelatedOccupation:
    code: str
    title: str
    tier: str | None
    index: int | None


@dataclass(frozen=True, slots=True)
class FileReport:
    """What the importer did with one release file."""

    name: str
    status: str  # "loaded" | "missing" | "unusable" | "ignored"
    rows: int = 0
    note: str = ""


@dataclass(frozen=True, slots=True)
class OntologyInfo:
    """What `vita onet status` shows."""

    path: str
    version: str
    attribution: str
    licence: str
    imported_at: str
    source: str
    schema_version: int
    counts: dict[str, int] = field(default_factory=dict)
    files: tuple[FileReport, ...] = ()
    embeddings: dict[str, int] = field(default_factory=dict)
    embedding_model: str = ""
