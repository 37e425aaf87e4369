"""Sentence relevance: does a sentence talk about what a person does or knows?

Job postings and profiles mix skill statements with company blurbs and benefits; mentions in
the latter are rarely skills the text asks for. A tiny logistic model over hashed words and
word pairs (weights learned offline from a labelled training split; no text is stored) gives
P(sentence holds skill mentions).
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

RELEVANCE_FILE = "relevance.json"


def features(words: Sequence[str], buckets: int) -> list[int]:
    """Hashed bucket ids of lowercase unigrams, bigrams and a length marker."""
    low = [w.lower() for w in words]
    feats = [f"u:{w}" for w in low] + [f"b:{a} {b}" for a, b in zip(low, low[1:], strict=False)]
    feats.append(f"len:{min(len(low), 40) // 4}")
    feats.append(f"first:{low[0] if low else ''}")
    return [zlib.crc32(f.encode("utf-8")) % buckets for f in feats]


class RelevanceModel:
    """Logistic regression over hashed features: `probability(words)` in [0, 1]."""

    def __init__(self, weights: Sequence[float], bias: float) -> None:
        self.weights = list(weights)
        self.bias = bias

    def probability(self, words: Sequence[str]) -> float:
        z = self.bias + sum(self.weights[i] for i in features(words, len(self.weights)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_relevance() -> RelevanceModel | None:
    """The shipped model, or None if the resource is absent (then every sentence counts)."""
    try:
        raw = resources.files("resources").joinpath("lexicon", RELEVANCE_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    data = json.loads(raw)
    return RelevanceModel(data["weights"], float(data["bias"]))
