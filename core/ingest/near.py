"""Candidate near-duplicate bullets: stored achievement vectors held as one matrix for a run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import text

from core.embed import DIM
from core.index.cache import from_blob
from core.ingest.sameness import SUGGEST_SIMILARITY
from core.model import FactType

if TYPE_CHECKING:
    from core.workspace import Workspace

Candidates = dict[str, list[tuple[int, float]]]  # extracted key -> [(stored fact id, cosine)], best first


class BulletMatrix:
    """Vectors of stored achievements, loaded once per ingest run and extended per document,
    so each new bullet costs one matrix product instead of a scan of the vector table."""

    def __init__(self) -> None:
        self.ids = np.zeros(0, dtype=np.int64)
        self.vecs = np.zeros((0, DIM), dtype=np.float32)

    @classmethod
    def load(cls, ws: Workspace) -> BulletMatrix:
        m = cls()
        with ws.reading() as conn:
            wanted = {int(r[0]) for r in conn.execute(text("SELECT id FROM facts WHERE type = :t"),
                                                      {"t": FactType.achievement.value})}
            if wanted:
                rows = [(int(r[0]), r[1]) for r in conn.execute(text("SELECT rowid, embedding FROM fact_vectors"))
                        if int(r[0]) in wanted]
                if rows:
                    m.add([r[0] for r in rows], np.stack([from_blob(r[1]) for r in rows]))
        return m

    def add(self, ids: list[int], vecs: np.ndarray) -> None:
        if len(ids):
            self.ids = np.concatenate([self.ids, np.asarray(ids, dtype=np.int64)])
            self.vecs = np.concatenate([self.vecs, np.asarray(vecs, dtype=np.float32).reshape(len(ids), DIM)])

    def candidates(self, keys: list[str], vecs: np.ndarray, *, top: int = 5) -> Candidates:
        """For each key, up to `top` stored bullets at or above the suggestion threshold."""
        out: Candidates = {}
        if not len(self.ids) or not keys:
            return out
        sims = np.asarray(vecs, dtype=np.float32) @ self.vecs.T
        for row, key in enumerate(keys):
            s = sims[row]
            best = np.argsort(-s)[:top]
            hits = [(int(self.ids[i]), float(s[i])) for i in best if s[i] >= SUGGEST_SIMILARITY]
            if hits:
                out[key] = hits
        return out
