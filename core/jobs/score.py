"""Score a posting's requirement results: the must-have headline, sections, a capped weighted sum."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.jobs.model import (
    MatchProfile,
    OccupationGuess,
    ParsedPosting,
    RequirementKind,
    RequirementResult,
    SectionScore,
    Status,
)


@dataclass(frozen=True, slots=True)
class ScoreWeights:
    """Section weights (the seed plan's defaults) and the rules that shape the number."""

    skills: float = 50.0
    experience: float = 25.0
    education: float = 15.0
    location: float = 10.0
    nice_share: float = 0.5  # a nice-to-have weighs this much of a must-have
    ability_share: float = 0.5  # a soft skill weighs this much of a tool or technology
    missing_must_cap: float = 60.0  # the score never exceeds this while a must-have is missing


SECTION_OF = {
    RequirementKind.skill: "skills", RequirementKind.ability: "skills", RequirementKind.certification: "skills",
    RequirementKind.language: "skills", RequirementKind.experience: "experience",
    RequirementKind.education: "education", RequirementKind.location: "location",
    RequirementKind.travel: "location", RequirementKind.clearance: "location", RequirementKind.task: "skills",
}
SECTIONS = ("skills", "experience", "education", "location")


def requirement_weight(r: RequirementResult, w: ScoreWeights) -> float:
    weight = 1.0 if r.requirement.must else w.nice_share
    if r.requirement.kind in (RequirementKind.ability, RequirementKind.task):
        weight *= w.ability_share
    return weight


def score_results(results: Sequence[RequirementResult], profile: MatchProfile,
                  weights: ScoreWeights | None = None, *, occupation_fit: float = 0.0) -> tuple[
                      tuple[SectionScore, ...], float | None, bool]:
    """(sections, score 0-100 or None for not enough information, capped?)."""
    w = weights or ScoreWeights()
    sections: list[SectionScore] = []
    total_w = earned_w = 0.0
    for name in SECTIONS:
        # a soft skill the record is silent on is an interview question, not a gap: it does not lower the score
        rs = [r for r in results if SECTION_OF[r.requirement.kind] == name and not _silent_ability(r)]
        known = [r for r in rs if r.status is not Status.unknown]
        sw = getattr(w, name)
        if not known:  # silence on a whole section is reported, not scored (unknown is never met)
            sections.append(SectionScore(name, sw, 0.0, 0))
            continue
        denom = sum(requirement_weight(r, w) for r in rs)
        share = sum(requirement_weight(r, w) * r.credit for r in rs) / denom if denom else 0.0
        sections.append(SectionScore(name, sw, round(share, 6), len(rs)))
        total_w += sw
        earned_w += sw * share
    if profile.nearly_empty or total_w == 0:
        return tuple(sections), None, False
    score = 100.0 * earned_w / total_w
    capped = any(r.requirement.must and r.status is Status.missing for r in results) and score > w.missing_must_cap
    if capped:
        score = w.missing_must_cap
    return tuple(sections), round(score, 1), capped


def _silent_ability(r: RequirementResult) -> bool:
    return r.requirement.kind is RequirementKind.ability and r.status is Status.unknown


def occupation_fit(person: Sequence[OccupationGuess], job: Sequence[OccupationGuess]) -> float:
    """0..1: the same O*NET occupation 1, the same SOC minor group 0.5, the same major group 0.2."""
    best = 0.0
    for p in person[:3]:
        for j in job[:3]:
            if p.code[:7] == j.code[:7]:
                same = 1.0
            elif p.code[:4] == j.code[:4]:
                same = 0.5
            elif p.code[:2] == j.code[:2]:
                same = 0.2
            else:
                continue
            best = max(best, same * min(p.score, 1.0) * min(j.score, 1.0) ** 0.5)
    return round(best, 6)


def musts_met(results: Sequence[RequirementResult]) -> tuple[int, int]:
    musts = [r for r in results if r.requirement.must]
    return sum(1 for r in musts if r.status is Status.met), len(musts)


def posting_is_empty(posting: ParsedPosting) -> bool:
    return not posting.requirements
