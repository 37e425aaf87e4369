"""Leadership signals (people managed, lead and mentor verbs, budget, promotions, lead titles) and
hidden strengths (skills shown in achievements across roles but not listed, and the reverse)."""

from __future__ import annotations

import re

from core.insights.records import Insight, RolePoint, Signal
from core.profile import CareerProfile

_LEAD_VERBS = re.compile(r"\b(led|lead|leading|managed|managing|mentored|mentoring|coached|coaching|hired|"
                         r"supervised|supervising|directed|headed|oversaw|trained|onboarded)\b", re.I)
_BUDGET = re.compile(r"\b(budget|p&l|p & l|headcount)\b", re.I)
LEAD_LEVEL = 4
MIN_ROLES_FOR_HIDDEN = 2


def leadership_signals(p: CareerProfile, points: tuple[RolePoint, ...]) -> tuple[Signal, ...]:
    out: list[Signal] = []
    for a in p.achievements:
        teams = [m for m in a.metrics if m.kind == "team_size" and m.value]
        if teams:
            out.append(Signal("team", f"{int(max(m.value or 0 for m in teams))} people: {a.text}", (a.fact_id,)))
        elif (verb := _LEAD_VERBS.search(a.text)) is not None:
            out.append(Signal("verb", f"{verb.group(1).lower()}: {a.text}", (a.fact_id,)))
        if _BUDGET.search(a.text) and any(m.kind == "money" for m in a.metrics):
            out.append(Signal("budget", a.text, (a.fact_id,)))
    for pt in points:
        if pt.move == "promotion":
            out.append(Signal("promotion", f"promoted to {pt.title}", (pt.fact_id,)))
        if pt.level >= LEAD_LEVEL:
            out.append(Signal("title", pt.title, (pt.fact_id,)))
    return tuple(out)


def leadership_insights(p: CareerProfile, signals: tuple[Signal, ...]) -> list[Insight]:
    if not signals:
        return []
    kinds = {s.kind for s in signals}
    people = [s for s in signals if s.kind in ("team", "verb")]
    if not people and kinds <= {"promotion"}:
        return []
    teams = [p.item(s.fact_ids[0]) for s in signals if s.kind == "team"]
    biggest = max((int(m.value or 0) for a in teams if a is not None for m in a.metrics if m.kind == "team_size"),
                  default=0)
    parts = []
    if biggest:
        parts.append(f"led teams of up to {biggest} people")
    verbs = sorted({s.label.split(":")[0] for s in signals if s.kind == "verb"})
    if verbs:
        parts.append(f"{', '.join(verbs[:3])} others")
    if "title" in kinds:
        parts.append("held lead or manager titles")
    if "promotion" in kinds:
        parts.append("were promoted")
    strength = min(1.0, 0.35 + 0.15 * len(kinds) + 0.05 * len(people))
    ids = tuple(sorted({i for s in signals for i in s.fact_ids}))
    return [Insight("leadership", "leadership", "leadership",
                    "Leadership shows in your record: you " + "; ".join(parts) + ".", strength, ids)]


def strength_insights(p: CareerProfile) -> list[Insight]:
    """Hidden strengths (shown in ≥ 2 roles, not listed) and listed skills nothing shows."""
    out: list[Insight] = []
    for s in p.skills:
        if not s.listed and len(s.role_ids) >= MIN_ROLES_FOR_HIDDEN:
            out.append(Insight(f"hidden_strength:{s.fact_id}", "hidden_strength", "strengths",
                               f"{s.name} shows in {len(s.evidence_ids)} achievements across {len(s.role_ids)} "
                               f"roles, but you do not list it as a skill.",
                               min(1.0, 0.55 + 0.1 * len(s.evidence_ids)), (s.fact_id, *s.evidence_ids)))
    if not p.achievements:
        return out  # with no achievements, "nothing shows it" says nothing about the skill
    bare = [s for s in p.skills if s.listed and not s.evidence_ids]
    if bare:
        names = ", ".join(s.name for s in bare[:4]) + (f" and {len(bare) - 4} more" if len(bare) > 4 else "")
        out.append(Insight("unevidenced_skills", "unevidenced_skill", "strengths",
                           f"You list {names}, but no role or achievement shows "
                           f"{'it' if len(bare) == 1 else 'them'} yet.",
                           min(0.8, 0.3 + 0.05 * len(bare)), tuple(s.fact_id for s in bare)))
    return out
