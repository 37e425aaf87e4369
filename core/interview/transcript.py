"""The interview's rows in the vault: sessions, the transcript (chats and chat_messages, searchable),
and slot states (answered, skipped with a 30-day rest, later, never). Erasable with everything else."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from core.facts import now_iso
from core.undo import RecordingTxn
from core.workspace import Workspace

REST_DAYS = 30
SESSION_BUDGET = 8


@dataclass(slots=True)
class SessionRow:
    id: int
    chat_id: int
    asked: int = 0
    budget: int = SESSION_BUDGET
    skips_in_row: int = 0
    state: dict[str, Any] = field(default_factory=dict)
    status: str = "open"


@dataclass(frozen=True, slots=True)
class Message:
    id: int
    chat_id: int
    role: str  # assistant | person
    text: str
    slot_key: str
    meta: dict[str, Any]
    created_at: str


@dataclass(frozen=True, slots=True)
class SlotState:
    state: str  # answered | skipped | later | never
    rest_until: str | None
    session_id: int | None


def _session(row: Any) -> SessionRow:
    return SessionRow(row["id"], row["chat_id"], row["asked"], row["budget"], row["skips_in_row"],
                      json.loads(row["state"] or "{}"), row["status"])


def open_session(ws: Workspace, *, new: bool = False) -> SessionRow:
    """The session that was left open (to resume where it stopped), else a new one."""
    with ws.reading() as conn:
        row = conn.execute(text("SELECT * FROM interview_sessions WHERE status = 'open' ORDER BY id DESC LIMIT 1"
                                )).mappings().first()
    if row is not None and not new:
        return _session(row)
    ts = now_iso()
    with ws.mutation("Start interview", undoable=False) as txn:
        if row is not None:
            txn.update("interview_sessions", row["id"], {"status": "finished", "updated_at": ts})
        chat_id = txn.insert("chats", {"title": f"Interview {ts[:10]}", "created_at": ts})
        sid = txn.insert("interview_sessions", {"chat_id": chat_id, "started_at": ts, "updated_at": ts})
    return SessionRow(sid, chat_id)


def save_session(ws: Workspace, session: SessionRow, txn: RecordingTxn | None = None) -> None:
    values = {"asked": session.asked, "budget": session.budget, "skips_in_row": session.skips_in_row,
              "state": json.dumps(session.state, sort_keys=True), "status": session.status, "updated_at": now_iso()}
    if txn is not None:
        txn.update("interview_sessions", session.id, values)
        return
    with ws.mutation("Interview progress", undoable=False) as own:
        own.update("interview_sessions", session.id, values)


def add_message(ws: Workspace, session: SessionRow, role: str, body: str, *, slot_key: str = "",
                meta: dict[str, Any] | None = None, txn: RecordingTxn | None = None) -> int:
    """Append to the transcript (kept even when the answer's facts are undone: it is what was said)."""
    row = {"chat_id": session.chat_id, "role": role, "text": body, "slot_key": slot_key,
           "meta": json.dumps(meta or {}, sort_keys=True), "created_at": now_iso()}
    if txn is not None:
        return txn.insert("chat_messages", row)
    with ws.mutation("Interview message", undoable=False) as own:
        return own.insert("chat_messages", row)


def _message(r: Any) -> Message:
    return Message(r["id"], r["chat_id"], r["role"], r["text"], r["slot_key"], json.loads(r["meta"] or "{}"),
                   r["created_at"])


def get_message(ws: Workspace, message_id: int) -> Message | None:
    with ws.reading() as conn:
        r = conn.execute(text("SELECT * FROM chat_messages WHERE id = :i"), {"i": message_id}).mappings().first()
    return _message(r) if r else None


def messages(ws: Workspace, chat_id: int | None = None) -> list[Message]:
    """One chat's messages (all interview chats when None), oldest first."""
    sql = "SELECT * FROM chat_messages" + (" WHERE chat_id = :c" if chat_id is not None else "") + " ORDER BY id"
    with ws.reading() as conn:
        return [_message(r) for r in conn.execute(text(sql), {"c": chat_id}).mappings()]


def search_transcript(ws: Workspace, query: str, *, limit: int = 50) -> list[Message]:
    """Messages matching the words of `query` (full-text, every word must appear)."""
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in query).split() if w]
    if not words:
        return []
    match = " ".join(f'"{w}"' for w in words)
    with ws.reading() as conn:
        rows = conn.execute(text("SELECT m.* FROM chat_messages_fts f JOIN chat_messages m ON m.id = f.rowid "
                                 "WHERE chat_messages_fts MATCH :q ORDER BY m.id LIMIT :n"),
                            {"q": match, "n": limit}).mappings()
        return [_message(r) for r in rows]


def slot_states(ws: Workspace, conn: Any = None) -> dict[str, SlotState]:
    """Every recorded slot state (read on `conn` when given: inside the caller's transaction)."""
    sql = text("SELECT slot_key, state, rest_until, session_id FROM interview_slots")
    if conn is not None:
        rows = conn.execute(sql).all()
    else:
        with ws.reading() as own:
            rows = own.execute(sql).all()
    return {r[0]: SlotState(r[1], r[2], r[3]) for r in rows}


def set_slot_state(txn: RecordingTxn, key: str, state: str, *, session_id: int | None, message_id: int | None = None,
                   now: datetime | None = None) -> None:
    """Record what happened to a slot; a skip rests it for REST_DAYS."""
    when = now or datetime.now(UTC)
    rest = (when + timedelta(days=REST_DAYS)).isoformat(timespec="seconds") if state == "skipped" else None
    values = {"slot_key": key, "state": state, "rest_until": rest, "session_id": session_id,
              "message_id": message_id, "updated_at": now_iso()}
    row = txn.conn.execute(text("SELECT id FROM interview_slots WHERE slot_key = :k"), {"k": key}).first()
    if row is None:
        txn.insert("interview_slots", values)
    else:
        txn.update("interview_slots", int(row[0]), values)


def blocked_slots(states: dict[str, SlotState], *, session_id: int, now: datetime | None = None) -> set[str]:
    """Slots not to ask now: answered, never, later (this session), skipped and still resting."""
    when = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    out = set()
    for key, st in states.items():
        if st.state in ("answered", "never") or (st.state == "later" and st.session_id == session_id) or (
                st.state == "skipped" and st.rest_until is not None and st.rest_until > when):
            out.add(key)
    return out
