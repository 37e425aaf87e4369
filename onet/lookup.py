"""Occupation search (exact, fuzzy, semantic, with scores) and the full profile of one occupation."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import fuzz

from onet.store import OntologyStore
from onet.titles import EmbedFn, normalize_text, strip_seniority, title_index


@dataclass(frozen=True, slots=True)
class OccupationHit:
    """One search result; `score` is the best of the method scores (each 0-1, None if not tried/hit)."""

    code: str
    title: str
    score: float
    matched: str  # the title text that matched best
    exact: float | None = None
    fuzzy: float | None = None
    semantic: float | None = None


def search_occupations(store: OntologyStore, text: str, *, embed: EmbedFn | None = None,
                       limit: int = 10) -> list[OccupationHit]:
    """Occupations whose title or alternate titles match `text`, best first."""
    index = title_index(store)
    full, stripped = normalize_text(text), strip_seniority(text)
    if not stripped:
        return []
    found: dict[str, dict[str, Any]] = {}

    def note(code: str, method: str, score: float, matched: str) -> None:
        rec = found.setdefault(code, {"matched": matched, "best": -1.0})
        if score > (rec.get(method) or 0.0):
            rec[method] = round(score, 4)
        if score > rec["best"]:
            rec["best"], rec["matched"] = score, matched

    for key in {full, stripped}:
        for code in index.exact.get(key, {}):
            note(code, "exact", 1.0 if key == full else 0.95, index.key_text.get(key, text))
    for key, score in index.fuzzy(stripped, limit * 3):
        for code in index.exact[key]:
            note(code, "fuzzy", score / 100.0, index.key_text.get(key, key))
    if embed is not None:
        for code, sim, matched in index.semantic(stripped, embed, limit * 3):
            note(code, "semantic", sim, matched)
    hits = [OccupationHit(code, index.titles.get(code, ""), round(rec["best"], 4), rec["matched"],
                          rec.get("exact"), rec.get("fuzzy"), rec.get("semantic"))
            for code, rec in found.items()]
    def own_title_similarity(h: OccupationHit) -> float:  # ties: prefer the closer own title
        return fuzz.token_set_ratio(stripped, index.own_keys.get(h.code, ""))

    hits.sort(key=lambda h: (-h.score, -(h.exact or 0), -(h.semantic or 0), -own_title_similarity(h), h.code))
    return hits[:limit]


def occupation_profile(store: OntologyStore, code: str, *, max_tasks: int = 20,
                       max_items: int = 25) -> dict[str, Any] | None:
    """Everything `vita onet occupation CODE` shows, as JSON-ready data; None if unknown."""
    occ = store.occupation(code)
    if occ is None:
        return None
    zone = store.job_zone(code)
    education = store.education(code)
    typical = max(education, key=lambda e: e.percent) if education else None
    return {
        "code": occ.code,
        "title": occ.title,
        "description": occ.description,
        "alternate_titles": [a.title for a in store.alternate_titles(code)][:max_items],
        "job_zone": asdict(zone) if zone else None,
        "education": {
            "typical": typical.description if typical else None,
            "levels": [asdict(e) for e in education if e.percent > 0],
        },
        "tasks": [asdict(t) for t in store.tasks(code)[:max_tasks]],
        "technology_skills": [asdict(t) for t in store.technology_skills_for(code)],
        "skills": [asdict(r) for r in store.ratings(code, "skill")[:max_items]],
        "knowledge": [asdict(r) for r in store.ratings(code, "knowledge")[:max_items]],
        "abilities": [asdict(r) for r in store.ratings(code, "ability")[:max_items]],
        "work_styles": [asdict(r) for r in store.ratings(code, "work_style")[:max_items]],
        "interests": [asdict(r) for r in store.ratings(code, "interest") if r.importance is not None],
        "related_occupations": [asdict(r) for r in store.related(code)],
    }
