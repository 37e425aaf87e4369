"""The full-fidelity Vita export: every user table of the vault (facts, edges, history, documents'
metadata and text, chats, settings, variants, vectors; optionally the original files) as JSON,
restorable into an empty profile with nothing lost (same ids, same rows).

Tables are discovered from the schema, so tables added by later migrations travel too. Derived
tables (the FTS index, sqlite-vec's shadow tables) are not exported: FTS is rebuilt by the
facts triggers, vectors are exported as (fact id, float32 bytes) and re-inserted.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import ImportFailed
from core.events import Event
from core.jsonutil import tag_bytes, untag_bytes
from core.safe_write import atomic_open
from core.vault import migrations
from core.vault.tables import derived_tables
from core.workspace import Workspace

FORMAT = "vita-export"
VERSION = 1
# derived indexes, and the command line's saved undo steps (session state, not the person's record)
_DERIVED_PREFIXES = ("sqlite_", "facts_fts", "fact_vectors", "saved_undo")


_enc = tag_bytes
_dec = untag_bytes


def user_tables(conn: Any) -> list[str]:
    """Tables holding data; virtual tables (full-text and vector indexes kept by triggers, such as
    the interview transcript's) and their shadow tables are derived and rebuilt, never exported."""
    rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")).all()
    virtual = tuple(r[0] for r in rows if str(r[1] or "").upper().startswith("CREATE VIRTUAL TABLE"))
    derived = _DERIVED_PREFIXES + virtual
    caches = set(derived_tables())  # the registry's derived tables (per-job match cache ...)
    return [r[0] for r in rows if not r[0].startswith(derived) and not r[0].startswith("_") and r[0] not in caches]


def _columns(conn: Any, table: str) -> list[str]:
    return [r[1] for r in conn.execute(text(f'PRAGMA table_info("{table}")')).all()]


def export_vita(ws: Workspace, *, include_originals: bool = False) -> dict[str, Any]:
    """The whole vault as one JSON-serialisable dict."""
    tables: dict[str, Any] = {}
    with ws.reading() as conn:
        schema_version = int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())
        for table in user_tables(conn):
            cols = _columns(conn, table)
            order = "id" if "id" in cols else cols[0]
            rows = conn.execute(text(f'SELECT * FROM "{table}" ORDER BY "{order}"')).all()
            if table == "documents" and not include_originals and "original" in cols:
                idx = cols.index("original")
                rows = [tuple(None if i == idx else v for i, v in enumerate(r)) for r in rows]
            tables[table] = {"columns": cols, "rows": [[_enc(v) for v in r] for r in rows]}
        vectors = conn.execute(text("SELECT rowid, embedding FROM fact_vectors ORDER BY rowid")).all()
    return {
        "format": FORMAT, "version": VERSION, "schema_version": schema_version,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "includes_originals": include_originals,
        "tables": tables,
        "vectors": [[int(r[0]), _enc(r[1])] for r in vectors],
    }


def write_vita(ws: Workspace, path: Path, *, include_originals: bool = False) -> Path:
    """Write the export readable by the owner only: it is the whole vault, unencrypted."""
    data = export_vita(ws, include_originals=include_originals)
    with atomic_open(path, "w") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    return path


def is_vita_export(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def _is_empty(conn: Any) -> bool:
    for table in user_tables(conn):
        if table == "settings":
            continue
        if conn.execute(text(f'SELECT 1 FROM "{table}" LIMIT 1')).first() is not None:
            return False
    return True


def import_vita(ws: Workspace, data: dict[str, Any], *, merge: bool = True) -> dict[str, int]:
    """Restore a Vita export (see `restore_vita`); returns rows restored per table."""
    return restore_vita(ws, data, merge=merge)[0]


def restore_vita(ws: Workspace, data: dict[str, Any], *, merge: bool = True) -> tuple[dict[str, int], Changes]:
    """Restore a Vita export; returns rows restored per table and what changed.

    Into an empty profile: every row with its id, nothing lost (not an undo step: it is a
    restore). Into a profile with data: merged with new ids (`core.exchange.vita_merge`, one undo
    step), unless `merge` is off, which refuses.
    """
    if not is_vita_export(data):
        raise ImportFailed("This file is not a Vita export.")
    if int(data.get("version", 0)) > VERSION or int(data.get("schema_version", 0)) > migrations.latest_version():
        raise ImportFailed("This export was written by a newer version of Vita.", hint="Update Vita first.")
    counts: dict[str, int] = {}
    with ws.reading() as conn:
        empty = _is_empty(conn)
    if not empty and not merge:
        raise ImportFailed("A Vita export can only be restored into an empty profile.",
                           hint="Create a new profile and import the file there.")
    if not empty:
        from core.exchange.vita_merge import merge_vita

        return merge_vita(ws, data, _dec)
    with ws.lock, ws.vault.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        present = set(user_tables(conn))
        for table, body in data.get("tables", {}).items():
            if table not in present:
                raise ImportFailed(f"The export has a table this version of Vita does not know ({table}).")
            cols = [c for c in body["columns"] if c in set(_columns(conn, table))]
            idx = [body["columns"].index(c) for c in cols]
            rows = [{c: _dec(r[i]) for c, i in zip(cols, idx, strict=True)} for r in body["rows"]]
            if not rows:
                counts[table] = 0
                continue
            names = ", ".join(f'"{c}"' for c in cols)
            params = ", ".join(f":{c}" for c in cols)
            verb = "INSERT OR REPLACE" if table == "settings" else "INSERT"
            conn.execute(text(f'{verb} INTO "{table}" ({names}) VALUES ({params})'), rows)
            counts[table] = len(rows)
        vectors = [{"r": int(r), "e": _dec(e)} for r, e in data.get("vectors", [])]
        if vectors:
            conn.execute(text("INSERT INTO fact_vectors(rowid, embedding) VALUES (:r, :e)"), vectors)
        counts["fact_vectors"] = len(vectors)
    ws.undo_stack.clear()
    with ws.reading() as conn:
        ids = frozenset(int(r[0]) for r in conn.execute(text("SELECT id FROM facts")))
    ch = Changes(facts=True, documents=True, edges=True, settings=True, jobs=True, fact_ids=ids,
                 undo_label=None)
    ws.events.emit(Event.facts_did_change, ch)
    ws.events.emit(Event.documents_did_change, ch)
    return counts, ch
