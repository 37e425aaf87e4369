"""keys.json: every wrong shape, absurd cost or alteration falls back to the copy kept with the
backups, with a message that says what is wrong (never "wrong passphrase" for a damaged file)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from core.errors import KeyFileDamaged, WrongKey
from tests.core.vault_kit import PASSPHRASE, make_profile

_WRONG_SHAPES: list[Any] = [
    {}, [], "keys", None,
    {"wraps": {"passphrase": {"salt": "%%%not base64%%%"}}},
    {"wraps": {"passphrase": {"t": "three"}}},
    {"wraps": {"passphrase": {"m": 64 * 1024 * 1024}}},  # 64 GiB
    {"wraps": {"passphrase": {"t": 100_000}}},  # would hang unlock for minutes
    {"wraps": {"passphrase": {"nonce": "AAAA"}}},  # decodes, but the wrong length
]


def _merge(base: Any, change: Any) -> Any:
    if not isinstance(change, dict) or not isinstance(base, dict) or not change:
        return change
    return {**base, **{k: _merge(base.get(k), v) for k, v in change.items()}}


@pytest.mark.parametrize("change", _WRONG_SHAPES, ids=lambda c: json.dumps(c)[:40])
def test_a_wrong_shape_falls_back_to_the_copy(tmp_path: Path, change: Any) -> None:
    store, profile, _, key = make_profile(tmp_path)
    good = json.loads(profile.keys_path.read_text())
    profile.keys_path.write_text(json.dumps(_merge(good, change)))
    start = time.monotonic()
    assert store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False).key == key
    assert time.monotonic() - start < 10
    profile.keys_copy_path.unlink()
    with pytest.raises(KeyFileDamaged, match="damaged|unreadable"):
        store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False)


def test_a_key_file_of_another_profile_is_named_as_such(tmp_path: Path) -> None:
    store, mine, _, key = make_profile(tmp_path / "a")
    _, theirs, _, _ = make_profile(tmp_path / "b")
    mine.keys_path.write_bytes(theirs.keys_path.read_bytes())
    assert store.unlock(mine, passphrase=PASSPHRASE, use_keychain=False).key == key  # the copy
    mine.keys_copy_path.write_bytes(theirs.keys_path.read_bytes())
    with pytest.raises(KeyFileDamaged, match="another profile"):
        store.unlock(mine, passphrase=PASSPHRASE, use_keychain=False)


@pytest.mark.parametrize("field", ["check", "ct"])
def test_an_altered_key_file_tries_the_copy_and_says_so(tmp_path: Path, field: str) -> None:
    store, profile, recovery, key = make_profile(tmp_path)
    data = json.loads(profile.keys_path.read_text())
    if field == "check":
        data["check"] = "0" * 64
    else:
        ct = bytearray(data["wraps"]["passphrase"]["ct"], "ascii")
        ct[5] = ord("B") if ct[5] != ord("B") else ord("C")
        data["wraps"]["passphrase"]["ct"] = ct.decode()
    profile.keys_path.write_text(json.dumps(data))
    assert store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False).key == key
    profile.keys_copy_path.unlink()
    expected = KeyFileDamaged if field == "check" else WrongKey
    with pytest.raises(expected):
        store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False)
    with pytest.raises(WrongKey):  # a wrong passphrase is still called that
        store.unlock(profile, passphrase="not the passphrase", use_keychain=False)
    if field == "ct":  # the recovery wrap is untouched
        assert store.unlock(profile, recovery_key=recovery, use_keychain=False).key == key
