"""Key management: a random 256-bit vault key, stored only wrapped.

Wraps: a passphrase (Argon2id -> AES-256-GCM), a recovery key shown once (HKDF -> AES-256-GCM),
and optionally the OS keychain (through `keyring`, every call bounded by a timeout). A key-check
value (HMAC of a constant under the vault key) tells a wrong key from a damaged vault file.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.errors import InvalidInput, KeychainUnavailable, KeyFileDamaged, VaultLocked, WrongKey
from core.safe_write import write_atomic
from core.vault.keyfile_schema import validate_keyfile

KEY_BYTES = 32
KEYFILE_VERSION = 1
KEYCHAIN_SERVICE = "Vita vault"
KEYCHAIN_TIMEOUT_S = 2.0
_CHECK_LABEL = b"vita-key-check-v1"
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Argon2Params:
    """Argon2id cost; the defaults follow KeePassXC-like desktop settings (64 MiB, 3 passes)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        return hash_secret_raw(
            secret, salt, time_cost=self.time_cost, memory_cost=self.memory_kib,
            parallelism=self.parallelism, hash_len=KEY_BYTES, type=Type.ID,
        )


DEFAULT_ARGON2 = Argon2Params()  # what new passphrases use; tests may lower it for speed


def new_vault_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_check(key: bytes) -> str:
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).hexdigest()


def sqlcipher_key_literal(key: bytes) -> str:
    """The raw-key form of PRAGMA key (skips SQLCipher's own KDF)."""
    return f"\"x'{key.hex()}'\""


def new_recovery_key() -> str:
    """A 128-bit recovery key in eight groups of five, easy to write down."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(40))
    return "-".join(chars[i : i + 5] for i in range(0, 40, 5))


def normalise_recovery_key(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(cleaned) != 40 or any(ch not in _RECOVERY_ALPHABET for ch in cleaned):
        raise InvalidInput("That is not a recovery key (expected 8 groups of 5 letters and digits).")
    return "-".join(cleaned[i : i + 5] for i in range(0, 40, 5))


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: str) -> bytes:
    return base64.b64decode(s.encode("ascii"))


def _wrap(kek: bytes, key: bytes, aad: bytes) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    return {"nonce": _b64(nonce), "ct": _b64(AESGCM(kek).encrypt(nonce, key, aad))}


def _unwrap(kek: bytes, blob: dict[str, Any], aad: bytes) -> bytes:
    try:
        return AESGCM(kek).decrypt(_unb64(blob["nonce"]), _unb64(blob["ct"]), aad)
    except (InvalidTag, KeyError, ValueError) as exc:
        raise WrongKey() from exc


def _recovery_kek(recovery: str, salt: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"vita-recovery")
    return hkdf.derive(normalise_recovery_key(recovery).encode("ascii"))


@dataclass(slots=True)
class KeyFile:
    """`keys.json` beside the vault: wrapped copies of the vault key, never the key itself."""

    vault_id: str
    check: str
    wraps: dict[str, dict[str, Any]] = field(default_factory=dict)
    keychain: bool = False
    pending: dict[str, Any] | None = None  # a rekey in flight: the new key's check and wraps
    # Earlier vault keys (after a rekey), each wrapped under the current key: older backups
    # stay restorable. Shape: [{"check": hex, "nonce": b64, "ct": b64}].
    retired: list[dict[str, str]] = field(default_factory=list)

    # -- persistence ---------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Read and validate keys.json; any wrong shape or out-of-range cost is KeyFileDamaged."""
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError as exc:
            raise VaultLocked("This profile's key file is missing; use a backup copy of keys.json.") from exc
        except (OSError, ValueError, RecursionError) as exc:
            raise KeyFileDamaged("This profile's key file is unreadable.") from exc
        validate_keyfile(data)
        return cls(
            vault_id=data["vault_id"], check=data["check"], wraps=data.get("wraps", {}),
            keychain=bool(data.get("keychain")), pending=data.get("pending"),
            retired=list(data.get("retired", [])),
        )

    def save(self, path: Path) -> None:
        data = {
            "version": KEYFILE_VERSION, "vault_id": self.vault_id, "check": self.check,
            "wraps": self.wraps, "keychain": self.keychain, "pending": self.pending,
            "retired": self.retired,
        }
        write_atomic(path, json.dumps(data, indent=1).encode("utf-8"))

    # -- wrapping ------------------------------------------------------------------------------
    def _aad(self) -> bytes:
        return f"vita:{self.vault_id}".encode()

    def set_passphrase(self, key: bytes, passphrase: str, params: Argon2Params | None = None) -> None:
        if not passphrase:
            raise InvalidInput("The passphrase must not be empty.")
        params = params or DEFAULT_ARGON2
        salt = secrets.token_bytes(16)
        kek = params.derive(passphrase.encode("utf-8"), salt)
        self.wraps["passphrase"] = {
            "kdf": "argon2id", "t": params.time_cost, "m": params.memory_kib,
            "p": params.parallelism, "salt": _b64(salt), **_wrap(kek, key, self._aad()),
        }

    def set_recovery(self, key: bytes, recovery: str) -> None:
        salt = secrets.token_bytes(16)
        self.wraps["recovery"] = {"kdf": "hkdf", "salt": _b64(salt),
                                  **_wrap(_recovery_kek(recovery, salt), key, self._aad())}

    def unwrap_passphrase(self, passphrase: str) -> bytes:
        blob = self.wraps.get("passphrase")
        if not blob:
            raise VaultLocked("No passphrase is set for this vault.")
        params = Argon2Params(int(blob["t"]), int(blob["m"]), int(blob["p"]))
        kek = params.derive(passphrase.encode("utf-8"), _unb64(blob["salt"]))
        return self._unwrapped(_unwrap(kek, blob, self._aad()))

    def unwrap_recovery(self, recovery: str) -> bytes:
        blob = self.wraps.get("recovery")
        if not blob:
            raise VaultLocked("No recovery key is set for this vault.")
        kek = _recovery_kek(recovery, _unb64(blob["salt"]))
        return self._unwrapped(_unwrap(kek, blob, self._aad()))

    def _unwrapped(self, key: bytes) -> bytes:
        """A key AES-GCM authenticated that still fails the check value: the file was altered."""
        if not hmac.compare_digest(key_check(key), self.check):
            raise KeyFileDamaged("This profile's key file is damaged (its check value was changed).")
        return key

    def _verified(self, key: bytes) -> bytes:
        if not hmac.compare_digest(key_check(key), self.check):
            raise WrongKey()
        return key

    def verify(self, key: bytes) -> bytes:
        return self._verified(key)

    # -- earlier keys (for backups written before a rekey) --------------------------------------
    def retired_keys(self, key: bytes) -> list[bytes]:
        """The earlier vault keys, newest first, unwrapped with the current (verified) key."""
        self._verified(key)
        return [_unwrap(key, blob, self._aad() + b":retired") for blob in self.retired]

    def retire(self, current: bytes, old_keys: list[bytes]) -> None:
        """Store `old_keys` (newest first) wrapped under `current`, replacing the list."""
        self.retired = [{"check": key_check(old), **_wrap(current, old, self._aad() + b":retired")}
                        for old in old_keys]


# -- OS keychain ---------------------------------------------------------------------------------


def _bounded(fn: Callable[[], T], timeout: float) -> T:
    """Run a keyring call on a daemon thread; a backend that hangs cannot hang Vita."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:
            box["error"] = exc

    t = threading.Thread(target=run, name="vita-keychain", daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise KeychainUnavailable("The system keychain did not answer in time.")
    if "error" in box:
        raise KeychainUnavailable("The system keychain is not available.") from box["error"]
    return box["value"]  # type: ignore[no-any-return]


def keychain_store(vault_id: str, key: bytes, *, timeout: float = KEYCHAIN_TIMEOUT_S) -> None:
    import keyring

    _bounded(lambda: keyring.set_password(KEYCHAIN_SERVICE, vault_id, _b64(key)), timeout)


def keychain_load(vault_id: str, *, timeout: float = KEYCHAIN_TIMEOUT_S) -> bytes | None:
    import keyring

    value = _bounded(lambda: keyring.get_password(KEYCHAIN_SERVICE, vault_id), timeout)
    if not value:
        return None
    try:
        return _unb64(value)
    except ValueError:
        return None


def keychain_delete(vault_id: str, *, timeout: float = KEYCHAIN_TIMEOUT_S) -> None:
    import keyring
    from keyring.errors import PasswordDeleteError

    def delete() -> None:
        try:
            keyring.delete_password(KEYCHAIN_SERVICE, vault_id)
        except PasswordDeleteError:
            pass

    _bounded(delete, timeout)


def keychain_present(*, timeout: float = KEYCHAIN_TIMEOUT_S) -> bool:
    """Whether a working OS keychain backend is configured (not keyring's fail or null backend)."""

    def probe() -> bool:
        import keyring

        backend = keyring.get_keyring()
        name = type(backend).__module__ + "." + type(backend).__name__
        if name.startswith(("keyring.backends.fail", "keyring.backends.null")):
            return False
        if hasattr(backend, "backends"):  # a chainer: present when any link is
            return bool(backend.backends)
        return True

    try:
        return _bounded(probe, timeout)
    except KeychainUnavailable:
        return False
