"""Fast insertion of many facts (imports, benchmarks): executemany with explicit ids, one undo step."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]

from sqlalchemy import text

from core.changes import Changes
from core.jsonutil import dumps_sorted
from core.kb.editing import NewFact
from core.model import FactStatus, FactType, SourceKind, Visibility
from core.undo import RecordingTxn
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


def _values(enum: type[StrEnum]) -> dict[str, str]:
    return {m.value: m.value for m in enum}  # a StrEnum member hashes and compares as its value


_TYPES, _STATUSES, _VISIBILITIES, _KINDS = map(_values, (FactType, FactStatus, Visibility, SourceKind))


def _checked(table: dict[str, str], enum: type[StrEnum], value: str) -> str:
    try:
        return table[value]
    except KeyError:
        return enum(value).value  # raises the enum's own ValueError for an unknown value


def _next_id(txn: RecordingTxn, table: str) -> int:
    return int(txn.conn.execute(text(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")).scalar_one())


def bulk_insert_rows(txn: RecordingTxn, facts: Sequence[NewFact]) -> list[int]:
    """Insert facts, their creation snapshots and provenance with three executemany calls.

    The write lock is held (BEGIN IMMEDIATE), so ids from max(id) + 1 cannot collide; the rows
    are recorded for undo as they were written, without reading them back.
    """
    ts = now_iso()
    first = _next_id(txn, "facts")
    first_version = _next_id(txn, "fact_versions")
    first_source = _next_id(txn, "fact_sources")
    fact_rows: list[tuple[object, ...]] = []
    version_rows: list[tuple[object, ...]] = []
    source_rows: list[tuple[object, ...]] = []
    for i, f in enumerate(facts):
        fid = first + i
        ftype = _checked(_TYPES, FactType, f.type)
        status = _checked(_STATUSES, FactStatus, f.status)
        vis = _checked(_VISIBILITIES, Visibility, f.visibility)
        s = f.source
        kind = _checked(_KINDS, SourceKind, s.source_kind)
        attrs = dumps_sorted(f.attributes)
        tags = dumps_sorted(f.tags) if f.tags else "[]"
        value = f.value
        fact_rows.append((fid, ftype, value, attrs, status, vis, f.confidence, kind, tags,
                          fingerprint(ftype, value), ts, ts))
        version_rows.append((first_version + i, fid, 1, "create",
                             _SNAPSHOT % (_q(ftype), _q(value), _q(attrs), _q(status), _q(vis), _q(tags)), ts))
        source_rows.append((first_source + i, fid, kind, s.document_id, s.page, s.start, s.end, s.extractor,
                            s.extractor_version, s.confidence, s.note, ts))
    txn.insert_many("facts", _FACT_COLS, fact_rows)
    txn.insert_many("fact_versions", _VERSION_COLS, version_rows)
    txn.insert_many("fact_sources", _SOURCE_COLS, source_rows)
    return [first + i for i in range(len(facts))]


def bulk_insert_facts(ws: Workspace, facts: Sequence[NewFact], *, label: str | None = None) -> Changes:
    """Insert many facts as one transaction and one undo step; `Changes.fact_ids` holds their ids."""
    with ws.mutation(label or f"Add {len(facts)} facts") as txn:
        ids = bulk_insert_rows(txn, facts)
    return ws.changes_for(txn.step, frozenset(ids))
