"""One exception hierarchy for everything Vita raises; every message is safe to show a person."""

from __future__ import annotations

from pathlib import Path


class VitaError(Exception):
    """Base of every error Vita raises on purpose. `str(err)` is a user-safe message."""

    code = "vita_error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def to_dict(self) -> dict[str, str]:
        out = {"type": type(self).__name__, "code": self.code, "message": self.message}
        if self.hint:
            out["hint"] = self.hint
        return out


class Cancelled(VitaError):
    """The person (or a cancel token) stopped the operation; shown silently."""

    code = "cancelled"

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)


class VaultError(VitaError):
    code = "vault_error"


class WrongKey(VaultError):
    """The key, passphrase or recovery key does not open this vault."""

    code = "wrong_key"

    def __init__(self, message: str = "Wrong passphrase or key.") -> None:
        super().__init__(message)


class VaultDamaged(VaultError):
    """The vault file is damaged; it is left untouched and the newest backup is offered."""

    code = "vault_damaged"

    def __init__(self, message: str, *, backup: Path | None = None) -> None:
        hint = f"Restore the newest backup: {backup.name}" if backup else "No backup is available."
        super().__init__(message, hint=hint)
        self.backup = backup


class VaultLocked(VaultError):
    """No way to unlock the vault is available right now (keychain empty, no passphrase given)."""

    code = "vault_locked"


class VaultExists(VaultError):
    code = "vault_exists"


class ProfileNotFound(VaultError):
    code = "profile_not_found"


class KeychainUnavailable(VaultError):
    """The OS keychain is absent, failed or timed out; callers fall back to a passphrase."""

    code = "keychain_unavailable"


class MigrationFailed(VaultError):
    code = "migration_failed"


class NotFound(VitaError):
    """A fact, document or other record with that id does not exist."""

    code = "not_found"


class InvalidInput(VitaError):
    """A value given by the person or a caller is not acceptable."""

    code = "invalid_input"


class NothingToUndo(VitaError):
    code = "nothing_to_undo"


class DocumentError(VitaError):
    """Base for problems reading a document."""

    code = "document_error"


class UnsupportedFile(DocumentError):
    code = "unsupported_file"


class FileTooLarge(DocumentError):
    code = "file_too_large"


class PasswordProtected(DocumentError):
    code = "password_protected"


class NeedsOCR(DocumentError):
    code = "needs_ocr"


class HostileFile(DocumentError):
    """A file rejected by a safety check (zip bomb, DOCTYPE, pixel budget...)."""

    code = "hostile_file"


class ParseTimeout(DocumentError):
    code = "parse_timeout"


class OCRPageTimeout(DocumentError):
    """Reading a scanned page took longer than its budget (a slow page, not a hostile file)."""

    code = "ocr_page_timeout"

    def __init__(self, message: str, *, hint: str | None = None, page: int | None = None) -> None:
        super().__init__(message, hint=hint)
        self.page = page


class ParseFailed(DocumentError):
    """The parser could not read a (probably damaged) file; the worker was replaced."""

    code = "parse_failed"


class OntologyError(VitaError):
    code = "ontology_error"


class OntologyMissing(OntologyError):
    """O*NET has not been imported yet; the starter lexicon is used instead."""

    code = "ontology_missing"


class ExportError(VitaError):
    code = "export_error"


class ImportFailed(VitaError):
    code = "import_failed"
