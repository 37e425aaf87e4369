"""A person's facts (stored or freshly parsed) -> the MatchProfile the evidence ladder reads."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from core.dates import DateSpan, PartialDate, months_of_experience
from core.jobs import rules
from core.jobs.implied import implied_by_shape, language_names
from core.jobs.model import (
    MatchProfile,
    OccupationGuess,
    Passage,
    RoleEvidence,
    SkillEvidence,
    StudyEvidence,
)

if TYPE_CHECKING:
    from core.profile import CareerProfile

# O*NET basic communication skills (Speaking, Writing, Listening, Reading) and social skills (Coordination,
# Persuasion, Negotiation, Instructing, Service Orientation, Social Perceptiveness)
PEOPLE_ELEMENTS = ("onet:element:2.A.1.", "onet:element:2.B.1.")


@dataclass(frozen=True, slots=True)
class FactInput:
    """The part of a fact matching needs; `parent` is the id of the role an achievement belongs to."""

    id: int
    type: str
    value: str
    attributes: dict[str, Any] = field(default_factory=dict)
    parent: int | None = None


def role_months(attrs: dict[str, Any], now: PartialDate) -> tuple[int, int | None, DateSpan]:
    """(months in the role, the last year it covers, its span); (0, None, span) when undated."""
    span = DateSpan.from_attributes(attrs)
    r = span.months_range(now)
    if r is None:
        return 0, (span.end.year if span.end is not None else None), span
    return r[1] - r[0], (r[1] - 1) // 12, span


def profile_from_facts(facts: Sequence[FactInput], *, extractor: Any, today: date | None = None) -> MatchProfile:
    """Roles with spans, skills with evidence and recency, studies, credentials, languages, passages."""
    now = PartialDate.from_date(today or date.today())
    prof = MatchProfile()
    roles: dict[int, RoleEvidence] = {}
    role_last: dict[int, int | None] = {}
    spans: list[DateSpan] = []
    role_bits: dict[int, list[str]] = {}
    texts: list[tuple[str, int, int | None, bool]] = []  # (text, fact id, role id, is achievement)
    listed: list[SkillEvidence] = []  # skills the person lists (linked to the ontology when the extractor can)
    for f in facts:
        a = f.attributes
        if f.type == "role":
            months, role_last[f.id], span = role_months(a, now)
            spans.append(span)
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
            # the degree's own words first: "Tufts University" in the value reads as "university degree"
            hit = (rules.degree_hit(f"{degree} degree") if degree else None) or rules.degree_hit(f"{f.value} degree")
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
    prof.total_months = months_of_experience(spans, now)
    prof.skills = _skills_in_texts(listed, texts, roles, role_last, extractor)
    return prof


def _skills_in_texts(listed: list[SkillEvidence], texts: list[tuple[str, int, int | None, bool]],
                     roles: dict[int, RoleEvidence], role_last: dict[int, int | None],
                     extractor: Any) -> list[SkillEvidence]:
    """Skills named in roles, achievements and skill lists, dated by the roles they sit in."""
    found: list[tuple[SkillEvidence, int | None]] = []
    linked: set[int] = set()
    spans_per_text = extractor.extract_many([t[0] for t in texts]) if extractor is not None and texts else []
    verbs = getattr(getattr(extractor, "lexicon", None), "verbs", {})
    languages = language_names(extractor)
    for (text, fact_id, role_id, achieved), spans in zip(texts, spans_per_text, strict=True):
        role = roles.get(role_id) if role_id is not None else None
        months = role.months if role is not None else 0
        last = role_last.get(role_id) if role_id is not None else None
        for sp in spans:
            implied = sp.kind == "skill" and _verb_phrase(sp.text, verbs)
            if sp.kind == "skill" and not _ability_evidence(sp, text, implied, spans):
                continue
            linked.add(fact_id)
            found.append((SkillEvidence(sp.label or sp.text, sp.ontology_id, fact_id, passage=text,
                                        last_year=last, months=months, achieved=achieved, implied=implied), role_id))
        if role_id is not None or achieved:  # a role or achievement, not a skills list or summary
            for oid, name, by_shape in implied_by_shape(text, spans, languages):
                found.append((SkillEvidence(name, oid or None, fact_id, passage=text, last_year=last, months=months,
                                            achieved=achieved, implied=by_shape), role_id))
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
            0, old.achieved or s.achieved, old.implied and s.implied)
    return [SkillEvidence(v.name, v.ontology_id, v.fact_id, v.passage, v.last_year, sum(months_by_role[k].values()),
                          v.achieved, v.implied) for k, v in sorted(merged.items())]


# Verbs that say something was done, not how: a resume line headed by one implies no ability
# ("performed in vivo dosing" shows no operations monitoring, "took part in" no initiative).
GENERIC_VERBS = frozenset({"perform", "performed", "execute", "executed", "conduct", "conducted", "carry",
                           "carried", "process", "processed", "take", "took", "do", "did", "participate",
                           "participated", "contribute", "contributed", "join", "joined", "help", "helped",
                           "assist", "assisted", "support", "supported", "work", "worked"})


def _verb_phrase(span_text: str, verbs: Any) -> bool:
    """Whether an ability span is a duty verb phrase ("presented results"), not the ability's name."""
    words = span_text.lower().split()
    return bool(words) and (" ".join(words[:2]) in verbs or words[0] in verbs)


def _ability_evidence(span: Any, text: str, implied: bool, spans: Sequence[Any]) -> bool:
    """Whether an ability span in the person's own text is evidence of that ability.

    A people-facing element (communicating, working with others: O*NET 2.A.1 and 2.B.1) is not shown
    by a duty done to a technology ("wrote SQL queries", "orchestrated jobs with Airflow"): code is
    not prose and jobs are not colleagues. A name written capitalised after another capitalised word
    mid-sentence is part of a product or proper name ("Spark Structured Streaming"), not the skill.
    """
    before = text[: span.start].split()
    if implied and span.text.split()[0].lower() in GENERIC_VERBS:
        return False
    if span.text[:1].isupper() and before and before[-1][:1].isupper() and not before[-1].endswith((".", ":", ";")):
        return False
    on_tech = any(s.kind == "knowledge" and span.start <= s.start < span.end for s in spans)
    return not (implied and str(span.ontology_id or "").startswith(PEOPLE_ELEMENTS) and on_tech)


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


def facts_from_career(cp: CareerProfile) -> list[FactInput]:
    """The read model's roles, achievements, skills, studies, credentials, languages as FactInputs."""
    out: list[FactInput] = []
    for r in cp.roles:
        span = r.span
        out.append(FactInput(r.fact_id, "role", r.title, {
            "title": r.title, "organisation": r.employer, "summary": r.summary,
            "start": span.start.iso() if span.start else None, "end": span.end.iso() if span.end else None,
            "present": span.ongoing, "onet_codes": [r.onet_code] if r.onet_code else []}))
    for a in cp.achievements:
        out.append(FactInput(a.fact_id, "achievement", a.text, {"text": a.text}, a.role_id))
    for p in cp.projects:
        out.append(FactInput(p.fact_id, "project", p.name, {"description": f"{p.name}: {p.description}"}))
    for s in cp.skills:
        out.append(FactInput(s.fact_id, "skill", s.name, {"name": s.name, "ontology_id": s.ontology_id}))
    for e in cp.education:
        out.append(FactInput(e.fact_id, "education", f"{e.degree} {e.field} {e.institution}".strip(),
                             {"degree": e.degree, "field": e.field}))
    for cred in cp.credentials:
        out.append(FactInput(cred.fact_id, "credential", cred.name, {"name": cred.name}))
    for lang in cp.languages:
        out.append(FactInput(lang.fact_id, "language", lang.value, {"language": lang.value}))
    for c in cp.contacts:
        if c.kind in ("location", "summary"):
            out.append(FactInput(c.fact_id, "contact", c.value, {"kind": c.kind, "value": c.value}))
    return out


def profile_from_career(cp: CareerProfile, *, extractor: Any, today: date | None = None) -> MatchProfile:
    """The MatchProfile of a stored career (core.profile.career_profile)."""
    prof = profile_from_facts(facts_from_career(cp), extractor=extractor, today=today)
    codes = [r.onet_code for r in reversed(cp.roles) if r.onet_code]
    if codes:  # the person's own occupations come from their roles, the latest first
        titles = {r.onet_code: r.onet_title or r.title for r in cp.roles if r.onet_code}
        ranked = list(dict.fromkeys(codes))[:3]
        prof.occupations = tuple(OccupationGuess(c, titles.get(c) or "", 1.0 - 0.1 * i) for i, c in enumerate(ranked))
    return prof
