"""Import a Vita export into a profile that already has data: rows get new ids and every reference
is re-pointed; documents already present (same SHA-256) and saved variants or settings with the
same name are kept as they are. One undo step."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.index.provenance import SETTING as MODEL_SETTING
from core.undo import RecordingTxn
from core.vault.tables import TableSpec, merge_order
from core.workspace import Workspace


def _rows(body: dict[str, Any], dec: Any) -> list[dict[str, Any]]:
    cols = body["columns"]
    return [{c: dec(v) for c, v in zip(cols, r, strict=True)} for r in body["rows"]]


def merge_vita(ws: Workspace, data: dict[str, Any], dec: Any) -> tuple[dict[str, int], Changes]:
    """Insert the export's rows next to the existing ones; returns rows added per table
    (tables this version does not know how to re-point are reported as `skipped:<name>`) and
    the step's changes."""
    tables: dict[str, Any] = data.get("tables", {})
    order = merge_order()  # the table registry: parents first, with what each column refers to
    ids: dict[str, dict[int, int]] = {t.name: {} for t in order}
    counts: dict[str, int] = {}
    with ws.mutation("Import Vita export") as txn:
        for spec in order:
            if spec.name not in tables:
                continue
            counts[spec.name] = _merge_table(txn, spec, _rows(tables[spec.name], dec), ids)
        conn = txn.conn
        settings = dict(tuple(r) for r in _plain(tables.get("settings"), dec))
        ours = conn.execute(text("SELECT value FROM settings WHERE key = :k"), {"k": MODEL_SETTING}).scalar()
        empty = ours is None and conn.execute(text("SELECT count(*) FROM fact_vectors")).scalar_one() == 0
        # vectors of another embedding model are left out (never mixed): the facts get embedded again
        same_model = empty or settings.get(MODEL_SETTING) == ours
        for key, value in settings.items():
            conn.execute(text("INSERT OR IGNORE INTO settings(key, value) VALUES (:k, :v)"), {"k": key, "v": value})
        for h, vec in (tuple(r) for r in _plain(tables.get("embedding_cache"), dec) if same_model):
            conn.execute(text("INSERT OR IGNORE INTO embedding_cache(text_hash, vector) VALUES (:h, :v)"),
                         {"h": h, "v": vec})
        vectors = [{"r": ids["facts"][int(r)], "e": dec(e)} for r, e in data.get("vectors", [])
                   if int(r) in ids["facts"] and same_model]
        if vectors:
            conn.execute(text("INSERT INTO fact_vectors(rowid, embedding) VALUES (:r, :e)"), vectors)
        counts["fact_vectors"] = len(vectors)
    for table in tables:
        if table not in ids and table not in ("settings", "embedding_cache"):
            counts[f"skipped:{table}"] = len(tables[table]["rows"])
    return counts, ws.changes_for(txn.step)


def _plain(body: dict[str, Any] | None, dec: Any) -> list[list[Any]]:
    if not body:
        return []
    return [[dec(v) for v in r] for r in body["rows"]]


def _merge_table(txn: RecordingTxn, spec: TableSpec, rows: list[dict[str, Any]],
                 ids: dict[str, dict[int, int]]) -> int:
    table, refs = spec.name, spec.refs
    present = {r[1] for r in txn.conn.execute(text(f'PRAGMA table_info("{table}")'))}
    added = 0
    for row in rows:
        old_id = int(row.pop("id"))
        row = {k: v for k, v in row.items() if k in present}
        unique = spec.keep_existing
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
