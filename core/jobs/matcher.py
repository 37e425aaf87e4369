"""JobMatcher: the services matching needs, built once; parse postings, match profiles, score pairs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from core.jobs.evidence import profile_from_text
from core.jobs.ladder import MEANING_KINDS, EvidenceLadder, LadderContext
from core.jobs.model import MatchProfile, MatchResult, ParsedPosting, RequirementKind
from core.jobs.posting import parse_postings
from core.jobs.score import ScoreWeights, musts_met, occupation_fit, score_results

if TYPE_CHECKING:
    import numpy as np

    from core.jobs.occupations import OccupationClassifier
    from onet.store import OntologyStore

EmbedFn = Callable[[list[str]], "np.ndarray"]
RELATED_MIN = 0.6  # store-embedding cosine between two technologies that makes them related
RELATED_NEIGHBOUR_MIN = 0.2  # lexicon neighbours at most four entries apart (score 1 / (1 + gap))
TITLE_LINE_WORDS = 8
PARSE_CACHE_LIMIT = 5000
# lexicon categories of products that stand in for one another (another database, another cloud):
# having one is a related skill for the others
PRODUCT_KINDS = frozenset({"database", "cloud"})
# pairs without a stored profile: occupation agreement, requirements met, and the two texts' meaning
# (dense similarity of the openings) fused with fixed, equal-ish weights
PAIR_WEIGHTS = (0.4, 0.3, 0.3)
PAIR_HEAD_CHARS = 2000


class MemoEmbed:
    """An embed function that remembers every text's vector (requirement labels repeat across jobs)."""

    def __init__(self, embed: EmbedFn, limit: int = 50_000) -> None:
        self._embed = embed
        self._memo: dict[str, Any] = {}
        self._limit = limit

    def __call__(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        todo = sorted({t for t in texts if t not in self._memo})
        if todo:
            if len(self._memo) + len(todo) > self._limit:
                self._memo.clear()
            for t, v in zip(todo, np.asarray(self._embed(todo), dtype=np.float32), strict=True):
                self._memo[t] = v
        return np.stack([self._memo[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)

    def remember(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Take vectors computed earlier (the vault's per-job cache) as if embedded now."""
        if len(self._memo) + len(texts) > self._limit:
            self._memo.clear()
        for t, v in zip(texts, vectors, strict=True):
            self._memo.setdefault(t, v)


class JobMatcher:
    """Skill extractor, occupation classifier, skill relations and embedder, each created once."""

    def __init__(self, *, extractor: Any, store: OntologyStore | None = None, embed: EmbedFn | None = None,
                 weights: ScoreWeights | None = None, today: date | None = None) -> None:
        self.extractor = extractor
        self.store = store
        self.embed = MemoEmbed(embed) if embed is not None else None
        self.weights = weights or ScoreWeights()
        self.today = today or date.today()
        self.classifier: OccupationClassifier | None = None
        self._relations: Any = None
        self._related_cache: dict[str, set[str]] = {}
        self._kinds: dict[str, str] | None = None
        self._parsed: dict[tuple[str, str], ParsedPosting] = {}  # warm ranking re-parses nothing
        if store is not None:
            from core.jobs.occupations import OccupationClassifier

            self.classifier = OccupationClassifier(store, embed=self.embed, extractor=extractor)

    def related(self, ontology_id: str) -> set[str]:
        """Ontology ids of skills related to one (same commodity or close in the store's embeddings)."""
        if ontology_id in self._related_cache:
            return self._related_cache[ontology_id]
        if self._relations is None:
            from core.skills.relations import SkillRelations

            self._relations = SkillRelations(self.store)
        near = {r.ontology_id for r in self._relations.similar(ontology_id, limit=15)
                if r.ontology_id and r.ontology_id != ontology_id
                and r.score >= (RELATED_MIN if r.reason == "embedding" else RELATED_NEIGHBOUR_MIN)}
        self._related_cache[ontology_id] = near
        return near

    def context(self) -> LadderContext:
        return LadderContext(related=self.related, embed=self.embed, today=self.today, kind=self.product_kind)

    def product_kind(self, name: str) -> str:
        """The kind of a named product whose peers substitute for it ("database", "cloud"), else ""."""
        if self._kinds is None:
            entries = getattr(getattr(self.extractor, "lexicon", None), "entries", ())
            self._kinds = {f.lower(): e.category for e in entries if e.category in PRODUCT_KINDS
                           for f in (e.label, *e.forms)}
        return self._kinds.get(name.lower(), "")

    def parse(self, items: Sequence[tuple[str, str]]) -> list[ParsedPosting]:
        """(title, text) pairs -> parsed postings (title "" = taken from a short first line)."""
        titled = [(title or _title_line(text), text) for title, text in items]
        todo = sorted({t for t in titled if t not in self._parsed})
        if todo:
            if len(self._parsed) > PARSE_CACHE_LIMIT:
                self._parsed.clear()
            for key, parsed in zip(todo, parse_postings(todo, extractor=self.extractor, classifier=self.classifier),
                                   strict=True):
                self._parsed[key] = parsed
        return [self._parsed[t] for t in titled]

    def remember(self, title: str, text: str, parsed: ParsedPosting, related: dict[str, list[str]]) -> None:
        """Take a posting parsed earlier, with its skills' related ids (the vault's per-job cache)."""
        self._parsed[(title or _title_line(text), text)] = parsed
        for oid, near in related.items():
            self._related_cache.setdefault(oid, set(near))

    def derived(self, parsed: ParsedPosting) -> tuple[list[str], Any, dict[str, list[str]]]:
        """What matching derives from a posting alone: the texts the meaning rung embeds, their vectors
        (None without an embedder) and the related ids of each skill with an ontology id."""
        texts = sorted({r.phrase or r.label for r in parsed.requirements if r.kind in MEANING_KINDS})
        vectors = self.embed(texts) if self.embed is not None and texts else None
        related = {r.ontology_id: sorted(self.related(r.ontology_id)) for r in parsed.requirements
                   if r.kind is RequirementKind.skill and r.ontology_id}
        return texts, vectors, related

    def profile_from_text(self, text: str) -> MatchProfile:
        prof = profile_from_text(text, extractor=self.extractor, today=self.today)
        if self.classifier is not None and text.strip():
            prof.occupations = tuple(self.classifier.classify([text])[0])
        return prof

    def match(self, profile: MatchProfile, posting: ParsedPosting, ladder: EvidenceLadder | None = None) -> MatchResult:
        """Every requirement through the ladder, then the headline and the capped weighted sum."""
        ladder = ladder or EvidenceLadder(profile, self.context())
        results = tuple(ladder.check_all(posting.requirements))
        met, total = musts_met(results)
        fit = occupation_fit(profile.occupations, posting.occupations)
        sections, score, capped = score_results(results, profile, self.weights, occupation_fit=fit)
        return MatchResult(results, met, total, sections, score, capped, fit)

    def match_many(self, profile: MatchProfile, postings: Sequence[ParsedPosting]) -> list[MatchResult]:
        """One ladder (passages embedded once) for all postings."""
        ladder = EvidenceLadder(profile, self.context())
        return [self.match(profile, p, ladder) for p in postings]

    def score_pairs(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """(resume text, job text) -> a score in [0, 1]: occupation agreement blended with requirements."""
        profiles: dict[str, MatchProfile] = {}
        for resume, _ in pairs:
            if resume not in profiles:
                profiles[resume] = self.profile_from_text(resume)
        jobs = sorted({job for _, job in pairs})
        parsed = dict(zip(jobs, self.parse([("", j) for j in jobs]), strict=True))
        ladders = {k: EvidenceLadder(p, self.context()) for k, p in profiles.items()}
        dense = self._dense(list(profiles), jobs)
        w_occ, w_req, w_dense = PAIR_WEIGHTS
        out = []
        for resume, job in pairs:
            res = self.match(profiles[resume], parsed[job], ladders[resume])
            req = (res.score or 0.0) / 100.0
            sim = dense.get((resume, job), 0.0)
            out.append(round(min(1.0, w_occ * res.occupation_fit + w_req * req + w_dense * sim), 6))
        return out

    def _dense(self, resumes: list[str], jobs: list[str]) -> dict[tuple[str, str], float]:
        """Cosine (clipped at 0) of each resume's and job's opening, when an embedder is there."""
        if self.embed is None:
            return {}
        import numpy as np

        heads = [t.strip()[:PAIR_HEAD_CHARS] for t in resumes + jobs]
        vecs = np.asarray(self.embed(heads), dtype=np.float32)
        r, j = vecs[: len(resumes)], vecs[len(resumes):]
        sims = r @ j.T
        return {(a, b): max(0.0, float(sims[i, k])) for i, a in enumerate(resumes) for k, b in enumerate(jobs)}


def _title_line(text: str) -> str:
    for line in text.strip().splitlines():
        line = line.strip(" *#:-")
        if line:
            return line if len(line.split()) <= TITLE_LINE_WORDS else ""
    return ""
