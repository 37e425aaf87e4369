"""Job posting text -> requirements (must or nice, each with its span), seniority, remote, occupation."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from core.jobs import rules
from core.jobs.model import OccupationGuess, ParsedPosting, Requirement, RequirementKind
from core.jobs.sections import Line, is_must, split_lines

if TYPE_CHECKING:
    from core.skills.model import SkillSpan

SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(•\-–*])|\s+[•·▪●]\s+")
MIN_ABILITY_CONFIDENCE = 0.6  # verb-phrase abilities below this are too often not asked for
TASK_MIN_WORDS, TASK_MAX_WORDS = 4, 30  # a duty line of this length that names no skill is a task
NAMED_BY_RULE = (RequirementKind.education, RequirementKind.certification, RequirementKind.language)


class SpanFinder(Protocol):
    def extract_many(self, texts: Iterable[str], batch_size: int = ...) -> Iterable[list[SkillSpan]]: ...


class TitleClassifier(Protocol):
    def classify(self, texts: Sequence[str], *, limit: int = ...) -> list[list[OccupationGuess]]: ...

    def job_zone(self, code: str) -> int | None: ...


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    text: str
    must: bool
    duty: bool = False


def _sentences(lines: list[Line]) -> list[_Sentence]:
    has_requirements = any(ln.section in ("must", "nice") for ln in lines)
    out: list[_Sentence] = []
    for ln in lines:
        if ln.heading:
            continue
        pos = 0
        for piece in SENTENCE_END.split(ln.text):
            at = ln.text.find(piece, pos)
            pos = at + len(piece)
            if not piece.strip():
                continue
            must = is_must(ln, piece, has_requirement_section=has_requirements)
            if must is not None:
                out.append(_Sentence(ln.start + at, piece, must, ln.section == "duty"))
    return out


def _rule_requirements(s: _Sentence) -> list[Requirement]:
    out: list[Requirement] = []
    deg = rules.degree_hit(s.text)
    if deg is not None:
        out.append(Requirement(RequirementKind.education, deg.label, s.start + deg.start, s.start + deg.end,
                               s.must, level=deg.level, fields=deg.fields))
    for h in rules.certification_hits(s.text):
        out.append(Requirement(RequirementKind.certification, h.label, s.start + h.start, s.start + h.end, s.must))
    for h in rules.language_hits(s.text):
        out.append(Requirement(RequirementKind.language, h.label, s.start + h.start, s.start + h.end, s.must,
                               value=h.value))
    for h in rules.place_hits(s.text):
        kind = (RequirementKind.travel if h.label.startswith(("Travel", "Willing")) else
                RequirementKind.location if h.label.startswith("Work ") else RequirementKind.clearance)
        out.append(Requirement(kind, h.label, s.start + h.start, s.start + h.end, s.must, value=h.value,
                               years=h.number if kind is RequirementKind.travel else None))
    return out


def _skill_requirements(s: _Sentence, spans: list[SkillSpan]) -> list[Requirement]:
    years = list(rules.years_hits(s.text))
    out: list[Requirement] = []
    claimed: set[int] = set()
    for sp in spans:
        if sp.kind == "skill" and sp.confidence < MIN_ABILITY_CONFIDENCE:
            continue
        kind = RequirementKind.skill if sp.kind == "knowledge" else RequirementKind.ability
        need = None
        for i, y in enumerate(years):  # "3+ years of experience with Python": years for the skill
            if y.end - len(y.value) <= sp.start < y.end + 40 and kind is RequirementKind.skill:
                need = y.number
                claimed.add(i)
        out.append(Requirement(kind, sp.label or sp.text, s.start + sp.start, s.start + sp.end, s.must,
                               ontology_id=sp.ontology_id, years=need, phrase=sp.text))
    for i, y in enumerate(years):
        if i not in claimed:
            out.append(Requirement(RequirementKind.experience, f"{y.label} of experience", s.start + y.start,
                                   s.start + y.end, s.must, years=y.number))
    return out


def _merge(reqs: list[Requirement]) -> tuple[Requirement, ...]:
    """One requirement per key: the first span, must if any mention is, the largest years."""
    by_key: dict[str, Requirement] = {}
    overall: Requirement | None = None
    for r in reqs:
        if r.kind is RequirementKind.experience:
            # the overall minimum is the largest overall years asked for as a must, else any
            if overall is None or (r.must, r.years or 0) > (overall.must, overall.years or 0):
                overall = r
            continue
        old = by_key.get(r.key)
        if old is None:
            by_key[r.key] = r
            continue
        years = max((y for y in (old.years, r.years) if y is not None), default=None)
        level = min((v for v in (old.level, r.level) if v is not None), default=None)
        by_key[r.key] = replace(old, must=old.must or r.must, years=years, level=level,
                                fields=tuple(dict.fromkeys(old.fields + r.fields)))
    merged = list(by_key.values())
    edu = [r for r in merged if r.kind is RequirementKind.education]
    if len(edu) > 1:  # one education requirement: the lowest level accepted, fields joined
        first = min(edu, key=lambda r: (r.level or 9, r.start))
        joined = replace(first, must=any(r.must for r in edu),
                         fields=tuple(dict.fromkeys(f for r in edu for f in r.fields)))
        merged = [r for r in merged if r.kind is not RequirementKind.education] + [joined]
    if overall is None:  # "3+ years with Python" implies at least that much experience overall
        per_skill = [r for r in merged if r.years is not None and r.kind is RequirementKind.skill]
        if per_skill:
            top = max(per_skill, key=lambda r: (r.must, r.years or 0, -r.start))
            overall = Requirement(RequirementKind.experience, f"{top.years:g}+ years of experience", top.start,
                                  top.end, top.must, years=top.years)
    if overall is not None:
        merged.append(overall)
    return tuple(sorted(merged, key=lambda r: (r.start, r.kind)))


def parse_postings(items: Sequence[tuple[str, str]], *, extractor: SpanFinder,
                   classifier: TitleClassifier | None = None) -> list[ParsedPosting]:
    """(title, text) pairs -> ParsedPostings; skills in one batch, titles classified in one batch."""
    per_posting = [_sentences(split_lines(text.replace("\r\n", "\n"))) for _, text in items]
    flat = [s for sents in per_posting for s in sents]
    spans = iter(extractor.extract_many([s.text for s in flat]))
    occupations: list[list[OccupationGuess]] = [[] for _ in items]
    if classifier is not None:
        titled = [i for i, (title, _) in enumerate(items) if title.strip()]
        guesses = classifier.classify([items[i][0] for i in titled])
        for i, g in zip(titled, guesses, strict=True):
            occupations[i] = g
    out: list[ParsedPosting] = []
    for (title, text), sents, occ in zip(items, per_posting, occupations, strict=True):
        reqs: list[Requirement] = []
        for s in sents:
            ruled = _rule_requirements(s)
            taken = [(r.start - s.start, r.end - s.start) for r in ruled if r.kind in NAMED_BY_RULE]
            found = [sp for sp in next(spans) if not any(a < sp.end and sp.start < b for a, b in taken)]
            skills = _skill_requirements(s, found)
            reqs.extend(skills)
            reqs.extend(ruled)
            if s.duty and not skills and not ruled and TASK_MIN_WORDS <= len(s.text.split()) <= TASK_MAX_WORDS:
                reqs.append(Requirement(RequirementKind.task, s.text.rstrip(". "), s.start, s.start + len(s.text),
                                        False, phrase=s.text))
        merged = _merge(reqs)
        overall = next((r.years for r in merged if r.kind is RequirementKind.experience), None)
        remote = next((r.value for r in merged if r.kind is RequirementKind.location), "")
        zone = classifier.job_zone(occ[0].code) if classifier is not None and occ else None
        out.append(ParsedPosting(title.strip(), text, merged, rules.seniority_of(title, overall), remote,
                                 tuple(occ), zone))
    return out


def parse_posting(text: str, title: str = "", *, extractor: SpanFinder,
                  classifier: TitleClassifier | None = None) -> ParsedPosting:
    """One posting; see `parse_postings`."""
    return parse_postings([(title, text)], extractor=extractor, classifier=classifier)[0]
