"""What an answer parser returns: one value in the person's own words, with where it was said."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class AnswerKind(StrEnum):
    """How an answer to a slot is read; also orders effort (a choice is cheaper than a story)."""

    yes_no = "yes_no"
    level = "level"
    date = "date"
    date_range = "date_range"
    duration = "duration"
    number = "number"
    money = "money"
    percent = "percent"
    team_size = "team_size"
    skills = "skills"
    text = "text"
    location = "location"
    achievement = "achievement"
    story = "story"


# Effort to answer, in rough seconds of typing: a choice < a date < a number < free text < a story.
EFFORT: dict[AnswerKind, float] = {
    AnswerKind.yes_no: 1.0, AnswerKind.level: 1.5, AnswerKind.date: 2.0, AnswerKind.date_range: 2.5, AnswerKind.duration: 2.0,
    AnswerKind.number: 2.5, AnswerKind.money: 3.0, AnswerKind.percent: 3.0, AnswerKind.team_size: 2.5,
    AnswerKind.location: 2.0, AnswerKind.text: 3.0, AnswerKind.skills: 4.0, AnswerKind.achievement: 6.0,
    AnswerKind.story: 10.0,
}


@dataclass(frozen=True, slots=True)
class Value:
    """One extracted value; `answer[start:end] == text` always holds (the person's words)."""

    kind: str  # date | date_range | duration | number | money | percent | factor | team_size | yes_no | ...
    value: Any  # normalised: "YYYY[-MM]", a float, a bool, a dict for ranges, a string for text
    text: str
    start: int
    end: int
    unit: str = ""
    approx: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "text": self.text, "start": self.start, "end": self.end,
                "unit": self.unit, "approx": self.approx, **({"extra": self.extra} if self.extra else {})}


def in_words(answer: str, value: Value) -> bool:
    """Is the value's text exactly the person's words at its span (the rule nothing may break)?"""
    return 0 <= value.start < value.end <= len(answer) and answer[value.start:value.end] == value.text
