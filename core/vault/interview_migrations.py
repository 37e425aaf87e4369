"""Schema for the interview (migration numbers 60-79 belong to core.interview)."""

from __future__ import annotations

from typing import Any

from core.vault.migrations import _script, migration


@migration(60, "interview sessions and slot states")
def _v60(conn: Any) -> None:
    # A session is one sitting of at most `budget` questions; `state` holds where it stopped (the
    # open question, the proposal awaiting confirmation, a story's parts) so it resumes exactly.
    # A slot state remembers an answered, skipped (rests until `rest_until`), later or never slot.
    _script(conn, """
CREATE TABLE interview_sessions (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished')),
    asked INTEGER NOT NULL DEFAULT 0,
    budget INTEGER NOT NULL DEFAULT 8,
    skips_in_row INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT '{}',
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX interview_sessions_status ON interview_sessions(status);
CREATE TABLE interview_slots (
    id INTEGER PRIMARY KEY,
    slot_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('answered', 'skipped', 'later', 'never')),
    rest_until TEXT,
    session_id INTEGER REFERENCES interview_sessions(id) ON DELETE SET NULL,
    message_id INTEGER REFERENCES chat_messages(id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL
)
""")


@migration(61, "searchable interview transcript")
def _v61(conn: Any) -> None:
    # Messages say which slot they asked or answered, and what was read from them (JSON); the
    # transcript is searchable through an FTS index kept by triggers, emptied with the messages.
    _script(conn, """
ALTER TABLE chat_messages ADD COLUMN slot_key TEXT NOT NULL DEFAULT '';
ALTER TABLE chat_messages ADD COLUMN meta TEXT NOT NULL DEFAULT '{}';
CREATE INDEX chat_messages_chat ON chat_messages(chat_id, id);
CREATE VIRTUAL TABLE chat_messages_fts USING fts5(text, content='chat_messages', content_rowid='id');
CREATE TRIGGER chat_messages_ai AFTER INSERT ON chat_messages BEGIN
    INSERT INTO chat_messages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER chat_messages_ad AFTER DELETE ON chat_messages BEGIN
    INSERT INTO chat_messages_fts(chat_messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER chat_messages_au AFTER UPDATE OF text ON chat_messages BEGIN
    INSERT INTO chat_messages_fts(chat_messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO chat_messages_fts(rowid, text) VALUES (new.id, new.text);
END
""")
