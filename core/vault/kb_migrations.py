"""Schema additions for the knowledge base (migration numbers 10-19 belong to core.kb)."""

from __future__ import annotations

from typing import Any

from core.vault.migrations import _script, migration
from core.vault.tables import table


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


table("resume_variants", keep_existing="name")


@migration(11, "fingerprints tell C from C++ and C#; a contact's web address with or without its scheme")
def _v11(conn: Any) -> None:
    # The normalisation now keeps "+" and "#", and compares a contact's web address by host and
    # path; refresh the fingerprints those rules change so duplicate detection compares like with like.
    from core.vault.fingerprints import fingerprint

    rows = conn.execute("SELECT id, type, value FROM facts WHERE value LIKE '%+%' OR value LIKE '%#%' "
                        "OR (type = 'contact' AND value LIKE '%.%' AND value NOT LIKE '% %')")
    for fid, ftype, value in rows.fetchall():
        conn.execute("UPDATE facts SET fingerprint = ? WHERE id = ?", (fingerprint(ftype, value), fid))
