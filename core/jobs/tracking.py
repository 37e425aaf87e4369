"""Saved jobs over time: status changes with dates and notes, edits that keep history, pasted text
and CSV import (columns by header name, a clear error per bad row, the good rows kept)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import InvalidInput, NotFound
from core.facts import now_iso
from core.jobs.store import PostingStatus, RemoteMode, delete_posting_row, insert_posting
from core.workspace import Workspace

EDITABLE = ("title", "company", "location", "remote", "salary_text", "source", "notes", "text")
# header names people use for each column, compared case- and space-insensitively
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("job title", "title", "position", "job", "role", "job name"),
    "company": ("company name", "company", "employer", "organization", "organisation"),
    "location": ("location", "city", "job location"),
    "text": ("job description", "description", "text", "posting", "details", "job text"),
    "salary_text": ("salary estimate", "salary", "pay", "compensation"),
    "remote": ("remote", "work mode", "workplace type"),
    "source": ("url", "link", "source", "job url"),
}
MISSING_MARKS = {"-1", "n/a", "na", "none", "null", "-"}
MAX_CSV_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class JobEvent:
    id: int
    posting_id: int
    at: str
    kind: str  # status | edit | note
    status: str
    note: str
    before: dict[str, Any]


@dataclass(slots=True)
class CsvImportReport:
    added: list[int] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, message)
    changes: Changes = field(default_factory=Changes)


def _event(txn: Any, posting_id: int, kind: str, *, status: str = "", note: str = "",
           before: dict[str, Any] | None = None) -> None:
    txn.insert("job_events", {"posting_id": posting_id, "at": now_iso(), "kind": kind, "status": status,
                              "note": note, "before": json.dumps(before or {}, ensure_ascii=False)})


def _row(txn: Any, posting_id: int) -> dict[str, Any]:
    row = txn.conn.execute(text("SELECT * FROM job_postings WHERE id = :i"), {"i": posting_id}).mappings().first()
    if row is None:
        raise NotFound(f"Job posting {posting_id} does not exist.")
    return dict(row)


def set_status(ws: Workspace, posting_id: int, status: PostingStatus | str, *, note: str = "") -> Changes:
    """Move a job to a status (saved, applied, interview, offer, rejected, archived), dated, with a note."""
    try:
        new = PostingStatus(status)
    except ValueError as exc:
        allowed = ", ".join(s.value for s in PostingStatus)
        raise InvalidInput(f"Unknown status {status!r}.", hint=f"Use one of: {allowed}.") from exc
    with ws.mutation(f"Job status: {new.value}") as txn:
        _row(txn, posting_id)
        ts = now_iso()
        txn.update("job_postings", posting_id, {"status": new.value, "status_changed_at": ts, "updated_at": ts})
        _event(txn, posting_id, "status", status=new.value, note=note)
    return ws.changes_for(txn.step)


def edit_posting(ws: Workspace, posting_id: int, **values: Any) -> Changes:
    """Change fields of a saved job; the values before are kept in its history."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"These job fields cannot be edited: {', '.join(sorted(unknown))}.")
    if "remote" in values:
        values["remote"] = RemoteMode(values["remote"]).value
    with ws.mutation("Edit job") as txn:
        old = _row(txn, posting_id)
        changed = {k: v for k, v in values.items() if old.get(k) != v}
        if changed:
            txn.update("job_postings", posting_id, {**changed, "updated_at": now_iso()})
            _event(txn, posting_id, "edit", before={k: old[k] for k in changed})
    return ws.changes_for(txn.step)


def add_note(ws: Workspace, posting_id: int, note: str) -> Changes:
    with ws.mutation("Note on job") as txn:
        _row(txn, posting_id)
        _event(txn, posting_id, "note", note=note)
    return ws.changes_for(txn.step)


def history(ws: Workspace, posting_id: int) -> list[JobEvent]:
    """Status changes, edits and notes of one job, oldest first."""
    with ws.reading() as conn:
        rows = conn.execute(text("SELECT * FROM job_events WHERE posting_id = :p ORDER BY at, id"),
                            {"p": posting_id}).mappings().all()
    return [JobEvent(r["id"], r["posting_id"], r["at"], r["kind"], r["status"], r["note"], json.loads(r["before"]))
            for r in rows]


def delete_job(ws: Workspace, posting_id: int) -> Changes:
    """Delete a job and its history in one undoable step."""
    with ws.mutation("Delete job") as txn:
        txn.delete_where("job_events", "posting_id = :p", {"p": posting_id})
        delete_posting_row(txn, posting_id)
    return ws.changes_for(txn.step)


def title_from_text(body: str) -> str:
    """A pasted posting's title: its first short line."""
    for line in body.strip().splitlines():
        line = line.strip(" *#:-–")
        if line:
            return line if len(line.split()) <= 10 else ""
    return ""


def add_posting_text(ws: Workspace, body: str, *, title: str = "", company: str = "", location: str = "",
                     source: str = "pasted") -> Changes:
    """Save a pasted job description; the title comes from its first line unless given."""
    if not body.strip():
        raise InvalidInput("The job description is empty.")
    title = title or title_from_text(body) or "Untitled job"
    with ws.mutation(f"Add job {title}") as txn:
        insert_posting(txn, title=title, company=company, location=location, source=source, text=body,
                       remote=_remote_of(body))
    return ws.changes_for(txn.step)


def _remote_of(body: str) -> RemoteMode:
    from core.jobs.rules import place_hits

    for hit in place_hits(body):
        if hit.value in ("remote", "hybrid"):
            return RemoteMode(hit.value)
        if hit.value == "on-site":
            return RemoteMode.onsite
    return RemoteMode.unknown


def _header_map(header: list[str]) -> dict[str, int]:
    norm = [" ".join(h.strip().lower().replace("_", " ").split()) for h in header]
    out: dict[str, int] = {}
    for name, aliases in CSV_COLUMNS.items():
        for alias in aliases:
            if alias in norm:
                out[name] = norm.index(alias)
                break
    return out


def _cell(row: list[str], col: int | None) -> str:
    if col is None or col >= len(row):
        return ""
    value = row[col].strip()
    return "" if value.lower() in MISSING_MARKS else value


def import_postings_csv(ws: Workspace, path: Path) -> CsvImportReport:
    """Add every row with a title or description as a job (one undo step); report bad rows by line."""
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise InvalidInput(f"{path.name} is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB.")
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path.name}: {exc.strerror or exc}.") from exc
    from core.documents.text_reader import decode_text

    reader = csv.reader(io.StringIO(decode_text(raw), newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise InvalidInput(f"{path.name} has no header row.") from exc
    cols = _header_map(header)
    if "title" not in cols and "text" not in cols:
        raise InvalidInput(f"{path.name} has no job title or description column.",
                           hint="Name a column 'Job Title', 'Title', 'Job Description' or 'Description'.")
    report = CsvImportReport()
    with ws.mutation(f"Import jobs from {path.name}") as txn:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                report.errors.append((reader.line_num, f"unreadable row: {exc}"))
                continue
            line = reader.line_num
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(header):
                report.errors.append((line, f"{len(row)} columns, the header has {len(header)}"))
                continue
            title, body = _cell(row, cols.get("title")), _cell(row, cols.get("text"))
            if not title and not body:
                report.errors.append((line, "no job title and no description"))
                continue
            company = _cell(row, cols.get("company")).split("\n")[0].strip()  # a rating may follow on a new line
            remote_cell = _cell(row, cols.get("remote")).lower()
            remote = next((m for m in RemoteMode if m.value and m.value in remote_cell), _remote_of(body))
            report.added.append(insert_posting(
                txn, title=title or title_from_text(body) or "Untitled job", company=company,
                location=_cell(row, cols.get("location")), remote=remote,
                salary_text=_cell(row, cols.get("salary_text")), source=_cell(row, cols.get("source")) or path.name,
                text=body))
    report.changes = ws.changes_for(txn.step)
    return report
