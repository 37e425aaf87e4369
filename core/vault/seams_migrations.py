"""Schema for ingest, facts and provenance (migration numbers 20-39 belong to the seams)."""

from __future__ import annotations

from typing import Any

from core.vault.migrations import _script, migration


@migration(20, "documents keep their extraction")
def _v20(conn: Any) -> None:
    # The facts a parse found, as JSON, so a document type override can move a document between
    # the person's facts and the jobs store without parsing the file again.
    _script(conn, "ALTER TABLE documents ADD COLUMN extraction TEXT")
