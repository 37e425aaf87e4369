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
from core.safe_write import disk_full_as_error, fsync_dir
from core.vault import migrations
from core.vault.backup import (
    BackupInfo,
    Retention,
    keep_wal_copy,
    newest_backup,
    prune,
    write_backup,
)
from core.vault.db import connect_raw, is_key_error, make_engine, probe
from core.vault.keys import key_check, sqlcipher_key_literal
from core.vault.lock import SHARED_WAIT_S, ProfileLock, lock_holders, lock_path_for
from core.vault.wal_check import inspect_wal

log = logging.getLogger(__name__)


class Vault:
    """One profile's encrypted database. Create with `Vault.create`, open with `Vault.open`."""

    def __init__(self, path: Path, key: bytes, backups_dir: Path, *, lock: ProfileLock | None = None) -> None:
        self.path = path
        self.backups_dir = backups_dir
        self._key = key
        # Held shared while open: a restore or rekey in another process waits for it to close.
        self.lock = lock or ProfileLock(path).acquire(exclusive=False, wait_s=SHARED_WAIT_S, doing="open the vault")
        self.engine: Engine = make_engine(path, key)
        self.retention = Retention()
        self.warnings: list[str] = []  # what the person must be told about this open (damaged WAL)

    # -- lifecycle ----------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, key: bytes, backups_dir: Path) -> Vault:
        from core.vault.db import create_file

        lock = ProfileLock(path).acquire(exclusive=False, wait_s=SHARED_WAIT_S, doing="create the vault")
        try:
            create_file(path, key)
            conn = connect_raw(path, key)
            try:
                migrations.apply_pending(conn)
            finally:
                conn.close()
        except BaseException:
            lock.release()
            raise
        return cls(path, key, backups_dir, lock=lock)

    @classmethod
    def open(cls, path: Path, key: bytes, backups_dir: Path, *, key_verified: bool = True,
             lock: ProfileLock | None = None) -> Vault:
        """Check the file (wrong key vs damage), migrate with a backup first, and open. `lock`: the
        profile's lock already held shared (the caller checked the key under it)."""
        lock = lock or ProfileLock(path).acquire(exclusive=False, wait_s=SHARED_WAIT_S, doing="open the vault")
        try:
            with disk_full_as_error(path.parent):
                warnings = cls._check_and_migrate(path, key, backups_dir, key_verified=key_verified)
        except BaseException:
            lock.release()
            raise
        vault = cls(path, key, backups_dir, lock=lock)
        vault.warnings = warnings
        return vault

    @staticmethod
    def _check_and_migrate(path: Path, key: bytes, backups_dir: Path, *, key_verified: bool) -> list[str]:
        warnings = []
        # A WAL another open process is writing is live, not a crash's leftover: not read here.
        live = any(pid != os.getpid() for pid in lock_holders(lock_path_for(path)))
        wal = None if live else inspect_wal(Path(str(path) + "-wal"))
        if wal is not None and wal.lost_commits:
            # SQLite is about to drop committed work past a damaged frame: keep the log first.
            kept = keep_wal_copy(path, backups_dir)
            warnings.append(
                f"The vault's write-ahead log is damaged: {wal.lost_commits} saved change(s) after frame "
                f"{wal.valid} of {wal.frames} cannot be read and are missing. A copy of the log was kept as "
                f"{kept.name} in the backups folder.")
            log.warning("damaged WAL: %d commits past frame %d of %d; kept %s", wal.lost_commits, wal.valid,
                        wal.frames, kept.name)
        probe(path, key, key_verified=key_verified, backup=newest_backup(backups_dir))
        if warnings:  # before any new write, a backup of what could be read
            write_backup(path, key, backups_dir, reason="after-wal-damage")
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
        return warnings

    def close(self) -> None:
        self.engine.dispose()
        self.lock.release()

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
        backup), and a full disk into DiskFull; the file is left as it is."""
        try:
            with disk_full_as_error(self.path.parent):
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
