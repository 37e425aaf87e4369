"""Fact extraction: a LayoutDocument becomes sourced facts, a document type and a JSON Resume view."""

from __future__ import annotations

import logging
import re
from typing import Any

from core.extract.build import (
    FactBuilder,
    contact_facts,
    entry_facts,
    role_facts,
    skill_facts,
    study_facts,
)
from core.extract.certificate import read_certificate
from core.extract.classify import classify
from core.extract.contact import extract_contact
from core.extract.education import parse_studies
from core.extract.lines import build_text, logical_items
from core.extract.lists import parse_languages, parse_named, parse_skills
from core.extract.sections import Section, split_sections
from core.extract.work import parse_roles
from core.model import DocumentType, FactType, LayoutDocument, ParsedDocument, TextLine

log = logging.getLogger(__name__)

MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
    "md": "text/markdown",
    "html": "text/html",
}


def extract(layout: LayoutDocument, *, source: str, sha256: str) -> ParsedDocument:
    """Extract facts (with provenance), the document type and a JSON Resume from one layout."""
    text, pages, placed = build_text(layout)
    items = logical_items(layout, placed)
    sections = split_sections(items)
    fb = FactBuilder(text, pages)
    header = sections[0].items
    contact_items = [it for s in sections if s.kind == "contact" for it in s.items]
    contact = extract_contact(header, contact_items, items, layout.links)
    if contact.name_item is not None:
        idx = next((i for i, it in enumerate(header) if it is contact.name_item), -1)
        nxt = header[idx + 1] if 0 <= idx < len(header) - 1 else None
        if nxt is not None and nxt.words <= 10 and not any(c in nxt.text for c in "@|/") and not any(
            ch.isdigit() for ch in nxt.text
        ) and not contact.name.endswith(nxt.text.strip()):  # not the name's own second line
            contact.label = nxt.text
    resume: dict[str, Any] = {"basics": contact_facts(fb, contact, items)}
    if contact.name_item is not None:
        for sec in sections[1:]:
            sec.items = [it for it in sec.items if it is not contact.name_item]
    work: list[dict[str, Any]] = []
    volunteer: list[dict[str, Any]] = []
    education: list[dict[str, Any]] = []
    skills: list[dict[str, Any]] = []
    summary: list[str] = []
    lists: dict[str, list[dict[str, Any]]] = {}
    n_roles = 0
    section_errors: list[str] = []
    for sec in sections:
        try:
            n_roles += _section_facts(fb, sec, work, volunteer, education, skills, summary, lists)
        except (ValueError, TypeError, AttributeError, IndexError, KeyError, re.error) as err:
            # a splitter bug costs this section, not the document: recorded, never silent
            log.warning("section %r not parsed: %s: %s", sec.kind, type(err).__name__, err)
            section_errors.append(f"{sec.kind}: {type(err).__name__}")
    if summary:
        resume["basics"]["summary"] = " ".join(summary)
    resume["work"] = work
    if volunteer:
        resume["volunteer"] = [
            {"organization": w.get("name", ""), **{k: v for k, v in w.items() if k != "name"}} for w in volunteer
        ]
    resume["education"] = education
    resume["skills"] = skills
    for k, v in lists.items():
        resume[k] = v
    doc_type, confidence = classify(text, sections, n_roles)
    cert = read_certificate(items) if doc_type == DocumentType.certificate else None
    if cert is not None:  # the whole document is one credential: its heading is not a section of them
        fb.facts = [f for f in fb.facts if f.type != FactType.credential]
        fields: dict[str, Any] = {"name": cert.title, "issuer": cert.issuer, "date": cert.date,
                                  "holder": cert.holder, "credential_id": cert.credential_id}
        fb.add(FactType.credential, cert.title, cert.title_item, confidence=0.75, **{k: v for k, v in fields.items() if v})
        resume["certificates"] = [{k: v for k, v in fields.items() if v and k in ("name", "issuer", "date")}]
    _doubt_unsure_text(fb, placed)
    return ParsedDocument(
        source=source,
        sha256=sha256,
        mime=MIME.get(layout.kind, "application/octet-stream"),
        text=text,
        pages=pages,
        doc_type=doc_type,
        doc_type_confidence=confidence,
        facts=fb.facts,
        resume=resume,
        meta={"pages": layout.page_count, "sections": [s.kind for s in sections if s.kind != "header"],
              **line_boxes(layout, placed),
              **({"section_errors": section_errors} if section_errors else {})},
    )


SURE_TEXT = 0.97  # recognition scores at or above this do not lower a fact's confidence


def _doubt_unsure_text(fb: FactBuilder, placed: list[tuple[TextLine, int]]) -> None:
    """Facts read from uncertain text (OCR) carry that doubt, so low ones are flagged for review."""
    unsure = [(off, off + len(line.text), line.confidence) for line, off in placed if line.confidence < SURE_TEXT]
    if not unsure:
        return
    for fact in fb.facts:
        if fact.span is None:
            continue
        worst = min((c for a, b, c in unsure if a < fact.span.end and b > fact.span.start), default=None)
        if worst is not None:
            fact.confidence = round(fact.confidence * worst / SURE_TEXT, 3)


def line_boxes(layout: LayoutDocument, placed: list[tuple[TextLine, int]]) -> dict[str, Any]:
    """Where each line of the text sits on its page (points), so a passage can be drawn on the page.

    `boxes` rows are [start, end, page, x0, top, x1, bottom]; only layouts with geometry have them.
    """
    if layout.kind not in ("pdf", "image"):
        return {}
    rows = [
        [off, off + len(line.text), line.page, round(line.x0, 1), round(line.top, 1), round(line.x1, 1), round(line.bottom, 1)]
        for line, off in placed
        if line.text and line.x1 > line.x0
    ]
    return {"boxes": rows, "page_width": round(layout.page_width, 1)} if rows else {}


def _section_facts(
    fb: FactBuilder,
    sec: Section,
    work: list[dict[str, Any]],
    volunteer: list[dict[str, Any]],
    education: list[dict[str, Any]],
    skills: list[dict[str, Any]],
    summary: list[str],
    lists: dict[str, list[dict[str, Any]]],
) -> int:
    """Facts of one section appended to the lists of its kind; returns the number of roles found."""
    if sec.kind == "work":
        roles = parse_roles(sec.items)
        work.extend(role_facts(fb, roles))
        return len(roles)
    if sec.kind == "volunteer":
        volunteer.extend(role_facts(fb, parse_roles(sec.items), FactType.volunteer))
    elif sec.kind == "education":
        education.extend(study_facts(fb, parse_studies(sec.items)))
    elif sec.kind == "skills":
        skills.extend(skill_facts(fb, parse_skills(sec.items)))
    elif sec.kind == "summary":
        para = " ".join(it.text for it in sec.items)
        if para:
            summary.append(para)
            fb.add(FactType.contact, para, sec.items[0], confidence=0.7, kind="summary")
    elif sec.kind == "languages":
        lists.setdefault("languages", []).extend(entry_facts(fb, "languages", parse_languages(sec.items)))
    elif sec.kind in ("certificates", "projects", "awards", "publications", "interests"):
        lists.setdefault(sec.kind, []).extend(entry_facts(fb, sec.kind, parse_named(sec.items)))
    return 0
