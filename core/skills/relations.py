"""Skill relations used by matching: similar skills, co-occurring skills, transferable skills."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core.skills.lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    import numpy as np

    from onet.store import OntologyStore

EmbedFn = Callable[[Sequence[str]], "np.ndarray"]
NEIGHBOUR_WINDOW = 8  # lexicon entries are authored with related tools next to each other


@dataclass(frozen=True, slots=True)
class RelatedSkill:
    ontology_id: str
    label: str
    score: float  # 0..1, higher is closer
    reason: str  # "embedding" | "category" | "commodity" | "occupations"


@dataclass(frozen=True, slots=True)
class SharedElement:
    element_id: str
    name: str
    source_importance: float
    target_importance: float


@dataclass(frozen=True, slots=True)
class Transfer:
    """What carries over from one occupation to another, and what the target adds."""

    source: str
    target: str
    shared_technologies: list[str] = field(default_factory=list)
    missing_technologies: list[str] = field(default_factory=list)
    shared_elements: list[SharedElement] = field(default_factory=list)
    missing_elements: list[SharedElement] = field(default_factory=list)
    overlap: float = 0.0  # share of the target's important elements and technologies already held


@dataclass(frozen=True, slots=True)
class _Node:
    ontology_id: str
    label: str
    group: str  # lexicon category or O*NET commodity code
    position: int


class SkillRelations:
    """Relations over the starter lexicon and, when given, an imported O*NET store."""

    def __init__(self, store: OntologyStore | None = None, lexicon: Lexicon | None = None,
                 embed: EmbedFn | None = None) -> None:
        self.store = store
        self.lexicon = lexicon or load_lexicon()
        self.embed = embed
        self._nodes: list[_Node] = []
        self._by_form: dict[str, int] = {}
        self._tech_codes: dict[str, tuple[str, ...]] = {}
        self._lex_to_tech: dict[str, str] = {}
        for e in self.lexicon.entries:
            if e.kind != "knowledge":
                continue
            idx = len(self._nodes)
            self._nodes.append(_Node(e.id, e.label, "lex:" + e.category, idx))
            for f in e.forms:
                self._by_form.setdefault(f.lower(), idx)
        if store is not None:
            techs = sorted(store.technology_skills(), key=lambda t: (-len(t.occupation_codes), t.id))
            for t in techs:
                owner = self._by_form.get(t.example.lower())
                if owner is not None and self._nodes[owner].ontology_id.startswith("lex:"):
                    self._lex_to_tech.setdefault(self._nodes[owner].ontology_id, t.ontology_id)
                idx = len(self._nodes)
                self._nodes.append(_Node(t.ontology_id, t.example, "unspsc:" + (t.commodity_code or ""), idx))
                self._tech_codes[t.ontology_id] = t.occupation_codes
                self._by_form.setdefault(t.example.lower(), idx)
                self._by_form.setdefault(t.ontology_id, idx)
        for i, n in enumerate(self._nodes):
            self._by_form.setdefault(n.ontology_id, i)

    def resolve(self, skill: str) -> tuple[str, str] | None:
        """(ontology id, label) for a skill name, alias or id; None if unknown."""
        i = self._by_form.get(skill.strip().lower(), self._by_form.get(skill.strip()))
        return None if i is None else (self._nodes[i].ontology_id, self._nodes[i].label)

    def similar(self, skill: str, limit: int = 10) -> list[RelatedSkill]:
        """Skills close to `skill`: by embedding when available, else lexicon/commodity neighbours."""
        i = self._by_form.get(skill.strip().lower(), self._by_form.get(skill.strip()))
        if i is None:
            return self._similar_by_embedding(skill, None, limit) if self.embed else []
        node = self._nodes[i]
        from_store = self._similar_from_store(node, limit)
        if from_store:
            return from_store
        mates = [n for n in self._nodes if n.group == node.group and n.label.lower() != node.label.lower()]
        if self.embed is not None:
            return self._similar_by_embedding(node.label, mates, limit)
        out: list[RelatedSkill] = []
        for m in mates:
            if node.group.startswith("lex:"):
                gap = abs(m.position - node.position)
                if gap > NEIGHBOUR_WINDOW:
                    continue
                out.append(RelatedSkill(m.ontology_id, m.label, round(1.0 / (1 + gap), 3), "category"))
            else:
                out.append(RelatedSkill(m.ontology_id, m.label, 0.5, "commodity"))
        out.sort(key=lambda r: (-r.score, r.label))
        return _dedupe(out)[:limit]

    def _similar_from_store(self, node: _Node, limit: int) -> list[RelatedSkill]:
        """Cosine neighbours among the store's technology-skill embeddings (no model needed)."""
        store = self.store
        if store is None or not store.has_embeddings("tech_skill"):
            return []
        import numpy as np

        texts, matrix = store.embeddings("tech_skill")
        tech_id = self._lex_to_tech.get(node.ontology_id, node.ontology_id)
        label = next((n.label for n in self._nodes if n.ontology_id == tech_id), node.label)
        try:
            row = texts.index(label)
        except ValueError:
            return []
        scores = matrix @ matrix[row]
        order = np.argsort(-scores)
        ids = {n.label: n.ontology_id for n in reversed(self._nodes) if not n.ontology_id.startswith("lex:")}
        out = [RelatedSkill(ids.get(texts[j], ""), texts[j], round(float(scores[j]), 3), "embedding")
               for j in order[: limit * 3] if j != row and texts[j] in ids]
        return _dedupe(out)[:limit]

    def _similar_by_embedding(self, label: str, mates: list[_Node] | None, limit: int) -> list[RelatedSkill]:
        assert self.embed is not None
        import numpy as np

        pool = mates if mates else self._nodes
        labels = [n.label for n in pool]
        if not labels:
            return []
        vecs = self.embed([label, *labels])
        scores = np.asarray(vecs[1:]) @ np.asarray(vecs[0])
        order = np.argsort(-scores)
        out = [RelatedSkill(pool[j].ontology_id, pool[j].label, round(float(scores[j]), 3), "embedding")
               for j in order if pool[j].label.lower() != label.lower()]
        return _dedupe(out)[:limit]

    def cooccurring(self, skill: str, limit: int = 10) -> list[RelatedSkill]:
        """Technologies listed by the same O*NET occupations as `skill` (share of its occupations)."""
        hit = self.resolve(skill)
        if hit is None or self.store is None:
            return []
        own = self._lex_to_tech.get(hit[0], hit[0])
        codes = set(self._tech_codes.get(own, ()))
        if not codes:
            return []
        scores: dict[str, float] = {}
        for oid, occ in self._tech_codes.items():
            if oid != own and occ:
                n = len(codes.intersection(occ))
                if n:  # cosine of the two occupation sets: ubiquitous office tools do not dominate
                    scores[oid] = n / math.sqrt(len(codes) * len(occ))
        labels = {n.ontology_id: n.label for n in self._nodes}
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], labels[kv[0]]))
        return [RelatedSkill(oid, labels[oid], round(v, 3), "occupations") for oid, v in ranked[:limit]]

    def transferable(self, source: str, target: str, *, min_importance: float = 3.0) -> Transfer:
        """Skills, knowledge and technologies of occupation `source` that `target` also needs."""
        if self.store is None:
            return Transfer(source, target)
        store = self.store
        src_tech = {t.example for t in store.technology_skills_for(source)}
        tgt_tech = [t.example for t in store.technology_skills_for(target)]
        shared_elems: list[SharedElement] = []
        missing_elems: list[SharedElement] = []
        for domain in ("skill", "knowledge", "ability"):
            src = {r.element_id: r for r in store.ratings(source, domain) if r.importance is not None}
            for r in store.ratings(target, domain):
                if r.importance is None or r.importance < min_importance:
                    continue
                s = src.get(r.element_id)
                s_imp = s.importance if s is not None and s.importance is not None else 0.0
                item = SharedElement(r.element_id, r.name, s_imp, r.importance)
                (shared_elems if s_imp >= min_importance else missing_elems).append(item)
        shared_tech = [t for t in tgt_tech if t in src_tech]
        missing_tech = [t for t in tgt_tech if t not in src_tech]
        total = len(tgt_tech) + len(shared_elems) + len(missing_elems)
        overlap = (len(shared_tech) + len(shared_elems)) / total if total else 0.0
        shared_elems.sort(key=lambda e: -min(e.source_importance, e.target_importance))
        missing_elems.sort(key=lambda e: -e.target_importance)
        return Transfer(source, target, shared_tech, missing_tech, shared_elems, missing_elems, round(overlap, 3))


def _dedupe(items: list[RelatedSkill]) -> list[RelatedSkill]:
    seen: set[str] = set()
    out = []
    for r in items:
        if r.label.lower() not in seen:
            seen.add(r.label.lower())
            out.append(r)
    return out


def shared_embedder() -> Any:
    """`core.embed.Embedder.shared().encode`, for callers that want embedding similarity."""
    from core.embed import Embedder

    return Embedder.shared().encode
