"""An answer becomes a proposal (values shown back for confirmation), then facts sourced to the
chat message, in one undo step. Only values read from the person's words are ever proposed."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from typing import Any

from core.errors import InvalidInput
from core.interview.answers import parse_answer
from core.interview.slots import Slot
from core.interview.values import AnswerKind, Value
from core.model import SourceKind, SourceSpec

EXTRACTOR = "vita.interview"
EXTRACTOR_VERSION = "1"

# slot name -> the attribute an answer sets on the entity's own fact
ATTRIBUTE_OF = {"title": "title", "employer": "organisation", "location": "location", "team_size": "team_size",
                "reason_for_leaving": "reason_for_leaving", "institution": "institution", "degree": "degree",
                "field": "field", "level": "level", "grade": "grade"}
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(r"\+?\d[\d ().-]{6,}\d")
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)]|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|me)/[^\s]*[^\s.,;:!?)]", re.I)


@dataclass(slots=True)
class Item:
    """One value on the confirmation card: `text` is what the person wrote (or typed as an edit)."""

    label: str
    fills: str  # the attribute it fills, or: achievement | skill | contact | story part name
    value: Any
    text: str
    start: int | None
    end: int | None
    unit: str = ""
    approx: bool = False
    extra: dict[str, Any] = dc_field(default_factory=dict)
    edited: bool = False


@dataclass(slots=True)
class Proposal:
    """What one answer would store; `action` says how (update an entity, add facts)."""

    slot_key: str
    message_id: int
    action: str  # update | achievement | skills | story | contact
    target_id: int | None
    kind: str
    items: list[Item] = dc_field(default_factory=list)
    extra: dict[str, Any] = dc_field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Proposal:
        items = [Item(**i) for i in data.get("items", [])]
        return cls(data["slot_key"], data["message_id"], data["action"], data["target_id"], data["kind"], items,
                   data.get("extra", {}))


def message_source(message_id: int, *, edited: bool = False) -> SourceSpec:
    """Provenance pointing at the chat message; the writer adds the span of the words in it."""
    return SourceSpec(source_kind=SourceKind.interview, chat_message_id=message_id, extractor=EXTRACTOR,
                      extractor_version=EXTRACTOR_VERSION, confidence=1.0,
                      note="edited in the confirmation card" if edited else "")


def _item(label: str, fld: str, v: Value) -> Item:
    return Item(label, fld, v.value, v.text, v.start, v.end, v.unit, v.approx, dict(v.extra))


def _contact_value(slot: Slot, answer: str) -> tuple[str, Value] | None:
    """(contact kind, value) for an answer to a contact slot: typed, never generated."""
    if slot.name in ("reach", "link"):
        for kind, rx in ((("email", EMAIL_RE), ("phone", PHONE_RE)) if slot.name == "reach" else (("url", URL_RE),)):
            m = rx.search(answer)
            if m:
                return kind, Value("text", m.group(0), m.group(0), m.start(), m.end())
        return None
    reader = {"summary": AnswerKind.achievement, "location": AnswerKind.location}.get(slot.name, AnswerKind.text)
    found = parse_answer(reader, answer)
    return (slot.name, found[0]) if found else None


def propose(slot: Slot, answer: str, message_id: int, *, extractor: Any = None) -> Proposal | None:
    """The proposal for an answer to `slot`, or None when nothing typed could be read from it."""
    base = Proposal(slot.key, message_id, "update", slot.entity_id, str(slot.kind))
    if slot.entity_kind == "contact":
        found = _contact_value(slot, answer)
        if found is None:
            return None
        base.action, base.target_id = "contact", None
        base.items = [_item(found[0].capitalize(), found[0], found[1])]
        return base
    values = parse_answer(slot.kind, answer, extractor=extractor)
    if not values:
        return None
    if slot.entity_kind == "record" and slot.name == "skills":
        base.action, base.target_id = "skills", None
        base.items = [_item("Skill", "skill", v) for v in values]
        return base
    elif slot.name == "dates":
        rng = values[0]
        for part in ("start", "end"):
            if rng.value.get(part):
                base.items.append(Item(part.capitalize(), part, rng.value[part], rng.text, rng.start, rng.end,
                                       approx=rng.approx))
        if rng.value.get("present"):
            base.items.append(Item("Still there", "present", True, rng.text, rng.start, rng.end))
    elif slot.kind in (AnswerKind.achievement, AnswerKind.story):
        base.action = "achievement"
        ach = values[0]
        base.items = [_item("Achievement", "achievement", ach)]
        for m in ach.extra.get("metrics", []):
            base.items.append(Item(m["kind"].replace("_", " ").capitalize(), "metric", m["value"], m["text"],
                                   m["start"], m["end"], m.get("unit", ""), bool(m.get("approx")), {"kind": m["kind"]}))
        if extractor is not None:
            for sp in extractor.extract(answer):
                if sp.kind == "knowledge" or sp.confidence >= 0.6:
                    base.items.append(Item("Skill", "skill", answer[sp.start:sp.end], answer[sp.start:sp.end],
                                           sp.start, sp.end, extra={"ontology_id": sp.ontology_id}))
        base.extra = {"skill_id": slot.entity_id} if slot.entity_kind == "skill" else {}
        if slot.entity_kind == "requirement":
            base.extra = {"requirement": slot.names.get("requirement", "")}
            named = slot.names.get("skill", "")
            m = re.search(rf"(?<!\w){re.escape(named)}(?!\w)", answer, re.I) if named else None
            if m and not any(i.fills == "skill" and i.start == m.start() for i in base.items):
                base.items.append(Item("Skill", "skill", m.group(0), m.group(0), m.start(), m.end()))
    elif slot.kind is AnswerKind.skills:
        base.action = "skills"
        base.items = [_item("Skill", "skill", v) for v in values]
    else:
        v = values[0]
        label = slot.name.replace("_", " ").capitalize()
        base.items = [_item(label, ATTRIBUTE_OF.get(slot.name, slot.name), v)]
    return base


def apply_edits(proposal: Proposal, *, edits: dict[int, str] | None = None, drop: set[int] | None = None,
                extractor: Any = None) -> Proposal:
    """The proposal after the person edited values on the card (typed text, re-read by the same
    parser) or left some out. An edit the parser cannot read raises InvalidInput; nothing is guessed."""
    items = []
    for i, item in enumerate(proposal.items):
        if drop and i in drop:
            continue
        new = (edits or {}).get(i)
        if new is None or new.strip() == item.text:
            items.append(item)
            continue
        kind = {"start": AnswerKind.date, "end": AnswerKind.date, "metric": AnswerKind.number,
                "team_size": AnswerKind.team_size, "skill": AnswerKind.text,
                "achievement": AnswerKind.achievement, "location": AnswerKind.location}.get(item.fills, AnswerKind.text)
        if item.fills == "metric":
            kind = {"money": AnswerKind.money, "percent": AnswerKind.percent, "team_size": AnswerKind.team_size,
                    "duration": AnswerKind.duration}.get(item.extra.get("kind", ""), AnswerKind.number)
        found = parse_answer(kind, new, extractor=extractor)
        if not found:
            raise InvalidInput(f"'{new.strip()}' could not be read as {item.label.lower()}.")
        v = found[0]
        items.append(Item(item.label, item.fills, v.value, new.strip(), None, None, v.unit or item.unit, v.approx,
                          {**item.extra, **v.extra}, edited=True))
    return Proposal(proposal.slot_key, proposal.message_id, proposal.action, proposal.target_id, proposal.kind,
                    items, proposal.extra)
