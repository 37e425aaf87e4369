"""Import a Vita export into a profile that already has data: rows get new ids and every reference
is re-pointed; documents already present (same SHA-256) and saved variants or settings with the
same name are kept as they are. One undo step."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.undo import RecordingTxn
from core.workspace import Workspace

# table -> {column: table its ids refer to}; tables are merged in this order
REFS: dict[str, dict[str, str]] = {
    "documents": {},
    "facts": {},
    "fact_sources": {"fact_id": "facts", "document_id": "documents"},
    "edges": {"src_id": "facts", "dst_id": "facts"},
    "fact_versions": {"fact_id": "facts"},
    "conflicts": {"fact_id": "facts"},
    "quarantine": {},
    "chats": {},
    "chat_messages": {"chat_id": "chats"},
    "resume_variants": {},
    "job_postings": {"document_id": "documents"},
    "job_events": {"posting_id": "job_postings"},
    "job_goals": {},
    "job_goal_tasks": {"goal_id": "job_goals"},
    "insight_dismissals": {},
}
_KEEP_EXISTING = {"documents": "sha256", "resume_variants": "name", "insight_dismissals": "key"}


def _rows(body: dict[str, Any], dec: Any) -> list[dict[str, Any]]:
    cols = body["columns"]
    return [{c: dec(v) for c, v in zip(cols, r, strict=True)} for r in body["rows"]]


def merge_vita(ws: Workspace, data: dict[str, Any], dec: Any) -> tuple[dict[str, int], Changes]:
    """Insert the export's rows next to the existing ones; returns rows added per table
    (tables this version does not know how to re-point are reported as `skipped:<name>`) and
    the step's changes."""
    tables: dict[str, Any] = data.get("tables", {})
    ids: dict[str, dict[int, int]] = {t: {} for t in REFS}
    counts: dict[str, int] = {}
    with ws.mutation("Import Vita export") as txn:
        for table, refs in REFS.items():
            if table not in tables:
                continue
            counts[table] = _merge_table(txn, table, refs, _rows(tables[table], dec), ids)
        conn = txn.conn
        for key, value in (tuple(r) for r in _plain(tables.get("settings"), dec)):
            conn.execute(text("INSERT OR IGNORE INTO settings(key, value) VALUES (:k, :v)"), {"k": key, "v": value})
        for h, vec in (tuple(r) for r in _plain(tables.get("embedding_cache"), dec)):
            conn.execute(text("INSERT OR IGNORE INTO embedding_cache(text_hash, vector) VALUES (:h, :v)"),
                         {"h": h, "v": vec})
        vectors = [{"r": ids["facts"][int(r)], "e": dec(e)} for r, e in data.get("vectors", [])
                   if int(r) in ids["facts"]]
        if vectors:
            conn.execute(text("INSERT INTO fact_vectors(rowid, embedding) VALUES (:r, :e)"), vectors)
        counts["fact_vectors"] = len(vectors)
    for table in tables:
        if table not in REFS and table not in ("settings", "embedding_cache"):
            counts[f"skipped:{table}"] = len(tables[table]["rows"])
    return counts, ws.changes_for(txn.step)


def _plain(body: dict[str, Any] | None, dec: Any) -> list[list[Any]]:
    if not body:
        return []
    return [[dec(v) for v in r] for r in body["rows"]]


def _merge_table(txn: RecordingTxn, table: str, refs: dict[str, str], rows: list[dict[str, Any]],
                 ids: dict[str, dict[int, int]]) -> int:
    present = {r[1] for r in txn.conn.execute(text(f'PRAGMA table_info("{table}")'))}
    added = 0
    for row in rows:
        old_id = int(row.pop("id"))
        row = {k: v for k, v in row.items() if k in present}
        unique = _KEEP_EXISTING.get(table)
        if unique:
            found = txn.conn.execute(text(f'SELECT id FROM "{table}" WHERE "{unique}" = :u'),
                                     {"u": row[unique]}).first()
            if found:
                ids[table][old_id] = int(found[0])
                continue
        skip = False
        for col, target in refs.items():
            if row.get(col) is None:
                continue
            new = ids[target].get(int(row[col]))
            if new is None:
                skip = True  # history of a fact deleted before the export: nothing to attach it to
                break
            row[col] = new
        if skip:
            continue
        ids[table][old_id] = txn.insert(table, row)
        added += 1
    return added
