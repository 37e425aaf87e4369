"""Occupation-level evidence from all of an occupation's titles: naive Bayes over their character n-grams."""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from onet.titles import strip_seniority, stripped_titles

if TYPE_CHECKING:
    from onet.store import OntologyStore

# The best single title (`onet.title_lexical`) misses what an occupation's titles say together: "storage"
# from one title and "administrator" from another, the same field word in a dozen titles. Here every title
# of an occupation adds its n-grams to that occupation, so the words typical of it ("payroll", "software")
# weigh by how much of its vocabulary they are, and fragments ("admin", "engineering") still match.
NGRAM_MIN, NGRAM_MAX = 3, 5  # character n-grams inside words (padded by a space each side)
ALPHA = 0.1  # additive smoothing of the n-gram counts per occupation
TOP = 30  # posterior shared among this many best occupations


def word_ngrams(text: str) -> Counter[str]:
    """Character n-grams of each word padded with spaces (" nurse " -> " nu", "nur", ..., "rse "); a short word once."""
    grams: Counter[str] = Counter()
    for word in text.split():
        grams.update(_padded_ngrams(word))
    return grams


@lru_cache(maxsize=65536)
def _padded_ngrams(word: str) -> tuple[str, ...]:
    """The n-grams of one word between spaces, shortest first."""
    padded = f" {word} "
    out: list[str] = []
    for n in range(NGRAM_MIN, NGRAM_MAX + 1):
        out.extend(padded[i:i + n] for i in range(max(len(padded) - n + 1, 1)))
        if len(padded) <= n:  # the whole padded word, once
            break
    return tuple(out)


class TitleBayes:
    """Multinomial naive Bayes over TF-IDF character n-grams of O*NET titles, one class per occupation."""

    def __init__(self, store: OntologyStore) -> None:
        weight = _examples(store) or {("", ""): 1.0}  # no titles at all: one empty example, which no query meets
        self.codes = sorted({c for _, c in weight})
        pos = {c: k for k, c in enumerate(self.codes)}
        texts = sorted({t for t, _ in weight})
        row = {t: k for k, t in enumerate(texts)}
        self._gram_id: dict[str, int] = {}
        gid, tf, lengths = self._flat_ngrams(texts)
        starts = np.concatenate(([0], np.cumsum(lengths)))
        pair_row = np.array([row[t] for t, _ in weight], dtype=np.int64)
        pair_cls = np.array([pos[c] for _, c in weight], dtype=np.int64)
        pair_w = np.fromiter(weight.values(), dtype=np.float64, count=len(weight))
        # idf over the training examples (one per text and code), as scikit-learn's smooth idf
        doc_freq = np.bincount(gid, weights=np.repeat(np.bincount(pair_row, minlength=len(texts)), lengths),
                               minlength=len(self._gram_id))
        self._idf = np.log((1 + len(pair_row)) / (1 + doc_freq)) + 1.0
        val = (1.0 + np.log(tf)) * self._idf[gid]
        norms = np.sqrt(np.add.reduceat(val * val, starts[:-1])) if len(val) else np.ones(0)
        val /= np.repeat(np.where(norms > 0, norms, 1.0), lengths)
        # every example repeats its text's entries, weighted by the example's typicality
        n_entries = lengths[pair_row]
        take = np.repeat(starts[pair_row] - np.cumsum(n_entries) + n_entries, n_entries) + np.arange(n_entries.sum())
        n_codes = len(self.codes)
        ex_cls = np.repeat(pair_cls, n_entries).astype(np.int32)
        ex_val = val[take] * np.repeat(pair_w, n_entries)
        totals = np.bincount(ex_cls, weights=ex_val, minlength=n_codes)
        key = gid[take] * np.int32(n_codes) + ex_cls  # n-gram, then occupation (43k x 1k fits 32 bits)
        del take, ex_cls
        order = np.argsort(key)
        key = key[order]
        first = np.flatnonzero(np.diff(key, prepend=-1))
        # weighted n-gram count per (n-gram, occupation)
        count = np.add.reduceat(ex_val[order], first) if len(first) else np.zeros(0)
        key = key[first]
        self._cls = key % n_codes
        self._val = np.log1p(count / ALPHA)  # log(count + alpha) - log(alpha): zero where an occupation lacks it
        self._starts = np.searchsorted(key // n_codes, np.arange(len(self._gram_id) + 1))
        self._log_norm = np.log(totals + ALPHA * max(len(self._gram_id), 1))  # per occupation
        class_weight = np.bincount(pair_cls, weights=pair_w, minlength=n_codes)
        self._log_prior = np.log(class_weight / class_weight.sum())

    def _flat_ngrams(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each text's distinct n-gram ids and counts, one flat run per text, and the run lengths."""
        word_ids: dict[str, list[int]] = {}  # word -> its n-gram ids
        gram_ids = array("i")
        counts = array("i")
        lengths = np.zeros(len(texts), dtype=np.int64)
        for k, t in enumerate(texts):
            ids: list[int] = []
            for w in t.split():
                if w not in word_ids:
                    word_ids[w] = [self._gram_id.setdefault(g, len(self._gram_id)) for g in _padded_ngrams(w)]
                ids += word_ids[w]
            tf = Counter(ids)
            lengths[k] = len(tf)
            gram_ids.extend(tf.keys())
            counts.extend(tf.values())
        return np.frombuffer(gram_ids, dtype=np.int32), np.frombuffer(counts, dtype=np.int32).astype(np.float64), lengths

    def _vector(self, grams: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
        """Known n-gram ids and their sublinear tf times idf, at unit length."""
        known = [(self._gram_id[g], c) for g, c in grams.items() if g in self._gram_id]
        ids = np.array([i for i, _ in known], dtype=np.int64)
        vals = (1.0 + np.log(np.array([c for _, c in known], dtype=np.float64))) * self._idf[ids]
        norm = float(np.sqrt(vals @ vals)) or 1.0
        return ids, vals / norm

    def posterior(self, query: str) -> dict[str, float]:
        """code -> posterior share among the TOP best occupations for the (seniority-stripped) title; {} if nothing known."""
        ids, vals = self._vector(word_ngrams(strip_seniority(query)))
        if not len(ids):
            return {}
        joint = self._log_prior + float(vals.sum()) * (math.log(ALPHA) - self._log_norm)
        for i, q in zip(ids.tolist(), vals.tolist(), strict=True):
            lo, hi = self._starts[i], self._starts[i + 1]
            joint[self._cls[lo:hi]] += q * self._val[lo:hi]
        top = np.argpartition(joint, -TOP)[-TOP:] if len(joint) > TOP else np.arange(len(joint))
        share = np.exp(joint[top] - joint[top].max())
        share /= share.sum()
        return {self.codes[k]: float(v) for k, v in zip(top.tolist(), share.tolist(), strict=True)}


def _examples(store: OntologyStore) -> dict[tuple[str, str], float]:
    """(seniority-stripped title, code) -> the summed typicality of the O*NET titles reading so."""
    from onet.title_lexical import typicality

    weight: dict[tuple[str, str], float] = defaultdict(float)
    stripped = stripped_titles(store)
    for e in store.title_entries():
        text = stripped[e.text]
        if text:
            weight[text, e.code] += typicality(e)
    return weight


def title_bayes(store: OntologyStore) -> TitleBayes:
    """The store's occupation-level n-gram model, built on first use and kept with the store."""
    model: TitleBayes = store.cached("title_bayes", lambda: TitleBayes(store))
    return model
