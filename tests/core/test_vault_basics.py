"""The vault file on disk: encrypted from the first byte, no plaintext anywhere, keys told apart."""

from __future__ import annotations

import logging
import logging.handlers
import time
from pathlib import Path

import pytest

from core.errors import VaultDamaged, WrongKey
from core.model import FactType
from core.vault import Argon2Params, ProfileStore, Vault
from core.vault.db import SQLITE_HEADER
from core.vault.keys import KeyFile, new_vault_key
from core.workspace import Workspace
from tests.core.vault_kit import (
    FAST,
    PASSPHRASE,
    add_fact_with_vector,
    all_files,
    files_containing,
    make_profile,
    temp_files_since,
)

CANARY = "Zorblax-Quintessa-7731 canary fact"


def test_vault_file_is_not_plain_sqlite(tmp_path: Path) -> None:
    _, profile, _, _ = make_profile(tmp_path)
    head = profile.vault_path.read_bytes()[:16]
    assert head != SQLITE_HEADER
    assert not head.startswith(b"SQLite format")
    assert profile.vault_path.stat().st_mode & 0o077 == 0


def test_canary_fact_never_reaches_disk_in_clear(tmp_path: Path) -> None:
    start = time.time() - 1
    home = tmp_path / "home"
    logs = home / "logs"
    logs.mkdir(parents=True)
    handler = logging.handlers.RotatingFileHandler(logs / "vita.log")
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)  # the most talkative setting: still no fact text may appear
    try:
        store, profile, _, key = make_profile(home)
        ws = Workspace(store.open_vault(profile, key), profile=profile)
        fid = ws.add_fact(type=FactType.achievement, value=CANARY, attributes={"text": CANARY},
                          note=CANARY).fact_ids
        add_fact_with_vector(ws, CANARY + " with vector", 7)
        ws.update_fact(next(iter(fid)), value=CANARY + " edited")
        ws.undo()
        needles = [CANARY.encode(), CANARY.encode("utf-16-le"), b"Zorblax"]
        # While the vault is open (WAL and shared memory present) ...
        open_hits = files_containing(all_files(home), needles)
        ws.backup(reason="manual")
        ws.close()
        handler.flush()
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    # ... and after closing: data dir, backups, logs, and whatever this test left in the temp dir.
    assert open_hits == []
    files = all_files(home) + temp_files_since(start, exclude=tmp_path)
    assert any(p.name.startswith("backup-") for p in files)
    assert files_containing(files, needles) == []
    assert files_containing(all_files(tmp_path), needles) == []


def test_wrong_passphrase_and_wrong_key_are_wrong_key(tmp_path: Path) -> None:
    store, profile, _, key = make_profile(tmp_path)
    with pytest.raises(WrongKey):
        store.unlock(profile, passphrase="not the passphrase", use_keychain=False)
    with pytest.raises(WrongKey):
        store.unlock(profile, recovery_key="ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567-89ABC-DEFGH",
                     use_keychain=False)
    other = new_vault_key()
    with pytest.raises(WrongKey):
        store.open_vault(profile, other)
    with pytest.raises(WrongKey):
        Vault.open(profile.vault_path, other, profile.backups_dir, key_verified=False)
    # the right key still opens it
    store.open_vault(profile, key).close()


def test_recovery_key_unlocks_and_rotation_revokes_the_old_one(tmp_path: Path) -> None:
    store, profile, recovery, key = make_profile(tmp_path)
    assert store.unlock(profile, recovery_key=recovery.lower().replace("-", " "),
                        use_keychain=False).key == key
    new_recovery = store.rotate_recovery(profile, key)
    assert store.unlock(profile, recovery_key=new_recovery, use_keychain=False).method == "recovery"
    with pytest.raises(WrongKey):
        store.unlock(profile, recovery_key=recovery, use_keychain=False)


def test_change_passphrase(tmp_path: Path) -> None:
    store, profile, _, key = make_profile(tmp_path)
    store.change_passphrase(profile, key, "a new passphrase", FAST)
    assert store.unlock(profile, passphrase="a new passphrase", use_keychain=False).key == key
    with pytest.raises(WrongKey):
        store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False)


def test_default_argon2_parameters_are_used_and_unlock(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "profiles")
    profile, _ = store.create("Defaults", passphrase=PASSPHRASE)
    blob = KeyFile.load(profile.keys_path).wraps["passphrase"]
    d = Argon2Params()
    assert (blob["kdf"], blob["t"], blob["m"], blob["p"]) == ("argon2id", d.time_cost, d.memory_kib,
                                                              d.parallelism)
    assert d.memory_kib >= 64 * 1024 and d.time_cost >= 3
    assert store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False).method == "passphrase"


def test_damaged_file_with_a_right_key_is_damaged_not_wrong_key(tmp_path: Path) -> None:
    store, profile, _, key = make_profile(tmp_path)
    data = bytearray(profile.vault_path.read_bytes())
    data[20:40] = bytes(20)  # inside page 1, after the salt
    profile.vault_path.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged):
        store.open_vault(profile, key)


def test_recovery_on_a_clean_machine_and_with_keys_json_lost(tmp_path: Path) -> None:
    import shutil

    store, profile, recovery, key = make_profile(tmp_path / "laptop")
    ws = Workspace(store.open_vault(profile, key), profile=profile)
    ws.add_fact(type=FactType.skill, value="Portable")
    ws.close()
    # the profile folder copied to another machine: no keychain, only the recovery key
    other = ProfileStore(tmp_path / "new-machine" / "profiles")
    shutil.copytree(profile.dir, other.root / profile.dir.name)
    moved = other.get()
    unlocked = other.unlock(moved, recovery_key=recovery)
    assert unlocked.key == key
    ws = Workspace(other.open_vault(moved, unlocked.key), profile=moved)
    assert [f.value for f in ws.list_facts()] == ["Portable"]
    ws.close()
    # keys.json deleted: the copy kept with the backups still lets both secrets in
    moved.keys_path.unlink()
    assert other.unlock(moved, passphrase=PASSPHRASE).key == key
    assert other.unlock(moved, recovery_key=recovery).key == key
