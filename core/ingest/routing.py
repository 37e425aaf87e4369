"""Where a document's content goes by its type: the person's facts, or the jobs store.

A job description is not the person's evidence: it becomes a job posting and none of its
contacts, skills, roles or education become the person's facts. Every other type (resumes,
reference letters, reviews, certificates...) goes to facts, whose provenance names the document
and so its type. The parse's extracted facts are kept on the document row (`extraction`), so a
type override moves the document between the two without parsing the file again.
"""

from __future__ import annotations

import json
from typing import Any

from core.jobs.store import insert_posting
from core.model import DocumentType, EdgeKind, ExtractedFact, FactType, ParsedDocument, Span
from core.undo import RecordingTxn

# Types whose text describes someone else's job, not the person's career.
NOT_EVIDENCE = frozenset({DocumentType.job_description})
_TITLE_MAX = 160


def is_evidence(doc_type: DocumentType) -> bool:
    """Whether facts from a document of this type are the person's own."""
    return DocumentType(doc_type) not in NOT_EVIDENCE


def extraction_json(facts: list[ExtractedFact]) -> str:
    """The extracted facts as JSON (kept on the document row)."""
    return json.dumps([{
        "key": f.key, "type": f.type.value, "value": f.value, "attributes": f.attributes,
        "span": [f.span.page, f.span.start, f.span.end] if f.span else None, "confidence": f.confidence,
        "extractor": f.extractor, "extractor_version": f.extractor_version, "parent": f.parent,
        "links": [[str(k), o] for k, o in f.links],
    } for f in facts], default=str, sort_keys=True)


def extraction_facts(raw: str | None) -> list[ExtractedFact]:
    out: list[ExtractedFact] = []
    for d in json.loads(raw or "[]"):
        span = d.get("span")
        out.append(ExtractedFact(
            key=d["key"], type=FactType(d["type"]), value=d["value"], attributes=dict(d.get("attributes") or {}),
            span=Span(*span) if span else None, confidence=float(d.get("confidence", 0.8)),
            extractor=d.get("extractor", ""), extractor_version=d.get("extractor_version", ""),
            parent=d.get("parent"), links=[(EdgeKind(k), o) for k, o in d.get("links", [])]))
    return out


def posting_title(doc_text: str, source_name: str) -> str:
    """A posting's working title: its first line of text (ads lead with the job title)."""
    for line in doc_text.splitlines():
        if line.strip():
            return " ".join(line.split())[:_TITLE_MAX]
    return source_name


def store_posting(txn: RecordingTxn, doc: ParsedDocument, document_id: int, source_name: str) -> int:
    """Keep a job description as a posting tied to its document row."""
    return insert_posting(txn, title=posting_title(doc.text, source_name), source=source_name, text=doc.text,
                          document_id=document_id)


def document_as_parsed(row: Any) -> ParsedDocument:
    """A stored document row (with its kept extraction) as the ParsedDocument it was stored from."""
    return ParsedDocument(
        source=row["source_name"], sha256=row["sha256"], mime=row["mime"], text=row["text"] or "",
        pages=[(int(p[0]), int(p[1])) for p in json.loads(row["pages"] or "[]")],
        doc_type=DocumentType(row["doc_type_override"] or row["doc_type"]),
        doc_type_confidence=float(row["doc_type_confidence"]), facts=extraction_facts(row["extraction"]),
        meta=json.loads(row["meta"] or "{}"))
