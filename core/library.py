"""The person's documents as stored in the vault: listing, type override, quarantine list."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import NotFound
from core.ingest.retype import reroute, withdraw_facts
from core.intake.page_picture import PageGeometry
from core.model import DocumentType
from core.workspace import Workspace


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    id: int
    source_name: str
    sha256: str
    mime: str
    doc_type: DocumentType  # the override when set, else the classifier's answer
    detected_type: DocumentType
    confidence: float
    overridden: bool
    status: str
    added_at: str
    fact_count: int
    page_count: int
    has_original: bool
    parse_quality: float | None = None  # what parsing found: fields per entry and lines used, 0..1
    quality_note: str = ""  # the same in words, for a tooltip


@dataclass(frozen=True, slots=True)
class QuarantinedFile:
    id: int
    source_name: str
    code: str
    reason: str
    created_at: str


def _info(row: Any) -> DocumentInfo:
    override = row["doc_type_override"]
    quality, note = parse_quality(row["extraction"], row["text"])
    return DocumentInfo(
        id=row["id"], source_name=row["source_name"], sha256=row["sha256"], mime=row["mime"],
        doc_type=DocumentType(override or row["doc_type"]), detected_type=DocumentType(row["doc_type"]),
        confidence=float(row["doc_type_confidence"]), overridden=bool(override), status=row["status"],
        added_at=row["added_at"], fact_count=int(row["fact_count"]),
        page_count=len(json.loads(row["pages"] or "[]")), has_original=bool(row["has_original"]),
        parse_quality=quality, quality_note=note,
    )


_ENTRY_FIELDS = {"role": ("title", "organisation", "start"), "education": ("institution", "degree")}


def parse_quality(extraction: str | None, doc_text: str | None) -> tuple[float | None, str]:
    """How much of a document parsing understood: the share of each role's and study's fields it
    found (title, company, dates; institution, degree) and the share of text lines that ended up
    in some fact. A resume that lost every company name scores low, whatever its type confidence."""
    try:
        facts = json.loads(extraction or "[]")
    except ValueError:
        return None, ""
    if not facts:
        return None, ""
    fields: list[float] = []
    complete = total = 0
    for f in facts:
        wanted = _ENTRY_FIELDS.get(str(f.get("type")))
        if wanted:
            attrs = f.get("attributes") or {}
            share = sum(1 for k in wanted if attrs.get(k)) / len(wanted)
            fields.append(share)
            total += 1
            complete += share == 1.0
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", doc_text or "")]
    spans = sorted((sp[1], sp[2]) for f in facts if (sp := f.get("span")) and sp[1] is not None and sp[2] is not None)
    used = sum(1 for a, b in lines if any(s < b and e > a for s, e in spans))
    coverage = used / len(lines) if lines else 0.0
    entry_score = sum(fields) / len(fields) if fields else coverage
    score = round(0.6 * entry_score + 0.4 * coverage, 3)
    note = (f"{complete} of {total} roles and studies with all their fields; " if total else "") + \
        f"{coverage:.0%} of the lines were used"
    return score, note


_SELECT = """
SELECT d.id, d.source_name, d.sha256, d.mime, d.doc_type, d.doc_type_confidence, d.doc_type_override,
       d.status, d.added_at, d.pages, d.original IS NOT NULL AS has_original, d.extraction, d.text,
       (SELECT count(DISTINCT fs.fact_id) FROM fact_sources fs WHERE fs.document_id = d.id) AS fact_count
FROM documents d
"""


def list_documents(ws: Workspace) -> list[DocumentInfo]:
    with ws.reading() as conn:
        return [_info(r) for r in conn.execute(text(_SELECT + " ORDER BY d.added_at DESC, d.id DESC")).mappings()]


def get_document(ws: Workspace, document_id: int) -> DocumentInfo:
    with ws.reading() as conn:
        row = conn.execute(text(_SELECT + " WHERE d.id = :id"), {"id": document_id}).mappings().first()
    if row is None:
        raise NotFound(f"Document {document_id} does not exist.")
    return _info(row)


def document_text(ws: Workspace, document_id: int) -> tuple[str, list[tuple[int, int]]]:
    """The document's extracted text and the (start, end) offsets of each page."""
    with ws.reading() as conn:
        row = conn.execute(text("SELECT text, pages FROM documents WHERE id = :id"), {"id": document_id}).first()
    if row is None:
        raise NotFound(f"Document {document_id} does not exist.")
    return str(row[0] or ""), [(int(p[0]), int(p[1])) for p in json.loads(row[1] or "[]")]


def document_geometry(ws: Workspace, document_id: int) -> PageGeometry:
    """Where the document's lines sit on its pages, and how scanned pages were straightened."""
    with ws.reading() as conn:
        row = conn.execute(text("SELECT meta FROM documents WHERE id = :id"), {"id": document_id}).first()
    if row is None:
        raise NotFound(f"Document {document_id} does not exist.")
    try:
        meta = json.loads(row[0] or "{}")
    except ValueError:
        meta = {}
    return PageGeometry.from_meta(meta if isinstance(meta, dict) else {})


def document_original(ws: Workspace, document_id: int) -> bytes | None:
    """The original file as it was ingested (kept encrypted in the vault), or None if not kept."""
    with ws.reading() as conn:
        row = conn.execute(text("SELECT original FROM documents WHERE id = :id"), {"id": document_id}).first()
    if row is None:
        raise NotFound(f"Document {document_id} does not exist.")
    return bytes(row[0]) if row[0] is not None else None


def set_document_type(ws: Workspace, document_id: int, doc_type: DocumentType | None) -> Changes:
    """Override the classifier (None goes back to the detected type); one undo step named after the choice."""
    label = f"Set document type to {DocumentType(doc_type).value.replace('_', ' ')}" if doc_type else "Reset document type"
    with ws.mutation(label) as txn:
        before = txn.update("documents", document_id,
                            {"doc_type_override": DocumentType(doc_type).value if doc_type else None})
        if before is None:
            raise NotFound(f"Document {document_id} does not exist.")
        old = DocumentType(before["doc_type_override"] or before["doc_type"])
        # across the line between evidence and job postings the document's content moves too
        reroute(txn, document_id, old, DocumentType(doc_type or before["doc_type"]))
    return ws.changes_for(txn.step)


def list_quarantine(ws: Workspace) -> list[QuarantinedFile]:
    with ws.reading() as conn:
        rows = conn.execute(text("SELECT * FROM quarantine ORDER BY id DESC")).mappings()
        return [QuarantinedFile(r["id"], r["source_name"], r["code"], r["reason"], r["created_at"]) for r in rows]


@dataclass(frozen=True, slots=True)
class RemovalSummary:
    """What removing a document did: facts deleted (only it supported them) and facts detached."""

    changes: Changes
    source_name: str
    facts_removed: int
    facts_detached: int


@dataclass(frozen=True, slots=True)
class Removals:
    """What removing several documents did: one summary each and the union of their changes."""

    done: list[RemovalSummary]
    changes: Changes


def remove_documents(ws: Workspace, document_ids: list[int]) -> Removals:
    """Remove documents one undo step each (see remove_document); the changes are their union."""
    done = [remove_document(ws, i) for i in document_ids]
    return Removals(done, Changes.union(r.changes for r in done))


def remove_document(ws: Workspace, document_id: int) -> RemovalSummary:
    """Remove a document as one undo step: facts only it supports go, facts that other sources also
    support lose just its passages, its job posting (if it was an ad) goes with it."""
    with ws.reading() as conn:
        row = conn.execute(text("SELECT source_name FROM documents WHERE id = :d"), {"d": document_id}).first()
    if row is None:
        raise NotFound(f"Document {document_id} does not exist.")
    name = str(row[0])
    with ws.mutation(f"Remove document {name}") as txn:
        touched = withdraw_facts(txn, document_id)
        left = {int(r[0]) for r in txn.conn.execute(text("SELECT id FROM facts"))} & touched
        txn.delete_where("job_postings", "document_id = :d", {"d": document_id})  # an ad's posting goes too
        txn.delete("documents", document_id)
    return RemovalSummary(ws.changes_for(txn.step, frozenset(touched)), name, len(touched - left), len(left))
