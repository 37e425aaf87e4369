"""The migration runner applies every registered version a vault has not applied, in any order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.errors import VaultDamaged
from core.vault import Vault, list_backups, migrations
from core.vault.db import connect_raw, create_file

KEY = os.urandom(32)


def _tables(path: Path) -> set[str]:
    conn = connect_raw(path, KEY)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def _record(path: Path) -> tuple[set[int], int]:
    conn = connect_raw(path, KEY)
    try:
        return migrations.applied_versions(conn), migrations.current_version(conn)
    finally:
        conn.close()


def _legacy_vault(path: Path) -> None:
    """A vault as the runner before the applied-versions record left it: migrations 1 and 10, user_version 10."""
    create_file(path, KEY)
    conn = connect_raw(path, KEY)
    try:
        for v in (1, 10):
            conn.execute("BEGIN IMMEDIATE")
            migrations.MIGRATIONS[v][1](conn)
            conn.execute(f"PRAGMA user_version = {v}")
            conn.execute("COMMIT")
    finally:
        conn.close()


@pytest.fixture
def extra_migration() -> Iterator[list[int]]:
    """Register a test migration (number 38, inside the seams range) for the test's duration."""
    ran: list[int] = []

    def add_table(conn: Any) -> None:
        conn.execute("CREATE TABLE gap_probe (id INTEGER PRIMARY KEY)")
        ran.append(38)

    migrations.migration(38, "test: a lower number registered later")(add_table)
    try:
        yield ran
    finally:
        migrations.MIGRATIONS.pop(38, None)


def test_new_vault_records_every_version(tmp_path: Path) -> None:
    Vault.create(tmp_path / "v.db", KEY, tmp_path / "b").close()
    applied, high = _record(tmp_path / "v.db")
    assert applied == set(migrations.MIGRATIONS) and high == migrations.latest_version()


def test_legacy_vault_gets_only_the_versions_it_lacks(tmp_path: Path) -> None:
    _legacy_vault(tmp_path / "v.db")
    Vault.open(tmp_path / "v.db", KEY, tmp_path / "b").close()  # re-running 1 or 10 would fail (tables exist)
    applied, high = _record(tmp_path / "v.db")
    assert applied == set(migrations.MIGRATIONS) and high == migrations.latest_version()
    assert {"job_postings", "resume_variants", "_migrations"} <= _tables(tmp_path / "v.db")
    assert [b.reason for b in list_backups(tmp_path / "b")] == [f"before-migration-{migrations.latest_version()}"]


def test_a_lower_version_registered_later_still_runs(tmp_path: Path, extra_migration: list[int]) -> None:
    del migrations.MIGRATIONS[38]
    Vault.create(tmp_path / "v.db", KEY, tmp_path / "b").close()  # the vault is at the highest version
    migrations.migration(38, "test: a lower number registered later")(lambda conn: (
        conn.execute("CREATE TABLE gap_probe (id INTEGER PRIMARY KEY)"), extra_migration.append(38)))
    Vault.open(tmp_path / "v.db", KEY, tmp_path / "b").close()
    Vault.open(tmp_path / "v.db", KEY, tmp_path / "b").close()  # and only once
    assert extra_migration == [38] and "gap_probe" in _tables(tmp_path / "v.db")
    applied, high = _record(tmp_path / "v.db")
    assert 38 in applied and high == migrations.latest_version()


def test_a_version_this_code_does_not_know_is_a_newer_vault(tmp_path: Path, extra_migration: list[int]) -> None:
    Vault.create(tmp_path / "v.db", KEY, tmp_path / "b").close()
    del migrations.MIGRATIONS[38]
    with pytest.raises(VaultDamaged, match="newer version"):
        Vault.open(tmp_path / "v.db", KEY, tmp_path / "b")
