"""Schema for ingest, facts and provenance (migration numbers 20-39 belong to the seams)."""

from __future__ import annotations

from typing import Any

from core.vault.migrations import _script, migration
from core.vault.tables import table


@migration(20, "documents keep their extraction")
def _v20(conn: Any) -> None:
    # The facts a parse found, as JSON, so a document type override can move a document between
    # the person's facts and the jobs store without parsing the file again.
    _script(conn, "ALTER TABLE documents ADD COLUMN extraction TEXT")


@migration(21, "provenance can point at a chat message")
def _v21(conn: Any) -> None:
    # An interview answer is a fact's source as a document passage is: the message it was said in
    # (start/end then index into the message's text).
    _script(conn, """
ALTER TABLE fact_sources ADD COLUMN chat_message_id INTEGER REFERENCES chat_messages(id) ON DELETE SET NULL;
CREATE INDEX fact_sources_chat_message ON fact_sources(chat_message_id)
""")


@migration(22, "undo steps saved for the command line")
def _v22(conn: Any) -> None:
    # `vita documents remove` (and other command-line changes) can be undone by a later `vita undo`:
    # the step's row images, as JSON (core/undo_log.py). Erasure empties it.
    _script(conn, """
CREATE TABLE saved_undo (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    step TEXT NOT NULL
)
""")


table("saved_undo", merge=False)  # holds the person's data (row images): erased with everything else
