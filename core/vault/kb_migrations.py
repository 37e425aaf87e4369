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
