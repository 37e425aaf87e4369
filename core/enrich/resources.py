"""The heavy, shared parts of enrichment, built once per process: the ontology store and the SkillExtractor."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.skills import SkillExtractor
    from onet.store import OntologyStore

_lock = threading.Lock()
_stores: dict[tuple[str, int, int], OntologyStore | None] = {}
_extractors: dict[Any, SkillExtractor] = {}


def _file_key(path: Path) -> tuple[str, int, int] | None:
    """(resolved path, mtime, size): a re-imported ontology gets a new key, so nothing stale is served."""
    try:
        st = path.stat()
    except OSError:
        return None
    return str(path.resolve()), st.st_mtime_ns, st.st_size


def ontology_at(db: Path | None) -> OntologyStore | None:
    """The read-only ontology store at `db` (cached), or None when there is none or it is unreadable."""
    if db is None:
        return None
    key = _file_key(Path(db))
    if key is None:
        return None
    with _lock:
        if key not in _stores:
            from core.skills.ontology_terms import open_store_at

            _stores[key] = open_store_at(Path(db))
        return _stores[key]


def extractor_for(store: OntologyStore | None) -> SkillExtractor:
    """A SkillExtractor over the starter lexicon (plus `store`'s terms), built lazily and cached."""
    key: Any = None
    if store is not None:
        key = (_file_key(Path(store.path)), id(store))
    with _lock:
        ex = _extractors.get(key)
        if ex is None:
            from core.skills import SkillExtractor

            # no job-ad relevance filter: resume bullets describe the person's own work (it drops
            # "Cut query latency by tuning Postgres indexes" as if it were a company blurb)
            ex = SkillExtractor(store=store, relevance_threshold=0)
            _extractors[key] = ex
        return ex


def release_ontologies() -> None:
    """Close the cached ontology stores and drop extractors built from them (before a re-import replaces
    the file, and at exit); the starter-lexicon extractor stays."""
    with _lock:
        for store in _stores.values():
            if store is not None:
                store.close()
        _stores.clear()
        for key in [k for k in _extractors if k is not None]:
            del _extractors[key]
