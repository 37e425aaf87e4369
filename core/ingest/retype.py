"""A document type override that crosses the line between evidence and job postings moves the
document: its facts are withdrawn and a posting made, or the posting goes and its kept extraction
is stored as the person's facts. Runs inside the override's undo step."""

from __future__ import annotations

from sqlalchemy import text

from core.facts import delete_fact_rows
from core.ingest.routing import document_as_parsed, is_evidence, store_posting
from core.ingest.store import DocumentWriter
from core.jobs.store import delete_posting_row, posting_for_document
from core.model import DocumentType
from core.undo import RecordingTxn


def withdraw_facts(txn: RecordingTxn, document_id: int) -> set[int]:
    """Take a document's contribution out of the person's facts: its provenance rows go, and
    facts left with no provenance at all are deleted (with their edges and conflicts)."""
    fact_ids = {int(r[0]) for r in txn.conn.execute(
        text("SELECT DISTINCT fact_id FROM fact_sources WHERE document_id = :d"), {"d": document_id})}
    txn.delete_where("fact_sources", "document_id = :d", {"d": document_id})
    for fid in sorted(fact_ids):
        if txn.conn.execute(text("SELECT 1 FROM fact_sources WHERE fact_id = :f"), {"f": fid}).first() is None:
            delete_fact_rows(txn, fid)
    return fact_ids


def reroute(txn: RecordingTxn, document_id: int, old: DocumentType, new: DocumentType) -> set[int]:
    """Move a document whose effective type changed from `old` to `new` between the person's
    facts and the jobs store; returns the ids of the facts touched."""
    if is_evidence(old) == is_evidence(new):
        return set()
    row = txn.conn.execute(text("SELECT * FROM documents WHERE id = :d"), {"d": document_id}).mappings().first()
    if row is None:
        return set()
    if not is_evidence(new):
        touched = withdraw_facts(txn, document_id)
        if posting_for_document(txn.conn, document_id) is None:
            store_posting(txn, document_as_parsed(row), document_id, row["source_name"])
        return touched
    posting = posting_for_document(txn.conn, document_id)
    if posting is not None:
        delete_posting_row(txn, posting)
    stored = DocumentWriter(txn, document_as_parsed(row)).write_facts(document_id)
    return stored.touched_fact_ids
