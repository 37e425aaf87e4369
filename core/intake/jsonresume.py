"""Read a JSON Resume file (jsonresume.org schema) into a ParsedDocument, validated loosely."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from core.errors import UnsupportedFile
from core.model import DocumentType, ParsedDocument

SECTIONS = (
    "basics", "work", "volunteer", "education", "awards", "certificates", "publications",
    "skills", "languages", "interests", "references", "projects", "meta",
)
LIST_SECTIONS = tuple(s for s in SECTIONS if s not in ("basics", "meta"))


def parse_json_resume(path: Path) -> ParsedDocument:
    """The file's JSON Resume content as `resume`, plus a readable text rendering of it."""
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise UnsupportedFile(f"{path.name}: not valid JSON.") from None
    validate_json_resume(data, path.name)
    text = "\n".join(_text_lines(data)) + "\n"
    return ParsedDocument(
        source=str(path),
        sha256=hashlib.sha256(raw).hexdigest(),
        mime="application/json",
        text=text,
        pages=[(0, len(text))],
        doc_type=DocumentType.resume,
        doc_type_confidence=1.0,
        resume=data,
        meta={"kind": "json", "format": "jsonresume"},
    )


def validate_json_resume(data: Any, name: str = "file") -> None:
    """Loose check: an object with a known section, sections of the right container type."""
    if not isinstance(data, dict):
        raise UnsupportedFile(f"{name}: JSON, but not a JSON Resume document (expected an object).")
    if not any(key in data for key in SECTIONS if key != "meta"):
        raise UnsupportedFile(f"{name}: JSON, but not a JSON Resume document (no basics, work, education...).")
    if "basics" in data and not isinstance(data["basics"], dict):
        raise UnsupportedFile(f"{name}: JSON Resume 'basics' must be an object.")
    for key in LIST_SECTIONS:
        if key in data and not isinstance(data[key], list):
            raise UnsupportedFile(f"{name}: JSON Resume '{key}' must be a list.")


def _text_lines(data: dict[str, Any]) -> list[str]:
    """A plain-text view of the resume (for search and embeddings), section by section."""
    lines: list[str] = []
    basics = data.get("basics") or {}
    for key in ("name", "label", "email", "phone", "url", "summary"):
        if isinstance(basics.get(key), str) and basics[key].strip():
            lines.append(basics[key].strip())
    location = basics.get("location")
    if isinstance(location, dict):
        place = ", ".join(str(location[k]) for k in ("city", "region", "countryCode") if location.get(k))
        if place:
            lines.append(place)
    for profile in basics.get("profiles") or []:
        if isinstance(profile, dict):
            lines.append(" ".join(str(profile[k]) for k in ("network", "url") if profile.get(k)))
    for section in LIST_SECTIONS:
        items = data.get(section) or []
        if not items:
            continue
        lines.append("")
        lines.append(section.upper())
        for item in items:
            lines.extend(_item_lines(item))
    return lines


def _item_lines(item: Any) -> list[str]:
    if not isinstance(item, dict):
        return [str(item)] if item not in (None, "") else []
    head = [str(item[k]) for k in ("position", "name", "title", "studyType", "area", "institution", "language", "fluency", "awarder", "issuer", "publisher") if isinstance(item.get(k), (str, int, float)) and str(item[k]).strip()]
    dates = [str(item[k]) for k in ("startDate", "endDate", "date", "releaseDate") if isinstance(item.get(k), str) and item[k]]
    out = [" | ".join(head + dates)] if head or dates else []
    for key in ("summary", "description", "reference"):
        if isinstance(item.get(key), str) and item[key].strip():
            out.append(item[key].strip())
    for key in ("highlights", "keywords", "courses"):
        for value in item.get(key) or []:
            if isinstance(value, (str, int, float)):
                out.append(f"- {value}")
    return out
