"""Search: full text and semantic (random unit vectors, no model) with filters; the vector cache
follows every change to the vault."""

from __future__ import annotations

import numpy as np

from core import kb
from core.kb import Filters, NewFact
from core.kb.search import fts_query, in_date_range, semantic_ids
from core.kb.vector_cache import _load_vectors
from core.model import EdgeKind, FactStatus, FactType
from core.workspace import Workspace

RNG = np.random.default_rng(3)


def unit(n: int) -> np.ndarray:
    x = RNG.standard_normal((n, 384)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def put_vectors(ws: Workspace, ids: list[int], x: np.ndarray) -> None:
    from core.index.provenance import SETTING, embedder_model_id

    with ws.mutation("vectors", undoable=False) as txn:
        for fid, v in zip(ids, x, strict=True):
            txn.conn.exec_driver_sql("INSERT INTO fact_vectors(rowid, embedding) VALUES (?, ?)", (fid, v.tobytes()))
        # they stand for the workspace model's vectors: say so, or they would be replaced as another model's
        txn.conn.exec_driver_sql("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                                 (SETTING, embedder_model_id(ws)))


def seed(ws: Workspace, n: int = 40) -> tuple[list[int], np.ndarray]:
    types = [FactType.skill, FactType.achievement]
    ch = kb.bulk_insert_facts(ws, [NewFact(types[i % 2], f"item {i}", {"i": i},
                                           status=FactStatus.approved if i < n // 2 else FactStatus.pending)
                                   for i in range(n)])
    ids = sorted(ch.fact_ids)
    x = unit(n)
    put_vectors(ws, ids, x)
    return ids, x


def test_semantic_matches_brute_force_and_filters(ws: Workspace) -> None:
    ids, x = seed(ws)
    q = x[7] + 0.1 * x[8]
    want = [ids[i] for i in np.argsort(-(x @ (q / np.linalg.norm(q))))[:5]]
    assert [i for i, _ in semantic_ids(ws, q, k=5)] == want
    skills = semantic_ids(ws, q, k=50, filters=Filters(types=[FactType.skill]))
    assert len(skills) == 20 and all(ws.get_fact(i).type == FactType.skill for i, _ in skills)
    approved_ach = semantic_ids(ws, q, k=50, filters=Filters(types=[FactType.achievement],
                                                              statuses=[FactStatus.approved]))
    assert {i for i, _ in approved_ach} == {ids[i] for i in range(1, 20, 2)}
    kb.hide(ws, [ids[7]])
    assert ids[7] not in [i for i, _ in semantic_ids(ws, q, k=5, filters=Filters(include_hidden=False))]
    kb.approve(ws, [ids[30]])  # a status change (not a vector change) refreshes the masks
    assert ids[30] in [i for i, _ in semantic_ids(ws, q, k=50, filters=Filters(statuses=[FactStatus.approved]))]


def test_cache_follows_vector_changes(ws: Workspace) -> None:
    ids, x = seed(ws)
    assert semantic_ids(ws, x[3], k=1)[0][0] == ids[3]
    kb.edit_fact(ws, ids[3], value="changed")  # the trigger drops the stale vector
    assert semantic_ids(ws, x[3], k=1)[0][0] != ids[3]
    put_vectors(ws, [ids[3]], x[3:4])
    assert semantic_ids(ws, x[3], k=1)[0][0] == ids[3]
    ws.delete_fact(ids[5])
    assert ids[5] not in [i for i, _ in semantic_ids(ws, x[5], k=3)]


def test_chunk_loader_equals_row_scan(ws: Workspace) -> None:
    x = unit(1500)  # more than one sqlite-vec chunk (1024); vectors alone, no facts needed
    put_vectors(ws, list(range(1, 1501)), x)
    with ws.mutation("drop some", undoable=False) as txn:
        txn.conn.exec_driver_sql("DELETE FROM fact_vectors WHERE rowid BETWEEN 101 AND 150")
    raw = ws.vault.engine.raw_connection()
    try:
        conn = raw.driver_connection
        got_ids, got = _load_vectors(conn)
        rows = conn.execute("SELECT rowid, embedding FROM fact_vectors ORDER BY rowid").fetchall()
    finally:
        raw.close()
    assert got_ids.tolist() == [r[0] for r in rows] and len(rows) == 1450
    want = np.stack([np.frombuffer(r[1], np.float32) for r in rows])
    assert np.allclose(got, want / np.linalg.norm(want, axis=1, keepdims=True), atol=1e-6)


def test_text_search_with_graph_filters(ws: Workspace) -> None:
    def add(t: FactType, v: str, **a: object) -> int:
        return next(iter(kb.create_fact(ws, NewFact(t, v, dict(a))).fact_ids))

    org = add(FactType.organisation, "Northwind Tiles", name="Northwind Tiles")
    role = add(FactType.role, "Backend Engineer", title="Backend Engineer", organisation="Northwind Tiles",
               start="2019-02", end="2022-01")
    old = add(FactType.role, "Backend Intern", title="Backend Intern", organisation="Elsewhere", start="2012-06",
              end="2012-09")
    sk = add(FactType.skill, "Rust", name="Rust")
    ach = add(FactType.achievement, "Rewrote the backend billing engine")
    kb.link(ws, EdgeKind.role_at, role, org)
    kb.link(ws, EdgeKind.achieved_in, ach, role)
    kb.link(ws, EdgeKind.uses_skill, ach, sk)
    assert {h.fact.id for h in kb.text_search(ws, "backend")} == {role, old, ach}
    assert {h.fact.id for h in kb.text_search(ws, "backend", filters=Filters(organisation="northwind"))} == {role, ach}
    assert {h.fact.id for h in kb.text_search(ws, "backend", filters=Filters(skill="rust"))} == {ach}
    assert {h.fact.id for h in kb.text_search(ws, "backend", filters=Filters(date_from="2018"))} == {role}
    assert {h.fact.id for h in kb.text_search(ws, "back")} == {role, old, ach}  # prefix on the last word
    assert kb.text_search(ws, '"; DROP TABLE facts; --') == []
    assert [h.via for h in kb.search_facts(ws, "billing")] == ["text"]


def test_query_and_date_helpers() -> None:
    assert fts_query('C++ "ops"') == '"C" "ops"*'
    assert in_date_range({"start": "2019-02", "end": None}, "2024", None)
    assert not in_date_range({"start": "2019-02", "end": "2020-01"}, "2021", "2023")
    assert in_date_range({"date": "2020-05"}, "2020", "2020")
    assert not in_date_range({"name": "undated"}, "2000", None)
