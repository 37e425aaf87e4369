"""JSON Resume import: any 0.x / 1.0 variant is normalised to 1.0, then mapped onto typed facts.

Mapping (attribute names follow core.model.FactType):
  basics.*           -> contact facts (kind name|label|email|phone|url|summary|image|location|profile)
  work[]             -> organisation (one per name) + role (role_at) + achievement per highlight (achieved_in)
  skills[]           -> one skill fact per keyword (category = the group's name), or the group itself
                        when it lists none: core.intake.jsonresume.skill_entries, shared with a drop
  education, certificates (credential), awards, publications, volunteer, languages, interests,
  projects           -> one fact each;   references -> contact kind=reference;   meta -> settings
Keys a section entry has beyond the schema's are kept in `attributes["extra"]` and exported back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.dates import is_present
from core.errors import ImportFailed
from core.exchange.plan import ImportPlan, ImportResult, imported_source, store_plan
from core.intake.jsonresume import skill_entries
from core.jsonutil import loads_document
from core.model import EdgeKind, FactStatus, FactType
from core.workspace import Workspace

META_SETTING = "exchange.jsonresume.meta"

# Known keys of each list section (1.0 names) and the 0.x / tool-specific aliases accepted on import.
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


def _date(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return None if not s or is_present(s) else s


def _strs(v: Any) -> list[str]:
    if isinstance(v, str):
        return [v] if v.strip() else []
    return [str(x) for x in v or [] if isinstance(x, (str, int, float)) and str(x).strip()]


def normalise(data: Any) -> dict[str, Any]:
    """A JSON Resume 1.0 dict from any 0.x/1.0 variant (aliases renamed, strings to lists, dates
    checked); unknown keys are kept."""
    if not isinstance(data, dict):
        raise ImportFailed("This is not a JSON Resume document (expected a JSON object).")
    out: dict[str, Any] = {k: v for k, v in data.items() if k not in FIELDS and k != "basics"}
    b = data.get("basics") or {}
    if isinstance(b, dict):
        basics = {BASICS_ALIASES.get(k, k): v for k, v in b.items()}
        loc = basics.get("location")
        if isinstance(loc, str):
            basics["location"] = {"address": loc}
        elif isinstance(loc, dict):
            basics["location"] = {("region" if k == "state" else "countryCode" if k == "country" else k): v
                                  for k, v in loc.items()}
        basics["profiles"] = [p for p in basics.get("profiles") or [] if isinstance(p, dict)]
        out["basics"] = basics
    for section in FIELDS:
        entries = data.get(section)
        if entries is None:
            continue
        if not isinstance(entries, list):
            raise ImportFailed(f"JSON Resume '{section}' must be a list.")
        out[section] = [_entry(section, e) for e in entries if e not in (None, "")]
    return out


def _entry(section: str, e: Any) -> dict[str, Any]:
    if isinstance(e, str):  # e.g. skills: ["Python"], languages: ["French"], interests: ["Chess"]
        first = FIELDS[section][0]
        return {first: e}
    if not isinstance(e, dict):
        raise ImportFailed(f"An entry of JSON Resume '{section}' is not an object.")
    aliases = ALIASES.get(section, {})
    entry: dict[str, Any] = {}
    for k, v in e.items():
        canonical = aliases.get(str(k), str(k))
        entry[canonical if canonical not in e else str(k)] = v  # an alias never overrides the 1.0 key
    for k in ("highlights", "keywords", "courses", "roles"):
        if k in entry:
            entry[k] = _strs(entry[k])
    return entry


def _split(section: str, entry: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    known = {k: entry.get(k) for k in FIELDS[section]}
    extra = {k: v for k, v in entry.items() if k not in FIELDS[section]}
    return known, extra


def build_plan(resume: dict[str, Any], *, name: str, status: FactStatus = FactStatus.approved) -> ImportPlan:
    """Map a normalised JSON Resume onto facts and links."""
    plan = ImportPlan(imported_source("jsonresume", name), status=status)
    b = resume.get("basics") or {}
    for kind in ("name", "label", "email", "phone", "url", "summary", "image"):
        if isinstance(b.get(kind), str) and b[kind].strip():
            plan.add(f"basics.{kind}", FactType.contact, b[kind], {"kind": kind, "value": b[kind]})
    loc = b.get("location")
    if isinstance(loc, dict) and any(loc.values()):
        shown = ", ".join(str(loc[k]) for k in ("city", "region", "countryCode") if loc.get(k)) or str(
            loc.get("address") or "")
        plan.add("basics.location", FactType.contact, shown,
                 {"kind": "location", "value": shown, **{k: loc.get(k) for k in LOCATION},
                  "extra": {k: v for k, v in loc.items() if k not in LOCATION}})
    for i, p in enumerate(b.get("profiles") or []):
        shown = str(p.get("url") or f"{p.get('network', '')}: {p.get('username', '')}")
        plan.add(f"basics.profiles.{i}", FactType.contact, shown,
                 {"kind": "profile", "value": shown, "network": p.get("network"), "username": p.get("username"),
                  "url": p.get("url"), "extra": {k: v for k, v in p.items() if k not in ("network", "username", "url")}})
    extra_basics = {k: v for k, v in b.items() if k not in BASICS}
    if extra_basics:
        plan.settings["exchange.jsonresume.basics_extra"] = json.dumps(extra_basics)
    _work(plan, resume.get("work") or [])
    _skills(plan, resume.get("skills") or [])
    simple = {
        "education": (FactType.education, "institution", {"institution": "institution", "url": "url", "area": "field",
                      "studyType": "degree", "startDate": "start", "endDate": "end", "score": "grade",
                      "courses": "courses"}),
        "certificates": (FactType.credential, "name", {"name": "name", "date": "date", "url": "url",
                         "issuer": "issuer"}),
        "awards": (FactType.award, "title", {"title": "title", "date": "date", "awarder": "awarder",
                   "summary": "summary"}),
        "publications": (FactType.publication, "name", {"name": "name", "publisher": "publisher",
                         "releaseDate": "date", "url": "url", "summary": "summary"}),
        "volunteer": (FactType.volunteer, "position", {"organization": "organisation", "position": "position",
                      "url": "url", "startDate": "start", "endDate": "end", "summary": "summary",
                      "highlights": "highlights"}),
        "languages": (FactType.language, "language", {"language": "language", "fluency": "fluency"}),
        "interests": (FactType.interest, "name", {"name": "name", "keywords": "keywords"}),
        "references": (FactType.contact, "name", {"name": "name", "reference": "reference"}),
        "projects": (FactType.project, "name", {"name": "name", "description": "description",
                     "highlights": "highlights", "keywords": "keywords", "startDate": "start",
                     "endDate": "end", "url": "url", "roles": "roles", "entity": "entity", "type": "type"}),
    }
    for section, (ftype, value_key, mapping) in simple.items():
        for i, entry in enumerate(resume.get(section) or []):
            known, extra = _split(section, entry)
            attrs = {mapping[k]: (_date(v) if k.endswith("Date") or k == "date" else v) for k, v in known.items()}
            if section == "references":
                attrs["kind"] = "reference"
            value = str(known.get(value_key) or (entry.get("organization") if section == "volunteer" else "") or "")
            if section == "volunteer" and known.get("organization"):
                value = f"{known.get('position') or 'Volunteer'}, {known['organization']}"
            plan.add(f"{section}.{i}", ftype, value or section, {**attrs, "extra": extra})
    if isinstance(resume.get("meta"), dict):
        plan.settings[META_SETTING] = json.dumps(resume["meta"])
    return plan


def _work(plan: ImportPlan, work: list[dict[str, Any]]) -> None:
    orgs: dict[str, str] = {}
    for i, entry in enumerate(work):
        known, extra = _split("work", entry)
        org_name = str(known.get("name") or "").strip()
        role_key = plan.add(f"work.{i}", FactType.role, str(known.get("position") or org_name or "Role"), {
            "title": known.get("position"), "organisation": org_name or None, "location": known.get("location"),
            "start": _date(known.get("startDate")), "end": _date(known.get("endDate")),
            "summary": known.get("summary"), "url": known.get("url"), "description": known.get("description"),
            "extra": extra,
        })
        if org_name:
            fold = org_name.casefold()
            if fold not in orgs:
                orgs[fold] = plan.add(f"org.{len(orgs)}", FactType.organisation, org_name, {
                    "name": org_name, "url": known.get("url"), "description": known.get("description"),
                    "location": known.get("location")})
            plan.link(EdgeKind.role_at, role_key, orgs[fold])
        for j, h in enumerate(known.get("highlights") or []):
            ach = plan.add(f"work.{i}.highlights.{j}", FactType.achievement, h, {"text": h})
            plan.link(EdgeKind.achieved_in, ach, role_key)


def _skills(plan: ImportPlan, skills: list[dict[str, Any]]) -> None:
    """The same skills a drop of the file gives (core.intake.jsonresume.skill_entries)."""
    for i, entry in enumerate(skills):
        _known, extra = _split("skills", entry)
        for skill in skill_entries(entry):
            if skill.keyword is None:
                plan.add(f"skills.{i}", FactType.skill, skill.name, {"name": skill.name, "level": skill.level,
                                                                      "extra": extra})
            else:
                plan.add(f"skills.{i}.{skill.keyword}", FactType.skill, skill.name, {
                    "name": skill.name, "category": skill.category, "level": skill.level,
                    "extra": extra if skill.keyword == 0 else None})


def load_json(path: Path) -> Any:
    try:
        return loads_document(path.read_bytes())
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ImportFailed(f"{path.name} is not readable JSON.") from exc


def import_jsonresume(ws: Workspace, source: Path | dict[str, Any], *, name: str | None = None,
                      status: FactStatus = FactStatus.approved) -> ImportResult:
    """Import a JSON Resume file (or dict) as facts with `imported` provenance naming the file."""
    data = load_json(source) if isinstance(source, Path) else source
    label_name = name or (source.name if isinstance(source, Path) else "resume.json")
    plan = build_plan(normalise(data), name=label_name, status=status)
    return store_plan(ws, plan, label=f"Import {label_name}")
