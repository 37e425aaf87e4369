"""The core facade over one opened vault: typed keyword-only methods, change descriptors, undo."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import NotFound, NothingToUndo, UndoOutdated
from core.events import Event, EventBus
from core.facts import (
    add_source,
    delete_fact_rows,
    insert_fact,
    update_fact_row,
)
from core.model import (
    DocumentType,
    Fact,
    FactSource,
    FactStatus,
    FactType,
    SourceKind,
    SourceSpec,
    Visibility,
)
from core.services import Services
from core.undo import RecordingTxn, UndoStack, UndoStep
from core.vault.backup import BackupInfo, list_backups
from core.vault.profiles import Profile
from core.vault.tables import change_flag
from core.vault.vault import Vault


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
        flags = {change_flag(t) for t in step.touched}
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

    # -- undo / redo --------------------------------------------------------------------------
    def undo_status(self) -> UndoStatus:
        return UndoStatus(self.undo_stack.undo_label(), self.undo_stack.redo_label())

    def fold_into_previous_step(self, *, top_label: str, into_label: str) -> bool:
        """Make the newest undo step part of the previous one (see UndoStack.fold_last)."""
        with self.lock:
            return self.undo_stack.fold_last(top_label=top_label, into_label=into_label)

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

    # -- undo across processes (the command line) -------------------------------------------
    def save_undo(self, count: int = 1) -> None:
        """Keep the newest `count` undo steps in the vault, so a later process can undo them
        (`vita undo`); the app's own undo stays in memory."""
        from core import undo_log

        with self.lock, self.vault.engine.begin() as conn:
            for step in self.undo_stack.newest(count):
                undo_log.save(conn, step)

    def saved_undo_label(self) -> str | None:
        from core import undo_log

        with self.reading() as conn:
            return undo_log.newest_label(conn)

    def undo_saved(self) -> Changes:
        """Undo the newest saved step when every row it wrote is still as it left them; a vault
        changed since refuses (UndoOutdated) and the outdated step is dropped."""
        from core import undo_log

        with self.lock, self.vault.engine.begin() as conn:
            found = undo_log.newest(conn)
            if found is None:
                raise NothingToUndo("There is nothing to undo from the command line.",
                                    hint="Changes made in the app are undone there (Edit > Undo).")
            saved_id, step = found
            stale = undo_log.stale_rows(conn, step)
            undo_log.forget(conn, saved_id)
            if not stale:
                undo_log.revert(conn, step)
        if stale:
            shown = ", ".join(stale[:3]) + (" …" if len(stale) > 3 else "")
            raise UndoOutdated(f"“{step.label}” can no longer be undone: the vault changed after it ({shown}).",
                               hint="Nothing was changed. Newer work is kept; edit the facts by hand instead.")
        self.undo_stack.clear()  # the in-memory steps were made before this one was undone
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
            add_source(txn, fid, SourceSpec(SourceKind(source_kind), confidence=confidence, note=note))
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
                               note=r["note"], chat_message_id=r["chat_message_id"],
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


# -- reading rows (writing them is core.facts' job) -----------------------------------------------


def fact_from_row(row: Any) -> Fact:
    return Fact(id=row["id"], type=FactType(row["type"]), value=row["value"],
                attributes=json.loads(row["attributes"] or "{}"), status=FactStatus(row["status"]),
                visibility=Visibility(row["visibility"]), confidence=row["confidence"],
                source_kind=SourceKind(row["source_kind"]), tags=json.loads(row["tags"] or "[]"),
                created_at=row["created_at"], updated_at=row["updated_at"])
