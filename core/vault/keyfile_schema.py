"""The shape of keys.json, checked as a whole before any of it is used.

A key file that is valid JSON but the wrong shape (`{}`, `[]`, bad base64, `"t": "three"`) or
asks for an absurd Argon2 cost (a 64 GiB memory cost, 100,000 passes that hang unlock for
minutes) is a damaged key file: the caller then tries the copy kept with the backups.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import jsonschema

from core.errors import KeyFileDamaged

# Up to ten times the defaults (3 passes, 64 MiB, 2 lanes); anything above is not Vita's doing.
MAX_TIME_COST = 30
MAX_MEMORY_KIB = 640 * 1024
MAX_PARALLELISM = 20
MIN_MEMORY_KIB = 8  # Argon2's own floor is 8 KiB per lane

_B64 = {"type": "string", "pattern": r"^[A-Za-z0-9+/]+={0,2}$", "maxLength": 256}
_HEX64 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_SEALED = {"nonce": _B64, "ct": _B64}
_PASSPHRASE = {
    "type": "object",
    "required": ["kdf", "t", "m", "p", "salt", "nonce", "ct"],
    "properties": {
        "kdf": {"const": "argon2id"},
        "t": {"type": "integer", "minimum": 1, "maximum": MAX_TIME_COST},
        "m": {"type": "integer", "minimum": MIN_MEMORY_KIB, "maximum": MAX_MEMORY_KIB},
        "p": {"type": "integer", "minimum": 1, "maximum": MAX_PARALLELISM},
        "salt": _B64, **_SEALED,
    },
}
_RECOVERY = {
    "type": "object",
    "required": ["kdf", "salt", "nonce", "ct"],
    "properties": {"kdf": {"const": "hkdf"}, "salt": _B64, **_SEALED},
}
_WRAPS = {
    "type": "object",
    "properties": {"passphrase": _PASSPHRASE, "recovery": _RECOVERY},
    "additionalProperties": False,
}
_RETIRED = {"type": "array", "maxItems": 1000,
            "items": {"type": "object", "required": ["check", "nonce", "ct"],
                      "properties": {"check": _HEX64, **_SEALED}}}
KEYFILE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["vault_id", "check", "wraps"],
    "properties": {
        "version": {"type": "integer", "minimum": 1},
        "vault_id": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
        "check": _HEX64,
        "wraps": _WRAPS,
        "keychain": {"type": "boolean"},
        "retired": _RETIRED,
        "pending": {"oneOf": [{"type": "null"}, {
            "type": "object", "required": ["check", "wraps"],
            "properties": {"check": _HEX64, "wraps": _WRAPS, "retired": _RETIRED}}]},
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(KEYFILE_SCHEMA)
# Decoded sizes: 16-byte salts, 12-byte GCM nonces, a 32-byte key plus its 16-byte tag.
_SIZES = {"salt": 16, "nonce": 12, "ct": 48}


def validate_keyfile(data: Any) -> None:
    """Raise KeyFileDamaged unless `data` is a whole, sane keys.json."""
    error = jsonschema.exceptions.best_match(_VALIDATOR.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the top level"
        raise KeyFileDamaged(f"This profile's key file is damaged (wrong value at {where}).")
    pending = data.get("pending") or {}
    for blob in [*data["wraps"].values(), *pending.get("wraps", {}).values(),
                 *data.get("retired", []), *pending.get("retired", [])]:
        for name, size in _SIZES.items():
            if name in blob and len(_decode(blob[name])) != size:
                raise KeyFileDamaged(f"This profile's key file is damaged (a {name} has the wrong length).")


def _decode(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise KeyFileDamaged("This profile's key file is damaged (bad base64).") from exc
