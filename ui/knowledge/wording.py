"""How fact fields read to a person: labels for attribute keys, values formatted (dates, figures,
lists), and history steps in words ("Title: Data Engineer → Senior Data Engineer")."""

from __future__ import annotations

import json
from typing import Any

from core.exchange.layout import show_date

LABELS = {
    "title": "Title", "organisation": "Company", "start": "Start", "end": "End", "present": "Current role",
    "location": "Location", "summary": "Summary", "description": "Description", "institution": "Institution",
    "degree": "Degree", "field": "Field of study", "grade": "Grade", "courses": "Courses", "name": "Name",
    "category": "Group", "level": "Level", "kind": "Kind", "url": "Web address", "network": "Network",
    "username": "User name", "issuer": "Issuer", "date": "Date", "awarder": "Awarded by",
    "publisher": "Publisher", "language": "Language", "fluency": "Fluency", "keywords": "Keywords",
    "onet_code": "O*NET occupation code", "onet_title": "O*NET occupation", "onet_confidence": "O*NET match",
    "onet_candidates": "Other O*NET candidates", "ontology_id": "Skill link", "ontology_label": "Skill (O*NET)",
    "metrics": "Figures", "text": "Text", "merged_from": "Merged from facts", "value": "Value", "unit": "Unit",
    "status": "Status", "visibility": "Visibility", "tags": "Tags", "confidence": "Confidence",
    "source_kind": "Source", "type": "Type",
}
_DATES = {"start", "end", "date"}
_HIDDEN = {"extra"}  # interchange leftovers kept for a faithful round trip, not for reading
ACTIONS = {"create": "Created", "edit": "Edited", "approve": "Approved", "reject": "Rejected", "hide": "Hidden",
           "unhide": "Shown again", "delete": "Deleted", "revert": "Reverted", "enrich": "Linked to O*NET",
           "split": "Split", "restore": "Restored", "import": "Imported"}


def label(key: str) -> str:
    """"attributes.onet_code" / "onet_code" -> "O*NET occupation code"."""
    k = key.removeprefix("attributes.")
    return LABELS.get(k, k.replace("_", " ").capitalize())


def show_value(key: str, value: Any) -> str:
    """A field's value as a person reads it."""
    k = key.removeprefix("attributes.")
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if k in _DATES and isinstance(value, str):
        return show_date(value) or value
    if k.endswith("confidence") and isinstance(value, int | float):
        return f"{float(value):.0%}"
    if k == "metrics" and isinstance(value, list):
        return ", ".join(str(m.get("text") or m.get("value")) for m in value if isinstance(m, dict)) or "—"
    if isinstance(value, list):
        return ", ".join(show_value(k, v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{label(a)}: {show_value(a, b)}" for a, b in value.items())
    if k in ("status", "visibility", "type", "source_kind"):
        return {"private": "hidden", "exportable": "shown in exports"}.get(str(value), str(value).replace("_", " "))
    return str(value)


def visible_attributes(attributes: dict[str, Any], value: str) -> list[tuple[str, str]]:
    """(label, shown value) for the details panel, without repeats of the fact's own value."""
    out = []
    for k, v in attributes.items():
        if k in _HIDDEN or v in (None, "", []) or (isinstance(v, str) and v == value and k in ("name", "text")):
            continue
        out.append((label(k), show_value(k, v)))
    return out


def action_words(action: str) -> str:
    """"merge:12" -> "Merged fact 12 into this one"; "merged_into:5" -> "Merged into fact 5"."""
    head, _sep, ref = action.partition(":")
    if head == "merge":
        return f"Merged fact {ref} into this one"
    if head == "merged_into":
        return f"Merged into fact {ref}"
    return ACTIONS.get(head, head.replace("_", " ").capitalize())


def change_words(field: str, before: Any, after: Any) -> str:
    """One changed field: "Title: Data Engineer → Senior Data Engineer"."""
    if isinstance(before, str) and field.endswith("tags"):
        before = json.loads(before or "[]")
    return f"{label(field)}: {show_value(field, before)} → {show_value(field, after)}"
