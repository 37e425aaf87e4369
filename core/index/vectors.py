"""The fact vector index: sqlite-vec `fact_vectors` (rowid = fact id), filled and queried here."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, text

from core.embed import DIM
from core.errors import InvalidInput
from core.index.cache import embed_texts, to_blob
from core.model import FactStatus, FactType

if TYPE_CHECKING:
    import numpy as np

    from core.workspace import Workspace

MAX_VEC_K = 4096  # sqlite-vec's limit on k in one KNN query
_OVERFETCH = 3.0  # how much more than k/selectivity a filtered query asks the index for

# What ingest embeds: the facts that semantic search and near-duplicate merging read by meaning.
# Contact details other than the summary (names, e-mails, phones, links), metrics (their words
# are in the achievement they come from) and organisation names (in every role's text) are
# found by keyword (FTS); they get a vector only when a semantic query names their type.
LAZY_TYPES = frozenset({FactType.contact.value, FactType.metric.value, FactType.organisation.value})
_EAGER_SQL = ("(type NOT IN ('contact', 'metric', 'organisation') "
              "OR (type = 'contact' AND json_extract(attributes, '$.kind') = 'summary'))")


def fact_text(fact_type: str, value: str, attributes: dict[str, Any] | str | None = None) -> str:
    """The text embedded for a fact: its value, with the organisation for roles."""
    attrs = json.loads(attributes) if isinstance(attributes, str) else (attributes or {})
    if fact_type == FactType.role.value:
        org = str(attrs.get("organisation") or "").strip()
        title = str(attrs.get("title") or value).strip()
        return f"{title}, {org}" if org and org.casefold() not in title.casefold() else title
    return value


def _missing_sql(every_type: bool) -> str:
    sql = "FROM facts WHERE id NOT IN (SELECT rowid FROM fact_vectors)"
    return sql if every_type else f"{sql} AND {_EAGER_SQL}"


def missing_count(ws: Workspace) -> int:
    """How many facts that ingest embeds have no vector yet."""
    with ws.reading() as conn:
        return int(conn.execute(text("SELECT count(*) " + _missing_sql(False))).scalar_one())


def _missing_ids(ws: Workspace, fact_ids: Iterable[int] | None, every_type: bool) -> list[int]:
    sql = "SELECT id " + _missing_sql(every_type)
    with ws.reading() as conn:
        if fact_ids is None:
            return [int(r[0]) for r in conn.execute(text(sql + " ORDER BY id"))]
        wanted = sorted({int(i) for i in fact_ids})
        out: list[int] = []
        q = text(sql + " AND id IN :ids ORDER BY id").bindparams(bindparam("ids", expanding=True))
        for i in range(0, len(wanted), 500):
            out += [int(r[0]) for r in conn.execute(q, {"ids": wanted[i:i + 500]})]
        return out


def _rows(conn: Any, ids: list[int]) -> dict[int, tuple[str, str, str]]:
    q = text("SELECT id, type, value, attributes FROM facts WHERE id IN :ids").bindparams(
        bindparam("ids", expanding=True))
    return {int(r[0]): (r[1], r[2], r[3]) for r in conn.execute(q, {"ids": ids})}


def index_facts(ws: Workspace, fact_ids: Iterable[int] | None = None, *, batch: int = 64,
                every_type: bool = False) -> int:
    """Embed the facts (all, or these ids) that have no vector yet; returns how many were added.

    Facts of LAZY_TYPES (but a contact summary) are left out unless `every_type` is set.

    Safe to run on a worker thread: each batch is embedded outside any transaction, then written
    in one short transaction that skips facts deleted or edited in the meantime.
    """
    todo = _missing_ids(ws, fact_ids, every_type)
    added = 0
    for i in range(0, len(todo), max(1, batch)):
        ids = todo[i:i + batch]
        with ws.reading() as conn:
            seen = _rows(conn, ids)
        if not seen:
            continue
        order = list(seen)
        vecs = embed_texts(ws, [fact_text(*seen[f]) for f in order])
        with ws.lock, ws.vault.engine.begin() as conn:
            now = _rows(conn, order)
            for fid, vec in zip(order, vecs, strict=True):
                if now.get(fid) != seen[fid]:
                    continue  # deleted or edited since it was read: its new text gets indexed later
                conn.execute(text("DELETE FROM fact_vectors WHERE rowid = :id"), {"id": fid})
                conn.execute(text("INSERT INTO fact_vectors(rowid, embedding) VALUES (:id, :v)"),
                             {"id": fid, "v": to_blob(vec)})
                added += 1
    return added


def ensure_vectors(ws: Workspace, types: Iterable[str] | None) -> int:
    """Embed, now, the facts of any lazily embedded type a semantic query filters on."""
    lazy = sorted(set(types or ()) & LAZY_TYPES)
    if not lazy:
        return 0
    q = text("SELECT id " + _missing_sql(True) + " AND type IN :types").bindparams(
        bindparam("types", expanding=True))
    with ws.reading() as conn:
        ids = [int(r[0]) for r in conn.execute(q, {"types": lazy})]
    return index_facts(ws, ids, every_type=True) if ids else 0


def vector_count(ws: Workspace) -> int:
    with ws.reading() as conn:
        return int(conn.execute(text("SELECT count(*) FROM fact_vectors")).scalar_one())


def _values(kind: type[FactType] | type[FactStatus], given: Any) -> list[str] | None:
    if given is None:
        return None
    items = [given] if isinstance(given, str) else list(given)
    try:
        return [kind(v).value for v in items]
    except ValueError as exc:
        raise InvalidInput(f"Unknown filter value: {exc}") from exc


def query_vector(ws: Workspace, query: str | Sequence[float] | np.ndarray) -> bytes:
    """The query as sqlite-vec bytes; texts are embedded (not cached: queries are not facts)."""
    import numpy as np

    if isinstance(query, str):
        vec = ws.services.embedder().embed([query])[0]
    else:
        vec = np.asarray(query, dtype=np.float32).reshape(-1)
    if vec.shape != (DIM,):
        raise InvalidInput(f"A query vector must have {DIM} numbers.")
    return to_blob(vec)


def knn(ws: Workspace, vector_or_text: str | Sequence[float] | np.ndarray, k: int = 10, *,
        fact_type: FactType | str | Iterable[FactType | str] | None = None,
        status: FactStatus | str | Iterable[FactStatus | str] | None = None) -> list[tuple[int, float]]:
    """The `k` facts closest to a text or vector, best first, as (fact id, cosine similarity).

    Unfiltered queries go straight to sqlite-vec's KNN. Filtered ones over-fetch from the index
    in proportion to the filter's selectivity, or scan the (few) matching facts exactly.
    """
    if k <= 0:
        return []
    from core.index.provenance import ensure_model

    ensure_model(ws)  # vectors of another embedding model are replaced before they are compared
    qblob = query_vector(ws, vector_or_text)
    types, statuses = _values(FactType, fact_type), _values(FactStatus, status)
    ensure_vectors(ws, types)
    where: list[str] = []
    params: dict[str, Any] = {"q": qblob}
    if types:
        where.append("f.type IN :types")
        params["types"] = types
    if statuses:
        where.append("f.status IN :statuses")
        params["statuses"] = statuses
    with ws.reading() as conn:
        total = int(conn.execute(text("SELECT count(*) FROM fact_vectors")).scalar_one())
        if total == 0:
            return []
        if not where:
            rows = conn.execute(text(
                "SELECT rowid, distance FROM fact_vectors WHERE embedding MATCH :q AND k = :k ORDER BY distance"),
                {"q": qblob, "k": min(k, MAX_VEC_K, total)}).all()
            if k <= MAX_VEC_K or len(rows) >= total:
                return [(int(r[0]), 1.0 - float(r[1])) for r in rows]
        cond = " AND ".join(where) if where else "1"
        expanding: list[Any] = [bindparam(n, expanding=True) for n in ("types", "statuses") if n in params]
        matching = int(conn.execute(text(
            f"SELECT count(*) FROM facts f WHERE {cond} AND f.id IN (SELECT rowid FROM fact_vectors)"
        ).bindparams(*expanding), params).scalar_one())
        if matching == 0:
            return []
        want = min(k, matching)
        fetch = math.ceil(want * total / matching * _OVERFETCH)
        if fetch <= MAX_VEC_K and matching * 4 > total:
            q = text(
                "SELECT v.rowid, v.distance FROM (SELECT rowid, distance FROM fact_vectors "
                "WHERE embedding MATCH :q AND k = :kk) v JOIN facts f ON f.id = v.rowid "
                f"WHERE {cond} ORDER BY v.distance LIMIT :k").bindparams(*expanding)
            rows = conn.execute(q, {**params, "kk": min(fetch, total), "k": k}).all()
            if len(rows) >= want:
                return [(int(r[0]), 1.0 - float(r[1])) for r in rows]
        q = text(
            "SELECT f.id, vec_distance_cosine(v.embedding, :q) AS d FROM facts f "
            f"JOIN fact_vectors v ON v.rowid = f.id WHERE {cond} ORDER BY d LIMIT :k").bindparams(*expanding)
        rows = conn.execute(q, {**params, "k": k}).all()
        return [(int(r[0]), 1.0 - float(r[1])) for r in rows]
