"""An opened vault: the engine over the encrypted file, migrations, backups and rekey."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sqlalchemy import Engine

from core.errors import MigrationFailed, VaultDamaged
from core.vault import migrations
from core.vault.backup import BackupInfo, Retention, newest_backup, prune, write_backup
from core.vault.db import connect_raw, make_engine, probe
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
            if migrations.current_version(conn) > migrations.latest_version():
                raise VaultDamaged("This vault was written by a newer version of Vita.")
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

    # -- maintenance --------------------------------------------------------------------------
    def integrity_check(self) -> list[str]:
        """Problems found by SQLite's integrity check and SQLCipher's page HMAC check."""
        with self.engine.connect() as conn:
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            rows += [r[0] for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()]
        return [r for r in rows if r != "ok"]

    def backup(self, *, reason: str = "scheduled", prune_after: bool = True) -> BackupInfo:
        info = write_backup(self.path, self._key, self.backups_dir, reason=reason)
        if prune_after:
            prune(self.backups_dir, self.retention)
        return info

    def checkpoint(self) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def export_with_key(source: Path, old_key: bytes, target: Path, new_key: bytes) -> None:
    """Write a complete copy of `source` under `new_key` into `target` (sqlcipher_export)."""
    target.unlink(missing_ok=True)
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


def replace_vault_file(new_file: Path, vault_path: Path) -> None:
    """Atomically put `new_file` in place of the vault, dropping the old WAL and shared memory."""
    # Both WALs are empty here (checkpointed with TRUNCATE while no connection was open), so
    # removing them first is safe at any crash point: the old file alone is the old vault.
    for base in (new_file, vault_path):
        for extra in ("-wal", "-shm"):
            Path(str(base) + extra).unlink(missing_ok=True)
    os.replace(new_file, vault_path)
    fsync_dir(vault_path.parent)
