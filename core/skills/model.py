"""Skill span: one mention of a skill in a text, linked to an ontology entry."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class SkillSpan:
    """Character span [start, end) of `text`; `kind` is 'knowledge' (tools, domains) or 'skill'."""

    start: int
    end: int
    text: str
    ontology_id: str | None
    label: str
    kind: str
    confidence: float

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["confidence"] = round(self.confidence, 3)
        return d
