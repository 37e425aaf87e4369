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
# title fusion (weights chosen on one half of the LCA dev titles, checked on the other half):
# lexical (BM25 over O*NET titles) + meaning (best title cosine) + a major-group vote over the top
W_LEXICAL, W_MEANING, W_MAJOR_VOTE = 0.5, 0.5, 0.1
W_OCCUPATION_NGRAMS = 0.05  # + the occupation-level n-gram posterior (onet.title_bayes), chosen the same way
VOTE_TOP = 10  # candidates that vote for their major group
CATCH_ALL_PENALTY = 0.2  # "..., All Other" (XX-XX99) only wins when nothing specific fits
SEMANTIC_NEAREST = 50  # nearest titles of each kind kept per query
EMBED_CHUNK = 64  # query rows per similarity block (64 x 49k floats: bounds memory for big batches)


class OccupationClassifier:
    """Titles through the O*NET title index; documents by title lines, technologies and meaning."""

    def __init__(self, store: OntologyStore, *, embed: EmbedFn | None = None, extractor: Any = None) -> None:
        from onet.title_lexical import title_lexicon
        from onet.titles import title_index

        self.store = store
        self.embed = embed
        self.extractor = extractor
        self.index = title_index(store)
        self.titles = store.occupation_titles()
        self.lexicon = title_lexicon(store)
        self._tech_codes: dict[str, tuple[str, ...]] | None = None

    def job_zone(self, code: str) -> int | None:
        zone = self.store.job_zone(code)
        return zone.zone if zone is not None else None

    def classify(self, texts: Sequence[str], *, limit: int = 5) -> list[list[OccupationGuess]]:
        """Ranked guesses per text, best first (empty for an empty text)."""
        from onet.titles import strip_seniority

        kinds = ["title" if len(t.split()) <= TITLE_MAX_WORDS and "\n" not in t.strip() else "doc" for t in texts]
        titles = [t.strip() for t, k in zip(texts, kinds, strict=True) if k == "title" and t.strip()]
        meaning = self._title_meaning(titles)
        out: list[list[OccupationGuess]] = []
        docs = [i for i, k in enumerate(kinds) if k == "doc"]
        doc_results = dict(zip(docs, self._classify_docs([texts[i] for i in docs], limit), strict=True))
        for i, (text, kind) in enumerate(zip(texts, kinds, strict=True)):
            if kind == "doc":
                out.append(doc_results[i])
            elif not text.strip():
                out.append([])
            else:
                out.append(self._fuse_title(text.strip(), meaning.get(strip_seniority(text.strip()), {}), limit))
        return out

    def _fuse_title(self, title: str, meaning: dict[str, float], limit: int) -> list[OccupationGuess]:
        """Lexical and meaning scores per code, plus a vote for the major group the best candidates share."""
        from onet.title_bayes import title_bayes

        lexical = self.lexicon.scores(title)
        if not lexical and not meaning:  # nothing known: the alias/fuzzy lookup may still find it
            return [OccupationGuess(h.code, h.title, h.confidence) for h in self.index.lookup(title, limit, None)]
        ngrams = title_bayes(self.store).posterior(title)  # what all of an occupation's titles say together
        scores = {}
        for code in set(lexical) | set(meaning) | set(ngrams):
            penalty = CATCH_ALL_PENALTY if code[5:7] == "99" else 0.0
            scores[code] = (W_LEXICAL * lexical.get(code, 0.0) + W_MEANING * meaning.get(code, 0.0)
                            + W_OCCUPATION_NGRAMS * ngrams.get(code, 0.0) - penalty)
        top = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:VOTE_TOP]
        majors: dict[str, float] = {}
        for code, v in top:
            majors[code[:2]] = majors.get(code[:2], 0.0) + max(v, 0.0)
        total = sum(majors.values()) or 1.0
        for code in scores:
            scores[code] += W_MAJOR_VOTE * majors.get(code[:2], 0.0) / total
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [OccupationGuess(c, self.titles.get(c, ""), round(max(0.0, min(s, 1.0)), 4)) for c, s in ranked]

    def _title_meaning(self, titles: list[str]) -> dict[str, dict[str, float]]:
        """stripped title -> code -> cosine of its nearest O*NET title (own or alternate, by typicality), one batch."""
        from onet.errors import EmbeddingsMissing
        from onet.titles import strip_seniority

        unique = sorted({strip_seniority(t) for t in titles} - {""})
        if self.embed is None or not unique or not self.store.embedding_kinds():
            return {}
        import numpy as np

        queries = np.asarray(self.embed(unique), dtype=np.float32)
        queries /= np.linalg.norm(queries, axis=1, keepdims=True).clip(min=1e-9)
        out: dict[str, dict[str, float]] = {q: {} for q in unique}
        typical = self.lexicon.typical  # a title few sources report counts a little less
        for kind in ("occupation_title", "alt_title"):
            try:
                texts, matrix = self.store.embeddings(kind)
            except EmbeddingsMissing:
                continue
            k = min(SEMANTIC_NEAREST, len(texts) - 1)
            for start in range(0, len(unique), EMBED_CHUNK):
                block = queries[start:start + EMBED_CHUNK]
                # one title: einsum's own loop beats BLAS's threads on a mat-vec (see onet.titles.semantic)
                sims = block @ matrix.T if len(block) > 1 else np.einsum("ij,j->i", matrix, block[0])[None, :]
                nearest = np.argpartition(sims, -k, axis=1)[:, -k:]  # no negated copy of the block
                for row, q in enumerate(unique[start:start + EMBED_CHUNK]):
                    best = out[q]
                    for j in nearest[row]:
                        sim = float(sims[row, j])
                        for code in self.index.by_text.get(texts[j], ()):
                            weighted = sim * typical.get((texts[j], code), 1.0)
                            if weighted > best.get(code, 0.0):
                                best[code] = weighted
        return out

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
