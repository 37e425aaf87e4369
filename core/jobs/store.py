"""The job postings store: descriptions the person saved or dropped, with their application status.

Rows are written inside the workspace's undoable transactions (`insert_posting`/`delete_posting_row`
take the caller's RecordingTxn); the `Workspace`-level functions are one named undo step each.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import NotFound
from core.facts import now_iso
from core.undo import RecordingTxn
from core.workspace import Workspace


class PostingStatus(StrEnum):
    saved = "saved"
    applied = "applied"
    interview = "interview"
    offer = "offer"
    rejected = "rejected"
    archived = "archived"


class RemoteMode(StrEnum):
    unknown = ""
    onsite = "onsite"
    hybrid = "hybrid"
    remote = "remote"


@dataclass(frozen=True, slots=True)
class JobPosting:
    id: int
    title: str
    company: str
    location: str
    remote: RemoteMode
    salary_text: str
    source: str  # where it came from: a file name, a URL, "manual"
    status: PostingStatus
    status_changed_at: str
    notes: str
    text: str
    document_id: int | None  # the ingested document it was read from, if any
    created_at: str
    updated_at: str


def _posting(row: Any) -> JobPosting:
    return JobPosting(
        id=int(row["id"]), title=row["title"], company=row["company"], location=row["location"],
        remote=RemoteMode(row["remote"]), salary_text=row["salary_text"], source=row["source"],
        status=PostingStatus(row["status"]), status_changed_at=row["status_changed_at"], notes=row["notes"],
        text=row["text"], document_id=row["document_id"], created_at=row["created_at"],
        updated_at=row["updated_at"])


def insert_posting(txn: RecordingTxn, *, title: str, company: str = "", location: str = "",
                   remote: RemoteMode = RemoteMode.unknown, salary_text: str = "", source: str = "",
                   status: PostingStatus = PostingStatus.saved, notes: str = "", text: str = "",
                   document_id: int | None = None) -> int:
    """Write one posting row in the caller's transaction; returns its id."""
    ts = now_iso()
    return txn.insert("job_postings", {
        "title": title, "company": company, "location": location, "remote": RemoteMode(remote).value,
        "salary_text": salary_text, "source": source, "status": PostingStatus(status).value,
        "status_changed_at": ts, "notes": notes, "text": text, "document_id": document_id,
        "created_at": ts, "updated_at": ts,
    })


def posting_for_document(conn: Any, document_id: int) -> int | None:
    row = conn.execute(text("SELECT id FROM job_postings WHERE document_id = :d"), {"d": document_id}).first()
    return int(row[0]) if row else None


def delete_posting_row(txn: RecordingTxn, posting_id: int) -> None:
    if txn.delete("job_postings", posting_id) is None:
        raise NotFound(f"Job posting {posting_id} does not exist.")


def add_posting(ws: Workspace, *, title: str, company: str = "", location: str = "",
                remote: RemoteMode = RemoteMode.unknown, salary_text: str = "", source: str = "manual",
                status: PostingStatus = PostingStatus.saved, notes: str = "", text: str = "") -> Changes:
    """Save a posting entered by hand; the new id is in `Changes.job_ids`."""
    with ws.mutation(f"Add job {title}".strip()) as txn:
        insert_posting(txn, title=title, company=company, location=location, remote=remote,
                       salary_text=salary_text, source=source, status=status, notes=notes, text=text)
    return ws.changes_for(txn.step)


def list_postings(ws: Workspace, *, status: PostingStatus | None = None) -> list[JobPosting]:
    sql = "SELECT * FROM job_postings"
    params: dict[str, Any] = {}
    if status is not None:
        sql += " WHERE status = :s"
        params["s"] = PostingStatus(status).value
    with ws.reading() as conn:
        return [_posting(r) for r in conn.execute(text(sql + " ORDER BY created_at DESC, id DESC"), params).mappings()]


def get_posting(ws: Workspace, posting_id: int) -> JobPosting:
    with ws.reading() as conn:
        row = conn.execute(text("SELECT * FROM job_postings WHERE id = :id"), {"id": posting_id}).mappings().first()
    if row is None:
        raise NotFound(f"Job posting {posting_id} does not exist.")
    return _posting(row)


def delete_posting(ws: Workspace, posting_id: int) -> Changes:
    with ws.mutation("Delete job") as txn:
        delete_posting_row(txn, posting_id)
    return ws.changes_for(txn.step)
