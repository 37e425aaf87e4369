"""Fixtures shared by the knowledge-base and exchange tests: a real, tiny-KDF SQLCipher profile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.vault import Argon2Params, ProfileStore
from core.workspace import Workspace
from tests.core.workspace_kit import kit_services

TINY = Argon2Params(1, 1024, 1)
PASSPHRASE = "correct horse battery staple"


def open_profile(root: Path, name: str = "Test") -> Workspace:
    store = ProfileStore(root)
    profile, _ = store.create(name, passphrase=PASSPHRASE, argon=TINY)
    key = store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False).key
    return Workspace(store.open_vault(profile, key), profile=profile, services=kit_services(), owns_services=True)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    w = open_profile(tmp_path / "profiles")
    try:
        yield w
    finally:
        w.close()


@pytest.fixture
def ws2(tmp_path: Path) -> Iterator[Workspace]:
    w = open_profile(tmp_path / "profiles2", "Second")
    try:
        yield w
    finally:
        w.close()
