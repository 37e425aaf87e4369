"""Profiles: list, create, rename, delete (vault, backups, caches and keychain entry all go)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import InvalidInput, ProfileNotFound, VaultExists
from core.vault import ProfileStore
from core.vault.keys import KEYCHAIN_SERVICE
from tests.core.vault_kit import FAST, PASSPHRASE, DictKeyring, keyring_backend


def test_profile_lifecycle(tmp_path: Path) -> None:
    backend = DictKeyring()
    with keyring_backend(backend):
        store = ProfileStore(tmp_path / "profiles")
        with pytest.raises(ProfileNotFound):
            store.get()
        coach, _ = store.create("Coach  Client B", passphrase=PASSPHRASE, use_keychain=True, argon=FAST)
        other, _ = store.create("client a", passphrase="other secret", use_keychain=True, argon=FAST)
        assert coach.name == "Coach Client B"  # whitespace normalised
        assert [p.name for p in store.list()] == ["client a", "Coach Client B"]
        with pytest.raises(ProfileNotFound):
            store.get()  # several: the caller must choose
        assert store.get("CLIENT A").id == other.id and store.get(coach.id).id == coach.id
        with pytest.raises(VaultExists):
            store.create("Client A", passphrase=PASSPHRASE, argon=FAST)
        with pytest.raises(InvalidInput):
            store.create("   ", passphrase=PASSPHRASE, argon=FAST)

        renamed = store.rename(coach, "Client B")
        assert store.get("Client B").id == coach.id and renamed.dir == coach.dir
        with pytest.raises(VaultExists):
            store.rename(renamed, "client a")
        assert store.unlock(renamed).method == "keychain"  # rename keeps the vault and its key

        key = store.unlock(renamed, passphrase=PASSPHRASE, use_keychain=False).key
        vault = store.open_vault(renamed, key)
        vault.backup(reason="manual")
        vault.close()
        (renamed.cache_dir).mkdir()
        (renamed.cache_dir / "derived.bin").write_bytes(b"cache")
        assert (KEYCHAIN_SERVICE, renamed.id) in backend.entries

        store.delete(renamed)
        assert not renamed.dir.exists()  # vault, -wal, keys.json, backups, cache
        assert (KEYCHAIN_SERVICE, renamed.id) not in backend.entries
        assert [p.name for p in store.list()] == ["client a"]
        assert (KEYCHAIN_SERVICE, other.id) in backend.entries  # the other profile is untouched
        assert store.unlock(store.get()).method == "keychain"
        with pytest.raises(ProfileNotFound):
            store.get("Client B")


def test_delete_without_reachable_keychain_still_removes_files(tmp_path: Path) -> None:
    import keyring.backends.fail

    store = ProfileStore(tmp_path / "profiles")
    profile, _ = store.create("Solo", passphrase=PASSPHRASE, argon=FAST)
    with keyring_backend(keyring.backends.fail.Keyring()):
        store.delete(profile)
    assert not profile.dir.exists() and store.list() == []
