"""Session fixtures: the shared O*NET release imported once (no embeddings) and a fictional one (with)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from onet.importer import ImportReport, import_release
from onet.store import OntologyStore
from tests.conftest import SHARED, shared_path
from tests.onet.fictional_release import write_fictional_release

SHARED_RELEASE = ("onet", "db_30_0_text")


@pytest.fixture(scope="session")
def embed_fn() -> Callable[[list[str]], np.ndarray]:
    """The real sentence embedder (all-MiniLM-L6-v2, loaded once per session)."""
    from core.embed import Embedder

    return Embedder.shared().encode


@pytest.fixture(scope="session")
def fictional_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fictional_release(tmp_path_factory.mktemp("fictional-release"))


@pytest.fixture(scope="session")
def fictional_import(tmp_path_factory: pytest.TempPathFactory, fictional_dir: Path,
                     embed_fn: Callable[[list[str]], np.ndarray]) -> ImportReport:
    """The fictional release imported with every embedding kind (the full path)."""
    db = tmp_path_factory.mktemp("fictional-db") / "onet.sqlite"
    return import_release(fictional_dir, db, embed=embed_fn, embedding_model="all-MiniLM-L6-v2")


@pytest.fixture(scope="session")
def fictional_store(fictional_import: ImportReport) -> Iterator[OntologyStore]:
    store = OntologyStore.open(fictional_import.path)
    yield store
    store.close()


@pytest.fixture(scope="session")
def shared_import(tmp_path_factory: pytest.TempPathFactory) -> ImportReport:
    """../shared/onet/db_30_0_text imported once per session, without embeddings (they take minutes)."""
    release = shared_path(*SHARED_RELEASE)
    db = tmp_path_factory.mktemp("shared-db") / "onet.sqlite"
    return import_release(release, db)


@pytest.fixture(scope="session")
def shared_store(shared_import: ImportReport) -> Iterator[OntologyStore]:
    store = OntologyStore.open(shared_import.path)
    yield store
    store.close()


@pytest.fixture(scope="session")
def any_release(fictional_dir: Path) -> Path:
    """The shared release when present, else the fictional one."""
    shared = SHARED.joinpath(*SHARED_RELEASE)
    return shared if shared.exists() else fictional_dir
