"""Read a JSON Resume file (jsonresume.org schema) into a ParsedDocument, validated loosely.

The resume is kept as given; a plain-text rendering is built line by line so every fact made
from it carries a span into that text (provenance like any other document).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from core.errors import UnsupportedFile
from core.jsonutil import loads_document
from core.model import DocumentType, EdgeKind, ExtractedFact, FactType, ParsedDocument, Span

EXTRACTOR = "vita.intake.jsonresume"
VERSION = "1"
SECTIONS = (
    "basics", "work", "volunteer", "education", "awards", "certificates", "publications",
    "skills", "languages", "interests", "references", "projects", "meta",
)
LIST_SECTIONS = tuple(s for s in SECTIONS if s not in ("basics", "meta"))


class SkillEntry(NamedTuple):
    """One skill a JSON Resume skills entry stands for."""

    name: str
    category: str | None  # the group's name, when the skill is one of its keywords
    level: str | None
    keyword: int | None  # its index among the entry's keywords (None: the entry's own name)


def skill_entries(entry: Mapping[str, Any]) -> list[SkillEntry]:
    """The skills of one JSON Resume `skills` entry: each keyword, with the group's name as its
    category (a group such as "Programming" is how the person grouped them, not a skill); the
    entry's name itself only when it lists no keywords. A drop and an Import both map skills here."""
    group, level = _s(entry.get("name")), _s(entry.get("level")) or None
    raw = entry.get("keywords")
    keywords = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    out = [SkillEntry(_s(k), group or None, level, i) for i, k in enumerate(keywords) if _s(k)]
    if out:
        return out
    return [SkillEntry(group, None, level, None)] if group else []


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
    _basics(writer, data.get("basics") or {})
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


def _s(value: Any) -> str:
    """A scalar as clean text ('' for containers and None)."""
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _basics(w: _Writer, basics: dict[str, Any]) -> None:
    for kind, key in (("name", "name"), ("label", "label"), ("email", "email"), ("phone", "phone"), ("url", "url"), ("summary", "summary")):
        value = _s(basics.get(key))
        if value:
            span = w.line(value)
            if kind != "label":
                w.fact(FactType.contact, value, span, kind=kind)
    location = basics.get("location")
    if isinstance(location, dict):
        place = ", ".join(_s(location.get(k)) for k in ("city", "region", "countryCode") if _s(location.get(k)))
        if place:
            w.fact(FactType.contact, place, w.line(place), kind="location")
    for profile in basics.get("profiles") or []:
        if isinstance(profile, dict) and (_s(profile.get("url")) or _s(profile.get("username"))):
            network, url = _s(profile.get("network")), _s(profile.get("url")) or _s(profile.get("username"))
            w.fact(FactType.contact, url, w.line(f"{network} {url}".strip()), kind="profile", network=network)


BARE_ENTRY_KEY = {"skills": "name", "interests": "name", "languages": "language"}  # ["Python"] means {"name": "Python"}


def _item(w: _Writer, section: str, item: Any) -> None:
    if section in BARE_ENTRY_KEY and isinstance(item, str) and item.strip():
        item = {BARE_ENTRY_KEY[section]: item}
    if not isinstance(item, dict):
        value = _s(item)
        if value:
            w.line(value)
        return
    g = {k: _s(v) for k, v in item.items()}
    head_keys = ("position", "name", "title", "studyType", "area", "institution", "organization", "language", "fluency", "level", "awarder", "issuer", "publisher")
    dates = {k: g.get(k, "") for k in ("startDate", "endDate", "date", "releaseDate")}
    head = " | ".join([g[k] for k in head_keys if g.get(k)] + [v for v in dates.values() if v])
    span = w.line(head) if head else Span(1, w.offset, w.offset)
    key = _section_fact(w, section, g, span)
    skills = skill_entries(item) if section == "skills" else []
    for skill in skills:
        if skill.keyword is None:
            w.fact(FactType.skill, skill.name, span, name=skill.name, level=skill.level)
    keyword_skills = {s.keyword: s for s in skills if s.keyword is not None}
    for field in ("summary", "description", "reference"):
        if g.get(field):
            w.line(g[field])
    for field in ("highlights", "keywords", "courses"):
        values = item.get(field) or []
        for i, value in enumerate([values] if isinstance(values, str) else values):
            text = _s(value)
            if not text:
                continue
            bullet_span = w.line(f"- {text}")
            inner = Span(1, bullet_span.start + 2, bullet_span.end)
            if field == "highlights" and section in ("work", "volunteer", "projects"):
                _achievement(w, text, inner, key)
            elif field == "keywords" and i in keyword_skills:
                skill = keyword_skills[i]
                w.fact(FactType.skill, skill.name, inner, name=skill.name, category=skill.category, level=skill.level)


def _section_fact(w: _Writer, section: str, g: dict[str, str], span: Span) -> str | None:
    """The fact for one entry of a JSON Resume section (None for references and unknown ones)."""
    start, end = g.get("startDate"), g.get("endDate")
    if section == "work" and (g.get("position") or g.get("name")):
        org = w.fact(FactType.organisation, g["name"], span, name=g["name"], location=g.get("location"), url=g.get("url")) if g.get("name") else None
        return w.fact(
            FactType.role, g.get("position") or g["name"], span, title=g.get("position"), organisation=g.get("name"),
            location=g.get("location"), start=start, end=end, summary=g.get("summary"),
            links=[(EdgeKind.role_at, org)] if org else None,
        )
    if section == "volunteer" and (g.get("organization") or g.get("position")):
        return w.fact(FactType.volunteer, g.get("position") or g["organization"], span, organisation=g.get("organization"), position=g.get("position"), start=start, end=end, summary=g.get("summary"))
    if section == "education" and g.get("institution"):
        return w.fact(FactType.education, g["institution"], span, institution=g["institution"], degree=g.get("studyType"), field=g.get("area"), start=start, end=end, grade=g.get("score"))
    if section == "certificates" and g.get("name"):
        return w.fact(FactType.credential, g["name"], span, name=g["name"], issuer=g.get("issuer"), date=g.get("date"), url=g.get("url"))
    if section == "awards" and g.get("title"):
        return w.fact(FactType.award, g["title"], span, title=g["title"], awarder=g.get("awarder"), date=g.get("date"), summary=g.get("summary"))
    if section == "publications" and g.get("name"):
        return w.fact(FactType.publication, g["name"], span, name=g["name"], publisher=g.get("publisher"), date=g.get("releaseDate"), url=g.get("url"))
    if section == "languages" and g.get("language"):
        return w.fact(FactType.language, g["language"], span, language=g["language"], fluency=g.get("fluency"))
    if section == "interests" and g.get("name"):
        return w.fact(FactType.interest, g["name"], span, name=g["name"])
    if section == "projects" and g.get("name"):
        return w.fact(FactType.project, g["name"], span, name=g["name"], description=g.get("description"), start=start, end=end, url=g.get("url"))
    return None


def _achievement(w: _Writer, text: str, span: Span, parent: str | None) -> None:
    try:
        from core.extract.metrics import find_metrics
    except ImportError:
        metrics: list[Any] = []
    else:
        metrics = find_metrics(text)
    key = w.fact(
        FactType.achievement, text, span, parent=parent, text=text,
        metrics=[{"kind": m.kind, "value": m.value, "unit": m.unit, "text": m.text} for m in metrics],
        links=[(EdgeKind.achieved_in, parent)] if parent else None,
    )
    for m in metrics:
        at = Span(1, span.start + m.start, span.start + m.end)
        metric = w.fact(FactType.metric, m.text, at, parent=key, kind=m.kind, value=m.value, unit=m.unit, text=m.text)
        next(f for f in w.facts if f.key == key).links.append((EdgeKind.measured_by, metric))
