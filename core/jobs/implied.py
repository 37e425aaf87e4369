"""Abilities a role or achievement implies by its shape rather than by a verb the lexicon knows.

These follow the dev set's ability rule (bench/jobs_devset.py): a duty or achievement that is an
instance of an O*NET element implies it (partial, never met: the person has not named it).
- a measured improvement ("cut pipeline failures by 60%") is a solved problem: Complex Problem Solving;
- work handed to or done with another team ("transferred them to the process development team"):
  Coordination;
- an analysis done ("analysed data", "causal analyses"): Critical Thinking and Analytical Thinking;
- a programming language used in a role or achievement: Programming, and the concept "programming".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

ELEMENT = "onet:element:"
SHAPES: tuple[tuple[re.Pattern[str], tuple[tuple[str, str], ...]], ...] = (
    (re.compile(r"\b(?:cut|reduced|lowered|decreased|improved|increased|raised|saved|shortened)\b[^.;]{0,80}?"
                r"\bby\s+\d+(?:\.\d+)?\s*(?:%|percent\b)", re.I),
     (("2.B.2.i", "Complex Problem Solving"),)),
    (re.compile(r"\b(?:to|with|across)\s+(?:the\s+|other\s+|another\s+)?(?:[\w-]+\s+){0,3}teams?\b", re.I),
     (("2.B.1.b", "Coordination"),)),
    (re.compile(r"\banaly[sz](?:ed|es|is|ing)\b", re.I),
     (("2.A.2.a", "Critical Thinking"), ("1.C.7.b", "Analytical Thinking"))),
)
PROGRAMMING = ("2.B.3.e", "Programming")
LANGUAGE_CATEGORY = "programming language"
PROGRAMMING_CONCEPT = "programming"


def language_names(extractor: Any) -> frozenset[str]:
    """Lowercase names and aliases of the lexicon's programming languages (empty without a lexicon)."""
    lexicon = getattr(extractor, "lexicon", None)
    entries = getattr(lexicon, "entries", ())
    return frozenset(f.lower() for e in entries if e.category == LANGUAGE_CATEGORY for f in (e.label, *e.forms))


def implied_by_shape(text: str, spans: Sequence[Any], languages: frozenset[str]) -> Iterator[tuple[str, str, bool]]:
    """(ontology id or None-as-"", name, implied) of what a work text shows by its shape."""
    for rx, elements in SHAPES:
        if rx.search(text):
            for code, name in elements:
                yield ELEMENT + code, name, True
    if any(sp.kind == "knowledge" and str(sp.label or sp.text).lower() in languages for sp in spans):
        yield ELEMENT + PROGRAMMING[0], PROGRAMMING[1], True
        yield "", PROGRAMMING_CONCEPT, False  # using a language is programming, shown in the role
