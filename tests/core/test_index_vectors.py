"""The fact vector index: cached embeddings, index_facts and filtered KNN on a real vault."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from sqlalchemy import text

from core.index import (
    embed_texts,
    forget_texts,
    index_facts,
    knn,
    missing_count,
    text_hash,
    vector_count,
)
from core.index.provenance import SETTING as MODEL_SETTING
from core.index.provenance import embedder_model_id, stored_model_id
from core.model import FactStatus, FactType
from core.services import EncoderEmbedding, Services
from core.workspace import Workspace
from tests.core.workspace_kit import kit_embedding


class CountingEmbedder:
    """The real model, counting how many texts it was asked to encode."""

    def __init__(self) -> None:
        self.encoded = 0

    def embed(self, texts: list[str]) -> Any:
        self.encoded += len(texts)
        return kit_embedding().embed(texts)


FACTS = [
    (FactType.achievement, "Cut cloud hosting costs by 30% by moving batch jobs to spot instances"),
    (FactType.achievement, "Taught a weekly pottery class for twenty adult beginners"),
    (FactType.achievement, "Wrote the onboarding handbook used by every new nurse on the ward"),
    (FactType.skill, "Kubernetes"),
    (FactType.skill, "Watercolour painting"),
]


def _add_all(ws: Workspace) -> list[int]:
    ids = []
    for ftype, value in FACTS:
        ids += list(ws.add_fact(type=ftype, value=value).fact_ids)
    return ids


def test_knn_returns_the_semantically_closest_fact(ws: Workspace) -> None:
    ids = _add_all(ws)
    assert index_facts(ws) == len(FACTS)
    assert vector_count(ws) == len(FACTS)
    hits = knn(ws, "reduced infrastructure spending on AWS", k=3)
    assert hits[0][0] == ids[0]
    assert hits[0][1] > hits[1][1]
    art = knn(ws, "teaching ceramics to adults", k=1)
    assert art[0][0] == ids[1]


def test_knn_filters_by_type_and_status(ws: Workspace) -> None:
    ids = _add_all(ws)
    index_facts(ws)
    skills = knn(ws, "container orchestration", k=5, fact_type=FactType.skill)
    assert [f for f, _ in skills] == [ids[3], ids[4]]
    assert knn(ws, "container orchestration", k=5, fact_type="skill", status=FactStatus.approved) == []
    ws.update_fact(ids[4], status=FactStatus.approved)
    approved = knn(ws, "container orchestration", k=5, status="approved")
    assert [f for f, _ in approved] == [ids[4]]


def test_index_facts_adds_only_missing_and_reindexes_edited(ws: Workspace) -> None:
    ids = _add_all(ws)
    assert index_facts(ws, [ids[0]]) == 1
    assert index_facts(ws) == len(FACTS) - 1
    assert index_facts(ws) == 0
    ws.update_fact(ids[3], value="Terraform")  # the trigger drops the stale vector
    assert vector_count(ws) == len(FACTS) - 1
    assert index_facts(ws) == 1
    assert knn(ws, "infrastructure as code with HashiCorp tools", k=1, fact_type="skill")[0][0] == ids[3]
    ws.delete_fact(ids[0])
    assert vector_count(ws) == len(FACTS) - 1


def test_contacts_metrics_and_organisations_are_found_by_keyword_and_embedded_when_asked(ws: Workspace) -> None:
    from core.kb.search import Filters, search_facts, semantic_ids

    ids = _add_all(ws)
    org = next(iter(ws.add_fact(type=FactType.organisation, value="Quillfeather Shipping").fact_ids))
    phone = next(iter(ws.add_fact(type=FactType.contact, value="+1 555 0199", attributes={"kind": "phone"}).fact_ids))
    summary = next(iter(ws.add_fact(type=FactType.contact, value="Logistics analyst who automates reporting",
                                    attributes={"kind": "summary"}).fact_ids))
    metric = next(iter(ws.add_fact(type=FactType.metric, value="30%", attributes={"kind": "percent"}).fact_ids))
    assert index_facts(ws) == len(FACTS) + 1  # the summary, not the phone, metric or organisation
    assert missing_count(ws) == 0
    assert {h.fact.id for h in search_facts(ws, "Quillfeather", semantic=False)} == {org}
    assert semantic_ids(ws, "automated reports", k=1)[0][0] == summary
    found = semantic_ids(ws, "a shipping company", k=5, filters=Filters(types=[FactType.organisation]))
    assert [f for f, _ in found] == [org]  # embedded on demand, then kept
    assert vector_count(ws) == len(FACTS) + 2
    assert [f for f, _ in knn(ws, "telephone number", k=5, fact_type="contact")][0] in {phone, summary}
    assert knn(ws, "thirty percent", k=1, fact_type=FactType.metric)[0][0] == metric
    assert vector_count(ws) == len(FACTS) + 4
    assert ids[0] in {f for f, _ in knn(ws, "cloud costs", k=3)}


def test_embedding_cache_hit_avoids_recomputation(ws: Workspace) -> None:
    counting = CountingEmbedder()
    ws.services = Services(embedder=counting)  # this workspace's embedder counts what it encodes
    texts = ["Organised a charity 10k run", "Repaired vintage radios", "Organised a charity 10k run"]
    first = embed_texts(ws, texts)
    assert counting.encoded == 2  # the repeated text is encoded once
    assert first.shape == (3, 384) and np.allclose(first[0], first[2])
    again = embed_texts(ws, texts)
    assert counting.encoded == 2  # all from the vault's cache
    assert np.allclose(first, again, atol=1e-6)
    with ws.reading() as conn:
        n = conn.execute(text("SELECT count(*) FROM embedding_cache WHERE text_hash = :h"),
                         {"h": text_hash("Repaired vintage radios")}).scalar_one()
    assert n == 1
    assert forget_texts(ws, ["Repaired vintage radios"]) == 1
    embed_texts(ws, texts)
    assert counting.encoded == 3


def test_index_facts_uses_cache_for_known_texts(ws: Workspace) -> None:
    counting = CountingEmbedder()
    ws.services = Services(embedder=counting)  # this workspace's embedder counts what it encodes
    embed_texts(ws, [v for _, v in FACTS])
    _add_all(ws)
    assert index_facts(ws) == len(FACTS)
    assert counting.encoded == len(FACTS)  # nothing recomputed by index_facts


def test_knn_with_a_vector_and_empty_index(ws: Workspace) -> None:
    assert knn(ws, np.ones(384, dtype=np.float32) / np.sqrt(384), k=3) == []
    ids = _add_all(ws)
    index_facts(ws)
    vec = embed_texts(ws, [FACTS[2][1]])[0]
    best = knn(ws, vec, k=1)
    assert best[0][0] == ids[2] and best[0][1] == pytest.approx(1.0, abs=1e-4)


def test_knn_matches_brute_force_on_every_query_path(ws: Workspace) -> None:
    """Unfiltered (vec0 KNN), broad filter (over-fetch) and narrow filter (exact scan) agree with numpy."""
    from core.facts import insert_fact
    from core.index.cache import to_blob

    rng = np.random.default_rng(7)
    n = 300
    types = [FactType.achievement if i % 10 else FactType.skill for i in range(n)]  # 10% skills
    with ws.mutation("seed") as txn:
        ids = [insert_fact(txn, type=t, value=f"fact {i}", attributes={}) for i, t in enumerate(types)]
    vecs = rng.normal(size=(n, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    with ws.lock, ws.vault.engine.begin() as conn:
        conn.execute(text("INSERT INTO fact_vectors(rowid, embedding) VALUES (:id, :v)"),
                     [{"id": i, "v": to_blob(v)} for i, v in zip(ids, vecs, strict=True)])
        # these vectors stand for the workspace model's: say so, or they would be replaced as another model's
        conn.execute(text("INSERT INTO settings(key, value) VALUES (:k, :v)"),
                     {"k": MODEL_SETTING, "v": embedder_model_id(ws)})
    q = rng.normal(size=384).astype(np.float32)
    q /= np.linalg.norm(q)
    sims = vecs @ q
    arr_ids = np.array(ids)

    def truth(mask: np.ndarray, k: int) -> list[int]:
        idx = np.where(mask)[0]
        return [int(arr_ids[i]) for i in idx[np.argsort(-sims[idx])][:k]]

    everything = np.ones(n, dtype=bool)
    ach = np.array([t == FactType.achievement for t in types])
    for k, ftype, mask in [(10, None, everything), (10, "achievement", ach), (5, "skill", ~ach),
                           (n + 5, "skill", ~ach)]:
        got = knn(ws, q, k=k, fact_type=ftype)
        assert [f for f, _ in got] == truth(mask, k), (k, ftype)
        assert [s for _, s in got] == pytest.approx([float(sims[ids.index(f)]) for f, _ in got], abs=1e-4)


class NamedModel:
    """An encoder naming its model: the real model's vectors, with the dimensions reversed for "model-b",
    so a vector of one model compared with the other's would be seen."""

    def __init__(self, model_id: str) -> None:
        self.model_id = model_id
        self.encoded = 0

    def encode(self, texts: list[str], batch_size: int = 64) -> Any:
        self.encoded += len(texts)
        vecs = kit_embedding().embed(texts)
        return vecs[:, ::-1].copy() if self.model_id == "model-b" else vecs


def _stored_vector(ws: Workspace, fact_id: int) -> np.ndarray:
    with ws.reading() as conn:
        blob = conn.execute(text("SELECT embedding FROM fact_vectors WHERE rowid = :i"), {"i": fact_id}).scalar_one()
    return np.frombuffer(blob, dtype="<f4")


def test_vectors_of_another_model_are_embedded_again_before_they_are_compared(ws: Workspace) -> None:
    a = NamedModel("model-a")
    ws.services = Services(embedder=EncoderEmbedding(a))
    ids = _add_all(ws)
    assert index_facts(ws) == len(FACTS)
    embed_texts(ws, ["Repaired vintage radios"])  # a cached text no fact holds
    assert stored_model_id(ws) == "model-a"
    b = NamedModel("model-b")
    ws.services = Services(embedder=EncoderEmbedding(b))
    hits = knn(ws, "reduced infrastructure spending on AWS", k=1)
    assert b.encoded == len(FACTS) + 1  # every fact again, and the query
    assert stored_model_id(ws) == "model-b"
    want = kit_embedding().embed([FACTS[0][1]])[0][::-1]
    assert np.allclose(_stored_vector(ws, ids[0]), want, atol=1e-6)
    assert hits[0][0] == ids[0]
    with ws.reading() as conn:  # the other model's cached texts are gone
        assert conn.execute(text("SELECT count(*) FROM embedding_cache WHERE text_hash = :h"),
                            {"h": text_hash("Repaired vintage radios")}).scalar_one() == 0
    knn(ws, "teaching ceramics", k=1)
    assert b.encoded == len(FACTS) + 2  # the same model: only the query is embedded


def test_vectors_from_before_the_model_was_recorded_are_embedded_again(ws: Workspace) -> None:
    from core.index.cache import to_blob

    ids = _add_all(ws)
    with ws.lock, ws.vault.engine.begin() as conn:  # a vault from before the row: unknown model
        conn.execute(text("INSERT INTO fact_vectors(rowid, embedding) VALUES (:id, :v)"),
                     [{"id": i, "v": to_blob(np.ones(384, np.float32) / np.sqrt(384))} for i in ids])
    b = NamedModel("model-b")
    ws.services = Services(embedder=EncoderEmbedding(b))
    assert stored_model_id(ws) is None
    assert knn(ws, "container orchestration", k=1, fact_type=FactType.skill)[0][0] == ids[3]
    assert stored_model_id(ws) == "model-b" and vector_count(ws) == len(FACTS)
    assert np.allclose(_stored_vector(ws, ids[3]), kit_embedding().embed(["Kubernetes"])[0][::-1], atol=1e-6)
