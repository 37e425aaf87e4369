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


class KeyFileDamaged(VaultLocked):
    """keys.json is unreadable, the wrong shape, out of bounds or altered; its copy is tried."""

    code = "key_file_damaged"


class VaultExists(VaultError):
    code = "vault_exists"


class ProfileNotFound(VaultError):
    code = "profile_not_found"


class KeychainUnavailable(VaultError):
    """The OS keychain is absent, failed or timed out; callers fall back to a passphrase."""

    code = "keychain_unavailable"


class MigrationFailed(VaultError):
    code = "migration_failed"


class VaultBusy(VaultError):
    """Another process holds the profile in a way that conflicts (open while restoring...)."""

    code = "vault_busy"


class DiskFull(VitaError):
    """The disk filled up while writing; nothing half-written is kept."""

    code = "disk_full"

    def __init__(self, folder: Path, free_bytes: int | None = None, *, needed: int | None = None) -> None:
        free = "" if free_bytes is None else f" ({_size(free_bytes)} free"
        free += "" if needed is None or not free else f", {_size(needed)} needed"
        free += ")" if free else ""
        super().__init__(f"The disk holding {folder} is full{free}; nothing was changed.",
                         hint="Free some space on that disk and try again.")
        self.folder = folder
        self.free_bytes = free_bytes
        self.needed = needed


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n = n / 1024  # type: ignore[assignment]
    return str(n)


class NotFound(VitaError):
    """A fact, document or other record with that id does not exist."""

    code = "not_found"


class InvalidInput(VitaError):
    """A value given by the person or a caller is not acceptable."""

    code = "invalid_input"


class NothingToUndo(VitaError):
    code = "nothing_to_undo"


class UndoOutdated(VitaError):
    """A saved step cannot be undone: rows it wrote have changed since."""

    code = "undo_outdated"


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


class LanguageModelUnavailable(VitaError):
    """The optional local language model did not answer usefully (off, refused, timed out, garbage)."""

    code = "llm_unavailable"
