"""Schema additions for the knowledge base (migration numbers 10-19 belong to core.kb)."""

from __future__ import annotations

from typing import Any

from core.vault.migrations import _script, migration


@migration(10, "saved resume variants")
def _v10(conn: Any) -> None:
    _script(conn, """
CREATE TABLE resume_variants (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    selection TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
""")


@migration(11, "fingerprints tell C from C++ and C#")
def _v11(conn: Any) -> None:
    # The normalisation now keeps "+" and "#"; refresh the fingerprints of the values holding them
    # so duplicate detection compares like with like.
    from core.facts import fingerprint

    rows = conn.execute("SELECT id, type, value FROM facts WHERE value LIKE '%+%' OR value LIKE '%#%'")
    for fid, ftype, value in rows.fetchall():
        conn.execute("UPDATE facts SET fingerprint = ? WHERE id = ?", (fingerprint(ftype, value), fid))
