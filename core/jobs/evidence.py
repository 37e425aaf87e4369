"""A person's facts (stored or freshly parsed) -> the MatchProfile the evidence ladder reads."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core.jobs import rules
from core.jobs.model import MatchProfile, Passage, RoleEvidence, SkillEvidence, StudyEvidence

_YM = re.compile(r"^(\d{4})(?:-(\d{1,2}))?")


@dataclass(frozen=True, slots=True)
class FactInput:
    """The part of a fact matching needs; `parent` is the id of the role an achievement belongs to."""

    id: int
    type: str
    value: str
    attributes: dict[str, Any] = field(default_factory=dict)
    parent: int | None = None


def month_index(value: str | None, today: date) -> int | None:
    """'YYYY[-MM]' -> months since year 0; '' / None / 'present' -> None."""
    if not value:
        return None
    m = _YM.match(str(value).strip())
    if m is None:
        return None
    year, month = int(m.group(1)), int(m.group(2) or 6)
    if not 1900 <= year <= today.year + 1:
        return None
    return year * 12 + min(max(month, 1), 12) - 1


def role_months(start: str | None, end: str | None, present: bool, today: date) -> tuple[int, int | None]:
    """(months in the role, last year of it); (0, None) when undated."""
    s = month_index(start, today)
    e = today.year * 12 + today.month - 1 if present or not end else month_index(end, today)
    if s is None:
        return 0, (e // 12 if e is not None and end else None)
    if e is None:
        e = s
    return max(e - s + 1, 1), e // 12


def _union_months(spans: list[tuple[int, int]]) -> int:
    """Months covered by possibly overlapping [start, end] spans (parallel roles count once)."""
    total, cur_s, cur_e = 0, None, None
    for s, e in sorted(spans):
        if cur_e is None or s > cur_e + 1:
            if cur_e is not None and cur_s is not None:
                total += cur_e - cur_s + 1
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None and cur_s is not None:
        total += cur_e - cur_s + 1
    return total


def profile_from_facts(facts: Sequence[FactInput], *, extractor: Any, today: date | None = None) -> MatchProfile:
    """Roles with spans, skills with evidence and recency, studies, credentials, languages, passages."""
    today = today or date.today()
    prof = MatchProfile()
    roles: dict[int, RoleEvidence] = {}
    spans: list[tuple[int, int]] = []
    role_bits: dict[int, list[str]] = {}
    texts: list[tuple[str, int, int | None, bool]] = []  # (text, fact id, role id, is achievement)
    listed: list[SkillEvidence] = []  # skills the person lists (linked to the ontology when the extractor can)
    for f in facts:
        a = f.attributes
        if f.type == "role":
            months, _ = role_months(a.get("start"), a.get("end"), bool(a.get("present")), today)
            s = month_index(a.get("start"), today)
            if s is not None:
                spans.append((s, s + months - 1))
            title = str(a.get("title") or f.value)
            roles[f.id] = RoleEvidence(title, f.id, str(a.get("start") or ""), str(a.get("end") or ""), months,
                                       tuple(a.get("onet_codes") or ()))
            role_bits[f.id] = [title, str(a.get("organisation") or ""), str(a.get("summary") or "")]
            texts.append((" ".join(role_bits[f.id]), f.id, f.id, False))
        elif f.type in ("achievement", "project"):
            text = str(a.get("text") or a.get("description") or f.value)
            texts.append((text, f.id, f.parent, True))
            prof.passages.append(Passage(text, f.id))
            if f.parent in role_bits:
                role_bits[f.parent].append(text)
        elif f.type == "skill":
            listed.append(SkillEvidence(str(a.get("name") or f.value), a.get("ontology_id"), f.id, passage=f.value))
            texts.append((str(a.get("name") or f.value), f.id, None, False))
        elif f.type == "education":
            degree = str(a.get("degree") or "")
            hit = rules.degree_hit(f"{degree} {f.value} degree")
            where = str(a.get("field") or "") or f.value  # an unsplit line still names the field
            prof.studies.append(StudyEvidence(degree or f.value, where, f.id, hit.level if hit else None))
        elif f.type == "credential":
            prof.certifications.append((str(a.get("name") or f.value), f.id))
        elif f.type == "language":
            prof.languages.append((str(a.get("language") or f.value), f.id))
        elif f.type == "contact" and a.get("kind") == "location":
            prof.location = str(a.get("value") or f.value)
        elif f.type == "contact" and a.get("kind") == "summary":
            texts.append((f.value, f.id, None, False))
            prof.passages.append(Passage(f.value, f.id))
    prof.roles = [RoleEvidence(r.title, r.fact_id, r.start, r.end, r.months, r.codes,
                               " ".join(b for b in role_bits[i] if b)) for i, r in roles.items()]
    prof.passages.extend(Passage(r.text, r.fact_id) for r in prof.roles if r.text)
    prof.total_months = _union_months(spans)
    prof.skills = _skills_in_texts(listed, texts, roles, extractor, today)
    return prof


def _skills_in_texts(listed: list[SkillEvidence], texts: list[tuple[str, int, int | None, bool]],
                     roles: dict[int, RoleEvidence], extractor: Any, today: date) -> list[SkillEvidence]:
    """Skills named in roles, achievements and skill lists, dated by the roles they sit in."""
    found: list[tuple[SkillEvidence, int | None]] = []
    linked: set[int] = set()
    spans_per_text = extractor.extract_many([t[0] for t in texts]) if extractor is not None and texts else []
    for (text, fact_id, role_id, achieved), spans in zip(texts, spans_per_text, strict=True):
        role = roles.get(role_id) if role_id is not None else None
        months, last = (0, None)
        if role is not None:
            months, last = role_months(role.start, role.end, not role.end, today)
        for sp in spans:
            linked.add(fact_id)
            found.append((SkillEvidence(sp.label or sp.text, sp.ontology_id, fact_id, passage=text,
                                        last_year=last, months=months, achieved=achieved), role_id))
    found.extend((s, None) for s in listed if s.fact_id not in linked)
    merged: dict[str, SkillEvidence] = {}
    months_by_role: dict[str, dict[int | None, int]] = {}
    for s, role_id in found:
        key = s.ontology_id or s.name.lower()
        per_role = months_by_role.setdefault(key, {})
        per_role[role_id] = max(per_role.get(role_id, 0), s.months)
        old = merged.get(key)
        if old is None:
            merged[key] = s
            continue
        merged[key] = SkillEvidence(
            old.name, old.ontology_id or s.ontology_id, old.fact_id if old.fact_id is not None else s.fact_id,
            old.passage, max((y for y in (old.last_year, s.last_year) if y is not None), default=None),
            0, old.achieved or s.achieved)
    return [SkillEvidence(v.name, v.ontology_id, v.fact_id, v.passage, v.last_year, sum(months_by_role[k].values()),
                          v.achieved) for k, v in sorted(merged.items())]


def facts_from_parsed(parsed_facts: Iterable[Any]) -> list[FactInput]:
    """ExtractedFacts of one parse (keys as parents) -> FactInputs numbered in order."""
    items = list(parsed_facts)
    ids = {f.key: i + 1 for i, f in enumerate(items)}
    return [FactInput(ids[f.key], str(f.type), f.value, dict(f.attributes),
                      ids.get(f.parent) if f.parent else None) for f in items]


def profile_from_text(text: str, *, extractor: Any, today: date | None = None) -> MatchProfile:
    """Parse a plain-text resume with the project's resume parser, then build its MatchProfile."""
    from core.documents.text_reader import _text_lines  # the text reader's layout, without a file
    from core.extract import extract

    parsed = extract(_text_lines(text, "txt"), source="<text>", sha256="")
    prof = profile_from_facts(facts_from_parsed(parsed.facts), extractor=extractor, today=today)
    if not prof.passages and text.strip():  # a resume the parser could not split: its paragraphs
        prof.passages = [Passage(p.strip(), None) for p in re.split(r"\n\s*\n", text) if p.strip()][:50]
    return prof
