"""Skill extraction and relations with a small fictional O*NET release imported."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from core.skills import SkillExtractor
from core.skills.relations import SkillRelations
from onet.importer import import_release
from onet.store import OntologyStore
from tests.onet.fictional_release import write_fictional_release


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OntologyStore]:
    root = tmp_path_factory.mktemp("skills-onet")
    db = root / "onet.sqlite"
    import_release(write_fictional_release(root), db)  # no embeddings: fast
    s = OntologyStore.open(db)
    yield s
    s.close()


def _tech_id(store: OntologyStore, example: str) -> str:
    return next(t.ontology_id for t in store.technology_skills() if t.example == example)


def test_lexicon_terms_link_to_onet_examples(store: OntologyStore) -> None:
    ex = SkillExtractor(store=store, relevance_threshold=0)
    spans = {s.text: s for s in ex.extract("Navigation scripts in Python, deployed on k8s, charts in StarChart Pro.")}
    assert spans["Python"].ontology_id == _tech_id(store, "Python")
    assert spans["k8s"].ontology_id == _tech_id(store, "Kubernetes")  # alias still links to O*NET
    assert spans["StarChart Pro"].ontology_id == _tech_id(store, "StarChart Pro")  # O*NET-only term


def test_vendor_prefix_dropped_and_elements_named(store: OntologyStore) -> None:
    ex = SkillExtractor(store=store, relevance_threshold=0)
    spans = ex.extract("Floor plans drawn in AutoCAD; strong critical thinking.")
    by_text = {s.text: s for s in spans}
    assert by_text["AutoCAD"].ontology_id == _tech_id(store, "Autodesk AutoCAD")
    assert by_text["critical thinking"].ontology_id == "onet:element:2.A.2.a"
    assert by_text["critical thinking"].label == "Critical Thinking"


def test_cooccurring_skills_come_from_shared_occupations(store: OntologyStore) -> None:
    rel = SkillRelations(store)
    labels = [r.label for r in rel.cooccurring("Python")]
    assert {"StarChart Pro", "Grimoire Studio", "Kubernetes"} <= set(labels)
    assert "Microsoft Excel" not in labels  # only listed by an occupation without Python
    assert all(0 < r.score <= 1 for r in rel.cooccurring("Python"))


def test_transferable_between_occupations(store: OntologyStore) -> None:
    rel = SkillRelations(store)
    t = rel.transferable("99-1001.00", "99-1003.00", min_importance=2.5)
    assert t.shared_technologies == ["Python"]
    assert set(t.missing_technologies) == {"Grimoire Studio", "Kubernetes"}
    names = {e.name for e in t.shared_elements} | {e.name for e in t.missing_elements}
    assert names <= {"Reading Comprehension", "Critical Thinking", "Programming"} and names
    for e in t.shared_elements:
        assert e.source_importance >= 2.5 and e.target_importance >= 2.5
    assert 0 < t.overlap < 1
    assert SkillRelations().transferable("99-1001.00", "99-1003.00").shared_technologies == []


def test_similar_skills_by_lexicon_category() -> None:
    rel = SkillRelations()
    labels = [r.label for r in rel.similar("React")]
    assert "Redux" in labels and "React" not in labels
    assert rel.similar("no such skill at all") == []
    assert rel.resolve("k8s") == ("lex:kubernetes", "Kubernetes")


def fake_embed(texts: Sequence[str]) -> np.ndarray:
    """Deterministic stand-in for the sentence model: normalised bag of letters."""
    out = np.zeros((len(texts), 26), dtype=np.float32)
    for i, t in enumerate(texts):
        for ch in t.lower():
            if "a" <= ch <= "z":
                out[i, ord(ch) - 97] += 1
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_similar_skills_from_store_embeddings(tmp_path: Path) -> None:
    db = tmp_path / "emb.sqlite"
    import_release(write_fictional_release(tmp_path), db, embed=fake_embed, embed_kinds_=("tech_skill",))
    with OntologyStore.open(db) as store:
        rel = SkillRelations(store)
        got = rel.similar("Python", limit=3)
        assert got and all(r.reason == "embedding" and r.ontology_id.startswith("onet:tech:") for r in got)
        assert "Python" not in {r.label for r in got}
        assert got == sorted(got, key=lambda r: -r.score)


def test_similar_skills_by_embedding() -> None:
    rel = SkillRelations(embed=fake_embed)
    got = rel.similar("PostgreSQL", limit=3)
    assert got and all(r.reason == "embedding" for r in got)
    assert got == sorted(got, key=lambda r: -r.score)


def test_store_path_helpers(tmp_path: Path) -> None:
    from core.skills.ontology_terms import open_store_at

    assert open_store_at(tmp_path / "missing.sqlite") is None


@pytest.mark.shared
def test_shared_release_links_common_tools(tmp_path: Path) -> None:
    from tests.conftest import shared_path

    db = tmp_path / "onet.sqlite"
    import_release(shared_path("onet", "db_30_0_text"), db)
    with OntologyStore.open(db) as shared:
        ex = SkillExtractor(store=shared, relevance_threshold=0)
        spans = {s.text: s for s in ex.extract("Reports in Microsoft Excel, services in Python on k8s.")}
        names = {t.ontology_id: t.example for t in shared.technology_skills()}
        assert names[spans["Microsoft Excel"].ontology_id] == "Microsoft Excel"
        assert names[spans["Python"].ontology_id] == "Python"
        assert names[spans["k8s"].ontology_id] == "Kubernetes"
        rel = SkillRelations(shared)
        assert "C++" in {r.label for r in rel.cooccurring("Python", limit=20)}
