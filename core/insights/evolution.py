"""Skill evolution: when each skill was first and last evidenced, in which roles; core, rising and
fading skills; O*NET hot technologies among them."""

from __future__ import annotations

from core.dates import month_label
from core.insights.records import Insight, SkillLane
from core.profile import CareerProfile, Skill

RECENT_MONTHS = 36  # first evidenced within this many months: rising; last evidenced before: fading
MAX_PER_KIND = 2


def skill_lanes(p: CareerProfile) -> tuple[SkillLane, ...]:
    """Each evidenced skill with the month ranges of the roles and projects that use it."""
    spans = {r.fact_id: r.span for r in p.roles} | {x.fact_id: x.span for x in p.projects}
    dated_roles = [r for r in p.roles if r.span.start is not None]
    now = p.as_of.first_month()
    out: list[SkillLane] = []
    for s in p.skills:
        holders = list(s.role_ids) + [u for u in s.evidence_ids if u in spans and u not in s.role_ids]
        segs = sorted({(*rng, h) for h in holders if h in spans and (rng := spans[h].months_range(p.as_of))})
        out.append(SkillLane(s.fact_id, s.name, tuple(segs), _trend(s, segs, len(dated_roles), now),
                             s.evidence_count, s.hot, s.listed, s.evidence_ids or (s.fact_id,)))
    return tuple(out)


def _trend(s: Skill, segs: list[tuple[int, int, int]], n_roles: int, now: int) -> str:
    if not segs:
        return "steady"
    first, last = min(a for a, _b, _h in segs), max(b for _a, b, _h in segs)
    recent = now - last < 12 or s.current
    if len(s.role_ids) >= max(2, (n_roles + 1) // 2) and recent:
        return "core"
    if now - first <= RECENT_MONTHS and recent and n_roles >= 2:
        return "rising"
    if now - last > RECENT_MONTHS:
        return "fading"
    return "steady"


def skill_insights(p: CareerProfile, lanes: tuple[SkillLane, ...]) -> list[Insight]:
    out: list[Insight] = []
    by_trend: dict[str, list[SkillLane]] = {}
    for lane in sorted(lanes, key=lambda x: (-x.evidence_count, x.name.casefold(), x.fact_id)):
        by_trend.setdefault(lane.trend, []).append(lane)
    for lane in [x for x in by_trend.get("core", []) if x.listed][:MAX_PER_KIND]:  # unlisted: a hidden strength
        since = month_label(min(a for a, _b, _h in lane.segments)).split()[-1]
        n = len({h for _a, _b, h in lane.segments})
        out.append(Insight(f"core_skill:{lane.fact_id}", "core_skill", "skills",
                           f"{lane.name} runs through your career: shown in {n} roles since {since}.",
                           min(1.0, 0.5 + 0.1 * lane.evidence_count), (lane.fact_id, *lane.evidence)))
    for lane in by_trend.get("rising", [])[:MAX_PER_KIND]:
        out.append(Insight(f"rising_skill:{lane.fact_id}", "rising_skill", "skills",
                           f"{lane.name} is new in your recent work (since "
                           f"{month_label(min(a for a, _b, _h in lane.segments))}).",
                           min(0.9, 0.4 + 0.1 * lane.evidence_count), (lane.fact_id, *lane.evidence)))
    for lane in by_trend.get("fading", [])[:MAX_PER_KIND]:
        last = max(b for _a, b, _h in lane.segments) - 1
        out.append(Insight(f"fading_skill:{lane.fact_id}", "fading_skill", "skills",
                           f"You last showed {lane.name} in {month_label(last)}; it may need a refresh "
                           f"if you want to use it again.", 0.55, (lane.fact_id, *lane.evidence)))
    hot = [lane for lane in lanes if lane.hot and lane.segments]
    if hot:
        names = ", ".join(lane.name for lane in hot[:4])
        verb = "is an O*NET hot technology" if len(hot) == 1 else "are O*NET hot technologies"
        out.append(Insight("hot_skills", "hot_skill", "skills",
                           f"{len(hot)} of your evidenced skills {verb}: {names}.",
                           min(1.0, 0.5 + 0.1 * len(hot)), tuple(i for lane in hot for i in (lane.fact_id, *lane.evidence))))
    return out
