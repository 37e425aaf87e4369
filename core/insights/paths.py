"""Where next: occupations the person could move to, from O*NET related occupations, ranked by how
much of each one's skills and technologies the person already covers, with over- and
under-qualification filtered out by Job Zone (the method O*NET's own career tools use).

The person's skill levels are those their held occupations require (O*NET rates occupations, not
people); their technologies are the skills they evidence. A held occupation without skill ratings
borrows its closest related occupation's, said so in the report's notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.insights.records import Insight, PathOption
from core.insights.trajectory import trusted_code
from core.profile import CareerProfile, Role

if TYPE_CHECKING:
    from onet.records import ElementRating, OccupationTechnology, RelatedOccupation
    from onet.store import OntologyStore

MIN_IMPORTANCE = 3.0  # O*NET importance (1-5) from which a skill counts for an occupation
LEVEL_SLACK = 0.5  # a held level this close below the target's still covers it
MAX_CANDIDATES = 30
MAX_PATHS = 8
MIN_OVERLAP = 0.2  # an option covering less is listed, never put forward as an insight
ELEMENT_SHARE = 0.6  # weight of skill elements vs technologies in the overlap
OLDER_WEIGHT = 0.85  # levels of occupations held before the current one count a little less
TIER_BONUS = {"Primary-Short": 0.06, "Primary-Long": 0.03}  # O*NET's own relatedness order breaks near-ties


class _Lookups:
    """The store's per-occupation answers, memoised for the store's lifetime (O*NET is read-only)."""

    def __init__(self, store: OntologyStore) -> None:
        self.store = store

    def _memo(self, kind: str, code: str, fn: Any) -> Any:
        return self.store.cached(f"vita.insights.{kind}.{code}", lambda: fn(code))

    def ratings(self, code: str) -> list[ElementRating]:
        rated: list[ElementRating] = self._memo("ratings", code, lambda c: _important(self.store.ratings(c, "skill")))
        return rated

    def related(self, code: str) -> list[RelatedOccupation]:
        rel: list[RelatedOccupation] = self._memo("related", code, self.store.related)
        return rel

    def zone(self, code: str) -> int | None:
        z: int | None = self._memo("zone", code, lambda c: (jz.zone if (jz := self.store.job_zone(c)) else None))
        return z

    def techs(self, code: str) -> list[OccupationTechnology]:
        t: list[OccupationTechnology] = self._memo("techs", code, self.store.technology_skills_for)
        return t


def _current_coded(p: CareerProfile) -> Role | None:
    coded = [r for r in p.roles if trusted_code(r)]
    if not coded:
        return None
    ongoing = [r for r in coded if r.span.ongoing]
    return (ongoing or coded)[-1]


def _levels(store: _Lookups, codes: list[str], notes: list[str]) -> dict[str, float]:
    """Element id -> the level the held occupations require (importance >= MIN_IMPORTANCE); the
    current occupation (first) counts fully, earlier ones at OLDER_WEIGHT."""
    levels: dict[str, float] = {}
    for i, code in enumerate(codes):
        rated = store.ratings(code)
        if not rated:
            proxy = next((r for r in store.related(code) if store.ratings(r.code)), None)
            if proxy is None:
                continue
            notes.append(f"O*NET has no skill ratings for {code}; used those of {proxy.title} ({proxy.code}).")
            rated = store.ratings(proxy.code)
        for e in rated:
            lv = (e.level or 0.0) * (1.0 if i == 0 else OLDER_WEIGHT)
            levels[e.element_id] = max(levels.get(e.element_id, 0.0), lv)
    return levels


def _important(ratings: list[ElementRating]) -> list[ElementRating]:
    return [e for e in ratings if not e.not_relevant and (e.importance or 0.0) >= MIN_IMPORTANCE]


def _move(cur_zone: int | None, zone: int | None, held: str, code: str) -> str:
    """advancement (higher job zone), similar (same SOC minor group), lateral (same major group, or
    to or from management, which is a level rather than a field) or change (another field)."""
    if cur_zone is not None and zone is not None and zone > cur_zone:
        return "advancement"
    if code[:5] == held[:5]:
        return "similar"
    return "lateral" if code[:2] == held[:2] or "11" in (code[:2], held[:2]) else "change"


def _covered(e: ElementRating, levels: dict[str, float]) -> float:
    """How much of the element's required level the person's held level reaches, 0..1."""
    need = (e.level or 0.0) - LEVEL_SLACK
    have = levels.get(e.element_id)
    if have is None:
        return 0.0
    return 1.0 if need <= 0 else min(1.0, have / need)


def where_next(p: CareerProfile, ontology: OntologyStore, notes: list[str] | None = None) -> tuple[PathOption, ...]:
    """Ranked alternative occupations for the person's current (or latest) O*NET-coded role."""
    notes = notes if notes is not None else []
    store = _Lookups(ontology)
    current = _current_coded(p)
    if current is None or not current.onet_code:
        return ()
    held_codes = sorted({c for r in p.roles if (c := trusted_code(r))})
    cur_code = current.onet_code
    cur_zone = store.zone(cur_code)
    levels = _levels(store, [cur_code] + [c for c in held_codes if c != cur_code], notes)
    tech_ids = {s.ontology_id.rsplit(":", 1)[-1]: s for s in p.skills
                if s.ontology_id and s.ontology_id.startswith("onet:tech:") and (s.evidence_ids or s.listed)}
    names = {s.name.casefold(): s for s in p.skills}
    seen: set[str] = set(held_codes)
    candidates = []
    for code in [cur_code] + [c for c in held_codes if c != cur_code]:
        for rel in store.related(code):
            if rel.code not in seen:
                seen.add(rel.code)
                candidates.append(rel)
    out: list[tuple[float, PathOption]] = []
    for rel in candidates[:MAX_CANDIDATES]:
        zone = store.zone(rel.code)
        if cur_zone is not None and zone is not None and abs(zone - cur_zone) > 1:
            continue  # greatly over- or under-qualified
        elements = store.ratings(rel.code)
        e_total = sum(e.importance or 0.0 for e in elements)
        cover = {e.element_id: _covered(e, levels) for e in elements}
        e_cov = [e for e in elements if cover[e.element_id] >= 1.0]
        e_missing = sorted((e for e in elements if cover[e.element_id] < 1.0),
                           key=lambda e: (-(e.importance or 0.0) * (1.0 - cover[e.element_id]), e.name))
        techs = store.techs(rel.code)
        if len(techs) > 12:
            techs = [t for t in techs if t.hot or t.in_demand] or techs[:12]
        t_weight = {t.id: 2.0 if t.hot else 1.0 for t in techs}
        t_hit = {t.id: tech_ids.get(str(t.id)) or names.get(t.example.casefold()) for t in techs}
        t_total = sum(t_weight.values())
        t_cov = sum(t_weight[t.id] for t in techs if t_hit[t.id])
        parts = []
        if e_total:
            parts.append((ELEMENT_SHARE, sum((e.importance or 0.0) * cover[e.element_id] for e in elements) / e_total))
        if t_total:
            parts.append((1 - ELEMENT_SHARE, t_cov / t_total))
        if not parts:
            continue
        overlap = sum(w * v for w, v in parts) / sum(w for w, _ in parts)
        matched_skills = sorted({s.fact_id for s in t_hit.values() if s is not None})
        matched = tuple([e.name for e in e_cov[:3]] + [t.example for t in techs if t_hit[t.id]][:3])
        missing = tuple([e.name for e in e_missing[:3]] + [t.example for t in techs if t.hot and not t_hit[t.id]][:2])
        option = PathOption(rel.code, rel.title, zone, _move(cur_zone, zone, cur_code, rel.code), round(overlap, 3),
                            matched, missing, (current.fact_id, *matched_skills), cur_code)
        out.append((overlap + TIER_BONUS.get(rel.tier or "", 0.0), option))
    out.sort(key=lambda x: (-round(x[0], 6), x[1].code))
    return tuple(o for _score, o in out[:MAX_PATHS])


def path_insights(p: CareerProfile, paths: tuple[PathOption, ...]) -> list[Insight]:
    """The best option of each kind of move, as an insight."""
    out: list[Insight] = []
    words = {"advancement": "A step up", "similar": "A close fit", "lateral": "A lateral move",
             "change": "A change of field"}
    for move in ("advancement", "similar", "lateral", "change"):
        best = next((o for o in paths if o.move == move and o.overlap >= MIN_OVERLAP), None)
        if best is None:
            continue
        miss = f"; to add: {', '.join(best.missing[:3])}" if best.missing else ""
        out.append(Insight(f"path:{best.code}", "path", "paths",
                           f"{words[move]}: {best.title} — you cover {round(100 * best.overlap)}% of what it asks{miss}.",
                           round(0.3 + 0.6 * best.overlap, 3), best.fact_ids))
    return out
