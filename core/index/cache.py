"""Embeddings of texts, cached in the vault by SHA-256 of the text (encrypted with the rest)."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, text

from core.embed import DIM

if TYPE_CHECKING:
    import numpy as np

    from core.workspace import Workspace

_LOOKUP_CHUNK = 500  # bound parameters per SELECT ... IN (...)
def text_hash(value: str) -> str:
    """The cache key of a text: SHA-256 of its UTF-8 bytes."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def to_blob(vec: np.ndarray) -> bytes:
    """A float32 vector as the little-endian bytes sqlite-vec stores."""
    import numpy as np

    return np.asarray(vec, dtype="<f4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


def cached_vectors(ws: Workspace, hashes: list[str]) -> dict[str, np.ndarray]:
    """The cached vectors for these text hashes (missing ones are absent from the result)."""
    out: dict[str, np.ndarray] = {}
    query = text("SELECT text_hash, vector FROM embedding_cache WHERE text_hash IN :h").bindparams(
        bindparam("h", expanding=True))
    with ws.reading() as conn:
        for i in range(0, len(hashes), _LOOKUP_CHUNK):
            for h, blob in conn.execute(query, {"h": hashes[i:i + _LOOKUP_CHUNK]}):
                vec = from_blob(blob)
                if vec.shape == (DIM,):
                    out[h] = vec
    return out


def store_vectors(ws: Workspace, items: dict[str, np.ndarray]) -> None:
    """Write computed vectors into the cache in one short transaction (not an undo step)."""
    if not items:
        return
    rows = [{"h": h, "v": to_blob(v)} for h, v in items.items()]
    with ws.lock, ws.vault.engine.begin() as conn:
        conn.execute(text("INSERT OR REPLACE INTO embedding_cache(text_hash, vector) VALUES (:h, :v)"), rows)


def forget_texts(ws: Workspace, texts: list[str]) -> int:
    """Drop the cached vectors of these texts (erasure); returns how many rows went."""
    hashes = [text_hash(t) for t in texts]
    gone = 0
    query = text("DELETE FROM embedding_cache WHERE text_hash IN :h").bindparams(bindparam("h", expanding=True))
    with ws.lock, ws.vault.engine.begin() as conn:
        for i in range(0, len(hashes), _LOOKUP_CHUNK):
            gone += int(conn.execute(query, {"h": hashes[i:i + _LOOKUP_CHUNK]}).rowcount or 0)
    return gone


def embed_texts(ws: Workspace, texts: list[str]) -> np.ndarray:
    """Normalised float32 vectors (n, 384) for `texts`, computing only those not cached.

    The model runs outside any transaction and without the workspace lock, so a worker thread
    can call this while the vault thread keeps serving queries.
    """
    import numpy as np

    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    from core.index.provenance import ensure_model

    ensure_model(ws)  # cached vectors of another model are dropped, never mixed with this one's
    hashes = [text_hash(t) for t in texts]
    known = cached_vectors(ws, sorted(set(hashes)))
    todo: dict[str, str] = {}
    for h, t in zip(hashes, texts, strict=True):
        if h not in known and h not in todo:
            todo[h] = t
    if todo:
        vecs = ws.services.embedder().embed(list(todo.values()))
        fresh = {h: np.asarray(v, dtype=np.float32) for h, v in zip(todo, vecs, strict=True)}
        store_vectors(ws, fresh)
        known.update(fresh)
    return np.stack([known[h] for h in hashes]).astype(np.float32)
