"""Plain data types shared by parsing, the knowledge base, exports and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FactType(StrEnum):
    contact = "contact"  # attributes: kind (name|email|phone|location|url|profile|summary), value, network
    organisation = "organisation"  # name, location, url
    role = "role"  # title, organisation, location, start, end (None = present), summary
    achievement = "achievement"  # text, metrics (list of metric dicts)
    metric = "metric"  # kind (percent|money|count|duration|team_size), value, unit, text
    skill = "skill"  # name, category, level, ontology_id
    education = "education"  # institution, degree, field, start, end, grade
    credential = "credential"  # name, issuer, date, url
    project = "project"  # name, description, start, end, url
    language = "language"  # language, fluency
    award = "award"  # title, awarder, date, summary
    publication = "publication"  # name, publisher, date, url
    volunteer = "volunteer"  # organisation, position, start, end, summary
    interest = "interest"  # name, keywords
    preference = "preference"  # kind (goal|location|salary|...), value
    story = "story"  # situation, task, action, result (STAR), told in the interview; linked to role, skills


class FactStatus(StrEnum):
    pending = "pending"
    approved = "approved"
    rejected = "rejected"


class Visibility(StrEnum):
    exportable = "exportable"
    private = "private"


class SourceKind(StrEnum):
    document = "document"  # extracted from an ingested document
    person = "person"  # entered by the person
    interview = "interview"  # an answer in the interview panel
    imported = "imported"  # JSON Resume, LinkedIn export, Vita export


class DocumentType(StrEnum):
    resume = "resume"
    cover_letter = "cover_letter"
    performance_review = "performance_review"
    job_description = "job_description"
    certificate = "certificate"
    transcript = "transcript"
    reference_letter = "reference_letter"
    other = "other"


class EdgeKind(StrEnum):
    role_at = "role_at"  # role -> organisation
    achieved_in = "achieved_in"  # achievement -> role
    uses_skill = "uses_skill"  # achievement|role|project -> skill
    measured_by = "measured_by"  # achievement -> metric
    maps_to = "maps_to"  # skill|role -> ontology entry (target is an ontology id, not a fact)
    evidence_for = "evidence_for"  # fact -> fact it supports
    same_as = "same_as"  # fact <-> fact


@dataclass(frozen=True, slots=True)
class Span:
    """Where in a document's extracted text a fact came from."""

    page: int  # 1-based; 0 when the format has no pages
    start: int  # character offsets into the document's full text
    end: int


# An extracted fact below this confidence is flagged "needs review" (the knowledge table filters on it).
REVIEW_BELOW = 0.7


def needs_review(confidence: float) -> bool:
    """Whether a parsed fact with this confidence should be checked by the person."""
    return confidence < REVIEW_BELOW


@dataclass(slots=True)
class ExtractedFact:
    """One fact found by a parser, before it is stored. `key` is unique within one document."""

    key: str
    type: FactType
    value: str
    attributes: dict[str, Any] = field(default_factory=dict)
    span: Span | None = None
    confidence: float = 0.8
    extractor: str = "vita.extract"
    extractor_version: str = "1"
    parent: str | None = None  # key of the fact this one belongs to (achievement -> role)
    links: list[tuple[EdgeKind, str]] = field(default_factory=list)  # (kind, other key)


@dataclass(slots=True)
class ParsedDocument:
    """Everything one parse of one file produced; plain data so it crosses process boundaries."""

    source: str
    sha256: str
    mime: str
    text: str
    pages: list[tuple[int, int]]  # (start, end) character offsets of each page in `text`
    doc_type: DocumentType = DocumentType.other
    doc_type_confidence: float = 0.0
    facts: list[ExtractedFact] = field(default_factory=list)
    resume: dict[str, Any] = field(default_factory=dict)  # JSON Resume view of the facts
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class TextLine:
    """One visual line of a document with its layout; coordinates in points, origin top-left."""

    text: str
    page: int = 1  # 1-based
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    size: float = 0.0  # dominant font size; 0 when unknown
    bold: bool = False
    style: str = ""  # DOCX paragraph style, HTML tag, Markdown marker...
    list_item: bool = False
    links: list[str] = field(default_factory=list)  # hyperlink targets on this line
    icons: int = 0  # icon-font glyphs (private-use characters) removed from the text: a layout hint
    confidence: float = 1.0  # how sure the reader is of the text (OCR recognition score; 1 for text layers)
    region: str = ""  # page region the line sits in: band | main | sidebar ("" when not analysed)
    block: int = 0  # which region of its page, in reading order (1, 2, ...; 0 when not analysed)


@dataclass(slots=True)
class LayoutDocument:
    """What a format reader returns: lines in reading order, plus document-level links."""

    kind: str  # pdf | docx | txt | md | html | json | image
    lines: list[TextLine] = field(default_factory=list)
    page_count: int = 1
    page_width: float = 0.0
    links: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SourceSpec:
    """Provenance of a fact: a document passage, the person, an interview answer, an import."""

    source_kind: SourceKind = SourceKind.person
    document_id: int | None = None
    page: int | None = None
    start: int | None = None
    end: int | None = None
    extractor: str = ""
    extractor_version: str = ""
    confidence: float = 1.0
    note: str = ""
    chat_message_id: int | None = None  # an interview answer: the chat message it was said in


@dataclass(slots=True, kw_only=True)
class FactSource(SourceSpec):
    """A stored provenance row of a fact: its SourceSpec plus the row id (and, for a document
    source, the document's current type: a reference letter's facts say so)."""

    id: int
    document_type: DocumentType | None = None


@dataclass(slots=True)
class Fact:
    """A stored career fact as queries return it."""

    id: int
    type: FactType
    value: str
    attributes: dict[str, Any]
    status: FactStatus
    visibility: Visibility
    confidence: float
    source_kind: SourceKind
    tags: list[str]
    created_at: str
    updated_at: str
