"""Skill layer: ability verb phrases ("manage stakeholders", "building data pipelines")."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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


def _verb_at(doc: Any, i: int, verbs: Mapping[str, tuple[str, str, str]]) -> tuple[int, tuple[str, str, str]] | None:
    """The ability verb starting at token i (two-word verbs first): (length, (base, tense, element))."""
    if i + 1 < len(doc):
        two = f"{doc[i].lower_} {doc[i + 1].lower_}"
        if two in verbs:
            return 2, verbs[two]
    info = verbs.get(doc[i].lower_)
    return (1, info) if info else None


def _prev_word(doc: Any, i: int) -> Any | None:
    """The previous token, skipping adverbs in -ly ("to effectively manage")."""
    j = i - 1
    while j >= 0 and doc[j].lower_.endswith("ly") and doc[j].is_alpha and len(doc[j]) > 3:
        j -= 1
    return doc[j] if j >= 0 else None


def _starts_phrase(doc: Any, i: int, tense: str) -> bool:
    prev = _prev_word(doc, i)
    plow = prev.lower_ if prev is not None else ""
    first = prev is None or prev.text in BOUNDARY_PUNCT or prev.text in {"-", "–"}
    if tense == "base":
        return first or plow in MODALS or plow in SUBJECTS or plow in {"and", "or", "and/or", "&"}
    if tense == "ing":
        return plow not in DETERMINERS
    if tense == "past":
        return first or plow in {"i", "we", "and", "have", "has", "successfully"}
    return plow in {"who", "he", "she", "and", "team", "role"} or first


def verb_phrases(doc: Any, verbs: Mapping[str, tuple[str, str, str]]) -> Iterator[VerbPhrase]:
    """Yield phrases from an ability verb to the next clause boundary (at most MAX_TOKENS)."""
    n = len(doc)
    i = 0
    while i < n:
        hit = _verb_at(doc, i, verbs)
        if hit is None or not doc[i].is_alpha or not _starts_phrase(doc, i, hit[1][1]):
            i += 1
            continue
        length, (base, tense, element) = hit
        j = i + length
        has_object = False
        while j < n and j - i < MAX_TOKENS:
            tok = doc[j]
            joined = _verb_at(doc, j + 1, verbs) if j + 1 < n else None
            if not has_object and tok.lower_ in {"and", "or", ","} and joined is not None:
                j += 1 + joined[0]  # "designed and built X", "design, build and run X": one phrase
                continue
            if tok.text in BOUNDARY_PUNCT or tok.lower_ in STOP_WORDS:
                break
            if tok.lower_ in {"and", "or", "to"} and joined is not None:
                break
            has_object = True
            j += 1
        while j > i + length and doc[j - 1].lower_ in TRAILING_JUNK:
            j -= 1
        yield VerbPhrase(i, j, base, tense, element)
        i = j if j > i else i + 1
