"""O*NET for the app and the CLI: the one door from `ui/` and `app/` into `onet` (import, download,
the store, lookups), with onet's exceptions translated into VitaErrors at this boundary."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.changes import Changes
from core.errors import Cancelled, InvalidInput, OntologyError, OntologyMissing
from onet import errors as _oe

if TYPE_CHECKING:  # the rest of onet loads on first use (PEP 562): the CLI starts without numpy
    import numpy as np

    from core.services import Services
    from onet.download import DEFAULT_URL, download_release
    from onet.importer import ImportProgress, ImportReport, import_release
    from onet.lookup import occupation_profile, search_occupations
    from onet.records import OntologyInfo
    from onet.store import OntologyStore
    from onet.titles import normalize_title

_HOMES = {
    "DEFAULT_URL": "onet.download", "download_release": "onet.download", "ImportProgress": "onet.importer",
    "ImportReport": "onet.importer", "import_release": "onet.importer", "occupation_profile": "onet.lookup",
    "search_occupations": "onet.lookup", "OntologyInfo": "onet.records", "OntologyStore": "onet.store",
    "normalize_title": "onet.titles",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'core.ontology' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)

__all__ = [
    "DEFAULT_URL", "EMBEDDING_MODEL", "MISSING_HINT", "ImportCancelled", "ImportProgress", "ImportReport", "OnetError", "OntologyImport",
    "OntologyInfo", "OntologyNotImported", "OntologyStore", "download_release", "import_ontology", "import_release", "normalize_title", "occupation_profile", "search_occupations",
    "translated_errors",
]

EMBEDDING_MODEL = "all-MiniLM-L6-v2"  # the title embeddings an import stores are this model's
MISSING_HINT = ("Import O*NET with `vita onet download` or `vita onet import PATH` to enable occupations "
                "and richer matching; until then the built-in starter lexicon is used.")
# onet's own exceptions, for callers that let one through untranslated
OnetError, OntologyNotImported, ImportCancelled = _oe.OnetError, _oe.OntologyNotImported, _oe.ImportCancelled


@contextlib.contextmanager
def translated_errors() -> Iterator[None]:
    """onet's own exceptions -> VitaError subclasses with user-safe messages."""
    try:
        yield
    except _oe.OntologyNotImported as exc:
        raise OntologyMissing(str(exc), hint=MISSING_HINT) from exc
    except _oe.ImportCancelled as exc:
        raise Cancelled() from exc
    except KeyboardInterrupt as exc:
        raise Cancelled() from exc
    except _oe.ReleaseInvalid as exc:
        raise InvalidInput(str(exc), hint="Give the O*NET text release folder or its zip (db_*_text).") from exc
    except _oe.DownloadFailed as exc:
        raise OntologyError(str(exc), hint="Download the zip yourself and run `vita onet import PATH`.") from exc
    except _oe.OnetError as exc:
        raise OntologyError(str(exc)) from exc


@dataclass(frozen=True, slots=True)
class OntologyImport:
    """An O*NET import's report and its change descriptor (the views over the ontology refresh)."""

    report: ImportReport
    changes: Changes


def import_ontology(services: Services, source: Path | str, *,
                    embed: Callable[[list[str]], np.ndarray] | None = None,
                    progress: Callable[[ImportProgress], None] | None = None,
                    cancel: Callable[[], bool] | None = None) -> OntologyImport:
    """Import a release folder or zip (a URL is downloaded beside the database first) into the
    services' ontology database; the open store is closed first and reopens on next use."""
    target = services.ontology_db
    if target is None:
        raise OntologyError("No place for the O*NET database was configured.")
    from onet.download import download_release
    from onet.importer import import_release

    with translated_errors():
        release: Any = source
        if isinstance(source, str):
            release = download_release(source, target.parent / "download" / "onet-release.zip",
                                       progress=progress, cancel=cancel)
        services.forget_ontology()
        report = import_release(release, target, embed=embed, embedding_model=EMBEDDING_MODEL if embed else "",
                                progress=progress, cancel=cancel)
    return OntologyImport(report, Changes(ontology=True))
