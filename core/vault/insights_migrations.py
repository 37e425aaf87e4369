"""Schema additions for insights (migration numbers 80-89 belong to core.insights)."""

from __future__ import annotations

from typing import Any

from core.vault.migrations import _script, migration


@migration(80, "dismissed insights")
def _v80(conn: Any) -> None:
    _script(conn, """
CREATE TABLE insight_dismissals (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT '',
    statement TEXT NOT NULL DEFAULT '',
    dismissed_at TEXT NOT NULL
)
""")
