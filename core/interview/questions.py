"""Question templates (resources/interview/questions.json) filled with the entity's names."""

from __future__ import annotations

import json
import string
from functools import cache
from importlib import resources

from core.interview.slots import Slot

STORY_PARTS = ("situation", "task", "action", "result")


@cache
def templates() -> dict[str, str]:
    """The templates shipped in resources/interview (works from a frozen app too)."""
    data = json.loads(resources.files("resources").joinpath("interview", "questions.json").read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


class _Names(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return {"title": "your role", "employer": "that employer", "skill": "it", "at": ""}.get(key, "that")


def question_for(slot: Slot, *, story_part: str = "situation") -> str:
    """The template for the slot (or the story part being asked), with the entity named."""
    key = f"{slot.entity_kind}.{slot.name}"
    if slot.name == "story" and story_part != "situation":
        key = f"story.{story_part}"
    tpl = templates().get(key) or "Tell me more about {entity}."
    return string.Formatter().vformat(tpl, (), _Names(slot.names))


def names_to_keep(slot: Slot) -> list[str]:
    """Names a rewording must keep (the entity must stay named)."""
    return [v for k, v in slot.names.items() if k in ("employer", "institution", "skill") and v]
