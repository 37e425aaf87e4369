"""JSON Resume export of the selected facts, validated against resources/jsonresume/schema.json.

Each role is its own work entry (a promotion stays a separate entry of one organisation);
highlights are the approved achievements achieved in that role. Sections are in reverse
chronological order (undated entries keep their vault order, after dated ones).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import text

from core.dates import PartialDate
from core.errors import ExportError
from core.exchange.dates import DATE_KEYS, iso_date
from core.exchange.jsonresume_import import META_SETTING
from core.exchange.readiness import fill_identity, require_content
from core.exchange.selection import Selected, Selection, select
from core.intake.jsonresume_map import LOCATION
from core.model import EdgeKind, Fact, FactType
from core.workspace import Workspace

CONTACT_KINDS = ("name", "label", "image", "email", "phone", "url", "summary")


@cache
def schema() -> dict[str, Any]:
    raw = resources.files("resources").joinpath("jsonresume/schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def validation_errors(resume: dict[str, Any]) -> list[str]:
    """Schema violations as readable strings (empty when valid)."""
    import jsonschema

    validator = jsonschema.Draft7Validator(schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
            for e in validator.iter_errors(resume)]


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def _with_extra(f: Fact, entry: dict[str, Any]) -> dict[str, Any]:
    extra = f.attributes.get("extra")
    for k in DATE_KEYS:
        if k in entry:
            entry[k] = iso_date(entry[k])
    return _clean({**(extra if isinstance(extra, dict) else {}), **entry})


def _by_date(facts: list[Fact], key: str = "start") -> list[Fact]:
    """Newest first by the stored partial date; undated last, in their given order."""
    dated = [(d, f) for f in facts if (d := PartialDate.parse(f.attributes.get(key))) is not None]
    undated = [f for f in facts if PartialDate.parse(f.attributes.get(key)) is None]
    return [f for _d, f in sorted(dated, key=lambda p: p[0], reverse=True)] + undated


def _basics(sel: Selected) -> dict[str, Any]:
    contacts = sel.of_type(FactType.contact)
    basics: dict[str, Any] = {}
    for kind in CONTACT_KINDS:
        found = [c for c in contacts if c.attributes.get("kind") == kind]
        if found:
            basics[kind] = found[0].value
    loc = [c for c in contacts if c.attributes.get("kind") == "location"]
    if loc:
        a = loc[0].attributes
        basics["location"] = _with_extra(loc[0], {k: a.get(k) for k in LOCATION}) or {"address": loc[0].value}
    def url_of(c: Fact) -> str | None:
        u = c.attributes.get("url")
        return str(u) if u else (c.value if "://" in c.value or c.value.startswith("www.") else None)

    urls = [c for c in contacts if c.attributes.get("kind") == "url"]
    profiles = [_with_extra(c, {"network": c.attributes.get("network"), "username": c.attributes.get("username"),
                                "url": url_of(c)})
                for c in contacts if c.attributes.get("kind") == "profile"]
    profiles += [{"url": c.value} for c in urls[1:]]  # JSON Resume has one url; the others become profiles
    if profiles:
        basics["profiles"] = profiles
    return basics


def _work(sel: Selected) -> list[dict[str, Any]]:
    out = []
    for role in _by_date(sel.of_type(FactType.role)):
        a = role.attributes
        orgs = sel.targets_of(role.id, EdgeKind.role_at)
        org = orgs[0] if orgs else None
        highlights = [f.value for f in sorted(sel.sources_of(role.id, EdgeKind.achieved_in),
                                                      key=lambda f: (sel.rank(f), f.id))
                      if f.type == FactType.achievement]
        out.append(_with_extra(role, {
            "name": (org.value if org else None) or a.get("organisation"),
            "location": a.get("location"),
            "description": a.get("description") or (org.attributes.get("description") if org else None),
            "position": role.value,
            "url": a.get("url") or (org.attributes.get("url") if org else None),
            "startDate": a.get("start"), "endDate": a.get("end"), "summary": a.get("summary"),
            "highlights": highlights,
        }))
    return out


def _skills(sel: Selected) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for f in sorted(sel.of_type(FactType.skill), key=lambda f: (sel.rank(f), f.id)):
        cat = f.attributes.get("category")
        if not cat:
            out.append(_with_extra(f, {"name": f.value, "level": f.attributes.get("level")}))
            continue
        if cat not in groups:
            groups[cat] = _with_extra(f, {"name": cat, "level": f.attributes.get("level")}) | {"keywords": []}
            out.append(groups[cat])
        groups[cat]["keywords"].append(f.value)
    return out


# section -> (fact type, date attribute to order by, [(JSON Resume key, attribute key or "=value")])
_SIMPLE: dict[str, tuple[FactType, str | None, list[tuple[str, str]]]] = {
    "volunteer": (FactType.volunteer, "start", [("organization", "organisation"), ("position", "position"),
                  ("url", "url"), ("startDate", "start"), ("endDate", "end"), ("summary", "summary"),
                  ("highlights", "highlights")]),
    "education": (FactType.education, "start", [("institution", "=value"), ("url", "url"), ("area", "field"),
                  ("studyType", "degree"), ("startDate", "start"), ("endDate", "end"), ("score", "grade"),
                  ("courses", "courses")]),
    "awards": (FactType.award, "date", [("title", "=value"), ("date", "date"), ("awarder", "awarder"),
               ("summary", "summary")]),
    "certificates": (FactType.credential, "date", [("name", "=value"), ("date", "date"), ("url", "url"),
                     ("issuer", "issuer")]),
    "publications": (FactType.publication, "date", [("name", "=value"), ("publisher", "publisher"),
                     ("releaseDate", "date"), ("url", "url"), ("summary", "summary")]),
    "languages": (FactType.language, None, [("language", "=value"), ("fluency", "fluency")]),
    "interests": (FactType.interest, None, [("name", "=value"), ("keywords", "keywords")]),
    "projects": (FactType.project, "start", [("name", "=value"), ("description", "description"),
                 ("highlights", "highlights"), ("keywords", "keywords"), ("startDate", "start"), ("endDate", "end"),
                 ("url", "url"), ("roles", "roles"), ("entity", "entity"), ("type", "type")]),
}


def _simple(sel: Selected, section: str) -> list[dict[str, Any]]:
    ftype, order, fields = _SIMPLE[section]
    facts = sorted(sel.of_type(ftype), key=lambda f: f.id)
    if order:
        facts = _by_date(facts, order)
    return [_with_extra(f, {k: (f.value if src == "=value" else f.attributes.get(src)) for k, src in fields})
            for f in facts]


def build_resume(ws: Workspace, sel: Selected) -> dict[str, Any]:
    resume: dict[str, Any] = {"$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"}
    with ws.reading() as conn:
        settings = dict(conn.execute(text("SELECT key, value FROM settings WHERE key LIKE 'exchange.jsonresume.%'")).all())
    basics = _basics(sel)
    if settings.get("exchange.jsonresume.basics_extra"):
        basics = {**json.loads(settings["exchange.jsonresume.basics_extra"]), **basics}
    resume["basics"] = basics
    resume["work"] = _work(sel)
    for section in ("volunteer", "education", "awards", "certificates", "publications"):
        resume[section] = _simple(sel, section)
    resume["skills"] = _skills(sel)
    resume["languages"] = _simple(sel, "languages")
    resume["interests"] = _simple(sel, "interests")
    resume["references"] = [_with_extra(f, {"name": f.value, "reference": f.attributes.get("reference")})
                            for f in sorted(sel.of_type(FactType.contact), key=lambda f: f.id)
                            if f.attributes.get("kind") == "reference"]
    resume["projects"] = _simple(sel, "projects")
    meta = json.loads(settings[META_SETTING]) if settings.get(META_SETTING) else {
        "version": "v1.0.0", "lastModified": datetime.now(UTC).isoformat(timespec="seconds")}
    resume["meta"] = meta
    return {k: v for k, v in resume.items() if v not in (None, [], {})}


def export_jsonresume(ws: Workspace, selection: Selection | None = None, *, validate: bool = True,
                      warnings: list[str] | None = None, require: bool = False) -> dict[str, Any]:
    """The JSON Resume view of the approved, exportable (and tailored) facts.

    The person's name and contact are filled in from pending facts when not approved (a warning
    for each goes into `warnings`); `require` refuses a resume with nothing but a header."""
    sel = select(ws, selection)
    notes = fill_identity(ws, sel)
    if warnings is not None:
        warnings.extend(notes)
    resume = build_resume(ws, sel)
    if require:
        require_content(resume, pending_included=bool(selection and selection.include_pending))
    if validate:
        errors = validation_errors(resume)
        if errors:
            raise ExportError("The resume does not satisfy the JSON Resume schema: " + "; ".join(errors[:5]),
                              hint="Fix the listed fields (dates are YYYY, YYYY-MM or YYYY-MM-DD).")
    return resume
