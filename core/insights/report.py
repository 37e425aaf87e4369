"""The insight report: every analysis run over one career profile, insights ranked, dismissed ones
set aside, and what is missing said plainly when the profile cannot support an insight."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from core.insights.behaviour import BehaviourDimension, behaviour_insights
from core.insights.evolution import skill_insights, skill_lanes
from core.insights.impact import category_counts, impact_insights, impact_points
from core.insights.paths import path_insights, where_next
from core.insights.recommend import PlanInput, Target, missing_for_plan, recommendations
from core.insights.records import Insight, InsightReport
from core.insights.strengths import leadership_insights, leadership_signals, strength_insights
from core.insights.trajectory import role_points, trajectory_insights, trusted_code
from core.profile import CareerProfile

if TYPE_CHECKING:
    from onet.store import OntologyStore

# How much each kind of insight matters when ranking (times its strength).
KIND_WEIGHT: dict[str, float] = {
    "promotion": 1.0, "hidden_strength": 1.0, "path": 0.95, "leadership": 0.95, "impact": 0.9, "direction": 0.85,
    "core_skill": 0.85, "category": 0.75, "quantified": 0.7, "rising_skill": 0.7, "hot_skill": 0.7,
    "fading_skill": 0.65, "tenure": 0.6, "experience": 0.6, "unevidenced_skill": 0.6, "behaviour": 0.6,
    "gap": 0.5, "recommendation": 0.9,
}


# At most this many of one kind (a long career has many moves; the strongest few say enough).
KIND_CAP: dict[str, int] = {"hidden_strength": 3, "direction": 3, "promotion": 3, "gap": 2, "tenure": 2, "path": 4,
                          "recommendation": 5}


def rank(insights: list[Insight]) -> list[Insight]:
    """Highest weighted strength first, at most KIND_CAP of a kind; ties by key, so reruns agree."""
    ordered = sorted(insights, key=lambda i: (-round(i.strength * KIND_WEIGHT.get(i.kind, 0.5), 6), i.key))
    seen: dict[str, int] = {}
    out = []
    for i in ordered:
        seen[i.kind] = seen.get(i.kind, 0) + 1
        if seen[i.kind] <= KIND_CAP.get(i.kind, 99):
            out.append(i)
    return out


def top_insights(report: InsightReport, n: int) -> tuple[Insight, ...]:
    """The first `n` insights, keeping one place for the best recommendation (what to do next)."""
    top = list(report.insights[:n])
    best = next((i for i in report.insights if i.kind == "recommendation"), None)
    if best is not None and best not in top and n > 0:
        top = top[:n - 1] + [best]
    return tuple(top)


def missing_for(p: CareerProfile, *, with_ontology: bool) -> list[str]:
    """What the profile needs before more can be said."""
    out = []
    dated = [r for r in p.roles if r.span.start is not None]
    if not p.roles:
        out.append("Add your roles (drop a resume) to see your trajectory.")
    elif len(dated) < len(p.roles):
        out.append(f"{len(p.roles) - len(dated)} role(s) have no start date: add dates to place them on the timeline.")
    if len(dated) == 1:
        out.append("Add earlier roles to see promotions, direction and tenure.")
    if not any(a.has_metric for a in p.achievements):
        out.append("Add numbers to your achievements (money, %, counts, team sizes) to see your impact.")
    if p.skills and not any(s.evidence_ids for s in p.skills):
        out.append("Link your skills to the roles or achievements that show them to see how they evolved.")
    if not with_ontology:
        out.append("Import O*NET (Settings) to see job zones, hot technologies and where you could go next.")
    elif p.roles and not any(trusted_code(r) for r in p.roles):
        out.append("None of your job titles is linked to an O*NET occupation with confidence yet, so there is "
                   "nothing to say about where you could go next.")
    return out


def compute_insights(p: CareerProfile, *, ontology: OntologyStore | None = None,
                     dismissed: Collection[str] = (), behaviour: Sequence[BehaviourDimension] = (),
                     plan: PlanInput | None = None, targets: tuple[Target, ...] = (), today: str = ""
                     ) -> InsightReport:
    """Every series and insight for one profile; pure given the profile, the ontology, the
    behavioural dimensions the interview scored (read by the caller: core.interview.behaviour_profile)
    and the jobs side's gaps and goals (`plan`, read by core.advice; None: not read, no recommendations)."""
    points = role_points(p)
    lanes = skill_lanes(p)
    impact = impact_points(p)
    cats = category_counts(p)
    signals = leadership_signals(p, points)
    notes: list[str] = []
    paths = where_next(p, ontology, notes) if ontology is not None else ()
    found = (trajectory_insights(p, points) + skill_insights(p, lanes) + impact_insights(p, impact, cats)
             + leadership_insights(p, signals) + strength_insights(p) + path_insights(p, paths))
    # the leadership dimension says nothing new when the leadership insight already names its facts
    shown = {i.key: frozenset(i.fact_ids) for i in found if i.key == "leadership"}
    found += behaviour_insights(behaviour, already_shown=shown)
    if plan is not None:
        found += recommendations(p, plan, targets, paths, today=today or p.as_of.iso())
    found = [i for i in found if i.evidenced]  # an insight without evidence is never shown
    ranked = rank(found)
    gone = set(dismissed)
    return InsightReport(
        insights=tuple(i for i in ranked if i.key not in gone), dismissed=tuple(i for i in ranked if i.key in gone),
        roles=points, lanes=lanes, impact=impact, categories=cats, signals=signals, paths=paths,
        missing=tuple(missing_for(p, with_ontology=ontology is not None)
                      + (missing_for_plan(plan, targets) if plan is not None else [])), as_of_month=p.as_of.first_month(),
        notes=tuple(notes))
