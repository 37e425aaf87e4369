"""The heavy services an open profile uses, each created lazily once per owner (no process-wide
singletons): the sandboxed parser pool, the sentence embedder, the O*NET store and the skill
extractor. `core.session.Session` owns one `Services` for the app's or a CLI command's lifetime;
a `Workspace` opened on its own gets a private one (in-process embedder, no O*NET)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np

    from core.intake import IntakeLimits, ParserPool
    from core.skills import SkillExtractor
    from onet.store import OntologyStore


class Embedding(Protocol):
    """What the rest of Vita needs from an embedding runtime: L2-normalised float32 rows (n, 384)."""

    def embed(self, texts: list[str]) -> np.ndarray: ...


# Most texts per model batch. The runtime only batches texts of about the same length (facts are
# uneven: 2 to 256 tokens), so a larger cap no longer buys padding; it saves per-run overhead.
ENCODE_BATCH = 64


class EncoderEmbedding:
    """`Embedding` over an encoder with `encode(texts[, batch_size])` (core.embed's in-process or
    child-process embedder, or any test double); `warm()` loads the model ahead of first use."""

    def __init__(self, encoder: Any, *, batch_size: int | None = None) -> None:
        self.encoder = encoder
        self.batch_size = batch_size

    def embed(self, texts: list[str]) -> np.ndarray:
        if self.batch_size is None:
            return self.encoder.encode(texts)  # type: ignore[no-any-return]
        return self.encoder.encode(texts, batch_size=self.batch_size)  # type: ignore[no-any-return]

    def warm(self) -> None:
        warm = getattr(self.encoder, "warm", None)
        if warm is not None:
            warm()

    def shutdown(self) -> None:
        stop = getattr(self.encoder, "shutdown", None)
        if stop is not None:
            stop()


class Services:
    """Parser pool, embedder, ontology store and skill extractor, built on first use and kept."""

    def __init__(self, *, ontology_db: Path | None = None, limits: IntakeLimits | None = None,
                 embedder: Embedding | None = None, embed_in_child: bool = False) -> None:
        self.ontology_db = ontology_db  # None: no O*NET (the starter skill lexicon only)
        self.limits = limits
        self.embed_in_child = embed_in_child  # the GUI: torch never loads in its process
        self._embedder = embedder
        self._pool: ParserPool | None = None
        self._ontology: OntologyStore | None = None
        self._ontology_key: tuple[str, int, int] | None = None
        self._extractors: dict[int, SkillExtractor] = {}  # id(store or None) -> extractor over it
        self._lock = threading.RLock()

    def parser_pool(self) -> ParserPool:
        """The sandboxed parser processes, started on first use."""
        from core.intake import ParserPool

        with self._lock:
            if self._pool is None:
                self._pool = ParserPool(self.limits).start()
            return self._pool

    def embedder(self) -> Embedding:
        with self._lock:
            if self._embedder is None:
                if self.embed_in_child:
                    from core.embed.process import ProcessEmbedder

                    self._embedder = EncoderEmbedding(ProcessEmbedder(), batch_size=ENCODE_BATCH)
                else:
                    from core.embed import Embedder

                    self._embedder = EncoderEmbedding(Embedder(), batch_size=ENCODE_BATCH)
            return self._embedder

    def warm_embedder(self) -> None:
        """Load the embedding model now (the GUI does so after its first paint)."""
        warm = getattr(self.embedder(), "warm", None)
        if warm is not None:
            warm()

    def ontology(self) -> OntologyStore | None:
        """The read-only O*NET store, or None when there is none (not imported, unreadable);
        reopened when the file was re-imported since."""
        from core.skills.ontology_terms import open_store_at

        if self.ontology_db is None:
            return None
        key = _file_key(self.ontology_db)
        with self._lock:
            if key != self._ontology_key:
                self._close_ontology()
                self._ontology = open_store_at(self.ontology_db) if key is not None else None
                self._ontology_key = key
            return self._ontology

    def skill_extractor(self, store: OntologyStore | None | bool = True) -> SkillExtractor:
        """Skill mentions -> skills: the starter lexicon plus an ontology's terms (`True`: this
        owner's O*NET store when there is one; `None`/`False`: the starter lexicon only)."""
        from core.skills import SkillExtractor

        chosen = self.ontology() if store is True else (store or None)
        with self._lock:
            ex = self._extractors.get(id(chosen))
            if ex is None:
                # no job-ad relevance filter: resume bullets describe the person's own work (it drops
                # "Cut query latency by tuning Postgres indexes" as if it were a company blurb)
                ex = SkillExtractor(store=chosen, relevance_threshold=0)
                self._extractors[id(chosen)] = ex
            return ex

    def use_ontology(self, db: Path | None) -> None:
        """Point at another O*NET database (or none); the open store and extractor are dropped."""
        with self._lock:
            self._close_ontology()
            self.ontology_db = db

    def forget_ontology(self) -> None:
        """Close the store (before a re-import replaces the file); it reopens on next use."""
        with self._lock:
            self._close_ontology()

    def _close_ontology(self) -> None:
        if self._ontology is not None:
            self._ontology.close()
            self._extractors.pop(id(self._ontology), None)
        self._ontology, self._ontology_key = None, None

    def shutdown(self) -> None:
        """Stop the parser processes and the embedding child, close the ontology."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown()
                self._pool = None
            stop = getattr(self._embedder, "shutdown", None)
            if stop is not None and self.embed_in_child:
                stop()
                self._embedder = None
            self._close_ontology()


def _file_key(path: Path) -> tuple[str, int, int] | None:
    """(resolved path, mtime, size): a re-imported ontology gets a new key."""
    try:
        st = path.stat()
    except OSError:
        return None
    return str(path.resolve()), st.st_mtime_ns, st.st_size
