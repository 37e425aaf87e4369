"""Open workspaces for core tests: a real vault under a temporary folder, services whose embedder
is one in-process model shared by the test run (loading it per test would dominate the suite)."""

from __future__ import annotations

from pathlib import Path

from core.services import ENCODE_BATCH, EncoderEmbedding, Services
from core.vault import ProfileStore
from core.vault.keys import Argon2Params
from core.workspace import Workspace

_EMBEDDING: EncoderEmbedding | None = None


def kit_embedding() -> EncoderEmbedding:
    """The run's one in-process embedder (the model loads on first use)."""
    global _EMBEDDING
    if _EMBEDDING is None:
        from core.embed import Embedder

        _EMBEDDING = EncoderEmbedding(Embedder(), batch_size=ENCODE_BATCH)
    return _EMBEDDING


def kit_services(*, ontology_db: Path | None = None) -> Services:
    return Services(ontology_db=ontology_db, embedder=kit_embedding())


def open_test_workspace(root: Path, name: str = "Ingest Test", *, ontology_db: Path | None = None) -> Workspace:
    """A new profile's workspace with its own services (stopped when the workspace closes)."""
    store = ProfileStore(root / "profiles")
    profile, _ = store.create(name, passphrase="pw-ingest", argon=Argon2Params(1, 1024, 1))
    key = store.unlock(profile, passphrase="pw-ingest").key
    return Workspace(store.open_vault(profile, key), profile=profile,
                     services=kit_services(ontology_db=ontology_db), owns_services=True)
