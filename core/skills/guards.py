"""Precision guards: when a form that is also an ordinary English word really names a skill."""

from __future__ import annotations

from typing import Any

# Words that follow the verb/noun senses ("go to", "excel at", "spring into") but not the product.
VERB_FOLLOWERS = frozenset(
    "to through at in on beyond ahead further the a an for with into out up above back live "
    "over off down away above forward our your their my his her its".split()
)
VERB_PRECEDERS = frozenset(
    "to will can you we they i must should would could may might let 'll and_then please "
    "always never who which that".split()
)
TECH_CUES = frozenset(
    "programming language languages framework frameworks library libraries developer developers "
    "engineer engineers backend back-end frontend front-end stack code coding skills knowledge "
    "proficiency proficient experience experienced using written technologies technology tools "
    "scripting development apis sdk modern such like including e.g. eg".split()
)
LIST_PUNCT = frozenset(",/()|;&+")


def guarded_form_ok(doc: Any, start: int, end: int, has_other_tech: bool) -> bool:
    """Accept an exact-case match of an ambiguous form (Go, R, C, Excel, Spring, Swift) by context."""
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    single_letter = end - start == 1 and len(doc[start].text) == 1
    if nxt is not None and nxt.lower_ in VERB_FOLLOWERS:
        return False
    if prev is not None and prev.lower_ in VERB_PRECEDERS:
        return False
    if (prev is None or doc[start].is_sent_start) and end - start == 1 and doc[start].text.istitle():
        return False  # "Master the ...", "Fluent in ...": capitalised only because it starts a sentence
    if single_letter:
        # "C-level", "grade C", "R&D", "Section C." are not languages
        if (nxt is not None and nxt.text in {"-", ".", "'s", "&"}) or (prev is not None and prev.text in {"-", "grade", "Grade", "level", "Level", "section", "Section", "type", "Type", "class", "Class"}):
            return False
    window = doc[max(0, start - 6) : min(len(doc), end + 6)]
    cue = any(t.lower_ in TECH_CUES for t in window)
    in_list = (prev is not None and prev.text in LIST_PUNCT) or (nxt is not None and nxt.text in LIST_PUNCT)
    if single_letter:
        return (cue or has_other_tech) and (in_list or cue)
    return cue or has_other_tech
