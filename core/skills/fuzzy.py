"""Fuzzy matching of misspelt single-token tool names ("Kubernets", "Postgress") with rapidfuzz."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.skills.extractor import SkillExtractor

MIN_LEN = 6
CUTOFF = 90.0


class FuzzyMatcher:
    """Index of one-token knowledge forms (>= MIN_LEN chars) for near-miss lookups."""

    def __init__(self, extractor: SkillExtractor) -> None:
        self._by_form: dict[str, int] = {}
        keys = {t.ontology_id: k for k, t in extractor._terms.items() if t.kind == "knowledge"}
        for form, owner in extractor.form_owner().items():
            if owner in keys and len(form) >= MIN_LEN and form.isalpha() and extractor._forms[form] >= 0.6:
                self._by_form.setdefault(form, keys[owner])
        self._forms = list(self._by_form)
        self._cache: dict[str, int | None] = {}

    def _lookup(self, word: str) -> int | None:
        if word in self._cache:
            return self._cache[word]
        from rapidfuzz import fuzz, process

        cands = [f for f in self._forms if abs(len(f) - len(word)) <= 2 and f[0] == word[0]]
        best = process.extractOne(word, cands, scorer=fuzz.ratio, score_cutoff=CUTOFF) if cands else None
        key = self._by_form[best[0]] if best else None
        self._cache[word] = key
        return key

    def matches(self, doc: Any, covered: set[int], words: Sequence[str]) -> Iterator[tuple[int, int, int]]:
        """(key, start, end) for capitalised unmatched tokens that are near-misses of a form."""
        for i, word in enumerate(words):
            if i == 0 or i in covered or len(word) < MIN_LEN or not word[0].isupper() or not word.isalpha():
                continue
            if doc[i].is_sent_start:
                continue
            key = self._lookup(word.lower())
            if key is not None:
                yield key, i, i + 1
