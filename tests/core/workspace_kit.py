"""Open workspaces for core tests: a real vault under a temporary folder, services whose embedder
is one in-process model shared by the test run (loading it per test would dominate the suite)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.services import ENCODE_BATCH, EncoderEmbedding, Services
from core.vault import ProfileStore
from core.vault.keys import Argon2Params
from core.workspace import Workspace

_EMBEDDING: EncoderEmbedding | None = None
TINY_ARGON = Argon2Params(1, 1024, 1)
PASSPHRASE = "correct horse battery staple"


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


@contextmanager
def session_workspace(home: Path, name: str = "Test") -> Iterator[Workspace]:
    """A new profile under `home`, unlocked and opened through a `core.session.Session` as the
    app does (services: the run's shared embedder, no O*NET); closed and stopped afterwards."""
    from core.session import Session

    session = Session(home / "data" / "profiles", home / "config", argon=TINY_ARGON, use_keychain_default=False,
                      embedder=kit_embedding())
    profile, _ = session.store.create(name, passphrase=PASSPHRASE, argon=TINY_ARGON)
    unlocked = session.store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False)
    try:
        yield session.open(profile, unlocked.key, unlocked.method)
    finally:
        session.close()
        session.shutdown()
