"""Embed title and technology-skill texts at import time, in batches, into float32 matrices."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

import numpy as np

from onet.importer.progress import Checkpoint
from onet.store import EMBEDDING_KINDS

EmbedFn = Callable[[list[str]], np.ndarray]


def texts_for(db: sqlite3.Connection, kind: str) -> list[str]:
    """Distinct texts of one kind, in a stable order (occupation titles are not repeated as alt titles)."""
    if kind == "occupation_title":
        sql = "SELECT DISTINCT title FROM occupation ORDER BY title"
    elif kind == "alt_title":
        sql = ("SELECT DISTINCT t FROM (SELECT title AS t FROM alt_title UNION "
               "SELECT short_title FROM alt_title WHERE short_title IS NOT NULL) "
               "WHERE t NOT IN (SELECT title FROM occupation) ORDER BY t")
    elif kind == "tech_skill":
        sql = "SELECT DISTINCT name FROM tech_skill ORDER BY name"
    else:
        raise ValueError(f"unknown embedding kind {kind!r}")
    return [t for (t,) in db.execute(sql)]


def embed_kinds(db: sqlite3.Connection, embed: EmbedFn, kinds: Sequence[str], *, model: str,
                batch_size: int, check: Checkpoint) -> dict[str, int]:
    """Compute and store each kind's matrix (rows L2-normalised); returns rows per kind."""
    work = {k: texts_for(db, k) for k in kinds if k in EMBEDDING_KINDS}
    total = sum(len(v) for v in work.values())
    done = 0
    out: dict[str, int] = {}
    for kind, texts in work.items():
        if not texts:
            continue
        parts = []
        for start in range(0, len(texts), batch_size):
            check.step("embeddings", done, total, kind)
            batch = texts[start:start + batch_size]
            vecs = np.asarray(embed(batch), dtype=np.float32)
            if vecs.shape[0] != len(batch):
                raise ValueError("the embedding function returned the wrong number of rows")
            parts.append(vecs)
            done += len(batch)
        matrix = np.ascontiguousarray(np.vstack(parts), dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        matrix /= np.where(norms == 0, 1.0, norms)
        db.execute("INSERT INTO embedding_set VALUES (?,?,?,?,?)",
                   (kind, model, int(matrix.shape[1]), int(matrix.shape[0]), matrix.tobytes()))
        db.executemany("INSERT INTO embedding_key VALUES (?,?,?)", [(kind, i, t) for i, t in enumerate(texts)])
        out[kind] = len(texts)
    check.step("embeddings", done, total, "")
    return out
