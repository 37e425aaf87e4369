"""Fixtures shared by the knowledge-base and exchange tests: a real, tiny-KDF SQLCipher profile."""

from __future__ import annotations

from pathlib import Path

from core.vault import ProfileStore
from core.workspace import Workspace
from tests.core.workspace_kit import PASSPHRASE, TINY_ARGON, kit_services

TINY = TINY_ARGON  # the shared `ws` / `ws2` fixtures live in tests/core/conftest.py


def open_profile(root: Path, name: str = "Test") -> Workspace:
    store = ProfileStore(root)
    profile, _ = store.create(name, passphrase=PASSPHRASE, argon=TINY)
    key = store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False).key
    return Workspace(store.open_vault(profile, key), profile=profile, services=kit_services(), owns_services=True)
