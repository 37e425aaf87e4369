"""Commits survive SIGKILL; migrations and rekeys killed midway leave the old or new vault valid."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.errors import WrongKey
from core.vault import Vault, migrations
from core.vault.backup import list_backups, verify_backup
from core.vault.db import connect_raw
from tests.conftest import REPO
from tests.core.vault_crash_worker import SLOW_MIGRATION, SLOW_ROWS, CrashServer
from tests.core.vault_kit import FAST, PASSPHRASE, check_vault, make_profile

KILLS = 100

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server() -> Iterator[CrashServer]:
    srv = CrashServer(REPO)
    yield srv
    srv.close()


def assert_consistent(path: Path, key: bytes, acked: set[int]) -> dict:  # type: ignore[type-arg]
    state = check_vault(path, key)
    assert state["integrity"] == ["ok"]
    assert state["cipher"] == []
    missing = acked - state["facts"]
    assert not missing, f"{len(missing)} acknowledged commits lost"
    assert state["facts"] == state["vectors"], "vector rows out of step with fact rows"
    return state


def test_writer_killed_at_random_moments_loses_no_acknowledged_commit(tmp_path: Path,
                                                                       server: CrashServer) -> None:
    store, profile, _, key = make_profile(tmp_path)
    rng = random.Random(20261121)
    acked: set[int] = set()
    killed_while_writing = 0
    for i in range(KILLS):
        pid = server.spawn({"job": "write", "vault": str(profile.vault_path), "key": key.hex(),
                            "backups": str(profile.backups_dir), "seed": i})
        lines, sig, code = server.kill_at_random(pid, rng)
        errors = [ln for ln in lines if ln.startswith("error")]
        assert not errors, errors
        assert sig == 9, f"the writer ended by itself ({code}): {lines[-3:]}"
        new = {int(ln.split()[1]) for ln in lines if ln.startswith("ack ")}
        killed_while_writing += bool(new)
        acked |= new
        assert_consistent(profile.vault_path, key, acked)
        if i % 20 == 19:  # the app's own open path (probe + HMAC check + migrations) accepts it
            Vault.open(profile.vault_path, key, profile.backups_dir).close()
    assert killed_while_writing >= KILLS // 3  # most kills landed mid-writing, not before
    assert len(acked) >= KILLS


# The schema version every real migration reaches; the slow test migration sits above it.
BASE_VERSION = migrations.latest_version()


def _reset_migration(path: Path, key: bytes) -> None:
    conn = connect_raw(path, key)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DROP TABLE IF EXISTS mig_test")
        cols = [r[1] for r in conn.execute("PRAGMA table_info(facts)")]
        if "mig_note" in cols:
            conn.execute("ALTER TABLE facts DROP COLUMN mig_note")
        conn.execute(f"PRAGMA user_version = {BASE_VERSION}")
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_kill_during_migration_leaves_old_or_new_schema(tmp_path: Path, server: CrashServer) -> None:
    store, profile, _, key = make_profile(tmp_path)
    # some data to carry through
    pid = server.spawn({"job": "write", "vault": str(profile.vault_path), "key": key.hex(),
                        "backups": str(profile.backups_dir), "seed": 0})
    assert server.wait_for("ack", timeout=60)
    time.sleep(0.3)
    lines, _, _ = server.kill_and_reap(pid)
    acked = {int(ln.split()[1]) for ln in lines if ln.startswith("ack ")}
    assert acked
    spec = {"job": "migrate", "vault": str(profile.vault_path), "key": key.hex(),
            "backups": str(profile.backups_dir)}
    start = time.monotonic()
    pid = server.spawn(spec)
    assert server.wait_for("migrated", timeout=120)
    duration = time.monotonic() - start
    server.kill_and_reap(pid)
    assert check_vault(profile.vault_path, key)["version"] == SLOW_MIGRATION
    _reset_migration(profile.vault_path, key)

    rng = random.Random(7)
    outcomes = {BASE_VERSION: 0, SLOW_MIGRATION: 0}
    for _ in range(10):
        pid = server.spawn(spec)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        lines, _, _ = server.kill_and_reap(pid)
        assert not [ln for ln in lines if ln.startswith("error")], lines
        state = assert_consistent(profile.vault_path, key, acked)
        conn = connect_raw(profile.vault_path, key)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            cols = [r[1] for r in conn.execute("PRAGMA table_info(facts)")]
            if state["version"] == SLOW_MIGRATION:  # the whole migration, nothing less
                assert conn.execute("SELECT count(*) FROM mig_test").fetchone()[0] == SLOW_ROWS
                assert "mig_note" in cols
                assert conn.execute("SELECT count(*) FROM facts WHERE mig_note != 'migrated'").fetchone()[0] == 0
            else:  # nothing of it
                assert state["version"] == BASE_VERSION
                assert "mig_test" not in tables and "mig_note" not in cols
        finally:
            conn.close()
        outcomes[state["version"]] += 1
        if state["version"] == SLOW_MIGRATION:
            _reset_migration(profile.vault_path, key)
    Vault.open(profile.vault_path, key, profile.backups_dir).close()
    # every finished 'before-migration' backup restores; a killed backup left no listed file
    backups = list_backups(profile.backups_dir)
    assert any(b.reason.startswith("before-migration") for b in backups)
    for b in backups:
        verify_backup(b.path, key)
    assert outcomes[BASE_VERSION] > 0


def test_kill_during_rekey_old_or_new_passphrase_opens(tmp_path: Path, server: CrashServer) -> None:
    store, profile, _, key = make_profile(tmp_path)
    pid = server.spawn({"job": "write", "vault": str(profile.vault_path), "key": key.hex(),
                        "backups": str(profile.backups_dir), "seed": 0})
    assert server.wait_for("ack", timeout=60)
    time.sleep(0.3)
    lines, _, _ = server.kill_and_reap(pid)
    acked = {int(ln.split()[1]) for ln in lines if ln.startswith("ack ")}
    assert acked
    current = PASSPHRASE
    # one uninterrupted rekey gives the time scale for the random kills
    start = time.monotonic()
    pid = server.spawn({"job": "rekey", "root": str(store.root), "profile": profile.id,
                        "passphrases": [current], "new": "rekeyed-0"})
    assert server.wait_for("rekeyed", timeout=120)
    duration = time.monotonic() - start
    server.kill_and_reap(pid)
    current = "rekeyed-0"
    rng = random.Random(11)
    outcomes = {"old": 0, "new": 0}
    for i in range(1, 17):
        new = f"rekeyed-{i}"
        pid = server.spawn({"job": "rekey", "root": str(store.root), "profile": profile.id,
                            "passphrases": [current], "new": new})
        if i == 16:  # the last one runs to the end, so both outcomes are checked on every run
            assert server.wait_for("rekeyed", timeout=120)
        else:
            time.sleep(rng.uniform(0.0, duration * 1.2))
        lines, _, _ = server.kill_and_reap(pid)
        assert not [ln for ln in lines if ln.startswith("error")], lines
        opened = None
        for label, candidate in (("old", current), ("new", new)):
            try:
                opened = (label, store.unlock(profile, passphrase=candidate, use_keychain=False).key)
                break
            except WrongKey:
                continue
        assert opened is not None, "neither the old nor the new passphrase unlocks the vault"
        label, vault_key = opened
        if any(ln == "rekeyed" for ln in lines):
            assert label == "new"
        outcomes[label] += 1
        current = current if label == "old" else new
        assert_consistent(profile.vault_path, vault_key, acked)
        store.open_vault(profile, vault_key).close()
        assert not (profile.dir / "vault.db.rekey").exists()
    assert outcomes["old"] > 0 and outcomes["new"] > 0
    # backups made under every earlier key still restore
    final_key = store.unlock(profile, passphrase=current, use_keychain=False).key
    oldest = list_backups(profile.backups_dir)[-1]
    store.restore(profile, final_key, oldest.path)
    assert_consistent(profile.vault_path, final_key, acked)
    _ = FAST


def test_kill_during_restore_leaves_old_or_restored_vault(tmp_path: Path, server: CrashServer) -> None:
    store, profile, _, key = make_profile(tmp_path)
    spec_write = {"job": "write", "vault": str(profile.vault_path), "key": key.hex(),
                  "backups": str(profile.backups_dir), "seed": 0}
    pid = server.spawn(spec_write)
    assert server.wait_for("ack", timeout=60)
    time.sleep(0.2)
    server.kill_and_reap(pid)
    vault = Vault.open(profile.vault_path, key, profile.backups_dir)
    older = vault.backup(reason="older", prune_after=False).path
    vault.close()
    older_ids = check_vault(profile.vault_path, key)["facts"]
    pid = server.spawn({**spec_write, "seed": 1})
    assert server.wait_for("ack", timeout=60)
    time.sleep(0.3)
    server.kill_and_reap(pid)
    vault = Vault.open(profile.vault_path, key, profile.backups_dir)
    newer = vault.backup(reason="newer", prune_after=False).path
    vault.close()
    newer_ids = check_vault(profile.vault_path, key)["facts"]
    assert older_ids < newer_ids

    spec = {"job": "restore", "root": str(store.root), "profile": profile.id, "key": key.hex(),
            "backup": str(older)}
    start = time.monotonic()
    pid = server.spawn(spec)
    assert server.wait_for("restored", timeout=120)
    duration = time.monotonic() - start
    server.kill_and_reap(pid)
    store.restore(profile, key, newer)
    rng = random.Random(5)
    outcomes = {"old": 0, "restored": 0}
    for i in range(14):
        pid = server.spawn(spec)
        if i == 13:  # and once to the end, so both outcomes are checked on every run
            assert server.wait_for("restored", timeout=120)
        else:
            time.sleep(rng.uniform(0.0, duration * 1.5))
        lines, _, _ = server.kill_and_reap(pid)
        assert not [ln for ln in lines if ln.startswith("error")], lines
        store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False)  # cleans a staged copy
        assert not list(profile.dir.glob("vault.db.restore*"))
        state = assert_consistent(profile.vault_path, key, set())
        assert state["facts"] in (older_ids, newer_ids)
        store.open_vault(profile, key).close()
        if state["facts"] == older_ids:
            outcomes["restored"] += 1
            store.restore(profile, key, newer)
        else:
            assert "restored" not in lines
            outcomes["old"] += 1
    assert outcomes["old"] > 0 and outcomes["restored"] > 0
    for b in list_backups(profile.backups_dir):  # every listed backup (incl. before-restore) is whole
        verify_backup(b.path, key)
