"""Skill layer: ability verb phrases ("manage stakeholders", "building data pipelines")."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MODALS = frozenset("to will can should must may might could would shall 'll".split())
SUBJECTS = frozenset("you we they i who also then".split())
DETERMINERS = frozenset("the a an this that these those our their its his her my your any some each every no".split())
STOP_WORDS = frozenset(
    "while whilst which who whom whose where when so because but if although though whereas "
    "unless until since etc e.g. i.e. including such".split()
)
BOUNDARY_PUNCT = frozenset(".,;:!?()[]{}\"•·|*–—")
TRAILING_JUNK = frozenset("the a an and or with of to for in on at by as from our your their its".split())
MAX_TOKENS = 9


@dataclass(frozen=True, slots=True)
class VerbPhrase:
    """Token span [start, end) headed by an ability verb."""

    start: int
    end: int
    base: str
    tense: str
    element: str


def _verb_at(low: Sequence[str], i: int, verbs: Mapping[str, tuple[str, str, str]]) -> tuple[int, tuple[str, str, str]] | None:
    """The ability verb starting at word i (two-word verbs first): (length, (base, tense, element))."""
    if i + 1 < len(low):
        two = f"{low[i]} {low[i + 1]}"
        if two in verbs:
            return 2, verbs[two]
    info = verbs.get(low[i])
    return (1, info) if info else None


def _prev_index(low: Sequence[str], i: int) -> int:
    """Index of the previous word, skipping adverbs in -ly ("to effectively manage"); -1 if none."""
    j = i - 1
    while j >= 0 and low[j].endswith("ly") and low[j].isalpha() and len(low[j]) > 3:
        j -= 1
    return j


def _starts_phrase(txt: Sequence[str], low: Sequence[str], i: int, tense: str) -> bool:
    j = _prev_index(low, i)
    plow = low[j] if j >= 0 else ""
    first = j < 0 or txt[j] in BOUNDARY_PUNCT or txt[j] in {"-", "–"}
    if tense == "base":
        return first or plow in MODALS or plow in SUBJECTS or plow in {"and", "or", "and/or", "&"}
    if tense == "ing":
        return plow not in DETERMINERS
    if tense == "past":
        return first or plow in {"i", "we", "and", "have", "has", "successfully"}
    return plow in {"who", "he", "she", "and", "team", "role"} or first


def verb_phrases(doc: Any, verbs: Mapping[str, tuple[str, str, str]],
                 words: Sequence[str] | None = None) -> Iterator[VerbPhrase]:
    """Yield phrases from an ability verb to the next clause boundary (at most MAX_TOKENS).

    `words` (the token texts) may be passed when the caller already has them."""
    txt = list(words) if words is not None else [t.text for t in doc]
    low = [t.lower() for t in txt]
    n = len(txt)
    i = 0
    while i < n:
        hit = _verb_at(low, i, verbs)
        if hit is None or not txt[i].isalpha() or not _starts_phrase(txt, low, i, hit[1][1]):
            i += 1
            continue
        length, (base, tense, element) = hit
        j = i + length
        has_object = False
        while j < n and j - i < MAX_TOKENS:
            joined = _verb_at(low, j + 1, verbs) if j + 1 < n else None
            if not has_object and low[j] in {"and", "or", ","} and joined is not None:
                j += 1 + joined[0]  # "designed and built X", "design, build and run X": one phrase
                continue
            if txt[j] in BOUNDARY_PUNCT or low[j] in STOP_WORDS:
                break
            if low[j] in {"and", "or", "to"} and joined is not None:
                break
            has_object = True
            j += 1
        while j > i + length and low[j - 1] in TRAILING_JUNK:
            j -= 1
        yield VerbPhrase(i, j, base, tense, element)
        i = j if j > i else i + 1
