"""JSON Resume import: any 0.x / 1.0 variant is normalised to 1.0, then mapped onto typed facts.

Mapping (attribute names follow core.model.FactType):
  basics.*           -> contact facts (kind name|label|email|phone|url|summary|image|location|profile)
  work[]             -> organisation (one per name) + role (role_at) + achievement per highlight (achieved_in)
  volunteer[], projects[] -> one fact each + achievement per highlight (achieved_in)
  skills[]           -> one skill fact per keyword (category = the group's name), or the group itself
                        when it lists none
  education, certificates (credential), awards, publications, volunteer, languages, interests,
  projects           -> one fact each;   references -> contact kind=reference;   meta -> settings
Keys a section entry has beyond the schema's are kept in `attributes["extra"]` and exported back.
The facts, values and attributes come from core.intake.jsonresume_map, which a drop of the file uses too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.errors import ImportFailed
from core.exchange.plan import ImportPlan, ImportResult, imported_source, store_plan
from core.intake.jsonresume_map import (
    BASICS,
    FIELDS,
    achievement,
    basics_facts,
    canonical_basics,
    canonical_entry,
    entry_fact,
    skill_entries,
)
from core.jsonutil import loads_document
from core.model import EdgeKind, FactStatus, FactType
from core.workspace import Workspace

META_SETTING = "exchange.jsonresume.meta"


def normalise(data: Any) -> dict[str, Any]:
    """A JSON Resume 1.0 dict from any 0.x/1.0 variant (aliases renamed, strings to lists, dates
    checked); unknown keys are kept."""
    if not isinstance(data, dict):
        raise ImportFailed("This is not a JSON Resume document (expected a JSON object).")
    out: dict[str, Any] = {k: v for k, v in data.items() if k not in FIELDS and k != "basics"}
    b = data.get("basics") or {}
    if isinstance(b, dict):
        out["basics"] = canonical_basics(b)
    for section in FIELDS:
        entries = data.get(section)
        if entries is None:
            continue
        if not isinstance(entries, list):
            raise ImportFailed(f"JSON Resume '{section}' must be a list.")
        out[section] = [_entry(section, e) for e in entries if e not in (None, "")]
    return out


def _entry(section: str, e: Any) -> dict[str, Any]:
    entry = canonical_entry(section, e)
    if entry is None:
        raise ImportFailed(f"An entry of JSON Resume '{section}' is not an object.")
    return entry


def build_plan(resume: dict[str, Any], *, name: str, status: FactStatus = FactStatus.approved) -> ImportPlan:
    """Map a normalised JSON Resume onto facts and links (core.intake.jsonresume_map, as a drop does)."""
    plan = ImportPlan(imported_source("jsonresume", name), status=status)
    b = resume.get("basics") or {}
    for key, m in basics_facts(b):
        plan.add(key, m.type, m.value, {**m.attributes, "extra": m.extra or None})
    extra_basics = {k: v for k, v in b.items() if k not in BASICS}
    if extra_basics:
        plan.settings["exchange.jsonresume.basics_extra"] = json.dumps(extra_basics)
    orgs: dict[str, str] = {}
    for section in FIELDS:
        for i, entry in enumerate(resume.get(section) or []):
            if section == "skills":
                _skills(plan, i, entry)
                continue
            mapped = entry_fact(section, entry)
            if mapped is None:
                continue
            key = plan.add(f"{section}.{i}", mapped.type, mapped.value, {**mapped.attributes, "extra": mapped.extra})
            org = mapped.organisation
            if org is not None:
                fold = org.value.casefold()
                if fold not in orgs:
                    orgs[fold] = plan.add(f"org.{len(orgs)}", org.type, org.value, org.attributes)
                plan.link(EdgeKind.role_at, key, orgs[fold])
            for j, line in enumerate(mapped.achievements):
                _achievement(plan, f"{section}.{i}.highlights.{j}", line, key)
    if isinstance(resume.get("meta"), dict):
        plan.settings[META_SETTING] = json.dumps(resume["meta"])
    return plan


def _achievement(plan: ImportPlan, key: str, line: str, parent: str) -> None:
    attrs, metrics = achievement(line)
    plan.add(key, FactType.achievement, line, attrs)
    plan.link(EdgeKind.achieved_in, key, parent)
    for n, m in enumerate(metrics):
        plan.add(f"{key}.metric.{n}", FactType.metric, m.text, m.attributes())
        plan.link(EdgeKind.measured_by, key, f"{key}.metric.{n}")


def _skills(plan: ImportPlan, i: int, entry: dict[str, Any]) -> None:
    """The same skills a drop of the file gives (core.intake.jsonresume_map.skill_entries)."""
    extra = {k: v for k, v in entry.items() if k not in FIELDS["skills"]}
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
