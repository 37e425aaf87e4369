"""Re-encrypting a profile's vault under a fresh key, and settling a rekey a crash interrupted.

Crash-safe: the new file is complete and the new key's wraps are saved as `pending` before the
atomic swap, so after a crash either key opens a fully valid vault; the next open keeps
whichever key the file is actually encrypted with.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from core.errors import InvalidInput, KeychainUnavailable
from core.vault import keys as k

if TYPE_CHECKING:
    from core.vault.profiles import Profile

log = logging.getLogger(__name__)


def rekey_locked(profile: Profile, old_key: bytes, *, passphrase: str,
                 argon: k.Argon2Params | None) -> tuple[bytes, str]:
    """The rekey itself, with the profile held exclusively (see `ProfileStore.rekey`)."""
    from core.vault.vault import (
        Vault,
        export_with_key,
        remove_with_journals,
        replace_vault_file,
    )

    finish_interrupted_rekey(profile, profile.keyfile())
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


def settle_interrupted_rekey(profile: Profile, lock: Any) -> None:
    """Finish a killed rekey under the held lock, taken exclusive for the moment (skipped when
    another process still has the profile: it will settle it)."""
    from core.errors import VaultBusy

    try:
        lock.acquire(exclusive=True, wait_s=0.5, doing="finish an interrupted re-encryption")
    except VaultBusy:
        return
    try:
        finish_interrupted_rekey(profile, profile.keyfile())
    finally:
        lock.downgrade()


def finish_interrupted_rekey(profile: Profile, kf: k.KeyFile) -> None:
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
