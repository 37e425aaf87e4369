"""Erasure: remove facts, documents or everything so that no trace is left in the vault,
its backups or caches. Not undoable by design (the undo stack is cleared too)."""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import NotFound
from core.kb.search import forget_vectors
from core.vault.lock import EXCLUSIVE_WAIT_S
from core.vault.tables import erase_order
from core.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ErasureReport:
    facts: int
    documents: int
    backups_removed: int
    fresh_backup: str | None
    changes: Changes  # what went, with the erased fact ids (the one broadcast)
    leftovers_removed: tuple[str, ...] = ()  # partial backups, damaged copies, WAL copies, temporaries
    conflicts_removed: int = 0


# Files beside the vault or its backups that may hold erased data: a backup killed midway, a
# damaged vault kept aside, a WAL kept after damage, an interrupted restore or rekey, a temporary.
_LEFTOVERS = ("backup-*.partial*", "damaged-*", "wal-*", ".*.tmp")
_PROFILE_LEFTOVERS = ("vault.db.restore*", "vault.db.rekey*", ".*.tmp")


def _delete_facts(conn: object, ids: list[int]) -> None:
    for fid in ids:
        for sql in ("DELETE FROM fact_sources WHERE fact_id = :f", "DELETE FROM edges WHERE src_id = :f OR dst_id = :f",
                    "DELETE FROM conflicts WHERE fact_id = :f", "DELETE FROM fact_versions WHERE fact_id = :f",
                    "DELETE FROM fact_vectors WHERE rowid = :f", "DELETE FROM facts WHERE id = :f"):
            conn.execute(text(sql), {"f": fid})  # type: ignore[attr-defined]


def erase_facts(ws: Workspace, fact_ids: Iterable[int], *, backups: bool = True) -> ErasureReport:
    """Delete facts with their provenance, edges, history and vectors, then scrub."""
    with _backups_held(ws, backups):
        return _erase_facts(ws, fact_ids, backups=backups)


def _erase_facts(ws: Workspace, fact_ids: Iterable[int], *, backups: bool) -> ErasureReport:
    ids = list(dict.fromkeys(fact_ids))
    with ws.lock, ws.vault.engine.begin() as conn:
        found = {r[0] for r in conn.execute(text("SELECT id FROM facts"))} & set(ids)
        missing = [i for i in ids if i not in found]
        orphan_history = {r[0] for r in conn.execute(text("SELECT DISTINCT fact_id FROM fact_versions"))}
        if missing and not set(missing) <= orphan_history:
            raise NotFound(f"Fact {missing[0]} does not exist.")
        _delete_facts(conn, ids)
    return _finish(ws, facts=len(ids), documents=0, backups=backups, fact_ids=ids)


def erase_documents(ws: Workspace, document_ids: list[int]) -> Changes:
    """Erase documents one after the other (see erase_document); the union of what went."""
    return Changes.union(erase_document(ws, i).changes for i in document_ids)


def erase_document(ws: Workspace, document_id: int, *, keep_confirmed: bool = True,
                   backups: bool = True) -> ErasureReport:
    """Delete a document (text, original file, metadata) and the facts that came only from it;
    facts with other provenance lose just this document's passages unless `keep_confirmed` is off.
    Conflicts quoting it, vectors, history, every backup and leftover file go too."""
    with _backups_held(ws, backups):
        return _erase_document(ws, document_id, keep_confirmed=keep_confirmed, backups=backups)


def _erase_document(ws: Workspace, document_id: int, *, keep_confirmed: bool, backups: bool) -> ErasureReport:
    with ws.lock, ws.vault.engine.begin() as conn:
        if conn.execute(text("SELECT 1 FROM documents WHERE id = :d"), {"d": document_id}).first() is None:
            raise NotFound(f"Document {document_id} does not exist.")
        fact_ids = [r[0] for r in conn.execute(
            text("SELECT DISTINCT fact_id FROM fact_sources WHERE document_id = :d"), {"d": document_id})]
        doomed = []
        for fid in fact_ids:
            others = conn.execute(text(
                "SELECT count(*) FROM fact_sources WHERE fact_id = :f AND (document_id IS NULL OR document_id != :d)"),
                {"f": fid, "d": document_id}).scalar_one()
            if others and keep_confirmed:
                conn.execute(text("DELETE FROM fact_sources WHERE fact_id = :f AND document_id = :d"),
                             {"f": fid, "d": document_id})
            else:
                doomed.append(fid)
        _delete_facts(conn, doomed)
        conflicts = _drop_conflicts_citing(conn, document_id)
        row = conn.execute(text("SELECT sha256 FROM documents WHERE id = :d"), {"d": document_id}).first()
        conn.execute(text("DELETE FROM quarantine WHERE sha256 = :s AND sha256 != ''"), {"s": row[0] if row else ""})
        conn.execute(text("DELETE FROM job_postings WHERE document_id = :d"), {"d": document_id})  # holds its text
        conn.execute(text("DELETE FROM documents WHERE id = :d"), {"d": document_id})
    return _finish(ws, facts=len(doomed), documents=1, backups=backups, fact_ids=doomed,
                   conflicts=conflicts)


def _drop_conflicts_citing(conn: Any, document_id: int) -> int:
    """Conflicts on kept facts whose candidates quote a value from the erased document."""
    gone = 0
    for cid, candidates in conn.execute(text("SELECT id, candidates FROM conflicts")).all():
        try:
            cited = any(src.get("document_id") == document_id for c in json.loads(candidates)
                        for src in c.get("sources", []) if isinstance(src, dict))
        except (ValueError, AttributeError, TypeError):
            cited = False
        if cited:
            conn.execute(text("DELETE FROM conflicts WHERE id = :c"), {"c": cid})
            gone += 1
    return gone


def erase_everything(ws: Workspace, *, keep_settings: bool = False, backups: bool = True) -> ErasureReport:
    """Empty the vault: every fact, document, chat, history row, vector and cache entry."""
    with _backups_held(ws, backups):
        return _erase_everything(ws, keep_settings=keep_settings, backups=backups)


def _erase_everything(ws: Workspace, *, keep_settings: bool, backups: bool) -> ErasureReport:
    with ws.lock, ws.vault.engine.begin() as conn:
        every = [int(r[0]) for r in conn.execute(text("SELECT id FROM facts"))]
        n_facts = len(every)
        n_docs = int(conn.execute(text("SELECT count(*) FROM documents")).scalar_one())
        for table in erase_order():  # the person's tables, children first; settings below
            if _exists(conn, table):
                conn.execute(text(f"DELETE FROM {table}"))
        conn.execute(text("DELETE FROM fact_vectors"))
        conn.execute(text("INSERT INTO facts_fts(facts_fts) VALUES ('delete-all')"))
        if not keep_settings:
            conn.execute(text("DELETE FROM settings"))
    return _finish(ws, facts=n_facts, documents=n_docs, backups=backups, fact_ids=every)


def _exists(conn: object, table: str) -> bool:
    sql = text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n")
    return conn.execute(sql, {"n": table}).first() is not None  # type: ignore[attr-defined]


def scrub(ws: Workspace) -> None:
    """Make deletions physical: merge the FTS index, drop caches, VACUUM, truncate the WAL."""
    with ws.lock:
        with ws.vault.engine.begin() as conn:
            conn.execute(text("INSERT INTO facts_fts(facts_fts) VALUES ('optimize')"))
            if _exists(conn, "chat_messages_fts"):  # the interview transcript's index
                conn.execute(text("INSERT INTO chat_messages_fts(chat_messages_fts) VALUES ('optimize')"))
            conn.execute(text("DELETE FROM embedding_cache"))
            if _exists(conn, "saved_undo"):  # the command line's undo steps hold images of erased rows
                conn.execute(text("DELETE FROM saved_undo"))
        raw = ws.vault.engine.raw_connection()
        try:
            dbapi = raw.driver_connection
            dbapi.execute("VACUUM")  # type: ignore[union-attr]
            dbapi.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        finally:
            raw.close()
        ws.undo_stack.clear()  # undo steps hold row images of what was erased
    forget_vectors(ws)
    if ws.profile is not None and ws.profile.cache_dir.exists():
        shutil.rmtree(ws.profile.cache_dir)
        ws.profile.cache_dir.mkdir(mode=0o700)


def rotate_backups(ws: Workspace) -> tuple[int, str, tuple[str, ...]]:
    """Every existing backup and leftover may hold what was erased: delete them all, then write
    a fresh backup. Returns the backups removed, the fresh one, and the leftovers removed."""
    old = ws.backups()
    for b in old:
        b.path.unlink(missing_ok=True)
    leftovers = remove_leftovers(ws)
    info = ws.vault.backup(reason="after-erasure", prune_after=False)
    return len(old), str(info.path), leftovers


def remove_leftovers(ws: Workspace) -> tuple[str, ...]:
    """Delete partial backups, damaged copies, kept WALs and temporaries of this profile."""
    found: list[Path] = []
    for pattern in _LEFTOVERS:
        found += ws.vault.backups_dir.glob(pattern)
    for pattern in _PROFILE_LEFTOVERS:
        found += ws.vault.path.parent.glob(pattern)
    for path in found:
        path.unlink(missing_ok=True)
    return tuple(sorted(p.name for p in found))


@contextlib.contextmanager
def _backups_held(ws: Workspace, backups: bool) -> Iterator[None]:
    """Erasing from the backups holds the profile alone (no other process writing a backup that
    still holds the data), or refuses before anything is erased."""
    if not backups:
        yield
        return
    lock = ws.vault.lock
    lock.acquire(exclusive=True, wait_s=EXCLUSIVE_WAIT_S, doing="erase from the backups")
    try:
        yield
    finally:
        lock.downgrade()


def _finish(ws: Workspace, *, facts: int, documents: int, backups: bool,
            fact_ids: Iterable[int] = (), conflicts: int = 0) -> ErasureReport:
    scrub(ws)
    removed, fresh, leftovers = rotate_backups(ws) if backups else (0, None, remove_leftovers(ws))
    from core.events import Event

    changes = Changes(facts=True, documents=bool(documents), edges=True, jobs=bool(documents),
                      fact_ids=frozenset(fact_ids))
    ws.events.emit(Event.facts_did_change, changes)
    return ErasureReport(facts, documents, removed, fresh, changes, leftovers, conflicts)
