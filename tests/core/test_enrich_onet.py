"""core.enrich against the real O*NET 30.0 release (its title and technology files only, linked into a temp dir)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.ingest import ingest_parsed
from core.model import EdgeKind, FactType
from onet.importer import import_release
from tests.conftest import shared_path
from tests.core.enrich_support import fictional_resume
from tests.core.ingest_docs import count, open_test_workspace

FILES = ("Occupation Data.txt", "Alternate Titles.txt", "Technology Skills.txt")


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    release = shared_path("onet", "db_30_0_text")
    root = tmp_path_factory.mktemp("enrich-shared")
    folder = root / release.name
    folder.mkdir()
    for name in FILES:  # links, not copies: nothing from ../shared is written anywhere else
        os.symlink(release / name, folder / name)
    db = root / "onet.sqlite"
    import_release(folder, db)
    return db


def test_real_release_maps_senior_title_and_technologies(tmp_path: Path, shared_db: Path) -> None:
    ws = open_test_workspace(tmp_path)
    try:
        doc = fictional_resume()
        ws.services.use_ontology(shared_db)
        ingest_parsed(ws, [(doc.source, doc)], embed=False).run()
        roles = {f.value: f for f in ws.list_facts(type=FactType.role)}
        senior = roles["Sr. Software Engineer II"].attributes
        assert (senior["onet_code"], senior["onet_title"]) == ("15-1252.00", "Software Developers")
        assert senior["onet_confidence"] > 0.8
        store = ws.services.ontology()
        assert store is not None
        # Skill facts are named by their O*NET example ("Terraform" -> the vendor-prefixed example).
        examples = {}
        for f in ws.list_facts(type=FactType.skill):
            oid = f.attributes["ontology_id"]
            if oid.startswith("onet:tech:"):
                resolved = store.resolve(oid)
                assert resolved is not None and f.value == getattr(resolved, "example", None)
                examples[f.value] = f
        for name in ("Kubernetes", "Python", "Terraform"):
            assert any(name in value for value in examples), name
        assert count(ws, "SELECT count(*) FROM edges WHERE kind = :k AND dst_ref = 'onet:occ:15-1252.00'",
                     k=EdgeKind.maps_to.value) == 2
    finally:
        ws.close()
