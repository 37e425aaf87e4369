"""The encrypted vault: keys, the SQLCipher file, migrations, backups and profiles."""

from core.vault.backup import BackupInfo, Retention, list_backups
from core.vault.keys import Argon2Params
from core.vault.profiles import Profile, ProfileStore, UnlockResult
from core.vault.vault import Vault

__all__ = ["Argon2Params", "BackupInfo", "Profile", "ProfileStore", "Retention", "UnlockResult", "Vault",
           "list_backups"]
