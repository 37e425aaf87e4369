"""Read a JSON Resume file (jsonresume.org schema) into a ParsedDocument, validated loosely.

The resume is kept as given; a plain-text rendering is built line by line so every fact made
from it carries a span into that text (provenance like any other document).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from core.errors import UnsupportedFile
from core.intake.jsonresume_map import (
    achievement,
    basics_facts,
    canonical_basics,
    canonical_entry,
    entry_fact,
    skill_entries,
    strings,
    text,
)
from core.jsonutil import loads_document
from core.model import DocumentType, EdgeKind, ExtractedFact, FactType, ParsedDocument, Span

EXTRACTOR = "vita.intake.jsonresume"
VERSION = "1"
SECTIONS = (
    "basics", "work", "volunteer", "education", "awards", "certificates", "publications",
    "skills", "languages", "interests", "references", "projects", "meta",
)
LIST_SECTIONS = tuple(s for s in SECTIONS if s not in ("basics", "meta"))


class InvalidJSON(UnsupportedFile):
    """The file looked like JSON but does not parse (callers may read it as plain text)."""


def parse_json_resume(path: Path) -> ParsedDocument:
    """The file's JSON Resume content as `resume`, a text rendering, and facts with spans."""
    raw = path.read_bytes()
    try:
        data = loads_document(raw)
    except (UnicodeDecodeError, ValueError):
        raise InvalidJSON(f"{path.name}: not valid JSON.") from None
    validate_json_resume(data, path.name)
    writer = _Writer()
    basics = data.get("basics")
    _basics(writer, canonical_basics(basics) if isinstance(basics, dict) else {})
    for section in LIST_SECTIONS:
        items = [i for i in data.get(section) or [] if i not in (None, "", {})]
        if items:
            writer.line("")
            writer.line(section.upper())
            for item in items:
                _item(writer, section, item)
    text = writer.text()
    return ParsedDocument(
        source=str(path),
        sha256=hashlib.sha256(raw).hexdigest(),
        mime="application/json",
        text=text,
        pages=[(0, len(text))],
        doc_type=DocumentType.resume,
        doc_type_confidence=1.0,
        facts=writer.facts,
        resume=data,
        meta={"kind": "json", "format": "jsonresume", "pages": 1},
    )


def validate_json_resume(data: Any, name: str = "file") -> None:
    """Loose check: an object with a known section, sections of the right container type."""
    if not isinstance(data, dict):
        raise UnsupportedFile(f"{name}: JSON, but not a JSON Resume document (expected an object).")
    if not any(key in data for key in SECTIONS if key != "meta"):
        raise UnsupportedFile(f"{name}: JSON, but not a JSON Resume document (no basics, work, education...).")
    if "basics" in data and not isinstance(data["basics"], dict):
        raise UnsupportedFile(f"{name}: JSON Resume 'basics' must be an object.")
    for key in LIST_SECTIONS:
        if key in data and not isinstance(data[key], list):
            raise UnsupportedFile(f"{name}: JSON Resume '{key}' must be a list.")


class _Writer:
    """Accumulates text lines and facts whose spans point at those lines."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0
        self.facts: list[ExtractedFact] = []

    def line(self, text: str) -> Span:
        text = " ".join(text.split())
        span = Span(1, self.offset, self.offset + len(text))
        self.parts.append(text + "\n")
        self.offset += len(text) + 1
        return span

    def text(self) -> str:
        return "".join(self.parts)

    def fact(self, ftype: FactType, value: str, span: Span, /, *, parent: str | None = None, links: list[tuple[EdgeKind, str]] | None = None, **attrs: Any) -> str:
        key = f"{ftype.value}:{len(self.facts) + 1}"
        self.facts.append(
            ExtractedFact(
                key=key, type=ftype, value=value,
                attributes={k: v for k, v in attrs.items() if v not in (None, "", [], {})},
                span=span, confidence=0.95, extractor=EXTRACTOR, extractor_version=VERSION,
                parent=parent, links=list(links or []),
            )
        )
        return key


def _basics(w: _Writer, basics: dict[str, Any]) -> None:
    for key, m in basics_facts(basics):
        value = text(m.value)
        shown = f"{text(m.attributes.get('network'))} {value}".strip() if key.startswith("basics.profiles") else value
        w.fact(FactType.contact, value, w.line(shown), **m.attributes)


HEAD_KEYS = ("position", "name", "title", "studyType", "area", "institution", "organization", "language", "fluency",
             "level", "awarder", "issuer", "publisher")
DATE_KEYS = ("startDate", "endDate", "date", "releaseDate")


def _item(w: _Writer, section: str, raw: Any) -> None:
    item = canonical_entry(section, raw)
    if item is None:
        if text(raw):
            w.line(text(raw))
        return
    g = {k: text(v) for k, v in item.items()}
    mapped = entry_fact(section, item) if section != "skills" else None
    value = text(mapped.value) if mapped else ""
    parts = [g[k] for k in HEAD_KEYS if g.get(k) and g[k] not in value] + [g[k] for k in DATE_KEYS if g.get(k)]
    head = " | ".join([value, *parts] if value else parts)
    span = w.line(head) if head else Span(1, w.offset, w.offset)
    key = None
    if mapped:
        org = mapped.organisation
        org_key = w.fact(org.type, text(org.value), span, **org.attributes) if org else None
        key = w.fact(mapped.type, value, span, links=[(EdgeKind.role_at, org_key)] if org_key else None,
                     **mapped.attributes)
    skills = skill_entries(item) if section == "skills" else []
    for skill in skills:
        if skill.keyword is None:
            w.fact(FactType.skill, skill.name, span, name=skill.name, level=skill.level)
    keyword_skills = {s.keyword: s for s in skills if s.keyword is not None}
    achievements = set(mapped.achievements) if mapped else set()
    for field in ("summary", "description", "reference"):
        if g.get(field):
            w.line(g[field])
    for field in ("highlights", "keywords", "courses"):
        for i, value in enumerate(strings(item.get(field))):
            line = text(value)
            if not line:
                continue
            bullet_span = w.line(f"- {line}")
            inner = Span(1, bullet_span.start + 2, bullet_span.end)
            if field == "highlights" and value in achievements:
                _achievement(w, line, inner, key)
            elif field == "keywords" and i in keyword_skills:
                skill = keyword_skills[i]
                w.fact(FactType.skill, skill.name, inner, name=skill.name, category=skill.category, level=skill.level)


def _achievement(w: _Writer, line: str, span: Span, parent: str | None) -> None:
    attrs, metrics = achievement(line)
    key = w.fact(FactType.achievement, line, span, parent=parent,
                 links=[(EdgeKind.achieved_in, parent)] if parent else None, **attrs)
    for m in metrics:
        at = Span(1, span.start + m.start, span.start + m.end)
        metric = w.fact(FactType.metric, m.text, at, parent=key, **m.attributes())
        next(f for f in w.facts if f.key == key).links.append((EdgeKind.measured_by, metric))
