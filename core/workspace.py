"""The core facade over one opened vault: typed keyword-only methods, change descriptors, undo."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import NotFound, NothingToUndo
from core.events import Event, EventBus
from core.jsonutil import dumps_sorted
from core.model import DocumentType, Fact, FactSource, FactStatus, FactType, SourceKind, Visibility
from core.services import Services
from core.undo import RecordingTxn, UndoStack, UndoStep
from core.vault.backup import BackupInfo, list_backups
from core.vault.profiles import Profile
from core.vault.vault import Vault

_TABLE_FLAGS = {
    "facts": "facts", "fact_sources": "facts", "fact_versions": "facts", "conflicts": "facts",
    "edges": "edges", "documents": "documents", "quarantine": "documents", "settings": "settings",
    "job_postings": "jobs",
}


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


_NOT_ALNUM = re.compile(r"[\W_]+")
# The same normalisation for ASCII text (most values), by one C-level translate: twice as fast.
_ASCII_NOT_ALNUM = str.maketrans({chr(i): (chr(i) if chr(i).isalnum() else " ") for i in range(128)})


def fingerprint(fact_type: str, value: str) -> str:
    """SHA-256 of the type and normalised value: equal for exact duplicates."""
    if value.isascii():  # NFKC is the identity on ASCII and casefold is lower
        norm = " ".join(value.lower().translate(_ASCII_NOT_ALNUM).split())
    else:
        norm = unicodedata.normalize("NFKC", value).casefold()
        norm = " ".join(_NOT_ALNUM.sub(" ", norm).split())
    return hashlib.sha256(f"{fact_type}\x1f{norm}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class UndoStatus:
    undo: str | None
    redo: str | None


class Workspace:
    """Everything Vita does with one profile's vault. Not thread-safe: use one thread (the UI's
    vault worker) or the lock (`with ws.lock:`) when sharing."""

    def __init__(self, vault: Vault, *, profile: Profile | None = None, events: EventBus | None = None,
                 services: Services | None = None, owns_services: bool | None = None) -> None:
        self.vault = vault
        self.profile = profile
        self.events = events or EventBus()
        # the heavy services (parser pool, embedder, O*NET, skill extractor): the session's, or
        # a private set (in-process embedder, no O*NET) stopped when this workspace closes
        self._owns_services = services is None if owns_services is None else owns_services
        self.services = services if services is not None else Services()
        self.undo_stack = UndoStack()
        self.lock = threading.RLock()
        self._last_backup = time.monotonic()

    def close(self) -> None:
        if self._owns_services:
            self.services.shutdown()
        self.vault.close()
        self.events.emit(Event.vault_did_close)

    # -- transactions -------------------------------------------------------------------------
    @contextlib.contextmanager
    def mutation(self, label: str, *, undoable: bool = True) -> Iterator[RecordingTxn]:
        """One transaction, recorded as a named undo step; commit on success, rollback on error."""
        step = UndoStep(label)
        with self.lock, self.vault.damage_as_error(), self.vault.engine.begin() as conn:
            yield RecordingTxn(conn, step)
        if undoable:
            self.undo_stack.push(step)
        self._emit_for(step)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Any]:
        with self.lock, self.vault.damage_as_error(), self.vault.engine.connect() as conn:
            yield conn.execution_options(vita_read=True)

    def changes_for(self, step: UndoStep, fact_ids: frozenset[int] = frozenset()) -> Changes:
        flags = {_TABLE_FLAGS.get(t, "") for t in step.touched}
        ids = fact_ids or frozenset(step.pks("facts"))
        return Changes(facts="facts" in flags, documents="documents" in flags, edges="edges" in flags,
                       settings="settings" in flags, jobs="jobs" in flags, fact_ids=ids,
                       job_ids=frozenset(step.pks("job_postings")), undo_label=step.label)

    def _emit_for(self, step: UndoStep) -> None:
        ch = self.changes_for(step)
        if ch.facts:
            self.events.emit(Event.facts_did_change, ch)
        if ch.documents:
            self.events.emit(Event.documents_did_change, ch)
        self.events.emit(Event.undo_did_change, self.undo_status())

    # -- undo / redo --------------------------------------------------------------------------
    def undo_status(self) -> UndoStatus:
        return UndoStatus(self.undo_stack.undo_label(), self.undo_stack.redo_label())

    def fold_into_previous_step(self, *, top_label: str, into_label: str) -> bool:
        """Make the newest undo step part of the previous one (see UndoStack.fold_last)."""
        with self.lock:
            folded = self.undo_stack.fold_last(top_label=top_label, into_label=into_label)
        if folded:
            self.events.emit(Event.undo_did_change, self.undo_status())
        return folded

    def undo(self) -> Changes:
        with self.lock, self.vault.engine.begin() as conn:
            step = self.undo_stack.undo(conn)
            if step is None:
                raise NothingToUndo("There is nothing to undo.")
        self.undo_stack.commit_undo()
        self._emit_for(step)
        return self.changes_for(step)

    def redo(self) -> Changes:
        with self.lock, self.vault.engine.begin() as conn:
            step = self.undo_stack.redo(conn)
            if step is None:
                raise NothingToUndo("There is nothing to redo.")
        self.undo_stack.commit_redo()
        self._emit_for(step)
        return self.changes_for(step)

    # -- facts (the minimum the foundation needs; the knowledge base builds on these) --------
    def add_fact(self, *, type: FactType, value: str, attributes: dict[str, Any] | None = None,
                 status: FactStatus = FactStatus.pending, visibility: Visibility = Visibility.exportable,
                 confidence: float = 1.0, source_kind: SourceKind = SourceKind.person,
                 tags: list[str] | None = None, note: str = "") -> Changes:
        with self.mutation(f"Add {FactType(type).value}") as txn:
            fid = insert_fact(txn, type=FactType(type), value=value, attributes=attributes or {},
                              status=status, visibility=visibility, confidence=confidence,
                              source_kind=source_kind, tags=tags or [])
            txn.insert("fact_sources", {"fact_id": fid, "source_kind": SourceKind(source_kind).value,
                                        "confidence": confidence, "note": note, "created_at": now_iso()})
        return self.changes_for(txn.step, frozenset({fid}))

    def update_fact(self, fact_id: int, *, value: str | None = None, attributes: dict[str, Any] | None = None,
                    status: FactStatus | None = None, visibility: Visibility | None = None,
                    tags: list[str] | None = None, label: str | None = None) -> Changes:
        with self.mutation(label or "Edit fact") as txn:
            update_fact_row(txn, fact_id, value=value, attributes=attributes, status=status,
                            visibility=visibility, tags=tags)
        return self.changes_for(txn.step, frozenset({fact_id}))

    def delete_fact(self, fact_id: int) -> Changes:
        with self.mutation("Delete fact") as txn:
            delete_fact_rows(txn, fact_id)
        return self.changes_for(txn.step, frozenset({fact_id}))

    def get_fact(self, fact_id: int) -> Fact:
        with self.reading() as conn:
            row = conn.execute(text("SELECT * FROM facts WHERE id = :id"), {"id": fact_id}).mappings().first()
        if row is None:
            raise NotFound(f"Fact {fact_id} does not exist.")
        return fact_from_row(row)

    def list_facts(self, *, type: FactType | None = None, status: FactStatus | None = None,
                   limit: int = 1000, offset: int = 0) -> list[Fact]:
        where: list[str] = []
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        if type is not None:
            where.append("type = :type")
            params["type"] = FactType(type).value
        if status is not None:
            where.append("status = :status")
            params["status"] = FactStatus(status).value
        sql = "SELECT * FROM facts" + (" WHERE " + " AND ".join(where) if where else "")
        with self.reading() as conn:
            rows = conn.execute(text(sql + " ORDER BY id LIMIT :limit OFFSET :offset"), params).mappings()
            return [fact_from_row(r) for r in rows]

    def fact_sources(self, fact_id: int) -> list[FactSource]:
        with self.reading() as conn:
            rows = conn.execute(text(
                "SELECT s.*, coalesce(d.doc_type_override, d.doc_type) AS document_type FROM fact_sources s "
                "LEFT JOIN documents d ON d.id = s.document_id WHERE s.fact_id = :f ORDER BY s.id"),
                {"f": fact_id}).mappings()
            return [FactSource(id=r["id"], source_kind=SourceKind(r["source_kind"]), document_id=r["document_id"],
                               page=r["page"], start=r["start"], end=r["end"], extractor=r["extractor"],
                               extractor_version=r["extractor_version"], confidence=r["confidence"],
                               note=r["note"],
                               document_type=DocumentType(r["document_type"]) if r["document_type"] else None)
                    for r in rows]

    def count_facts(self) -> int:
        with self.reading() as conn:
            return int(conn.execute(text("SELECT count(*) FROM facts")).scalar_one())

    # -- backups ------------------------------------------------------------------------------
    def backup(self, *, reason: str = "manual") -> BackupInfo:
        """Write a verified backup. Not under `self.lock`: the backup API copies one consistent
        WAL snapshot on its own connections, so writes may go on (a 200 MB vault takes seconds)."""
        info = self.vault.backup(reason=reason)
        self._last_backup = time.monotonic()
        self.events.emit(Event.backup_did_finish, info.path)
        return info

    def maybe_backup(self, *, every_s: float = 30 * 60) -> BackupInfo | None:
        """The scheduled backup: call from a timer; writes one when the last is old enough."""
        if time.monotonic() - self._last_backup < every_s:
            return None
        return self.backup(reason="scheduled")

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.vault.backups_dir)


# -- row helpers shared by core modules (ingest, knowledge base, imports) ------------------------


def fact_from_row(row: Any) -> Fact:
    return Fact(id=row["id"], type=FactType(row["type"]), value=row["value"],
                attributes=json.loads(row["attributes"] or "{}"), status=FactStatus(row["status"]),
                visibility=Visibility(row["visibility"]), confidence=row["confidence"],
                source_kind=SourceKind(row["source_kind"]), tags=json.loads(row["tags"] or "[]"),
                created_at=row["created_at"], updated_at=row["updated_at"])


def _snapshot(txn: RecordingTxn, fact_id: int, action: str) -> None:
    row = txn.conn.execute(text("SELECT * FROM facts WHERE id = :id"), {"id": fact_id}).mappings().first()
    version = txn.conn.execute(text("SELECT coalesce(max(version), 0) + 1 FROM fact_versions WHERE fact_id = :f"),
                               {"f": fact_id}).scalar_one()
    snap = {k: row[k] for k in ("type", "value", "attributes", "status", "visibility", "tags")} if row else {}
    txn.insert("fact_versions", {"fact_id": fact_id, "version": version, "action": action,
                                 "snapshot": json.dumps(snap), "created_at": now_iso()})


def insert_fact(txn: RecordingTxn, *, type: FactType, value: str, attributes: dict[str, Any],
                status: FactStatus = FactStatus.pending, visibility: Visibility = Visibility.exportable,
                confidence: float = 1.0, source_kind: SourceKind = SourceKind.person,
                tags: list[str] | None = None) -> int:
    ts = now_iso()
    fid = txn.insert("facts", {
        "type": FactType(type).value, "value": value, "attributes": dumps_sorted(attributes),
        "status": FactStatus(status).value, "visibility": Visibility(visibility).value,
        "confidence": confidence, "source_kind": SourceKind(source_kind).value,
        "tags": json.dumps(tags or []), "fingerprint": fingerprint(FactType(type).value, value),
        "created_at": ts, "updated_at": ts,
    })
    _snapshot(txn, fid, "create")
    return fid


def update_fact_row(txn: RecordingTxn, fact_id: int, *, value: str | None = None,
                    attributes: dict[str, Any] | None = None, status: FactStatus | None = None,
                    visibility: Visibility | None = None, tags: list[str] | None = None,
                    action: str = "edit") -> None:
    current = txn.conn.execute(text("SELECT type FROM facts WHERE id = :id"), {"id": fact_id}).first()
    if current is None:
        raise NotFound(f"Fact {fact_id} does not exist.")
    values: dict[str, Any] = {"updated_at": now_iso()}
    if value is not None:
        values["value"] = value
        values["fingerprint"] = fingerprint(current[0], value)
    if attributes is not None:
        values["attributes"] = dumps_sorted(attributes)
    if status is not None:
        values["status"] = FactStatus(status).value
    if visibility is not None:
        values["visibility"] = Visibility(visibility).value
    if tags is not None:
        values["tags"] = json.dumps(tags)
    txn.update("facts", fact_id, values)
    _snapshot(txn, fact_id, action)


def delete_fact_rows(txn: RecordingTxn, fact_id: int) -> None:
    """Delete a fact with its provenance, edges and open conflicts (each row recorded for undo)."""
    if txn.conn.execute(text("SELECT 1 FROM facts WHERE id = :id"), {"id": fact_id}).first() is None:
        raise NotFound(f"Fact {fact_id} does not exist.")
    txn.delete_where("fact_sources", "fact_id = :f", {"f": fact_id})
    txn.delete_where("edges", "src_id = :f OR dst_id = :f", {"f": fact_id})
    txn.delete_where("conflicts", "fact_id = :f", {"f": fact_id})
    _snapshot(txn, fact_id, "delete")
    txn.delete("facts", fact_id)
