"""classify(texts) -> ranked O*NET-SOC codes for titles, postings or whole resumes; models load once."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from core.jobs.model import OccupationGuess

if TYPE_CHECKING:
    import numpy as np

    from onet.store import OntologyStore

EmbedFn = Callable[[list[str]], "np.ndarray"]
TITLE_MAX_WORDS = 12  # longer single-line texts are treated as documents
LINE_TITLE_WORDS = 6  # a line of a document this short may be a job title
TITLE_LINE_FLOOR = 0.9  # only exact (or near-exact) title hits inside a document vote
DOC_HEAD_CHARS = 1500  # the opening of a document is embedded (titles and summary live there)
# weights of the three votes for a document (title lines, technologies named, meaning of the opening)
W_TITLE, W_TECH, W_SEMANTIC = 0.45, 0.35, 0.2
_LINE_SPLIT = re.compile(r"\n|\s[-–|•]\s|:\s")


class _Cached:
    """An embed function over pre-computed vectors (one batch for many lookups)."""

    def __init__(self, texts: list[str], vectors: np.ndarray) -> None:
        self._rows = {t: i for i, t in enumerate(texts)}
        self._vectors = vectors
        self._fallback: EmbedFn | None = None

    def __call__(self, texts: list[str]) -> np.ndarray:
        return self._vectors[[self._rows[t] for t in texts]]


class OccupationClassifier:
    """Titles through the O*NET title index; documents by title lines, technologies and meaning."""

    def __init__(self, store: OntologyStore, *, embed: EmbedFn | None = None, extractor: Any = None) -> None:
        from onet.titles import title_index

        self.store = store
        self.embed = embed
        self.extractor = extractor
        self.index = title_index(store)
        self.titles = store.occupation_titles()
        self._tech_codes: dict[str, tuple[str, ...]] | None = None

    def job_zone(self, code: str) -> int | None:
        zone = self.store.job_zone(code)
        return zone.zone if zone is not None else None

    def classify(self, texts: Sequence[str], *, limit: int = 5) -> list[list[OccupationGuess]]:
        """Ranked guesses per text, best first (empty for an empty text)."""
        from onet.titles import strip_seniority

        kinds = ["title" if len(t.split()) <= TITLE_MAX_WORDS and "\n" not in t.strip() else "doc" for t in texts]
        titles = [t.strip() for t, k in zip(texts, kinds, strict=True) if k == "title" and t.strip()]
        embed = self._batch([strip_seniority(t) for t in titles])
        out: list[list[OccupationGuess]] = []
        docs = [i for i, k in enumerate(kinds) if k == "doc"]
        doc_results = dict(zip(docs, self._classify_docs([texts[i] for i in docs], limit), strict=True))
        for i, (text, kind) in enumerate(zip(texts, kinds, strict=True)):
            if kind == "doc":
                out.append(doc_results[i])
            elif not text.strip():
                out.append([])
            else:
                hits = self.index.lookup(text.strip(), limit, embed)
                out.append([OccupationGuess(h.code, h.title, h.confidence) for h in hits])
        return out

    def _batch(self, texts: list[str]) -> EmbedFn | None:
        if self.embed is None or not texts or not self.store.embedding_kinds():
            return None
        unique = sorted(set(texts))
        return _Cached(unique, self.embed(unique))

    # -- documents -------------------------------------------------------------------------

    def _classify_docs(self, texts: list[str], limit: int) -> list[list[OccupationGuess]]:
        if not texts:
            return []
        heads = [t.strip()[:DOC_HEAD_CHARS] for t in texts]
        semantic = self._semantic_votes(heads)
        tech = self._tech_votes(texts)
        out = []
        for i, text in enumerate(texts):
            scores: dict[str, float] = {}
            for votes, weight in ((self._title_votes(text), W_TITLE), (tech[i], W_TECH), (semantic[i], W_SEMANTIC)):
                for code, v in votes.items():
                    scores[code] = scores.get(code, 0.0) + weight * v
            ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
            out.append([OccupationGuess(c, self.titles.get(c, ""), round(min(s, 1.0), 4)) for c, s in ranked])
        return out

    def _title_votes(self, text: str) -> dict[str, float]:
        """Short lines that are O*NET titles; earlier and repeated lines weigh more (0..1 by max)."""
        votes: dict[str, float] = {}
        for n, piece in enumerate(_LINE_SPLIT.split(text)):
            line = piece.strip(" *#•-–,.()")
            words = line.split()
            if not words or len(words) > LINE_TITLE_WORDS or any(ch.isdigit() for ch in line) or "@" in line:
                continue
            hits = self.index.lookup(line, 3, None)
            if not hits or hits[0].confidence < TITLE_LINE_FLOOR:
                continue
            weight = 1.0 / (1.0 + n / 40.0)
            for h in hits:
                if h.confidence >= hits[0].confidence - 0.02:
                    votes[h.code] = votes.get(h.code, 0.0) + weight * h.confidence
        return _normalised(votes)

    def _tech_codes_map(self) -> dict[str, tuple[str, ...]]:
        if self._tech_codes is None:
            self._tech_codes = {t.ontology_id: t.occupation_codes for t in self.store.technology_skills()}
        return self._tech_codes

    def _tech_votes(self, texts: list[str]) -> list[dict[str, float]]:
        """Occupations that list the technologies a text names, rarer technologies weighing more."""
        if self.extractor is None:
            return [{} for _ in texts]
        codes_of = self._tech_codes_map()
        n_occ = max(len(self.titles), 1)
        out = []
        for spans in self.extractor.extract_many(texts):
            votes: dict[str, float] = {}
            for oid in {s.ontology_id for s in spans if s.ontology_id and s.ontology_id.startswith("onet:tech:")}:
                codes = codes_of.get(oid, ())
                if not codes:
                    continue
                idf = math.log(n_occ / len(codes))
                for c in codes:
                    votes[c] = votes.get(c, 0.0) + idf
            out.append(_normalised(votes))
        return out

    def _semantic_votes(self, heads: list[str]) -> list[dict[str, float]]:
        """Cosine of each opening with occupation titles (the best title per code)."""
        if self.embed is None or not self.store.has_embeddings("occupation_title"):
            return [{} for _ in heads]
        import numpy as np

        texts, matrix = self.store.embeddings("occupation_title")
        vecs = np.asarray(self.embed(heads), dtype=np.float32)
        sims = vecs @ matrix.T
        out = []
        for row in sims:
            top = np.argsort(-row)[:10]
            votes: dict[str, float] = {}
            best = float(row[top[0]]) if len(top) else 0.0
            for j in top:
                for code in self.index.by_text.get(texts[j], ()):
                    votes[code] = max(votes.get(code, 0.0), max(0.0, float(row[j]) - best + 0.1) * 10)
            out.append(votes)
        return out


def _normalised(votes: dict[str, float]) -> dict[str, float]:
    top = max(votes.values(), default=0.0)
    return {c: v / top for c, v in votes.items()} if top > 0 else {}
