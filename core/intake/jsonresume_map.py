"""One mapping from JSON Resume content to facts, for a drop and an Import alike.

A drop (core.intake.jsonresume) adds spans into its text rendering; an Import
(core.exchange.jsonresume_import) keeps the keys beyond the schema for the export round trip.
Both read the facts, values and attributes from here, so the same file gives the same facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from core.extract.dates import PRESENT_RE
from core.extract.metrics import Metric, find_metrics
from core.model import FactType

# Known keys of each list section (1.0 names) and the 0.x / tool-specific aliases accepted.
FIELDS: dict[str, tuple[str, ...]] = {
    "work": ("name", "location", "description", "position", "url", "startDate", "endDate", "summary", "highlights"),
    "volunteer": ("organization", "position", "url", "startDate", "endDate", "summary", "highlights"),
    "education": ("institution", "url", "area", "studyType", "startDate", "endDate", "score", "courses"),
    "awards": ("title", "date", "awarder", "summary"),
    "certificates": ("name", "date", "url", "issuer"),
    "publications": ("name", "publisher", "releaseDate", "url", "summary"),
    "skills": ("name", "level", "keywords"),
    "languages": ("language", "fluency"),
    "interests": ("name", "keywords"),
    "references": ("name", "reference"),
    "projects": ("name", "description", "highlights", "keywords", "startDate", "endDate", "url", "roles",
                 "entity", "type"),
}
ALIASES: dict[str, dict[str, str]] = {
    "work": {"company": "name", "website": "url", "title": "position", "start": "startDate", "end": "endDate"},
    "volunteer": {"organisation": "organization", "website": "url"},
    "education": {"gpa": "score", "website": "url", "degree": "studyType", "field": "area"},
    "awards": {"name": "title"},
    "certificates": {"title": "name", "authority": "issuer", "website": "url"},
    "publications": {"website": "url", "date": "releaseDate"},
    "projects": {"website": "url", "summary": "description"},
    "languages": {"name": "language", "level": "fluency"},
}
BASICS = ("name", "label", "image", "email", "phone", "url", "summary", "location", "profiles")
BASICS_ALIASES = {"website": "url", "picture": "image", "title": "label"}
LOCATION = ("address", "postalCode", "city", "countryCode", "region")
LIST_FIELDS = ("highlights", "keywords", "courses", "roles")
CONTACT_KINDS = ("name", "label", "email", "phone", "url", "summary", "image")

# section -> (fact type, JSON keys whose first non-empty value is the fact's value, JSON key -> attribute)
SIMPLE: dict[str, tuple[FactType, tuple[str, ...], dict[str, str]]] = {
    "education": (FactType.education, ("institution", "studyType", "area"), {
        "institution": "institution", "url": "url", "area": "field", "studyType": "degree", "startDate": "start",
        "endDate": "end", "score": "grade", "courses": "courses"}),
    "certificates": (FactType.credential, ("name", "issuer"), {
        "name": "name", "date": "date", "url": "url", "issuer": "issuer"}),
    "awards": (FactType.award, ("title", "awarder"), {
        "title": "title", "date": "date", "awarder": "awarder", "summary": "summary"}),
    "publications": (FactType.publication, ("name", "publisher"), {
        "name": "name", "publisher": "publisher", "releaseDate": "date", "url": "url", "summary": "summary"}),
    "volunteer": (FactType.volunteer, ("position", "organization"), {
        "organization": "organisation", "position": "position", "url": "url", "startDate": "start",
        "endDate": "end", "summary": "summary", "highlights": "highlights"}),
    "languages": (FactType.language, ("language", "fluency"), {"language": "language", "fluency": "fluency"}),
    "interests": (FactType.interest, ("name",), {"name": "name", "keywords": "keywords"}),
    "references": (FactType.contact, ("name",), {"name": "name", "reference": "reference"}),
    "projects": (FactType.project, ("name",), {
        "name": "name", "description": "description", "highlights": "highlights", "keywords": "keywords",
        "startDate": "start", "endDate": "end", "url": "url", "roles": "roles", "entity": "entity", "type": "type"}),
}
ACHIEVEMENT_SECTIONS = ("work", "volunteer", "projects")  # their highlights are achievements of the entry


class SkillEntry(NamedTuple):
    """One skill a JSON Resume skills entry stands for."""

    name: str
    category: str | None  # the group's name, when the skill is one of its keywords
    level: str | None
    keyword: int | None  # its index among the entry's keywords (None: the entry's own name)


@dataclass(frozen=True, slots=True)
class Mapped:
    """One fact a JSON Resume entry or basics field stands for, before spans or provenance."""

    type: FactType
    value: str
    attributes: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)  # keys beyond the schema (an Import exports them back)
    organisation: Mapped | None = None  # work: the employer (an Import keeps one fact per name)
    achievements: tuple[str, ...] = ()  # highlights that become achievements of this fact


def text(value: Any) -> str:
    """A scalar as clean one-line text ('' for containers, booleans and None)."""
    ok = isinstance(value, (str, int, float)) and not isinstance(value, bool)
    return " ".join(str(value).split()) if ok else ""


def strings(value: Any) -> list[str]:
    """A string or a list of scalars as a list of non-empty strings."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if not isinstance(value, list):
        return []
    return [str(x) for x in value if isinstance(x, (str, int, float)) and str(x).strip()]


def date(value: Any) -> str | None:
    """A date as given; None when empty or 'present' (an open end)."""
    s = str(value).strip() if value is not None else ""
    return None if not s or PRESENT_RE.match(s) else s


def canonical_entry(section: str, entry: Any) -> dict[str, Any] | None:
    """A list-section entry with 1.0 key names: aliases renamed (never over the 1.0 key), a bare string
    read as the section's first field (skills: ["Python"]), list fields as lists; None if not an object."""
    if isinstance(entry, str):
        return {FIELDS[section][0]: entry} if entry.strip() else None
    if not isinstance(entry, dict):
        return None
    aliases = ALIASES.get(section, {})
    out: dict[str, Any] = {}
    for k, v in entry.items():
        canonical = aliases.get(str(k), str(k))
        out[canonical if canonical not in entry else str(k)] = v
    for k in LIST_FIELDS:
        if k in out:
            out[k] = strings(out[k])
    return out


def canonical_basics(basics: Mapping[str, Any]) -> dict[str, Any]:
    """`basics` with 1.0 key names, the location as an object and profiles as a list of objects."""
    out = {BASICS_ALIASES.get(k, k): v for k, v in basics.items()}
    loc = out.get("location")
    if isinstance(loc, str):
        out["location"] = {"address": loc}
    elif isinstance(loc, dict):
        out["location"] = {("region" if k == "state" else "countryCode" if k == "country" else k): v
                           for k, v in loc.items()}
    out["profiles"] = [p for p in out.get("profiles") or [] if isinstance(p, dict)]
    return out


def basics_facts(basics: Mapping[str, Any]) -> list[tuple[str, Mapped]]:
    """(key, fact) for each contact detail of a canonical `basics`: name, label, e-mail, phone, url,
    summary, image, location and profiles."""
    out: list[tuple[str, Mapped]] = []
    for kind in CONTACT_KINDS:
        value = basics.get(kind)
        if isinstance(value, str) and value.strip():
            out.append((f"basics.{kind}", Mapped(FactType.contact, value, {"kind": kind, "value": value})))
    loc = basics.get("location")
    if isinstance(loc, dict) and any(loc.values()):
        shown = ", ".join(str(loc[k]) for k in ("city", "region", "countryCode") if loc.get(k)) or str(
            loc.get("address") or "")
        if shown.strip():
            out.append(("basics.location", Mapped(
                FactType.contact, shown, {"kind": "location", "value": shown, **{k: loc.get(k) for k in LOCATION}},
                {k: v for k, v in loc.items() if k not in LOCATION})))
    for i, p in enumerate(basics.get("profiles") or []):
        if not (text(p.get("url")) or text(p.get("username"))):
            continue
        shown = text(p.get("url")) or f"{text(p.get('network'))}: {text(p.get('username'))}".strip(": ")
        out.append((f"basics.profiles.{i}", Mapped(
            FactType.contact, shown, {"kind": "profile", "value": shown, "network": p.get("network"),
                                      "username": p.get("username"), "url": p.get("url")},
            {k: v for k, v in p.items() if k not in ("network", "username", "url")})))
    return out


def skill_entries(entry: Mapping[str, Any]) -> list[SkillEntry]:
    """The skills of one JSON Resume `skills` entry: each keyword, with the group's name as its
    category (a group such as "Programming" is how the person grouped them, not a skill); the
    entry's name itself only when it lists no keywords."""
    group, level = text(entry.get("name")), text(entry.get("level")) or None
    raw = entry.get("keywords")
    keywords = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    out = [SkillEntry(text(k), group or None, level, i) for i, k in enumerate(keywords) if text(k)]
    if out:
        return out
    return [SkillEntry(group, None, level, None)] if group else []


def entry_fact(section: str, entry: Mapping[str, Any]) -> Mapped | None:
    """The fact a canonical entry of a list section (other than skills) stands for; None when the
    entry holds nothing."""
    if section == "work":
        return _work(entry)
    if section not in SIMPLE or not any(v not in (None, "", [], {}) for v in entry.values()):
        return None
    ftype, value_keys, mapping = SIMPLE[section]
    known = {k: entry.get(k) for k in FIELDS[section]}
    attrs = {mapping[k]: (date(v) if k.endswith("Date") or k == "date" else v) for k, v in known.items()}
    if section == "references":
        attrs["kind"] = "reference"
    value = next((text(known[k]) for k in value_keys if text(known.get(k))), "") or section
    if section == "volunteer" and text(known.get("organization")):
        value = f"{text(known.get('position')) or 'Volunteer'}, {text(known['organization'])}"
    achievements = tuple(strings(known.get("highlights"))) if section in ACHIEVEMENT_SECTIONS else ()
    return Mapped(ftype, value, attrs, _extra(section, entry), achievements=achievements)


def _work(entry: Mapping[str, Any]) -> Mapped | None:
    known = {k: entry.get(k) for k in FIELDS["work"]}
    if not any(v not in (None, "", [], {}) for v in entry.values()):
        return None
    org = text(known.get("name"))
    employer = Mapped(FactType.organisation, org, {
        "name": org, "url": known.get("url"), "description": known.get("description"),
        "location": known.get("location")}) if org else None
    return Mapped(FactType.role, text(known.get("position")) or org or "Role", {
        "title": known.get("position"), "organisation": org or None, "location": known.get("location"),
        "start": date(known.get("startDate")), "end": date(known.get("endDate")), "summary": known.get("summary"),
        "url": known.get("url"), "description": known.get("description"),
    }, _extra("work", entry), organisation=employer, achievements=tuple(strings(known.get("highlights"))))


def achievement(line: str) -> tuple[dict[str, Any], list[Metric]]:
    """An achievement's attributes and the metrics in it (each becomes a metric fact it is measured by)."""
    metrics = find_metrics(line)
    return {"text": line, "metrics": [m.attributes() for m in metrics]}, metrics


def _extra(section: str, entry: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in FIELDS[section]}
