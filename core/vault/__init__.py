"""The encrypted vault: keys, the SQLCipher file, migrations, backups and profiles.

Names load on first access (PEP 562) so that listing profiles does not import SQLAlchemy."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.vault.backup import BackupInfo, Retention, list_backups
    from core.vault.keys import Argon2Params
    from core.vault.profiles import Profile, ProfileStore, UnlockResult
    from core.vault.vault import Vault

_HOMES = {
    "BackupInfo": "core.vault.backup", "Retention": "core.vault.backup", "list_backups": "core.vault.backup",
    "Argon2Params": "core.vault.keys", "Profile": "core.vault.profiles", "ProfileStore": "core.vault.profiles",
    "UnlockResult": "core.vault.profiles", "Vault": "core.vault.vault",
}

__all__ = ["Argon2Params", "BackupInfo", "Profile", "ProfileStore", "Retention", "UnlockResult", "Vault",
           "list_backups"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'core.vault' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
