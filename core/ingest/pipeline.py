"""`ingest`: files and folders -> parsed documents -> reconciled, sourced facts in the vault.

A generator of Progress (per document: parse, reconcile, store, embed; or skip / quarantine),
with a cancel token checked between stages. Each document is one undoable transaction, so a
cancel or a crash leaves whole documents stored and nothing half-stored.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import text

from core.changes import Changes
from core.enrich import enrich_stored
from core.enrich.run import STEP_LABEL as ENRICH_STEP
from core.errors import Cancelled, NotFound, VitaError
from core.events import Event
from core.facts import now_iso
from core.index import embed_texts, ensure_model, index_facts, missing_count
from core.ingest.background import BackgroundIndexer
from core.ingest.near import BulletMatrix, Candidates
from core.ingest.routing import is_evidence
from core.ingest.store import DocumentWriter, document_exists
from core.intake.limits import IntakeLimits as _Limits
from core.intake.pool import PageStarted
from core.model import FactType, ParsedDocument
from core.progress import CancelToken, Progress

if TYPE_CHECKING:
    from core.intake import IntakeLimits
    from core.workspace import Workspace

Result = ParsedDocument | VitaError
STAGES = ("parse", "reconcile", "store", "embed")


@dataclass(slots=True)
class DocumentOutcome:
    source: str
    status: str  # stored | skipped | quarantined | cancelled (that file alone)
    document_id: int | None = None
    facts: int = 0  # facts extracted from it
    new_facts: int = 0
    duplicates: int = 0
    conflicts: int = 0
    posting_id: int | None = None  # a job description: stored as this job posting, no facts
    code: str = ""  # quarantine code
    reason: str = ""


@dataclass(slots=True)
class IngestSummary:
    """Totals of one ingest run (partial when cancelled)."""

    inputs: int = 0
    documents: int = 0  # newly stored
    skipped: int = 0  # already in the vault (same SHA-256): nothing added
    facts: int = 0  # new facts
    duplicates: int = 0  # extracted facts merged into stored ones (exact, same role, near wording)
    near_duplicates: int = 0  # of which reworded bullets merged by embedding similarity
    possible_duplicates: int = 0  # close bullets kept apart, linked same_as for review
    quarantined: int = 0  # inputs that could not be ingested (typed reason in `outcomes`)
    conflicts: int = 0
    postings: int = 0  # job descriptions stored as job postings (none of their facts are the person's)
    embedded: int = 0  # fact vectors written
    cancelled: bool = False
    outcomes: list[DocumentOutcome] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        return (f"{self.documents} documents, {self.facts} new facts, {self.duplicates} duplicates merged, "
                f"{self.quarantined} quarantined, {self.conflicts} conflicts"
                + (f", {self.postings} job postings" if self.postings else "")
                + (f", {self.skipped} already in the vault" if self.skipped else "")
                + (" (cancelled)" if self.cancelled else ""))


def expand_paths(paths: Iterable[str | Path]) -> list[str]:
    """Files as given, folders expanded recursively in name order, hidden files and folders skipped."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if not path.is_dir():
            out.append(str(p))
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out += [str(Path(root) / f) for f in sorted(files) if not f.startswith(".")]
    return out


def original_bytes(source: str, res: ParsedDocument, limit: int = _Limits().max_bytes) -> bytes | None:
    """The file's bytes, kept encrypted in the vault so the person can open the original later;
    only when they are still the bytes that were parsed and within the intake size limit."""
    try:
        path = Path(source)
        if not path.is_file() or path.stat().st_size > limit:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == res.sha256 else None


def _file_sha256(source: str) -> str:
    try:
        h = hashlib.sha256()
        with open(source, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError:
        return ""


def quarantine(ws: Workspace, source: str, err: VitaError) -> Changes:
    """Record a file that could not be ingested, with its typed reason (once per file and code)."""
    sha = _file_sha256(source)
    name = Path(source).name or source
    with ws.mutation(f"Quarantine {name}", undoable=False) as txn:
        if not (sha and txn.conn.execute(text("SELECT 1 FROM quarantine WHERE sha256 = :s AND code = :c"),
                                         {"s": sha, "c": err.code}).first()):
            txn.insert("quarantine", {"source_name": name, "sha256": sha, "code": err.code,
                                      "reason": err.message, "created_at": now_iso()})
    return ws.changes_for(txn.step)


class IngestRun:
    """Iterate for Progress; `summary` holds the totals and `changes` the union of what every
    stored document changed, with fact ids (both also after Cancelled was raised). A token in
    `item_cancels` (keyed by the source as given) cancels that one file only."""

    def __init__(self, ws: Workspace, results: Callable[[], Iterable[tuple[str, Result | PageStarted]]], total: int, *,
                 cancel: CancelToken | None = None, embed: bool = True, enrich: bool = True,
                 item_cancels: Mapping[str, CancelToken] | None = None) -> None:
        self.ws = ws  # its services embed, and link to O*NET (or the starter lexicon when it has none)
        self.enrich = enrich  # link titles and skill mentions (core.enrich) after each store
        self.cancel = cancel or CancelToken()
        self.embed = embed
        self.summary = IngestSummary(inputs=total)
        self.changes = Changes()
        self.item_cancels = item_cancels or {}
        self._results = results
        self._bullets: BulletMatrix | None = None  # stored bullets' vectors, for near-duplicates
        self._indexer = BackgroundIndexer(ws)  # stored documents' vectors, written while the next one goes on
        self._gen = self._run()

    def __iter__(self) -> IngestRun:
        return self

    def __next__(self) -> Progress:
        return next(self._gen)

    def close(self) -> None:
        self._gen.close()

    def run(self) -> IngestSummary:
        """Drain the progress (no UI) and return the summary."""
        for _ in self:
            pass
        return self.summary

    def _progress(self, stage: str, done: int, item: str = "", message: str = "") -> Progress:
        p = Progress(stage, done, self.summary.inputs, item, message)
        self.ws.events.emit(Event.ingest_did_progress, p)
        return p

    def _run(self) -> Generator[Progress, None, None]:
        try:
            yield self._progress("start", 0)
            if self.embed:
                yield from self._catch_up()
            i = 0
            for source, res in self._results():
                self.cancel.check()
                if isinstance(res, PageStarted):  # a scan takes seconds a page: say which one
                    yield self._progress("ocr", res.index, Path(source).name or source, f"page {res.page}")
                    continue
                self.summary.embedded += self._indexer.collect(wait=False)
                yield from self._one(i, source, res)
                i += 1
            self.summary.embedded += self._indexer.collect(wait=True)
            yield self._progress("done", self.summary.inputs, message=self.summary.line())
        except Cancelled:
            self.summary.embedded += self._indexer.settle()  # documents stored before the cancel
            self.summary.cancelled = True
            raise
        finally:
            self._indexer.close()

    def _catch_up(self) -> Iterator[Progress]:
        """Facts stored without vectors (--no-embed, a cancelled run, edits) get them first, so
        near-duplicate bullets are seen and semantic search covers what it reads. Vectors of another
        embedding model are replaced first."""
        self.summary.embedded += ensure_model(self.ws)
        missing = missing_count(self.ws)
        if missing:
            yield self._progress("embed", 0, "", f"{missing} facts stored earlier")
            self.cancel.check()
            self.summary.embedded += index_facts(self.ws)

    def _one(self, i: int, source: str, res: Result) -> Iterator[Progress]:
        s = self.summary
        name = Path(source).name or source
        if isinstance(res, Cancelled):
            raise res
        item = self.item_cancels.get(source)
        if item is not None and item.cancelled:
            s.outcomes.append(DocumentOutcome(source, "cancelled"))
            yield self._progress("cancelled", i, name)
            return
        if isinstance(res, VitaError):
            if not isinstance(res, NotFound):  # a mistyped path is reported, not kept in the vault
                self.changes |= quarantine(self.ws, source, res)
            s.quarantined += 1
            s.outcomes.append(DocumentOutcome(source, "quarantined", code=res.code, reason=res.message))
            yield self._progress("quarantine", i, name, res.message)
            return
        yield self._progress("parse", i, name)
        self.cancel.check()
        with self.ws.reading() as conn:
            known = document_exists(conn, res.sha256)
        if known is not None:
            s.skipped += 1
            s.outcomes.append(DocumentOutcome(source, "skipped", document_id=known, facts=len(res.facts)))
            yield self._progress("skip", i, name, "already in the vault")
            return
        yield self._progress("reconcile", i, name)
        self.cancel.check()
        near: Candidates = {}
        bullets = [f for f in res.facts if f.type == FactType.achievement]
        vecs = None
        if self.embed and bullets and is_evidence(res.doc_type):
            vecs = embed_texts(self.ws, [f.value for f in bullets])
            if self._bullets is None:
                self._bullets = BulletMatrix.load(self.ws)
            near = self._bullets.candidates([f.key for f in bullets], vecs)
        yield self._progress("store", i, name)
        self.cancel.check()
        with self.ws.mutation(f"Import {name}") as txn:
            stored = DocumentWriter(txn, res, near=near, keep_original=original_bytes(source, res)).write()
        if stored.document_id is None:  # stored by someone else meanwhile
            s.skipped += 1
            s.outcomes.append(DocumentOutcome(source, "skipped", facts=len(res.facts)))
            return
        if stored.posting_id is not None:
            self.changes |= self.ws.changes_for(txn.step)
            s.documents += 1
            s.postings += 1
            s.outcomes.append(DocumentOutcome(source, "stored", stored.document_id, len(res.facts),
                                              posting_id=stored.posting_id))
            return
        if vecs is not None and self._bullets is not None:
            fresh = [(stored.created[f.key], v) for f, v in zip(bullets, vecs, strict=True) if f.key in stored.created]
            if fresh:
                self._bullets.add([fid for fid, _ in fresh], np.stack([v for _, v in fresh]))
        merged = stored.duplicates + stored.near_duplicates + stored.merged_entities
        s.documents += 1
        s.facts += len(stored.new_fact_ids)
        s.duplicates += merged
        s.near_duplicates += stored.near_duplicates
        s.possible_duplicates += stored.possible_duplicates
        s.conflicts += stored.conflicts
        outcome = DocumentOutcome(source, "stored", stored.document_id, len(res.facts),
                                  len(stored.new_fact_ids), merged, stored.conflicts)
        s.outcomes.append(outcome)
        if self.enrich:  # created skill facts count as new facts (the document's too) and get vectors
            created = enrich_stored(self.ws, stored.touched_fact_ids)
            # one undo step per document: undoing the import also removes the links it made
            self.ws.fold_into_previous_step(top_label=ENRICH_STEP, into_label=f"Import {name}")
            s.facts += len(created)
            outcome.new_facts += len(created)
            stored.touched_fact_ids |= created
        self.changes |= self.ws.changes_for(txn.step)  # the import with the links it made (folded in)
        if self.embed and stored.touched_fact_ids:
            yield self._progress("embed", i, name)
            self.cancel.check()
            self._indexer.submit(stored.touched_fact_ids)  # counted in `summary.embedded` when written


def ingest_parsed(ws: Workspace, results: Iterable[tuple[str, Result]], *, total: int | None = None,
                  cancel: CancelToken | None = None, embed: bool = True, enrich: bool = True) -> IngestRun:
    """Ingest already-parsed documents (imports, tests): the same reconcile/store/embed stages."""
    if total is None:
        results = list(results)
        total = len(results)
    items = results
    return IngestRun(ws, lambda: items, total, cancel=cancel, embed=embed, enrich=enrich)


def ingest(ws: Workspace, paths: Iterable[str | Path], *, cancel: CancelToken | None = None, embed: bool = True,
           limits: IntakeLimits | None = None, enrich: bool = True,
           item_cancels: Mapping[str, CancelToken] | None = None) -> IngestRun:
    """Ingest files and folders (recursively, hidden ones skipped) into the workspace's vault as one
    run, parsed by the workspace's parser pool (or, given other `limits`, by a pool for this run).
    Folders are walked here, on the caller's thread (the UI calls this on its vault worker)."""
    from core.intake import parse_files

    files = expand_paths(paths)
    token = cancel or CancelToken()

    def results() -> Iterable[tuple[str, Result | PageStarted]]:
        if limits is None:  # the workspace's pool, with word of each scanned page as it starts
            return ws.services.parser_pool().parse_with_pages(files, cancel=token)
        return parse_files(files, limits=limits, cancel=token)

    return IngestRun(ws, results, len(files), cancel=token, embed=embed, enrich=enrich, item_cancels=item_cancels)
