"""Restore a backup in place of the live vault: verified first, crash-safe, the current file kept.

Order (each step survives a crash): find which key opens the backup and check every page ->
stage a copy under the current key beside the vault and check it again -> keep the current
vault (a 'before-restore' backup, or a byte copy when it is damaged) -> atomic rename over the
vault file. A crash before the rename leaves the old vault; after it, the restored one.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from core.errors import DiskFull, VaultDamaged, WrongKey
from core.safe_write import disk_full_as_error, fsync_dir
from core.vault.backup import file_problem, keep_damaged_copy, write_backup
from core.vault.db import check_file, made_with_key, probe
from core.vault.lock import exclusive_use
from core.vault.vault import export_with_key, replace_vault_file

log = logging.getLogger(__name__)

STAGED_SUFFIX = ".restore"


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    kept: Path | None  # the before-restore backup, or the byte copy of a damaged vault
    kept_damaged: bool


def find_backup_key(backup: Path, candidates: list[bytes]) -> bytes:
    """The first candidate key that opens `backup` (current key first, then earlier ones)."""
    if not backup.is_file():
        raise VaultDamaged("That backup file does not exist.")
    problem = file_problem(backup)
    if problem:
        raise VaultDamaged(f"This backup cannot be restored: it is {problem}.")
    for key in candidates:
        try:
            probe(backup, key, key_verified=False, full=False)
        except WrongKey:
            continue
        return key
    for key in candidates:  # no key opens it: a damaged first page, or another key altogether?
        if made_with_key(backup, key):
            raise VaultDamaged("This backup is damaged: its first page fails its check "
                               "(its other pages are this profile's).")
    raise WrongKey("This backup was made with a key this profile does not have (another profile's, "
                   "or one from before a rekey whose key is lost).")


def stage_backup(backup: Path, backup_key: bytes, staged: Path, key: bytes) -> None:
    """Write a checked copy of `backup` under `key` at `staged` (the backup itself is only read)."""
    check_file(backup, backup_key)
    for extra in ("", "-wal", "-shm"):
        Path(str(staged) + extra).unlink(missing_ok=True)
    if backup_key == key:
        shutil.copyfile(backup, staged)
        os.chmod(staged, 0o600)
    else:
        plain_copy = staged.with_name(staged.name + ".src")
        shutil.copyfile(backup, plain_copy)
        os.chmod(plain_copy, 0o600)
        try:
            export_with_key(plain_copy, backup_key, staged, key)
        finally:
            for extra in ("", "-wal", "-shm"):
                Path(str(plain_copy) + extra).unlink(missing_ok=True)
    with staged.open("rb+") as fh:
        os.fsync(fh.fileno())
    fsync_dir(staged.parent)
    check_file(staged, key)


def keep_current(vault_path: Path, key: bytes, backups_dir: Path) -> tuple[Path | None, bool]:
    """Back up the live vault before it is replaced; copy its bytes aside when it is damaged."""
    if not vault_path.exists():
        return None, False
    try:
        return write_backup(vault_path, key, backups_dir, reason="before-restore").path, False
    except DiskFull:
        raise
    except Exception:  # damaged (HMAC, malformed) or unreadable: keep the bytes as they are
        log.warning("the current vault could not be backed up; keeping a byte copy instead")
        return keep_damaged_copy(vault_path, backups_dir), True


def restore_backup(vault_path: Path, key: bytes, backup: Path, backups_dir: Path,
                   *, earlier_keys: list[bytes] | None = None) -> RestoreResult:
    """Replace the (closed) vault at `vault_path` with `backup`; see the module docstring."""
    with exclusive_use(vault_path, "restore a backup"), disk_full_as_error(vault_path.parent):
        return _restore_locked(vault_path, key, backup, backups_dir, earlier_keys=earlier_keys)


def _restore_locked(vault_path: Path, key: bytes, backup: Path, backups_dir: Path,
                    *, earlier_keys: list[bytes] | None) -> RestoreResult:
    backup_key = find_backup_key(backup, [key, *(earlier_keys or [])])
    staged = vault_path.with_name(vault_path.name + STAGED_SUFFIX)
    try:
        stage_backup(backup, backup_key, staged, key)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    try:
        kept, damaged = keep_current(vault_path, key, backups_dir)
    except BaseException:
        discard_staged_restore(vault_path)
        raise
    replace_vault_file(staged, vault_path)
    return RestoreResult(backup, kept, damaged)


def discard_staged_restore(vault_path: Path) -> None:
    """Remove what an interrupted restore left behind (the live vault was never touched)."""
    staged = vault_path.with_name(vault_path.name + STAGED_SUFFIX)
    for path in (staged, staged.with_name(staged.name + ".src")):
        for extra in ("", "-wal", "-shm"):
            Path(str(path) + extra).unlink(missing_ok=True)
