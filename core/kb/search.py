"""Fact search: full text (FTS5 bm25) and semantic (cosine over the vault's fact vectors), with filters.

Semantic search scans an in-memory float32 copy of the vectors stored in `fact_vectors`
(sqlite-vec), kept in step with the vault by core.kb.vector_cache; type/status/visibility
filters are numpy masks, the graph filters (skill, organisation, dates, tags) come from SQL.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from sqlalchemy import text

from core.dates import DateSpan, PartialDate
from core.kb import vector_cache
from core.model import Fact, FactStatus, FactType, Visibility
from core.workspace import Workspace, fact_from_row


@dataclass(slots=True)
class Filters:
    """Narrow a search: every given criterion must hold."""

    types: Sequence[FactType] = ()
    statuses: Sequence[FactStatus] = ()
    skill: str | None = None  # facts that are, or use, a skill whose name contains this
    organisation: str | None = None  # roles at / facts achieved in roles at an organisation
    date_from: str | None = None  # ISO date prefix; keeps facts whose dates overlap the range
    date_to: str | None = None
    tags: Sequence[str] = ()
    include_hidden: bool = True

    def empty(self) -> bool:
        return not (self.types or self.statuses or self.skill or self.organisation or self.date_from
                    or self.date_to or self.tags or not self.include_hidden)


@dataclass(slots=True)
class Hit:
    fact: Fact
    score: float  # higher is better (bm25 negated, or cosine similarity)
    via: str = "text"


def vector_matrix(ws: Workspace) -> tuple[np.ndarray, np.ndarray]:
    """(fact ids, unit vectors) of every stored fact vector (cached; see core.kb.vector_cache)."""
    snap = vector_cache.snapshot(ws)
    return snap.ids, snap.vectors


def forget_vectors(ws: Workspace) -> None:
    """Drop the cached matrix (after erasure, so no copy of erased vectors stays in memory)."""
    vector_cache.forget(ws)


def _query_vector(ws: Workspace, query: str | np.ndarray) -> np.ndarray:
    from core.index.vectors import query_vector

    q = np.frombuffer(query_vector(ws, query), dtype=np.float32)
    n = float(np.linalg.norm(q))
    return q / n if n else q


def allowed_ids(ws: Workspace, filters: Filters) -> set[int] | None:
    """Ids passing the filters (None when there are none)."""
    if filters.empty():
        return None
    where, params = ["1"], {}  # type: tuple[list[str], dict[str, Any]]
    if filters.types:
        where.append("f.type IN (" + ",".join(f":t{i}" for i in range(len(filters.types))) + ")")
        params |= {f"t{i}": FactType(t).value for i, t in enumerate(filters.types)}
    if filters.statuses:
        where.append("f.status IN (" + ",".join(f":s{i}" for i in range(len(filters.statuses))) + ")")
        params |= {f"s{i}": FactStatus(s).value for i, s in enumerate(filters.statuses)}
    if not filters.include_hidden:
        where.append("f.visibility = :vis")
        params["vis"] = Visibility.exportable.value
    for i, tag in enumerate(filters.tags):
        where.append(f"EXISTS (SELECT 1 FROM json_each(f.tags) WHERE value = :tag{i})")
        params[f"tag{i}"] = tag
    if filters.skill:
        where.append("""(
          (f.type = 'skill' AND f.value LIKE :skill)
          OR f.id IN (SELECT e.src_id FROM edges e JOIN facts s ON s.id = e.dst_id
                      WHERE e.kind IN ('uses_skill', 'evidence_for') AND s.type = 'skill' AND s.value LIKE :skill)
          OR f.id IN (SELECT a.src_id FROM edges a JOIN edges e ON e.src_id = a.dst_id JOIN facts s ON s.id = e.dst_id
                      WHERE a.kind = 'achieved_in' AND e.kind = 'uses_skill' AND s.value LIKE :skill))""")
        params["skill"] = f"%{filters.skill}%"
    if filters.organisation:
        where.append("""(
          json_extract(f.attributes, '$.organisation') LIKE :org
          OR (f.type = 'organisation' AND f.value LIKE :org)
          OR f.id IN (SELECT e.src_id FROM edges e JOIN facts o ON o.id = e.dst_id
                      WHERE e.kind = 'role_at' AND o.value LIKE :org)
          OR f.id IN (SELECT a.src_id FROM edges a JOIN facts r ON r.id = a.dst_id
                      WHERE a.kind = 'achieved_in' AND json_extract(r.attributes, '$.organisation') LIKE :org))""")
        params["org"] = f"%{filters.organisation}%"
    sql = "SELECT f.id, f.attributes FROM facts f WHERE " + " AND ".join(where)
    with ws.reading() as conn:
        rows = conn.execute(text(sql), params).all()
    if filters.date_from or filters.date_to:
        import json

        rows = [r for r in rows if in_date_range(json.loads(r[1]), filters.date_from, filters.date_to)]
    return {int(r[0]) for r in rows}


def in_date_range(attrs: dict[str, Any], date_from: str | None, date_to: str | None) -> bool:
    """Does the span (start/end, or a single date) overlap [date_from, date_to]? Undated: no.
    An end that is open or unknown runs on; bounds compare at the coarser precision."""
    if "start" in attrs:
        span = DateSpan.from_attributes(attrs)
    else:
        single = PartialDate.parse(attrs.get("date"))
        span = DateSpan(single, single)
    if span.start is None:
        return False
    lo, hi = PartialDate.parse(date_from), PartialDate.parse(date_to)
    if hi is not None and span.start.first_month() > hi.last_month():
        return False
    return not (lo is not None and span.end is not None and span.end.last_month() < lo.first_month())


def _facts(ws: Workspace, ids: Sequence[int]) -> dict[int, Fact]:
    if not ids:
        return {}
    with ws.reading() as conn:
        rows = conn.execute(text("SELECT * FROM facts WHERE id IN (" + ",".join(str(int(i)) for i in ids) + ")"))
        return {r["id"]: fact_from_row(r) for r in rows.mappings()}


_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(query: str) -> str:
    """A safe FTS5 query: each word quoted, the last one as a prefix, all required."""
    words = _TOKEN.findall(query)
    if not words:
        return ""
    return " ".join(f'"{w}"' for w in words[:-1]) + (" " if len(words) > 1 else "") + f'"{words[-1]}"*'


def text_search(ws: Workspace, query: str, *, filters: Filters | None = None, limit: int = 50) -> list[Hit]:
    """Full-text search over fact values and attributes, best bm25 first."""
    q = fts_query(query)
    if not q:
        return []
    allowed = allowed_ids(ws, filters or Filters())
    with ws.reading() as conn:
        rows = conn.execute(text("SELECT rowid, bm25(facts_fts) FROM facts_fts WHERE facts_fts MATCH :q "
                                 "ORDER BY bm25(facts_fts) LIMIT :n"),
                            {"q": q, "n": limit if allowed is None else max(limit * 20, 1000)}).all()
    ranked = [(int(r[0]), -float(r[1])) for r in rows if allowed is None or int(r[0]) in allowed][:limit]
    facts = _facts(ws, [i for i, _ in ranked])
    return [Hit(facts[i], s, "text") for i, s in ranked if i in facts]


def semantic_ids(ws: Workspace, query: str | np.ndarray, *, k: int = 10,
                 filters: Filters | None = None) -> list[tuple[int, float]]:
    """(fact id, cosine similarity) of the k nearest fact vectors passing the filters."""
    from core.index import ensure_model, ensure_vectors

    f = filters or Filters()
    ensure_model(ws)  # vectors of another embedding model are replaced before they are compared
    if f.types:
        ensure_vectors(ws, [FactType(t).value for t in f.types])  # contacts, metrics, organisations
    snap = vector_cache.snapshot(ws)
    if not len(snap.ids):
        return []
    q = _query_vector(ws, query)
    scores = snap.vectors @ q
    mask = np.ones(len(snap.ids), bool)
    if f.types:
        mask &= np.isin(snap.types, [FactType(t).value for t in f.types])
    if f.statuses:
        mask &= np.isin(snap.statuses, [FactStatus(s).value for s in f.statuses])
    if not f.include_hidden:
        mask &= snap.exportable
    rest = replace(f, types=(), statuses=(), include_hidden=True)
    allowed = allowed_ids(ws, rest)
    if allowed is not None:
        mask &= np.isin(snap.ids, np.fromiter(allowed, np.int64, count=len(allowed)))
    if not mask.all():
        scores = np.where(mask, scores, -np.inf)
    k = min(k, len(snap.ids))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top])]
    return [(int(snap.ids[i]), float(scores[i])) for i in top if np.isfinite(scores[i])]


def semantic_search(ws: Workspace, query: str | np.ndarray, *, k: int = 10,
                    filters: Filters | None = None) -> list[Hit]:
    ranked = semantic_ids(ws, query, k=k, filters=filters)
    facts = _facts(ws, [i for i, _ in ranked])
    return [Hit(facts[i], s, "semantic") for i, s in ranked if i in facts]


def search_facts(ws: Workspace, query: str, *, filters: Filters | None = None, limit: int = 20,
           semantic: bool = True) -> list[Hit]:
    """Text hits first, then semantic neighbours not already found (when vectors exist)."""
    hits = text_search(ws, query, filters=filters, limit=limit)
    if semantic and len(hits) < limit and len(vector_matrix(ws)[0]):
        seen = {h.fact.id for h in hits}
        for h in semantic_search(ws, query, k=limit, filters=filters):
            if h.fact.id not in seen and len(hits) < limit:
                hits.append(h)
    return hits
