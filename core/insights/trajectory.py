"""Trajectory: roles over time with seniority and O*NET job zone, promotions, tenure, gaps between
roles and the direction of each move (advancement, lateral, change of field)."""

from __future__ import annotations

import re
from collections import defaultdict

from core.dates import gaps_between, month_label, years
from core.insights.records import Insight, RolePoint
from core.profile import CareerProfile, Role

# Seniority from title words, highest match wins; a plain title is level 2.
_LEVEL_WORDS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (7, ("chief", "ceo", "cto", "cfo", "coo", "cio", "cmo", "president", "founder", "co-founder")),
    (6, ("vp", "vice president", "svp", "evp")),
    (5, ("director", "head of", "head", "senior manager", "general manager")),
    (4, ("lead", "staff", "principal", "manager", "supervisor", "architect", "team leader", "superintendent")),
    (3, ("senior", "sr", "snr", "experienced", "iii", "ii")),
    (1, ("junior", "jr", "associate", "assistant", "entry", "graduate", "trainee")),
    (0, ("intern", "internship", "apprentice", "student", "working student")),
)
_WORD = re.compile(r"[a-z][a-z-]*")
GAP_MONTHS = 3  # a break between roles worth mentioning
CODE_CONFIDENCE = 0.75  # an automatic O*NET link below this is not trusted for field or path claims
LEVEL_NAMES = ("intern", "junior", "mid-level", "senior", "lead", "director", "vice president", "executive")


def seniority(title: str) -> int:
    """0 (intern) .. 7 (chief) from the title's words; 2 when nothing marks it."""
    words = " ".join(_WORD.findall(title.casefold()))
    padded = f" {words} "
    found = [lvl for lvl, cues in _LEVEL_WORDS if any(f" {c} " in padded for c in cues)]
    if not found:
        return 2
    top = max(found)
    return top if top >= 2 else min(found)


def trusted_code(r: Role) -> str | None:
    """The role's O*NET code when the person chose it or the automatic link is confident."""
    if not r.onet_code or (r.onet_confidence is not None and r.onet_confidence < CODE_CONFIDENCE):
        return None
    return r.onet_code


def _field(r: Role) -> str | None:
    """The O*NET-SOC major group ("15" for computer occupations); management (11) is a level, not a
    field, and an intern's or junior's first code says little about a field."""
    code = trusted_code(r)
    if not code or code[:2] == "11" or seniority(r.title) < 2:
        return None
    return code[:2]


def classify_move(prev: Role, cur: Role) -> str:
    """promotion (same employer, higher), advancement, lateral, change (of field) or step_down."""
    lp, lc = seniority(prev.title), seniority(cur.title)
    zp, zc = prev.job_zone, cur.job_zone
    up = lc > lp or (lc == lp and zp is not None and zc is not None and zc > zp)
    down = lc < lp and not (zp is not None and zc is not None and zc > zp)
    fp, fc = _field(prev), _field(cur)
    if fp and fc and fp != fc:
        return "change"
    same_employer = bool(prev.employer) and prev.employer.casefold() == cur.employer.casefold()
    if up:
        return "promotion" if same_employer else "advancement"
    return "step_down" if down else "lateral"


def role_points(p: CareerProfile) -> tuple[RolePoint, ...]:
    """Dated roles in order with their seniority, job zone and the move that led to them."""
    out: list[RolePoint] = []
    prev: Role | None = None
    for r in p.roles:
        rng = r.span.months_range(p.as_of)
        if rng is None:
            continue
        move = "first" if prev is None else classify_move(prev, r)
        out.append(RolePoint(r.fact_id, r.title, r.employer, rng[0], rng[1], r.span.ongoing, seniority(r.title),
                             r.job_zone, move, r.evidence_ids))
        prev = r
    return tuple(out)


def _where(r: Role) -> str:
    return f"{r.title} at {r.employer}" if r.employer else r.title


def trajectory_insights(p: CareerProfile, points: tuple[RolePoint, ...]) -> list[Insight]:
    out: list[Insight] = []
    roles = {r.fact_id: r for r in p.roles}
    for prev, cur in zip(points, points[1:], strict=False):
        a, b = roles[prev.fact_id], roles[cur.fact_id]
        ids = (a.fact_id, b.fact_id)
        if cur.move == "promotion":
            out.append(Insight(f"promotion:{b.fact_id}", "promotion", "trajectory",
                               f"Promoted at {b.employer}: from {a.title} to {b.title} in {month_label(cur.start)}.",
                               0.9, ids))
        elif cur.move == "advancement":
            out.append(Insight(f"advancement:{b.fact_id}", "direction", "trajectory",
                               f"Moved up when you joined {b.employer or 'a new employer'}: {a.title} → {b.title}.",
                               0.75, ids))
        elif cur.move == "change":
            out.append(Insight(f"change:{b.fact_id}", "direction", "trajectory",
                               f"Changed field: from {a.title} to {b.title} ({month_label(cur.start)}).", 0.8, ids))
    levels = [pt.level for pt in points]
    ups = sum(1 for pt in points if pt.move in ("promotion", "advancement"))
    if len(points) >= 3 and levels[-1] > levels[0] and ups:
        out.append(Insight("direction:overall", "direction", "trajectory",
                           f"Your career has moved upward: from {LEVEL_NAMES[levels[0]]} to {LEVEL_NAMES[levels[-1]]} "
                           f"roles, with {ups} step{'s' if ups != 1 else ''} up.",
                           min(1.0, 0.5 + 0.15 * ups), tuple(pt.fact_id for pt in points)))
    out += _tenure(p, points)
    for a_end, b_start in gaps_between((roles[pt.fact_id].span for pt in points), p.as_of, min_months=GAP_MONTHS):
        before = [pt for pt in points if pt.end <= a_end]
        after = [pt for pt in points if pt.start >= b_start]
        if not before or not after:
            continue
        n = b_start - a_end
        ids = (before[-1].fact_id, after[0].fact_id)
        out.append(Insight(f"gap:{ids[0]}:{ids[1]}", "gap", "trajectory",
                           f"A {n}-month break between {before[-1].title} and {after[0].title} "
                           f"({month_label(a_end)} – {month_label(b_start - 1)}).", 0.5, ids))
    if len(points) >= 2:
        months = p.months_of_experience()
        out.append(Insight("experience:total", "experience", "trajectory",
                           f"About {years(months):g} years of experience across {len(points)} roles "
                           f"(overlaps counted once).", 0.6, tuple(pt.fact_id for pt in points)))
    return out


def _tenure(p: CareerProfile, points: tuple[RolePoint, ...]) -> list[Insight]:
    by_employer: dict[str, list[RolePoint]] = defaultdict(list)
    for pt in points:
        if pt.employer:
            by_employer[pt.employer.casefold()].append(pt)
    if len(by_employer) < 2 and len(points) < 2:
        return []
    name, stays = max(by_employer.items(), key=lambda kv: (sum(x.end - x.start for x in kv[1]), kv[0]),
                      default=("", []))
    if not stays:
        return []
    months = sum(x.end - x.start for x in stays)
    lengths = [pt.end - pt.start for pt in points]
    avg = sum(lengths) / len(lengths)
    employer = stays[0].employer
    roles_txt = f" across {len(stays)} roles" if len(stays) > 1 else ""
    out = [Insight(f"tenure:{name}", "tenure", "trajectory",
                   f"Your longest stay: {years(months):g} years at {employer}{roles_txt}.",
                   min(1.0, 0.4 + months / 120), tuple(x.fact_id for x in stays))]
    if len(points) >= 3:
        out.append(Insight("tenure:average", "tenure", "trajectory",
                           f"You stay about {years(round(avg)):g} years in a role on average.",
                           0.45, tuple(pt.fact_id for pt in points)))
    return out
