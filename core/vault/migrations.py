"""Versioned schema migrations, registered by decorator and applied in order.

Every registered version that the vault has not applied runs, lowest first, so numbers reserved
per owner (1-9 vault core, 10-19 core.kb, 20-39 seams/ingest/facts, 40-59 jobs, 60-79 interview,
80-89 insights, 90-99 reliability) can land in any order. Applied versions are recorded in
`_migrations`; `PRAGMA user_version` stays the high-water mark. A vault written before the
record existed has only `user_version`: the versions that existed then (`LEGACY_VERSIONS`) up to
it count as applied. A record row above `user_version` is stale (a reset) and ignored.

Each migration runs in one transaction together with its record row and the `user_version`
bump, so a crash (or SIGKILL) mid-migration leaves the vault at the old version, fully valid; a
backup is taken before any migration of an existing vault.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

Migration = Callable[[Any], None]
MIGRATIONS: dict[int, tuple[str, Migration]] = {}
RECORD_TABLE = "_migrations"
# The versions registered when applied versions were still implied by user_version alone.
LEGACY_VERSIONS = frozenset({1, 10})


def migration(version: int, name: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        if version in MIGRATIONS:
            raise RuntimeError(f"duplicate migration {version}")
        MIGRATIONS[version] = (name, fn)
        return fn

    return register


def latest_version() -> int:
    return max(MIGRATIONS)


def current_version(dbapi_conn: Any) -> int:
    return int(dbapi_conn.execute("PRAGMA user_version").fetchone()[0])


def _has_record(dbapi_conn: Any) -> bool:
    row = dbapi_conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                             (RECORD_TABLE,)).fetchone()
    return row is not None


def applied_versions(dbapi_conn: Any) -> set[int]:
    """The versions this vault has applied (the record, else the legacy high-water mark)."""
    cur = current_version(dbapi_conn)
    if not _has_record(dbapi_conn):
        return {v for v in LEGACY_VERSIONS if v <= cur}
    rows = dbapi_conn.execute(f"SELECT version FROM {RECORD_TABLE} WHERE version <= ?", (cur,)).fetchall()
    return {int(r[0]) for r in rows}


def pending(dbapi_conn: Any) -> list[int]:
    done = applied_versions(dbapi_conn)
    return [v for v in sorted(MIGRATIONS) if v not in done]


def unknown_versions(dbapi_conn: Any) -> set[int]:
    """Applied versions this code does not know: the vault was written by a newer Vita."""
    done = applied_versions(dbapi_conn) if _has_record(dbapi_conn) else set()
    newer = {current_version(dbapi_conn)} if current_version(dbapi_conn) > latest_version() else set()
    return (done - set(MIGRATIONS)) | newer


def _atomically(dbapi_conn: Any, work: Callable[[], None]) -> None:
    dbapi_conn.execute("BEGIN IMMEDIATE")
    try:
        work()
        dbapi_conn.execute("COMMIT")
    except BaseException:
        try:
            dbapi_conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        raise


def _ensure_record(dbapi_conn: Any) -> None:
    """Create the applied-versions record (seeded from a legacy vault's user_version) and drop
    stale rows above user_version."""
    def work() -> None:
        cur = current_version(dbapi_conn)
        if not _has_record(dbapi_conn):
            dbapi_conn.execute(f"CREATE TABLE {RECORD_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                               "applied_at TEXT NOT NULL)")
            for v in sorted(LEGACY_VERSIONS):
                if v <= cur:
                    dbapi_conn.execute(f"INSERT INTO {RECORD_TABLE} VALUES (?, ?, ?)",
                                       (v, MIGRATIONS[v][0] if v in MIGRATIONS else "", "legacy"))
        dbapi_conn.execute(f"DELETE FROM {RECORD_TABLE} WHERE version > ?", (cur,))

    _atomically(dbapi_conn, work)


def apply_pending(dbapi_conn: Any, *, before_each: Callable[[int, str], None] | None = None) -> list[int]:
    """Apply every registered, unapplied migration, each atomically; returns the versions applied."""
    todo = pending(dbapi_conn)
    if not todo and _has_record(dbapi_conn):
        return []
    _ensure_record(dbapi_conn)
    done = []
    for version in todo:
        name, fn = MIGRATIONS[version]
        if before_each:
            before_each(version, name)

        def work(version: int = version, name: str = name, fn: Migration = fn) -> None:
            fn(dbapi_conn)
            dbapi_conn.execute(f"INSERT OR REPLACE INTO {RECORD_TABLE} VALUES (?, ?, ?)",
                               (version, name, datetime.now(UTC).isoformat(timespec="seconds")))
            high = max(version, current_version(dbapi_conn))
            dbapi_conn.execute(f"PRAGMA user_version = {int(high)}")

        _atomically(dbapi_conn, work)
        done.append(version)
    return done


def _script(conn: Any, sql: str) -> None:
    """Run several statements inside the caller's transaction (executescript would commit)."""
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            conn.execute(buf)
            buf = ""
    if buf.strip():
        conn.execute(buf)


@migration(1, "initial schema")
def _v1(conn: Any) -> None:
    _script(conn, """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    source_name TEXT NOT NULL,
    mime TEXT NOT NULL DEFAULT '',
    doc_type TEXT NOT NULL DEFAULT 'other',
    doc_type_confidence REAL NOT NULL DEFAULT 0,
    doc_type_override TEXT,
    status TEXT NOT NULL DEFAULT 'parsed',
    text TEXT NOT NULL DEFAULT '',
    pages TEXT NOT NULL DEFAULT '[]',
    meta TEXT NOT NULL DEFAULT '{}',
    original BLOB,
    added_at TEXT NOT NULL
);
CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    attributes TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'pending',
    visibility TEXT NOT NULL DEFAULT 'exportable',
    confidence REAL NOT NULL DEFAULT 1.0,
    source_kind TEXT NOT NULL DEFAULT 'person',
    tags TEXT NOT NULL DEFAULT '[]',
    fingerprint TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX facts_type ON facts(type);
CREATE INDEX facts_status ON facts(status);
CREATE INDEX facts_fingerprint ON facts(fingerprint);
CREATE TABLE fact_sources (
    id INTEGER PRIMARY KEY,
    fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    source_kind TEXT NOT NULL,
    document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    page INTEGER,
    start INTEGER,
    "end" INTEGER,
    extractor TEXT NOT NULL DEFAULT '',
    extractor_version TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL DEFAULT 1.0,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX fact_sources_fact ON fact_sources(fact_id);
CREATE INDEX fact_sources_document ON fact_sources(document_id);
CREATE TABLE edges (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    src_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    dst_id INTEGER REFERENCES facts(id) ON DELETE CASCADE,
    dst_ref TEXT,
    weight REAL NOT NULL DEFAULT 1.0,
    created_at TEXT NOT NULL
);
CREATE INDEX edges_src ON edges(src_id);
CREATE INDEX edges_dst ON edges(dst_id);
CREATE TABLE fact_versions (
    id INTEGER PRIMARY KEY,
    fact_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    action TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX fact_versions_fact ON fact_versions(fact_id, version);
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    candidates TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    resolution TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    source_name TEXT NOT NULL,
    sha256 TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE chats (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE chat_messages (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE embedding_cache (
    text_hash TEXT PRIMARY KEY,
    vector BLOB NOT NULL
);
CREATE VIRTUAL TABLE facts_fts USING fts5(value, body, content='', contentless_delete=1);
CREATE VIRTUAL TABLE fact_vectors USING vec0(embedding float[384] distance_metric=cosine);
CREATE TRIGGER facts_ai AFTER INSERT ON facts BEGIN
    INSERT INTO facts_fts(rowid, value, body) VALUES (new.id, new.value, new.attributes);
END;
CREATE TRIGGER facts_ad AFTER DELETE ON facts BEGIN
    DELETE FROM facts_fts WHERE rowid = old.id;
    DELETE FROM fact_vectors WHERE rowid = old.id;
END;
CREATE TRIGGER facts_au AFTER UPDATE OF value, attributes ON facts BEGIN
    DELETE FROM facts_fts WHERE rowid = old.id;
    INSERT INTO facts_fts(rowid, value, body) VALUES (new.id, new.value, new.attributes);
    DELETE FROM fact_vectors WHERE rowid = old.id;
END
""")


# Migrations owned by other packages register themselves when imported (numbers by owner).
from core.vault import insights_migrations as _insights_migrations  # noqa: E402,F401
from core.vault import interview_migrations as _interview_migrations  # noqa: E402,F401
from core.vault import jobs_migrations as _jobs_migrations  # noqa: E402,F401
from core.vault import kb_migrations as _kb_migrations  # noqa: E402,F401
from core.vault import seams_migrations as _seams_migrations  # noqa: E402,F401
