"""Fast insertion of many facts (imports, benchmarks): executemany with explicit ids, one undo step."""

from __future__ import annotations

import json
import operator
from collections.abc import Sequence
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.kb.editing import NewFact
from core.model import FactStatus, FactType, SourceKind, Visibility
from core.undo import RecordingTxn, RowChange
from core.workspace import Workspace, fingerprint, now_iso

_FACT_COLS = ("id", "type", "value", "attributes", "status", "visibility", "confidence", "source_kind",
              "tags", "fingerprint", "created_at", "updated_at")
_VERSION_COLS = ("id", "fact_id", "version", "action", "snapshot", "created_at")
_SOURCE_COLS = ("id", "fact_id", "source_kind", "document_id", "page", "start", "end", "extractor",
                "extractor_version", "confidence", "note", "created_at")


# Exactly json.dumps({"type":..., "value":..., "attributes":..., "status":..., "visibility":..., "tags":...})
# (the creation snapshot core.workspace writes), composed from C-escaped strings: 3x faster in bulk.
_SNAPSHOT = '{"type": %s, "value": %s, "attributes": %s, "status": %s, "visibility": %s, "tags": %s}'
_q = encode_basestring_ascii


def _insert_many(txn: RecordingTxn, table: str, cols: Sequence[str], rows: list[dict[str, object]]) -> None:
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    # The DBAPI cursor directly (same connection and transaction): SQLAlchemy's per-row parameter
    # processing costs more than SQLite's insert itself at this volume.
    dbapi: Any = txn.conn.connection.driver_connection
    as_tuple = operator.itemgetter(*cols)
    dbapi.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", [as_tuple(r) for r in rows])
    txn.step.changes.extend(RowChange(table, int(r["id"]), None, r) for r in rows)  # type: ignore[call-overload]
    txn.step.touched.add(table)


def _next_id(txn: RecordingTxn, table: str) -> int:
    return int(txn.conn.execute(text(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")).scalar_one())


def bulk_insert_rows(txn: RecordingTxn, facts: Sequence[NewFact]) -> list[int]:
    """Insert facts, their creation snapshots and provenance with three executemany calls.

    The write lock is held (BEGIN IMMEDIATE), so ids from max(id) + 1 cannot collide; each row
    image is recorded for undo without reading it back.
    """
    ts = now_iso()
    first = _next_id(txn, "facts")
    first_version = _next_id(txn, "fact_versions")
    first_source = _next_id(txn, "fact_sources")
    fact_rows: list[dict[str, object]] = []
    version_rows: list[dict[str, object]] = []
    source_rows: list[dict[str, object]] = []
    for i, f in enumerate(facts):
        fid = first + i
        ftype = FactType(f.type).value
        attrs = json.dumps(f.attributes, sort_keys=True)
        tags = json.dumps(f.tags) if f.tags else "[]"
        status, vis = FactStatus(f.status).value, Visibility(f.visibility).value
        kind = SourceKind(f.source.source_kind).value
        fact_rows.append({"id": fid, "type": ftype, "value": f.value, "attributes": attrs, "status": status,
                          "visibility": vis, "confidence": f.confidence, "source_kind": kind, "tags": tags,
                          "fingerprint": fingerprint(ftype, f.value), "created_at": ts, "updated_at": ts})
        version_rows.append({"id": first_version + i, "fact_id": fid, "version": 1, "action": "create",
                             "snapshot": _SNAPSHOT % tuple(map(_q, (ftype, f.value, attrs, status, vis, tags))), "created_at": ts})
        s = f.source
        source_rows.append({"id": first_source + i, "fact_id": fid, "source_kind": kind,
                            "document_id": s.document_id, "page": s.page, "start": s.start, "end": s.end,
                            "extractor": s.extractor, "extractor_version": s.extractor_version,
                            "confidence": s.confidence, "note": s.note, "created_at": ts})
    _insert_many(txn, "facts", _FACT_COLS, fact_rows)
    _insert_many(txn, "fact_versions", _VERSION_COLS, version_rows)
    _insert_many(txn, "fact_sources", _SOURCE_COLS, source_rows)
    return [first + i for i in range(len(facts))]


def bulk_insert_facts(ws: Workspace, facts: Sequence[NewFact], *, label: str | None = None) -> Changes:
    """Insert many facts as one transaction and one undo step; `Changes.fact_ids` holds their ids."""
    with ws.mutation(label or f"Add {len(facts)} facts") as txn:
        ids = bulk_insert_rows(txn, facts)
    return ws.changes_for(txn.step, frozenset(ids))
