"""BM25 over every O*NET title (own, alternate, short), scored per occupation, the head noun weighted."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from onet.titles import strip_seniority, stripped_titles

if TYPE_CHECKING:
    from onet.records import TitleEntry
    from onet.store import OntologyStore

K1, B = 1.2, 0.5  # BM25 term saturation and length normalisation (titles are short)
OTHER_HEAD = 0.8  # a title ending in another noun than the query's counts this much
HEAD_BOOST = 2.0  # the last word of a title ("engineer", "analyst") says most about the occupation
KNOWN_HEAD_TITLES = 5  # a word ending this many O*NET titles is a job noun ("tutor"), not a field
JOB_NOUN_SHARE = 0.5  # ... and a job noun proper when at least this share of the titles holding it end in it
TYPO_MIN_LEN, TYPO_CUTOFF = 5, 90.0  # an unknown word this long this close to a title word is that word
SOURCE_WEIGHT = {"occupation": 1.0, "short": 0.95, "alternate": 0.9}
# An alternate title reported by several of O*NET's title sources is typical of its occupation; one
# reported once ("Travel Consultant" under Travel Guides, where Travel Agents have it from four) is not.
FULL_REPORTS = 4  # this many sources make an alternate title as typical as the occupation's own title
REPORT_STEP = 0.03  # weight lost per missing source (chosen on one half of the LCA dev titles)


def typicality(entry: TitleEntry) -> float:
    """1.0 for an occupation's own title; an alternate title a little less for each source it lacks."""
    if entry.source == "occupation":
        return 1.0
    return 1.0 - REPORT_STEP * (FULL_REPORTS - min(max(entry.reports, 1), FULL_REPORTS))


class TitleLexicon:
    """An inverted index of title words; `scores(query)` gives code -> best title's BM25 (0..1 of the query's max)."""

    def __init__(self, store: OntologyStore) -> None:
        docs: list[tuple[list[str], str, float]] = []
        self.typical: dict[tuple[str, str], float] = {}  # (title text, code) -> typicality
        stripped = stripped_titles(store)
        for e in store.title_entries():
            typical = typicality(e)
            if typical > self.typical.get((e.text, e.code), 0.0):
                self.typical[e.text, e.code] = typical
            words = stripped[e.text].split()
            if words:
                docs.append((words, e.code, SOURCE_WEIGHT.get(e.source, 0.9) * typical))
        heads = [words[-1] for words, _, _ in docs]
        head_counts = Counter(heads)
        self.known_heads = frozenset(h for h, n in head_counts.items() if n >= KNOWN_HEAD_TITLES)
        lengths = np.array([len(words) for words, _, _ in docs], dtype=np.float64)
        self.avg_len = float(lengths.mean()) if len(docs) else 1.0
        doc_norm = K1 * (1.0 - B + B * lengths / self.avg_len)
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, (words, _, _) in enumerate(docs):
            for w, c in Counter(words).items():
                postings[w].append((i, c))
        # per word: the titles holding it and their BM25 saturation (query-independent, so computed once)
        self._docs: dict[str, np.ndarray] = {}
        self._saturation: dict[str, np.ndarray] = {}
        for w, p in postings.items():
            idx = np.fromiter((i for i, _ in p), dtype=np.int64, count=len(p))
            tf = np.fromiter((c for _, c in p), dtype=np.float64, count=len(p))
            self._docs[w] = idx
            self._saturation[w] = tf * (K1 + 1.0) / (tf + doc_norm[idx])
        n = len(docs)
        self.idf = {w: math.log(1.0 + (n - len(p) + 0.5) / (len(p) + 0.5)) for w, p in postings.items()}
        code_list = sorted({code for _, code, _ in docs})
        code_pos = {c: k for k, c in enumerate(code_list)}
        self._code_list = code_list
        self._doc_code = np.array([code_pos[code] for _, code, _ in docs], dtype=np.int64)
        self._doc_weight = np.array([w for _, _, w in docs], dtype=np.float64)
        head_ids = {h: k for k, h in enumerate(head_counts)}
        self._head_ids = head_ids
        self._doc_head = np.array([head_ids[h] for h in heads], dtype=np.int64)
        self._vocabulary = sorted(w for w in self.idf if len(w) >= TYPO_MIN_LEN - 1 and w.isalpha())
        self._spelling: dict[str, str] = {}
        # "professor", "advisor", "teacher": mostly the last word where they occur ("research", "system" are not)
        self.job_nouns = frozenset(h for h in self.known_heads
                                   if head_counts[h] >= JOB_NOUN_SHARE * len(postings[h]))

    def spelled(self, word: str) -> str:
        """A word no O*NET title has, as the title word it misspells ("admininstrator"); else itself."""
        if word in self.idf or len(word) < TYPO_MIN_LEN or not word.isalpha():
            return word
        if word not in self._spelling:
            if word.endswith("ie") and word[:-2] + "y" in self.idf:  # "laboratories" singularised
                self._spelling[word] = word[:-2] + "y"
            else:
                hit = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
                self._spelling[word] = hit[0] if hit else word
        return self._spelling[word]

    def query_weights(self, words: list[str], head: str) -> dict[str, float]:
        """Each known query word's idf, the head noun boosted."""
        out: dict[str, float] = {}
        for w in words:
            if w in self.idf:
                boost = HEAD_BOOST if w == head else 1.0
                out[w] = max(out.get(w, 0.0), self.idf[w] * boost)
        return out

    def scores(self, query: str) -> dict[str, float]:
        """code -> BM25 of its best-matching title, divided by the query's own best possible score."""
        words = [self.spelled(w) for w in strip_seniority(query).split()]
        head = self.spelled(head_noun(query, self.known_heads, self.job_nouns)) or (words[-1] if words else "")
        weights = self.query_weights(words, head)
        if not weights:
            return {}
        acc = np.zeros(len(self._doc_code), dtype=np.float64)
        for w, idf in weights.items():
            acc[self._docs[w]] += idf * self._saturation[w]
        ceiling = sum(weights.values()) * (K1 + 1.0) / (1.0 + K1 * (1.0 - B + B * len(words) / self.avg_len))
        hit = np.flatnonzero(acc)
        s = acc[hit]
        # a title ending in another noun names another kind of job
        s = np.where(self._doc_head[hit] == self._head_ids.get(head, -1), s, s * OTHER_HEAD)
        v = np.minimum(s / ceiling, 1.0) * self._doc_weight[hit]
        best = np.zeros(len(self._code_list), dtype=np.float64)
        np.maximum.at(best, self._doc_code[hit], v)
        return {self._code_list[k]: float(best[k]) for k in np.flatnonzero(best)}


_OF = re.compile(r"\s+of\s+", re.IGNORECASE)
_SEGMENTS = re.compile(r"\s*(?:,|\(|\)|/|:|\s[-–]\s?|\s?[-–]\s)\s*")


def head_noun(title: str, known_heads: frozenset[str] = frozenset(),
              job_nouns: frozenset[str] = frozenset()) -> str:
    """The job noun of a title: the last word of its first part, unless that is no job noun and another word is.

    "Director, Technology Solutions" -> director; "Professor of Surgery" -> professor (in "A of B" the head is
    A's unless B ends in a known head: "Bachelor of Science Tutor" -> tutor). With `job_nouns`, a last word
    that is none gives way to the last job noun of the first part holding one: "Pharmacist in Charge" ->
    pharmacist, "Assistant Professor-Tenure Track" -> professor, "SCCM/Altiris Administrator" -> administrator.
    """
    parts = [part for part in _SEGMENTS.split(title) if part.strip() and strip_seniority(part).split()]
    if not parts:
        return ""
    head = _last_word_head(parts[0], known_heads)
    if not job_nouns or head in job_nouns:
        return head
    for part in parts:
        nouns = [w for w in strip_seniority(part).split() if w in job_nouns]
        if nouns:
            return nouns[-1]
    return head


def _last_word_head(part: str, known_heads: frozenset[str]) -> str:
    words = strip_seniority(part).split()
    before_of = _OF.split(part)[0]
    if before_of != part and words[-1] not in known_heads:
        head_words = strip_seniority(before_of).split()
        if head_words:
            return head_words[-1]
    return words[-1]


def title_lexicon(store: OntologyStore) -> TitleLexicon:
    """The store's lexical title index, built on first use and kept with the store."""
    lex: TitleLexicon = store.cached("title_lexicon", lambda: TitleLexicon(store))
    return lex
