"""No silent downgrade: a keychain that is absent, hangs or lost its entry falls back in < 5 s."""

from __future__ import annotations

import base64
import time
from pathlib import Path

import keyring.backends.fail
import keyring.backends.null
import pytest

from core.errors import VaultLocked
from core.vault.keys import KEYCHAIN_SERVICE, KeyFile
from tests.core.vault_kit import (
    FAST,
    PASSPHRASE,
    DictKeyring,
    HangingKeyring,
    all_files,
    files_containing,
    keyring_backend,
    make_profile,
    temp_files_since,
)


def test_keychain_unlocks_when_present(tmp_path: Path) -> None:
    with keyring_backend(DictKeyring()) as backend:
        store, profile, _, key = make_profile(tmp_path, keychain=True)
        assert KeyFile.load(profile.keys_path).keychain
        assert (KEYCHAIN_SERVICE, profile.id) in backend.entries  # type: ignore[attr-defined]
        result = store.unlock(profile)
        assert (result.method, result.key) == ("keychain", key)


@pytest.mark.parametrize("backend", [keyring.backends.fail.Keyring(), keyring.backends.null.Keyring(),
                                     HangingKeyring(), "deleted", "changed"],
                         ids=["fail", "null", "hanging", "entry-deleted", "entry-changed"])
@pytest.mark.parametrize("secret", ["passphrase", "recovery"])
def test_broken_keychain_falls_back_within_5s(tmp_path: Path, backend: object, secret: str) -> None:
    with keyring_backend(DictKeyring()) as good:
        store, profile, recovery, key = make_profile(tmp_path, keychain=True)
        if backend == "deleted":
            good.entries.clear()  # type: ignore[attr-defined]
        elif backend == "changed":  # another app (or a reset) overwrote the entry
            good.entries[(KEYCHAIN_SERVICE, profile.id)] = base64.b64encode(bytes(32)).decode()  # type: ignore[attr-defined]
        replacement = good if isinstance(backend, str) else backend
        with keyring_backend(replacement):  # type: ignore[arg-type]
            with pytest.raises(VaultLocked):
                store.unlock(profile)  # no silent success, no hang: asks for a secret
            start = time.monotonic()
            kwargs = {"passphrase": PASSPHRASE} if secret == "passphrase" else {"recovery_key": recovery}
            result = store.unlock(profile, **kwargs)
            elapsed = time.monotonic() - start
    assert result.key == key and result.method == secret
    assert elapsed < 5.0  # a timeout bound, not a speed target


def test_create_with_unreachable_keychain_keeps_passphrase_only(tmp_path: Path) -> None:
    with keyring_backend(keyring.backends.fail.Keyring()):
        store, profile, _, key = make_profile(tmp_path, keychain=True)
        assert not KeyFile.load(profile.keys_path).keychain
        assert store.unlock(profile, passphrase=PASSPHRASE).key == key


def test_raw_key_never_written_to_disk(tmp_path: Path) -> None:
    start = time.time() - 1
    with keyring_backend(DictKeyring()):
        store, profile, recovery, key = make_profile(tmp_path, keychain=True)
        keys_seen = [key]
        vault = store.open_vault(profile, key)
        vault.backup(reason="manual")
        vault.close()
        store.change_passphrase(profile, key, "another passphrase", FAST)
        store.rotate_recovery(profile, key)
        new_key, _ = store.rekey(profile, key, passphrase=PASSPHRASE, argon=FAST)
        keys_seen.append(new_key)
        store.open_vault(profile, new_key).close()
    needles = []
    for k in keys_seen:
        needles += [k, k.hex().encode(), k.hex().upper().encode(), base64.b64encode(k),
                    base64.urlsafe_b64encode(k), base64.b64encode(k).rstrip(b"=")]
    files = all_files(tmp_path) + temp_files_since(start, exclude=tmp_path)
    assert any(p.name == "keys.json" for p in files)
    assert files_containing(files, needles) == []
