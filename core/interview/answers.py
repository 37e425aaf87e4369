"""One entry point for reading an answer: what the person meant to do (answer, skip, later, never,
done) and the typed values their words hold for the slot being asked."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from core.interview.numbers import (
    parse_money,
    parse_number,
    parse_percent,
    parse_team_size,
    parse_yes_no,
)
from core.interview.texts import (
    parse_achievement,
    parse_level,
    parse_place,
    parse_short_text,
    parse_skill_list,
)
from core.interview.values import AnswerKind, Value, in_words
from core.interview.when import parse_date, parse_date_range, parse_duration


class Intent(StrEnum):
    answer = "answer"
    skip = "skip"  # not now: the slot rests 30 days
    later = "later"  # ask again in a later session
    never = "never"  # don't ask again
    done = "done"  # end the session
    unsure = "unsure"  # "I don't remember": treated like a skip, nothing stored


INTENT_PATTERNS: list[tuple[Intent, re.Pattern[str]]] = [
    (Intent.never, re.compile(r"^\W*(?:don'?t|do\s+not|never)\s+ask(?:\s+(?:me\s+)?(?:this|that|again|about\s+(?:this|that|it)))"
                              r"*\W*$|^\W*stop\s+asking(?:\s+(?:this|that|about\s+(?:this|that|it)))?\W*$|"
                              r"^\W*(?:not\s+applicable|n/?a|doesn'?t\s+apply|does\s+not\s+apply)\W*$", re.I)),
    (Intent.later, re.compile(r"^\W*(?:later|ask\s+(?:me\s+)?later|not\s+now|another\s+time|some\s+other\s+time|"
                              r"maybe\s+later)\W*$", re.I)),
    (Intent.skip, re.compile(r"^\W*(?:skip(?:\s+(?:this|it|that))?|pass|next(?:\s+question)?|rather\s+not(?:\s+say)?|"
                             r"prefer\s+not\s+to\s+say|no\s+comment)\W*$", re.I)),
    (Intent.done, re.compile(r"^\W*(?:done|stop|quit|exit|bye|that'?s\s+(?:all|enough)(?:\s+for\s+(?:now|today))?|"
                             r"enough(?:\s+for\s+(?:now|today))?|i'?m\s+done|let'?s\s+stop)\W*$", re.I)),
    (Intent.unsure, re.compile(r"^\W*(?:i\s+)?(?:don'?t|do\s+not|can'?t|cannot)\s+(?:know|remember|recall)\b|"
                               r"^\W*(?:not\s+sure|no\s+idea|dunno|i'?m\s+not\s+sure|unsure|hard\s+to\s+say|"
                               r"no\s+clue)\W*$", re.I)),
]


def read_intent(answer: str) -> Intent:
    """Skip, later, never, done or unsure when the whole answer says so; otherwise an answer."""
    stripped = answer.strip()
    if not stripped:
        return Intent.skip
    for intent, rx in INTENT_PATTERNS:
        if rx.search(stripped):
            return intent
    return Intent.answer


def parse_answer(kind: AnswerKind | str, answer: str, *, extractor: Any = None) -> list[Value]:
    """The typed values in `answer` for a slot of `kind`; each is the person's own words."""
    k = AnswerKind(kind)
    found: list[Value | None]
    if k is AnswerKind.yes_no:
        found = [parse_yes_no(answer)]
    elif k is AnswerKind.level:
        found = [parse_level(answer)]
    elif k is AnswerKind.date:
        found = [parse_date(answer)]
    elif k is AnswerKind.date_range:
        found = [parse_date_range(answer)]
    elif k is AnswerKind.duration:
        found = [parse_duration(answer)]
    elif k is AnswerKind.number:
        found = [parse_number(answer)]
    elif k is AnswerKind.money:
        found = [parse_money(answer)]
    elif k is AnswerKind.percent:
        found = [parse_percent(answer)]
    elif k is AnswerKind.team_size:
        found = [parse_team_size(answer)]
    elif k is AnswerKind.skills:
        found = list(parse_skill_list(answer, extractor))
    elif k is AnswerKind.location:
        found = [parse_place(answer)]
    elif k in (AnswerKind.achievement, AnswerKind.story):
        found = [parse_achievement(answer)]
    else:
        found = [parse_short_text(answer)]
    # The house rule, checked where values leave the parsers: nothing that is not in the words.
    return [v for v in found if v is not None and in_words(answer, v)]
