"""Profiles: one vault per person (a coach may keep several), each in its own folder.

    profiles/<id>/profile.json   name and creation time
    profiles/<id>/vault.db       the SQLCipher vault (+ -wal, -shm)
    profiles/<id>/keys.json      wrapped copies of the vault key
    profiles/<id>/backups/       encrypted backups
    profiles/<id>/cache/         derived data (rebuildable)
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import (
    InvalidInput,
    KeychainUnavailable,
    KeyFileDamaged,
    ProfileNotFound,
    VaultExists,
    VaultLocked,
    WrongKey,
)
from core.safe_write import disk_full_as_error, make_private_dir, write_atomic
from core.vault import keys as k

# The SQLCipher/SQLAlchemy stack loads on first use, so listing profiles (the unlock dialog,
# right after the window's first paint) stays cheap.
if TYPE_CHECKING:
    from core.vault.backup import BackupInfo
    from core.vault.restore import RestoreResult
    from core.vault.vault import Vault

    BackupList = list[BackupInfo]  # `list` is shadowed by ProfileStore.list inside the class

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    name: str
    dir: Path
    created_at: str

    @property
    def vault_path(self) -> Path:
        return self.dir / "vault.db"

    @property
    def keys_path(self) -> Path:
        return self.dir / "keys.json"

    @property
    def backups_dir(self) -> Path:
        return self.dir / "backups"

    @property
    def cache_dir(self) -> Path:
        return self.dir / "cache"

    @property
    def keys_copy_path(self) -> Path:
        return self.backups_dir / "keys.json"

    def keyfile(self) -> k.KeyFile:
        """keys.json, or the copy kept with the backups when keys.json is lost, damaged or
        belongs to another profile."""
        try:
            return self._own_keyfile(self.keys_path)
        except VaultLocked as first:
            if not self.keys_copy_path.is_file():
                raise
            log.warning("keys.json unusable (%s); using the copy kept with the backups", first.code)
            try:
                return self._own_keyfile(self.keys_copy_path)
            except VaultLocked as second:
                raise type(first)(f"{first.message} The copy kept with the backups is unusable too "
                                  f"({second.message})") from second

    def keyfile_copy(self) -> k.KeyFile | None:
        """The copy of keys.json kept with the backups, when it is usable."""
        try:
            return self._own_keyfile(self.keys_copy_path) if self.keys_copy_path.is_file() else None
        except VaultLocked:
            return None

    def _own_keyfile(self, path: Path) -> k.KeyFile:
        kf = k.KeyFile.load(path)
        if kf.vault_id != self.id:
            raise KeyFileDamaged("This profile's key file belongs to another profile (its vault id differs).")
        return kf

    def save_keys(self, kf: k.KeyFile) -> None:
        """Save keys.json and a copy beside the backups: without the wrapped keys neither the
        passphrase nor the recovery key can open the vault or any backup."""
        kf.save(self.keys_path)
        make_private_dir(self.backups_dir)
        kf.save(self.keys_copy_path)


@dataclass(frozen=True, slots=True)
class UnlockResult:
    key: bytes
    method: str  # keychain | passphrase | recovery


class ProfileStore:
    """Create, list, rename, delete and unlock profiles under one root folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    # -- listing ------------------------------------------------------------------------------
    def list(self) -> list[Profile]:
        out = []
        if self.root.is_dir():
            for d in sorted(self.root.iterdir()):
                meta = d / "profile.json"
                if meta.is_file():
                    try:
                        data = json.loads(meta.read_text("utf-8"))
                    except (OSError, ValueError):
                        continue
                    out.append(Profile(data["id"], data["name"], d, data.get("created_at", "")))
        return sorted(out, key=lambda p: p.name.lower())

    def get(self, name_or_id: str | None = None) -> Profile:
        profiles = self.list()
        if name_or_id is None:
            if len(profiles) == 1:
                return profiles[0]
            if not profiles:
                raise ProfileNotFound("No profile exists yet; create one first.")
            raise ProfileNotFound("Several profiles exist; choose one with --profile.")
        for p in profiles:
            if name_or_id in (p.id, p.name) or p.name.lower() == name_or_id.lower():
                return p
        raise ProfileNotFound(f"No profile named {name_or_id!r}.")

    # -- create / rename / delete ---------------------------------------------------------------
    def create(self, name: str, *, passphrase: str, use_keychain: bool = False,
               argon: k.Argon2Params | None = None) -> tuple[Profile, str]:
        """Create the profile and its vault; returns the profile and the recovery key (show once)."""
        name = _clean_name(name)
        if any(p.name.lower() == name.lower() for p in self.list()):
            raise VaultExists(f"A profile named {name!r} already exists.")
        pid = uuid.uuid4().hex
        d = self.root / pid
        d.mkdir(parents=True, mode=0o700)
        profile = Profile(pid, name, d, datetime.now(UTC).isoformat(timespec="seconds"))
        key = k.new_vault_key()
        recovery = k.new_recovery_key()
        kf = k.KeyFile(vault_id=pid, check=k.key_check(key))
        kf.set_passphrase(key, passphrase, argon)
        kf.set_recovery(key, recovery)
        if use_keychain:
            try:
                k.keychain_store(pid, key)
                kf.keychain = True
            except KeychainUnavailable:
                log.warning("keychain unavailable; the passphrase alone unlocks this profile")
        profile.save_keys(kf)
        from core.vault.vault import Vault

        Vault.create(profile.vault_path, key, profile.backups_dir).close()
        self._write_meta(profile)
        return profile, recovery

    def rename(self, profile: Profile, new_name: str) -> Profile:
        new_name = _clean_name(new_name)
        if any(p.name.lower() == new_name.lower() and p.id != profile.id for p in self.list()):
            raise VaultExists(f"A profile named {new_name!r} already exists.")
        renamed = Profile(profile.id, new_name, profile.dir, profile.created_at)
        self._write_meta(renamed)
        return renamed

    def delete(self, profile: Profile) -> None:
        """Remove the vault, its backups, caches and the keychain entry."""
        from core.vault.lock import exclusive_use

        with exclusive_use(profile.vault_path, "delete this profile"):
            self._delete_locked(profile)

    def _delete_locked(self, profile: Profile) -> None:
        try:
            k.keychain_delete(profile.id)
        except KeychainUnavailable:
            log.warning("could not reach the keychain to delete this profile's entry")
        shutil.rmtree(profile.dir)

    def _write_meta(self, profile: Profile) -> None:
        data = {"id": profile.id, "name": profile.name, "created_at": profile.created_at}
        write_atomic(profile.dir / "profile.json", json.dumps(data).encode("utf-8"))

    # -- unlock -------------------------------------------------------------------------------
    def unlock(self, profile: Profile, *, passphrase: str | None = None, recovery_key: str | None = None,
               use_keychain: bool = True, keychain_timeout: float = k.KEYCHAIN_TIMEOUT_S) -> UnlockResult:
        """Keychain first (bounded by a timeout), then the passphrase, then the recovery key."""
        from core.vault.lock import try_exclusive
        from core.vault.restore import discard_staged_restore

        tidy = try_exclusive(profile.vault_path)  # None: another process is using the profile now
        if tidy is not None:
            try:
                _finish_interrupted_rekey(profile, profile.keyfile())
                discard_staged_restore(profile.vault_path)
            finally:
                tidy.release()
        kf = profile.keyfile()
        if use_keychain and kf.keychain:
            try:
                key = k.keychain_load(profile.id, timeout=keychain_timeout)
                if key is not None:
                    return UnlockResult(kf.verify(key), "keychain")
            except (KeychainUnavailable, WrongKey):
                log.info("keychain did not unlock this profile; asking for the passphrase")
        if not passphrase and not recovery_key:
            raise VaultLocked("Enter your passphrase or recovery key to unlock this profile.")
        try:
            return _unwrap_with(kf, passphrase, recovery_key)
        except (WrongKey, KeyFileDamaged) as first:
            # An altered wrap or check value looks like a wrong secret: the copy decides.
            copy = profile.keyfile_copy()
            if copy is None or (copy.check == kf.check and copy.wraps == kf.wraps):
                raise
            try:
                found = _unwrap_with(copy, passphrase, recovery_key)
                _opens_vault(profile, found.key)  # a copy left stale by a crash mid-rekey does not
            except (WrongKey, KeyFileDamaged):
                raise first from None
            log.warning("keys.json did not unlock but its copy did: keys.json was altered")
            return found

    def open_vault(self, profile: Profile, key: bytes) -> Vault:
        """Open with a key checked against keys.json first: a wrong key is WrongKey, and only a
        right key that fails on the file means VaultDamaged."""
        from core.vault.lock import SHARED_WAIT_S, ProfileLock
        from core.vault.vault import Vault

        # The key is checked under the lock: a rekey finishing meanwhile makes it WrongKey, not damage.
        lock = ProfileLock(profile.vault_path).acquire(exclusive=False, wait_s=SHARED_WAIT_S, doing="open the vault")
        try:
            profile.keyfile().verify(key)
        except BaseException:
            lock.release()
            raise
        return Vault.open(profile.vault_path, key, profile.backups_dir, lock=lock)

    # -- backups ------------------------------------------------------------------------------
    def backups(self, profile: Profile) -> BackupList:
        """The profile's backups, newest first."""
        from core.vault.backup import list_backups

        return list_backups(profile.backups_dir)

    def restore(self, profile: Profile, key: bytes, backup_path: Path) -> RestoreResult:
        """Put `backup_path` in place of the profile's (closed) vault, keeping the current file.

        The backup must open with the current key or an earlier one (backups made before a
        rekey) and pass the full integrity check; it is re-encrypted under the current key.
        """
        from core.vault.restore import restore_backup

        kf = profile.keyfile()
        earlier = kf.retired_keys(kf.verify(key))
        return restore_backup(profile.vault_path, key, backup_path, profile.backups_dir,
                              earlier_keys=earlier)

    # -- key changes --------------------------------------------------------------------------
    def change_passphrase(self, profile: Profile, key: bytes, new_passphrase: str,
                          argon: k.Argon2Params | None = None) -> None:
        kf = profile.keyfile()
        kf.set_passphrase(kf.verify(key), new_passphrase, argon)
        profile.save_keys(kf)

    def rotate_recovery(self, profile: Profile, key: bytes) -> str:
        kf = profile.keyfile()
        recovery = k.new_recovery_key()
        kf.set_recovery(kf.verify(key), recovery)
        profile.save_keys(kf)
        return recovery

    def set_keychain(self, profile: Profile, key: bytes, enabled: bool) -> bool:
        """Store or remove the key in the OS keychain; returns whether it is now used."""
        kf = profile.keyfile()
        kf.verify(key)
        if enabled:
            k.keychain_store(profile.id, key)
        else:
            try:
                k.keychain_delete(profile.id)
            except KeychainUnavailable:
                log.warning("could not reach the keychain to remove the key")
        kf.keychain = enabled
        profile.save_keys(kf)
        return enabled

    def rekey(self, profile: Profile, old_key: bytes, *, passphrase: str,
              argon: k.Argon2Params | None = None) -> tuple[bytes, str]:
        """Re-encrypt the vault under a fresh key. The vault must be closed by the caller.

        Crash-safe: the new file is complete and the new key's wraps are saved as `pending`
        before the atomic swap, so after a crash either key opens a fully valid vault.
        Returns the new key and a new recovery key (the old one no longer works).
        """
        from core.vault.lock import exclusive_use

        with exclusive_use(profile.vault_path, "re-encrypt the vault"), disk_full_as_error(profile.dir):
            return self._rekey_locked(profile, old_key, passphrase=passphrase, argon=argon)

    def _rekey_locked(self, profile: Profile, old_key: bytes, *, passphrase: str,
                      argon: k.Argon2Params | None) -> tuple[bytes, str]:
        from core.vault.vault import (
            Vault,
            export_with_key,
            remove_with_journals,
            replace_vault_file,
        )

        _finish_interrupted_rekey(profile, profile.keyfile())
        kf = profile.keyfile()
        kf.verify(old_key)
        if not passphrase:
            raise InvalidInput("A passphrase is needed to protect the new key.")
        v = Vault.open(profile.vault_path, old_key, profile.backups_dir)
        try:
            v.backup(reason="before-rekey")
        finally:
            v.close()
        new_key = k.new_vault_key()
        recovery = k.new_recovery_key()
        staged = k.KeyFile(vault_id=profile.id, check=k.key_check(new_key), keychain=kf.keychain)
        staged.set_passphrase(new_key, passphrase, argon)
        staged.set_recovery(new_key, recovery)
        staged.retire(new_key, [old_key, *kf.retired_keys(old_key)])  # old backups stay usable
        tmp = profile.dir / "vault.db.rekey"
        try:
            export_with_key(profile.vault_path, old_key, tmp, new_key)
        except BaseException:
            remove_with_journals(tmp)  # the vault and keys.json are as they were
            raise
        kf.pending = {"check": staged.check, "wraps": staged.wraps, "retired": staged.retired}
        profile.save_keys(kf)
        replace_vault_file(tmp, profile.vault_path)
        profile.save_keys(staged)
        if staged.keychain:
            try:
                k.keychain_store(profile.id, new_key)
            except KeychainUnavailable:
                log.warning("could not update the keychain; the passphrase unlocks the vault")
        return new_key, recovery


def _opens_vault(profile: Profile, key: bytes) -> None:
    """WrongKey unless `key` opens the vault file's first page."""
    from core.vault.db import probe

    if profile.vault_path.exists():
        probe(profile.vault_path, key, key_verified=False, full=False)


def _unwrap_with(kf: k.KeyFile, passphrase: str | None, recovery_key: str | None) -> UnlockResult:
    if passphrase:
        return UnlockResult(kf.unwrap_passphrase(passphrase), "passphrase")
    return UnlockResult(kf.unwrap_recovery(recovery_key or ""), "recovery")


def _finish_interrupted_rekey(profile: Profile, kf: k.KeyFile) -> None:
    """After a crash mid-rekey, keep whichever key the vault file is actually encrypted with."""
    from core.vault.vault import remove_with_journals

    tmp = profile.dir / "vault.db.rekey"
    if not kf.pending:
        remove_with_journals(tmp)
        return
    if tmp.exists():
        # The swap had not happened: the old file and old key are intact.
        remove_with_journals(tmp)
        kf.pending = None
        profile.save_keys(kf)
        return
    # The swap happened: the file is under the new key; promote the staged wraps.
    promoted = k.KeyFile(vault_id=kf.vault_id, check=kf.pending["check"], wraps=kf.pending["wraps"],
                         keychain=kf.keychain, retired=list(kf.pending.get("retired", [])))
    profile.save_keys(promoted)


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name or "").strip()
    if not name or len(name) > 80:
        raise InvalidInput("A profile name must be 1 to 80 characters.")
    return name
