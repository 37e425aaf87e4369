"""An in-memory copy of the fact vectors for fast semantic search, kept in step with the vault.

Scanning 10k+ vectors inside sqlite-vec means decrypting megabytes of pages per query; a float32
matrix scan in numpy is ~1 ms. The cache is checked on every query with `PRAGMA data_version`
on a private read-only connection (it changes whenever any other connection commits), then the
few KB of sqlite-vec chunk bookkeeping tell whether the vectors themselves changed. Vectors load
straight from sqlite-vec's chunk tables (one blob per 1024 vectors), falling back to a row scan.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core.events import Event
from core.workspace import Workspace

DIM = 384


@dataclass(slots=True)
class VectorSnapshot:
    ids: np.ndarray  # int64 fact ids, ascending
    vectors: np.ndarray  # float32 (n, DIM), rows L2-normalised
    types: np.ndarray  # fact type per row (str)
    statuses: np.ndarray  # status per row (str)
    exportable: np.ndarray  # bool per row


def _empty() -> VectorSnapshot:
    return VectorSnapshot(np.zeros(0, np.int64), np.zeros((0, DIM), np.float32), np.zeros(0, object),
                          np.zeros(0, object), np.zeros(0, bool))


@dataclass(slots=True)
class _Entry:
    probe: Any
    data_version: int = -1
    signature: list[tuple[Any, ...]] = field(default_factory=list)
    snap: VectorSnapshot = field(default_factory=_empty)
    lock: threading.Lock = field(default_factory=threading.Lock)


_CACHE: weakref.WeakKeyDictionary[Workspace, _Entry] = weakref.WeakKeyDictionary()


def _load_vectors(conn: Any) -> tuple[np.ndarray, np.ndarray]:
    """(ids, vectors) from sqlite-vec's chunk tables; a plain scan if their layout is unexpected."""
    try:
        chunks = conn.execute("SELECT chunk_id, size, validity, rowids FROM fact_vectors_chunks ORDER BY chunk_id").fetchall()
        blobs = dict(conn.execute("SELECT rowid, vectors FROM fact_vectors_vector_chunks00").fetchall())
        expected = int(conn.execute("SELECT count(*) FROM fact_vectors_rowids").fetchone()[0])
        ids_parts, vec_parts = [], []
        for chunk_id, size, validity, rowids in chunks:
            valid = np.unpackbits(np.frombuffer(validity, np.uint8), bitorder="little")[:size].astype(bool)
            rid = np.frombuffer(rowids, np.int64)[:size]
            vec = np.frombuffer(blobs[chunk_id], np.float32).reshape(size, DIM)
            ids_parts.append(rid[valid])
            vec_parts.append(vec[valid])
        ids = np.concatenate(ids_parts) if ids_parts else np.zeros(0, np.int64)
        if len(ids) != expected or len(np.unique(ids)) != expected:
            raise ValueError("unexpected sqlite-vec chunk layout")
        vecs = np.concatenate(vec_parts) if vec_parts else np.zeros((0, DIM), np.float32)
    except Exception:  # any surprise in sqlite-vec's private layout: scan the rows instead
        rows = conn.execute("SELECT rowid, embedding FROM fact_vectors").fetchall()
        ids = np.fromiter((r[0] for r in rows), np.int64, count=len(rows))
        vecs = (np.frombuffer(b"".join(r[1] for r in rows), np.float32).reshape(len(rows), DIM) if rows
                else np.zeros((0, DIM), np.float32))
    order = np.argsort(ids, kind="stable")
    ids, vecs = ids[order], vecs[order]
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return ids, np.ascontiguousarray(vecs / norms, dtype=np.float32)


def _load_meta(conn: Any, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = conn.execute("SELECT id, type, status, visibility FROM facts ORDER BY id").fetchall()
    fid = np.fromiter((r[0] for r in rows), np.int64, count=len(rows))
    pos = np.searchsorted(fid, ids)
    pos = np.clip(pos, 0, max(len(fid) - 1, 0))
    found = (fid[pos] == ids) if len(fid) else np.zeros(len(ids), bool)
    types = np.array([r[1] for r in rows] or [""], dtype=object)[pos]
    statuses = np.array([r[2] for r in rows] or [""], dtype=object)[pos]
    exportable = np.array([r[3] == "exportable" for r in rows] or [False])[pos]
    types[~found] = ""
    statuses[~found] = ""
    exportable = exportable & found
    return types, statuses, exportable


def _entry(ws: Workspace) -> _Entry:
    entry = _CACHE.get(ws)
    if entry is None:
        raw = ws.vault.engine.raw_connection()
        probe: Any = raw.driver_connection
        raw.detach()  # a private connection: it never writes, so data_version sees every commit
        entry = _Entry(probe)
        _CACHE[ws] = entry
        weakref.finalize(ws, probe.close)
        ws.events.subscribe(Event.vault_did_close, lambda _payload: forget(ws))  # let the file go
    return entry


def snapshot(ws: Workspace) -> VectorSnapshot:
    """The current vectors (and the type/status/visibility of their facts), reloaded only on change."""
    entry = _entry(ws)
    with entry.lock:
        conn = entry.probe
        dv = int(conn.execute("PRAGMA data_version").fetchone()[0])
        if dv == entry.data_version:
            return entry.snap
        sig = [tuple(r) for r in conn.execute("SELECT chunk_id, size, validity, rowids FROM fact_vectors_chunks")]
        if sig != entry.signature or entry.data_version < 0:
            ids, vecs = _load_vectors(conn)
        else:
            ids, vecs = entry.snap.ids, entry.snap.vectors
        types, statuses, exportable = _load_meta(conn, ids)
        entry.snap = VectorSnapshot(ids, vecs, types, statuses, exportable)
        entry.signature, entry.data_version = sig, dv
        return entry.snap


def forget(ws: Workspace) -> None:
    """Drop the cached copy (after erasure: no erased vector stays in memory)."""
    entry = _CACHE.pop(ws, None)
    if entry is not None:
        entry.probe.close()
