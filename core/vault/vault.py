"""An opened vault: the engine over the encrypted file, migrations, backups and rekey."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from core.errors import MigrationFailed, VaultDamaged
from core.vault import migrations
from core.vault.backup import BackupInfo, Retention, newest_backup, prune, write_backup
from core.vault.db import connect_raw, is_key_error, make_engine, probe
from core.vault.keys import fsync_dir, key_check, sqlcipher_key_literal

log = logging.getLogger(__name__)


class Vault:
    """One profile's encrypted database. Create with `Vault.create`, open with `Vault.open`."""

    def __init__(self, path: Path, key: bytes, backups_dir: Path) -> None:
        self.path = path
        self.backups_dir = backups_dir
        self._key = key
        self.engine: Engine = make_engine(path, key)
        self.retention = Retention()

    # -- lifecycle ----------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, key: bytes, backups_dir: Path) -> Vault:
        from core.vault.db import create_file

        create_file(path, key)
        conn = connect_raw(path, key)
        try:
            migrations.apply_pending(conn)
        finally:
            conn.close()
        return cls(path, key, backups_dir)

    @classmethod
    def open(cls, path: Path, key: bytes, backups_dir: Path, *, key_verified: bool = True) -> Vault:
        """Check the file (wrong key vs damage), migrate with a backup first, and open."""
        probe(path, key, key_verified=key_verified, backup=newest_backup(backups_dir))
        conn = connect_raw(path, key)
        try:
            if migrations.unknown_versions(conn):
                raise VaultDamaged("This vault was written by a newer version of Vita.")
            todo = migrations.pending(conn)
            if todo and migrations.current_version(conn) > 0:
                write_backup(path, key, backups_dir, reason=f"before-migration-{todo[-1]}")
            try:
                migrations.apply_pending(conn)
            except Exception as exc:
                raise MigrationFailed(
                    "Updating the vault to this version of Vita failed; nothing was changed.",
                    hint="Your data is as it was before; please report this problem.",
                ) from exc
        finally:
            conn.close()
        return cls(path, key, backups_dir)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def key_check(self) -> str:
        return key_check(self._key)

    @property
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())

    @contextlib.contextmanager
    def damage_as_error(self) -> Iterator[None]:
        """Turn a page failing its HMAC check mid-session into VaultDamaged (with the newest
        backup); the file is left as it is."""
        try:
            yield
        except DBAPIError as exc:
            if exc.orig is not None and is_key_error(exc.orig):
                raise VaultDamaged("The vault file is damaged (a page failed its check while reading).",
                                   backup=newest_backup(self.backups_dir)) from exc
            raise

    # -- maintenance --------------------------------------------------------------------------
    def _outside_transaction(self, sql: str) -> list[Any]:
        """Run a PRAGMA on a pooled connection without SQLAlchemy's autobegin (the engine's
        BEGIN IMMEDIATE would make a checkpoint fail with 'database table is locked')."""
        with self.engine.connect() as conn:
            dbapi = conn.connection.driver_connection
            assert dbapi is not None
            return list(dbapi.execute(sql).fetchall())

    def integrity_check(self) -> list[str]:
        """Problems found by SQLite's integrity check and SQLCipher's page HMAC check."""
        rows = [r[0] for r in self._outside_transaction("PRAGMA integrity_check")]
        rows += [r[0] for r in self._outside_transaction("PRAGMA cipher_integrity_check")]
        return [r for r in rows if r != "ok"]

    def backup(self, *, reason: str = "scheduled", prune_after: bool = True) -> BackupInfo:
        info = write_backup(self.path, self._key, self.backups_dir, reason=reason)
        if prune_after:
            prune(self.backups_dir, self.retention)
        return info

    def checkpoint(self) -> None:
        self._outside_transaction("PRAGMA wal_checkpoint(TRUNCATE)")


def export_with_key(source: Path, old_key: bytes, target: Path, new_key: bytes) -> None:
    """Write a complete copy of `source` under `new_key` into `target` (sqlcipher_export)."""
    remove_with_journals(target)  # a killed earlier attempt may have left a WAL or journal
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    conn = connect_raw(source, old_key)
    try:
        version = migrations.current_version(conn)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY {sqlcipher_key_literal(new_key)}", (str(target),))
        conn.execute("SELECT sqlcipher_export('rekeyed')")
        conn.execute(f"PRAGMA rekeyed.user_version = {int(version)}")
        conn.execute("DETACH DATABASE rekeyed")
    finally:
        conn.close()
    new = connect_raw(target, new_key)
    try:
        new.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        new.close()
    with target.open("rb+") as fh:
        os.fsync(fh.fileno())
    fsync_dir(target.parent)


def remove_with_journals(path: Path) -> None:
    """Delete a database file and any -wal, -shm or -journal beside it."""
    for extra in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + extra).unlink(missing_ok=True)


def replace_vault_file(new_file: Path, vault_path: Path) -> None:
    """Atomically put `new_file` in place of the vault, dropping the old WAL and shared memory."""
    # Both WALs are empty here (checkpointed with TRUNCATE while no connection was open), so
    # removing them first is safe at any crash point: the old file alone is the old vault.
    for base in (new_file, vault_path):
        for extra in ("-wal", "-shm"):
            Path(str(base) + extra).unlink(missing_ok=True)
    os.replace(new_file, vault_path)
    fsync_dir(vault_path.parent)
