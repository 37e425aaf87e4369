"""Impact: the numbers in achievements over time, and what the achievements are about (revenue,
cost, growth, quality, speed, people, risk, delivery), counted per role."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from core.insights.records import CategoryCount, ImpactPoint, Insight
from core.profile import Achievement, CareerProfile, Role

CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "revenue": ("revenue", "sales", "bookings", "arr", "mrr", "income", "upsell", "monetis", "monetiz", "profit",
                "deals", "pipeline"),
    "cost": ("cost", "costs", "saved", "saving", "savings", "save", "spend", "budget", "expenses", "cheaper",
             "overhead"),
    "growth": ("grew", "grow", "growth", "increased", "increase", "expanded", "users", "customers", "adoption",
               "scaled", "market share", "subscribers", "traffic"),
    "quality": ("quality", "defects", "bugs", "errors", "accuracy", "incidents", "incident", "satisfaction", "nps",
                "reliability", "uptime", "complaints", "readmission"),
    "speed": ("faster", "latency", "run time", "runtime", "speed", "turnaround", "cycle time", "lead time",
              "throughput", "performance", "time to", "wait time", "quicker"),
    "people": ("mentored", "hired", "coached", "trained", "team of", "managed a team", "onboarded", "recruited",
               "engineers", "staff", "direct reports", "mentoring"),
    "risk": ("risk", "compliance", "security", "audit", "fraud", "safety", "regulatory", "gdpr", "hipaa",
             "vulnerabilit"),
    "delivery": ("delivered", "launched", "shipped", "migrated", "migration", "built", "implemented", "released",
                 "rolled out", "deployed", "completed", "introduced"),
}
_RX = {c: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ws) + r")", re.I) for c, ws in CATEGORY_WORDS.items()}
CATEGORIES = tuple(CATEGORY_WORDS)


def categories_of(text: str) -> tuple[str, ...]:
    """The categories whose cue words the achievement text uses, in CATEGORIES order."""
    return tuple(c for c in CATEGORIES if _RX[c].search(text))


def _month(p: CareerProfile, a: Achievement) -> int | None:
    role = p.item(a.role_id) if a.role_id is not None else None
    rng = role.span.months_range(p.as_of) if role is not None else None
    return rng[1] - 1 if rng else None


def impact_points(p: CareerProfile) -> tuple[ImpactPoint, ...]:
    """Each metric of a dated achievement; undated ones are left off the time axis."""
    out = []
    for a in p.achievements:
        month = _month(p, a)
        if month is None:
            continue
        cats = categories_of(a.text)
        for m in a.metrics:
            if m.value is not None:
                out.append(ImpactPoint(a.fact_id, m.fact_id, month, m.kind, float(m.value), m.unit, m.text, cats))
    return tuple(sorted(out, key=lambda x: (x.month, x.achievement_id, x.kind, x.value)))


def category_counts(p: CareerProfile) -> tuple[CategoryCount, ...]:
    per: dict[tuple[int | None, str], list[int]] = defaultdict(list)
    for a in p.achievements:
        for c in categories_of(a.text):
            per[(a.role_id, c)].append(a.fact_id)
    return tuple(CategoryCount(r, c, len(ids), tuple(ids))
                 for (r, c), ids in sorted(per.items(), key=lambda kv: (kv[0][0] or 0, CATEGORIES.index(kv[0][1]))))


def _money(value: float, unit: str) -> str:
    sym = {"USD": "$", "EUR": "€", "GBP": "£"}.get(unit.upper(), "")
    n = f"{value:,.0f}"
    return f"{sym}{n}" if sym else f"{n} {unit}".strip()


def impact_insights(p: CareerProfile, points: tuple[ImpactPoint, ...],
                    counts: tuple[CategoryCount, ...]) -> list[Insight]:
    out: list[Insight] = []
    achs = list(p.achievements)
    quantified = [a for a in achs if a.has_metric]
    if len(achs) >= 3:
        share = len(quantified) / len(achs)
        out.append(Insight("quantified", "quantified", "impact",
                           f"{len(quantified)} of your {len(achs)} achievements carry a number"
                           + (" — a strong, concrete record." if share >= 0.5 else "; more numbers would make the "
                              "rest as convincing."), 0.5 + 0.4 * share if quantified else 0.4,
                           tuple(a.fact_id for a in (quantified or achs))))
    metrics = [m for m in p.metrics if m.value is not None and m.value > 0]
    money = [m for m in metrics if m.kind == "money"]
    if money:
        top = max(money, key=lambda m: (m.value or 0.0, -m.achievement_id))
        out.append(Insight(f"impact:money:{top.achievement_id}", "impact", "impact",
                           f"Your largest money result: {_money(top.value or 0.0, top.unit)}"
                           f"{_role_title(p, top.achievement_id)}.",
                           0.85, (top.achievement_id, *((top.fact_id,) if top.fact_id else ()))))
    pct = [m for m in metrics if m.kind == "percent" and (m.value or 0) <= 1000]
    if pct:
        top = max(pct, key=lambda m: (m.value or 0.0, -m.achievement_id))
        out.append(Insight(f"impact:percent:{top.achievement_id}", "impact", "impact",
                           f"Your biggest measured change: {top.value:g}%{_role_title(p, top.achievement_id)}.",
                           0.75, (top.achievement_id, *((top.fact_id,) if top.fact_id else ()))))
    total = Counter[str]()
    ids: dict[str, list[int]] = defaultdict(list)
    for c in counts:
        total[c.category] += c.count
        ids[c.category].extend(c.achievement_ids)
    ranked = sorted(total.items(), key=lambda kv: (-kv[1], CATEGORIES.index(kv[0])))
    if ranked and ranked[0][1] >= 2:
        top_cats = [c for c, n in ranked[:2] if n >= 2]
        out.append(Insight(f"category:{'+'.join(top_cats)}", "category", "impact",
                           f"Most of your results are about {' and '.join(top_cats)} "
                           f"({sum(total[c] for c in top_cats)} achievements).",
                           min(1.0, 0.4 + 0.1 * ranked[0][1]), tuple(sorted({i for c in top_cats for i in ids[c]}))))
    return out


def _role_title(p: CareerProfile, achievement_id: int) -> str:
    a = p.item(achievement_id)
    role = p.item(a.role_id) if isinstance(a, Achievement) and a.role_id is not None else None
    return f" as {role.title}" if isinstance(role, Role) and role.title else ""
