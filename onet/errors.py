"""O*NET layer exceptions; `core`/`app` translate them into VitaError subclasses for people."""

from __future__ import annotations


class OnetError(Exception):
    """Base of every error the onet package raises on purpose; `str(err)` is user-safe."""


class OntologyNotImported(OnetError):
    """No ontology database exists at the given path (O*NET has not been imported yet)."""


class OntologyUnreadable(OnetError):
    """The ontology database exists but is damaged or has an unknown schema version."""


class ReleaseInvalid(OnetError):
    """The given folder or zip is not an O*NET text release (or is unsafe to read)."""


class ImportCancelled(OnetError):
    """The caller's cancel check asked the import (or download) to stop."""

    def __init__(self, message: str = "O*NET import cancelled.") -> None:
        super().__init__(message)


class ImportFailed(OnetError):
    """Building the ontology database failed; the previous database is left in place."""


class DownloadFailed(OnetError):
    """Fetching the release over HTTP failed (network, HTTP status, size or layout)."""


class EmbeddingsMissing(OnetError):
    """A semantic lookup was asked for but the ontology was imported without embeddings."""
