"""Wrong key != damaged file: flipped bytes give VaultDamaged with the newest backup, file untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import VaultDamaged, WrongKey
from core.facts import insert_fact
from core.model import FactType
from core.workspace import Workspace
from tests.core.vault_kit import (
    PASSPHRASE,
    check_vault,
    make_profile,
    sha256_file,
    vector,
)

PAGE = 4096


def _filled_profile(tmp_path: Path) -> tuple:  # type: ignore[type-arg]
    store, profile, recovery, key = make_profile(tmp_path)
    ws = Workspace(store.open_vault(profile, key), profile=profile)
    with ws.mutation("Add facts") as txn:  # one commit: fsync per fact would only add time
        for i in range(150):
            fid = insert_fact(txn, type=FactType.skill, value=f"fact number {i} " + "words " * 40,
                              attributes={})
            txn.conn.exec_driver_sql("INSERT INTO fact_vectors(rowid, embedding) VALUES (?, ?)",
                                     (fid, vector(i)))
    newest = ws.backup(reason="manual").path
    ws.close()
    return store, profile, key, newest


def _flip(path: Path, offset: int, count: int = 8) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, offset + count):
        data[i] ^= 0xA5
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("where", ["page-1-body", "page-1-salt", "middle-page", "last-page"])
def test_flipped_bytes_are_damage_with_backup_offered(tmp_path: Path, where: str) -> None:
    store, profile, key, newest = _filled_profile(tmp_path)
    pages = profile.vault_path.stat().st_size // PAGE
    assert pages > 10
    offset = {"page-1-body": 1000, "page-1-salt": 3, "middle-page": (pages // 2) * PAGE + 1500,
              "last-page": (pages - 1) * PAGE + 200}[where]
    _flip(profile.vault_path, offset)
    before = sha256_file(profile.vault_path)
    siblings = sorted(p.name for p in profile.dir.iterdir())

    unlocked = store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False)  # keys.json is fine
    with pytest.raises(VaultDamaged) as err:
        store.open_vault(profile, unlocked.key)
    assert not isinstance(err.value, WrongKey)
    assert err.value.backup == newest
    assert newest.name in (err.value.hint or "")
    assert sha256_file(profile.vault_path) == before  # the damaged file is never written
    assert sorted(p.name for p in profile.dir.iterdir()) == siblings

    # restoring the offered backup keeps the damaged bytes and brings every fact back
    result = store.restore(profile, key, err.value.backup)
    assert result.kept_damaged and result.kept is not None
    assert sha256_file(result.kept) == before
    state = check_vault(profile.vault_path, key)
    assert state["integrity"] == ["ok"] and state["cipher"] == []
    assert len(state["facts"]) == 150 and state["facts"] == state["vectors"]
    store.open_vault(profile, key).close()


def test_wrong_key_on_intact_file_is_not_damage(tmp_path: Path) -> None:
    store, profile, _, _ = _filled_profile(tmp_path)
    before = sha256_file(profile.vault_path)
    with pytest.raises(WrongKey):
        store.unlock(profile, passphrase="wrong", use_keychain=False)
    assert sha256_file(profile.vault_path) == before


def test_truncated_vault_is_damage(tmp_path: Path) -> None:
    store, profile, key, newest = _filled_profile(tmp_path)
    data = profile.vault_path.read_bytes()
    profile.vault_path.write_bytes(data[: len(data) // 2 + 100])
    with pytest.raises(VaultDamaged) as err:
        store.open_vault(profile, key)
    assert err.value.backup == newest


def test_damage_found_while_the_vault_is_open_is_vault_damaged(tmp_path: Path) -> None:
    store, profile, key, newest = _filled_profile(tmp_path)
    ws = Workspace(store.open_vault(profile, key), profile=profile)
    assert ws.count_facts() == 150
    ws.vault.engine.dispose()  # drop cached pages: the next read goes to the file
    pages = profile.vault_path.stat().st_size // PAGE
    data = bytearray(profile.vault_path.read_bytes())
    for page in range(2, pages):  # damage every page but the first: any query must hit one
        data[page * PAGE + 600] ^= 0xA5
    profile.vault_path.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged) as err:
        ws.list_facts(limit=1000)
    assert err.value.backup == newest
    ws.close()


def test_damaged_backup_vs_another_profiles_backup_vs_the_page_that_failed(tmp_path: Path) -> None:
    from core.errors import VaultDamaged, WrongKey
    from core.vault.backup import write_backup
    from tests.core.vault_kit import add_fact_with_vector, make_profile

    store, profile, _, key = make_profile(tmp_path / "mine")
    ws = Workspace(store.open_vault(profile, key), profile=profile)
    for i in range(40):
        add_fact_with_vector(ws, f"Sailmaking detail {i} " + "canvas " * 30, i)
    ws.close()
    good = write_backup(profile.vault_path, key, profile.backups_dir, reason="manual").path
    first_page = good.with_name(good.name.replace("manual", "firstpage"))
    data = bytearray(good.read_bytes())
    data[200] ^= 0xFF
    first_page.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged, match="first page"):
        store.restore(profile, key, first_page)
    other_store, other, _, other_key = make_profile(tmp_path / "theirs")
    foreign = write_backup(other.vault_path, other_key, other.backups_dir, reason="manual").path
    with pytest.raises(WrongKey, match="another profile"):
        store.restore(profile, key, foreign)

    data = bytearray(profile.vault_path.read_bytes())
    data[2 * 4096 + 300] ^= 0xFF  # page 3
    profile.vault_path.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged, match="page 3 fails"):
        store.open_vault(profile, key)
