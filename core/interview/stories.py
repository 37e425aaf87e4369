"""STAR stories asked part by part, and behavioural dimensions scored from stories and
achievements with the evidence listed (insights reads them)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import text

from core.interview.proposals import Item, Proposal
from core.interview.questions import STORY_PARTS
from core.interview.texts import parse_achievement
from core.workspace import Workspace


def next_part(parts: dict[str, Any]) -> str | None:
    """The first STAR part not yet told, or None when the story is complete."""
    return next((p for p in STORY_PARTS if p not in parts), None)


def story_proposal(slot_key: str, role_id: int | None, parts: dict[str, dict[str, Any]],
                   extractor: Any = None) -> Proposal:
    """The confirmation card of a story: each part as told, plus the metrics and skills in it."""
    items: list[Item] = []
    last_msg = 0
    for name in STORY_PARTS:
        if name not in parts:
            continue
        p = parts[name]
        last_msg = p["message_id"]
        items.append(Item(name.capitalize(), name, p["text"], p["text"], p["start"], p["end"],
                          extra={"message_id": p["message_id"]}))
    for name in ("action", "result"):
        told = parts.get(name)
        ach = parse_achievement(told["answer"]) if told else None
        if told is None or ach is None:
            continue
        for m in ach.extra.get("metrics", []):
            items.append(Item(m["kind"].replace("_", " ").capitalize(), "metric", m["value"], m["text"], m["start"],
                              m["end"], m.get("unit", ""), bool(m.get("approx")),
                              {"kind": m["kind"], "message_id": told["message_id"]}))
    if extractor is not None:
        for name in STORY_PARTS:
            if name not in parts:
                continue
            p = parts[name]
            for sp in extractor.extract(p["answer"]):
                if sp.kind == "knowledge" and not any(i.fills == "skill" and i.value.lower() == sp.text.lower()
                                                      for i in items):
                    items.append(Item("Skill", "skill", p["answer"][sp.start:sp.end], p["answer"][sp.start:sp.end],
                                      sp.start, sp.end, extra={"message_id": p["message_id"],
                                                               "ontology_id": sp.ontology_id}))
    return Proposal(slot_key, last_msg, "story", role_id, "story", items)


# -- behavioural dimensions ----------------------------------------------------------------------
DIMENSIONS = ("leadership", "ownership", "collaboration", "problem_solving", "communication", "learning")


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    data = json.loads(resources.files("resources").joinpath("interview", "behaviour.json").read_text("utf-8"))
    return {d: re.compile(r"\b(?:" + "|".join(data[d]) + r")\b", re.I) for d in DIMENSIONS}


@dataclass(frozen=True, slots=True)
class Evidence:
    fact_id: int
    fact_type: str
    text: str  # the words that show the dimension
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DimensionScore:
    """A dimension's score in [0, 1] (saturating in the number of distinct facts) and its evidence."""

    dimension: str
    score: float
    evidence: tuple[Evidence, ...]


def score_text(fact_id: int, fact_type: str, body: str) -> dict[str, list[Evidence]]:
    """Cue phrases per dimension found in one fact's words."""
    out: dict[str, list[Evidence]] = {}
    for dim, rx in _cues().items():
        for m in rx.finditer(body):
            out.setdefault(dim, []).append(Evidence(fact_id, fact_type, m.group(0), m.start(), m.end()))
    return out


def behaviour_profile(ws: Workspace) -> list[DimensionScore]:
    """Each dimension scored from stories (counted double) and achievements, with evidence; a
    dimension with no evidence scores 0 and lists nothing."""
    with ws.reading() as conn:
        rows = conn.execute(text("SELECT id, type, value, attributes FROM facts WHERE type IN ('story', 'achievement') "
                                 "AND status != 'rejected' ORDER BY id")).all()
    found: dict[str, list[Evidence]] = {d: [] for d in DIMENSIONS}
    weight: dict[str, float] = dict.fromkeys(DIMENSIONS, 0.0)
    for fid, ftype, value, attrs in rows:
        body = value
        if ftype == "story":
            a = json.loads(attrs or "{}")
            body = " \n".join(str(a.get(p, "")) for p in STORY_PARTS)
        for dim, ev in score_text(fid, ftype, body).items():
            found[dim].extend(ev)
            weight[dim] += 2.0 if ftype == "story" else 1.0
    return [DimensionScore(d, round(1 - 0.6 ** weight[d], 3), tuple(found[d])) for d in DIMENSIONS]
