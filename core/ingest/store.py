"""Write one parsed document into the vault inside the caller's undoable transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from core.dates import dates_agree, finer_date
from core.facts import FactWriter, now_iso, update_fact_row
from core.ingest.matching import end_value
from core.ingest.near import Candidates
from core.ingest.reconcile import Decision, Reconciler
from core.ingest.routing import extraction_json, is_evidence, store_posting
from core.model import EdgeKind, ExtractedFact, FactType, ParsedDocument, SourceKind, SourceSpec
from core.undo import RecordingTxn


@dataclass(slots=True)
class StoreResult:
    """What storing one document did."""

    document_id: int | None = None  # None: the same file was already in the vault
    posting_id: int | None = None  # a job description: the posting it became (and no facts)
    new_fact_ids: list[int] = field(default_factory=list)
    touched_fact_ids: set[int] = field(default_factory=set)  # new, merged into or updated
    duplicates: int = 0  # exact duplicates merged (a provenance row added to the stored fact)
    near_duplicates: int = 0  # reworded bullets merged by embedding similarity
    merged_entities: int = 0  # roles / education matched by organisation and title
    possible_duplicates: int = 0  # same_as edges between close but unmerged bullets
    conflicts: int = 0  # conflicts opened or given a new candidate
    created: dict[str, int] = field(default_factory=dict)  # extracted key -> id of the fact it created


def document_exists(conn: Any, sha256: str) -> int | None:
    row = conn.execute(text("SELECT id FROM documents WHERE sha256 = :s"), {"s": sha256}).first()
    return int(row[0]) if row else None


def parent_edge(child: FactType, parent: FactType) -> tuple[EdgeKind, bool]:
    """The edge kind a parent link stands for, and whether the child is its source."""
    if child == FactType.achievement:
        return EdgeKind.achieved_in, True
    if child == FactType.metric and parent == FactType.achievement:
        return EdgeKind.measured_by, False
    if child == FactType.role and parent == FactType.organisation:
        return EdgeKind.role_at, True
    if child == FactType.skill:
        return EdgeKind.uses_skill, False
    return EdgeKind.evidence_for, True


def _in_parent_order(facts: list[ExtractedFact]) -> list[ExtractedFact]:
    """Each fact after its parent, so a child's scope (its parent's stored id) is known."""
    by_key = {f.key: f for f in facts}
    out: list[ExtractedFact] = []
    placed: set[str] = set()

    def place(f: ExtractedFact, depth: int = 0) -> None:
        if f.key in placed:
            return
        parent = by_key.get(f.parent or "")
        if parent is not None and depth < 32:
            place(parent, depth + 1)
        placed.add(f.key)
        out.append(f)

    for f in facts:
        place(f)
    return out


class DocumentWriter:
    """Stores a ParsedDocument: its row, facts (new or merged), provenance, edges and conflicts."""

    def __init__(self, txn: RecordingTxn, doc: ParsedDocument, *, near: Candidates | None = None,
                 keep_original: bytes | None = None) -> None:
        self.txn = txn
        self.doc = doc
        self.result = StoreResult()
        self.raw: Any = txn.conn.connection.dbapi_connection  # same transaction, without per-statement overhead
        self.reconciler = Reconciler(self.raw, near=near)
        self.facts = FactWriter(txn, SourceSpec(SourceKind.document))  # pointed at the row by write_facts
        self.original = keep_original
        self.ids: dict[str, int] = {}
        self.doc_id = 0

    def write(self) -> StoreResult:
        """Store the document row, then its facts, or, for a job description, a job posting."""
        if document_exists(self.txn.conn, self.doc.sha256) is not None:
            return self.result
        doc_id = self._insert_document()
        if not is_evidence(self.doc.doc_type):
            self.result.document_id = doc_id
            self.result.posting_id = store_posting(self.txn, self.doc, doc_id, Path(self.doc.source).name)
            return self.result
        return self.write_facts(doc_id)

    def write_facts(self, document_id: int) -> StoreResult:
        """Store the document's extracted facts as the person's, sourced to the stored row."""
        self.doc_id = document_id
        self.result.document_id = document_id
        self.facts = FactWriter(self.txn, SourceSpec(SourceKind.document, document_id=document_id))
        suggestions: list[tuple[str, int, float]] = []
        for ef in _in_parent_order(self.doc.facts):
            parent_id = self.ids.get(ef.parent or "")
            decision = self.reconciler.decide(ef, parent_id)
            fid = self._apply(ef, decision)
            self.ids[ef.key] = fid
            if decision.similar_to is not None:
                suggestions.append((ef.key, decision.similar_to, decision.similarity))
        self._edges(suggestions)
        return self.result

    # -- rows ---------------------------------------------------------------------------------
    def _new_fact(self, ef: ExtractedFact) -> int:
        return self.facts.add(ef.type, ef.value, dict(ef.attributes), confidence=float(ef.confidence), span=ef.span,
                              extractor=ef.extractor, extractor_version=ef.extractor_version)

    def _insert_document(self) -> int:
        d = self.doc
        return self.txn.insert("documents", {
            "sha256": d.sha256, "source_name": Path(d.source).name or d.source, "mime": d.mime,
            "doc_type": d.doc_type.value, "doc_type_confidence": float(d.doc_type_confidence),
            "status": "parsed", "text": d.text, "pages": json.dumps([list(p) for p in d.pages]),
            "meta": json.dumps(d.meta, default=str, sort_keys=True), "original": self.original,
            "extraction": extraction_json(d.facts), "added_at": now_iso(),
        })

    def _source(self, fid: int, ef: ExtractedFact, note: str = "") -> int:
        return self.facts.cite(fid, span=ef.span, confidence=float(ef.confidence), extractor=ef.extractor,
                               extractor_version=ef.extractor_version, note=note)

    def _apply(self, ef: ExtractedFact, decision: Decision) -> int:
        r = self.result
        if decision.fact_id is None:
            fid = self._new_fact(ef)
            r.new_fact_ids.append(fid)
            r.created[ef.key] = fid
            r.touched_fact_ids.add(fid)
            return fid
        fid = decision.fact_id
        r.touched_fact_ids.add(fid)
        if decision.reason == "near":
            r.near_duplicates += 1
            self._source(fid, ef, note=f"near-duplicate wording (similarity {decision.similarity:.3f})")
        elif decision.reason == "identity":
            r.merged_entities += 1
            source_id = self._source(fid, ef, note="same organisation and title")
            self._merge_fields(fid, ef, decision.existing, source_id)
        else:
            r.duplicates += 1
            self._source(fid, ef, note="duplicate")
        return fid

    # -- same role, other document: fill gaps, record disagreements ------------------------------
    def _merge_fields(self, fid: int, ef: ExtractedFact, existing: dict[str, Any], source_id: int) -> None:
        new = ef.attributes
        merged = dict(existing)
        for fld in ("start", "end"):
            if fld == "end" and ef.type == FactType.role:
                old_v, new_v = end_value(existing), end_value(new)
            else:
                old_v, new_v = existing.get(fld) or None, new.get(fld) or None
            if new_v is None or old_v == new_v:
                continue
            if old_v is None:
                merged[fld] = new.get(fld)
                if fld == "end" and new.get("present"):
                    merged["present"] = True
                continue
            if "present" not in (old_v, new_v) and dates_agree(old_v, new_v):
                merged[fld] = finer_date(old_v, new_v)
                continue
            self._conflict(fid, fld, old_v, new_v, source_id)
        for k, v in new.items():  # other attributes only fill what is missing
            if k not in ("start", "end", "present") and v not in (None, "", []) and not merged.get(k):
                merged[k] = v
        if merged != existing:
            update_fact_row(self.txn, fid, attributes=merged, action="ingest-merge")

    def _sources_of(self, fid: int) -> list[dict[str, Any]]:
        rows = self.txn.conn.execute(text(
            "SELECT s.id, s.document_id, d.source_name FROM fact_sources s LEFT JOIN documents d "
            "ON d.id = s.document_id WHERE s.fact_id = :f ORDER BY s.id"), {"f": fid}).all()
        return [{"fact_source_id": r[0], "document_id": r[1], "source_name": r[2] or ""} for r in rows]

    def _conflict(self, fid: int, fld: str, old_v: Any, new_v: Any, source_id: int) -> None:
        new_src = {"fact_source_id": source_id, "document_id": self.doc_id,
                   "source_name": Path(self.doc.source).name}
        row = self.txn.conn.execute(text(
            "SELECT id, candidates FROM conflicts WHERE fact_id = :f AND field = :fld AND status = 'open'"),
            {"f": fid, "fld": fld}).first()
        if row is None:
            old_sources = [s for s in self._sources_of(fid) if s["fact_source_id"] != source_id]
            candidates = [{"value": old_v, "sources": old_sources}, {"value": new_v, "sources": [new_src]}]
            self.txn.insert("conflicts", {"fact_id": fid, "field": fld, "candidates": json.dumps(candidates),
                                          "status": "open", "created_at": now_iso()})
        else:
            candidates = json.loads(row[1])
            for c in candidates:
                if c.get("value") == new_v:
                    c.setdefault("sources", []).append(new_src)
                    break
            else:
                candidates.append({"value": new_v, "sources": [new_src]})
            self.txn.update("conflicts", int(row[0]), {"candidates": json.dumps(candidates)})
        self.result.conflicts += 1

    # -- the graph ----------------------------------------------------------------------------
    def _edge(self, kind: EdgeKind, src: int, dst: int, weight: float = 1.0) -> None:
        if src == dst:
            return
        exists = self.raw.execute("SELECT 1 FROM edges WHERE kind = :k AND src_id = :s AND dst_id = :d",
                                  {"k": kind.value, "s": src, "d": dst}).fetchone()
        if exists is None:
            self.txn.insert_written("edges", {"kind": kind.value, "src_id": src, "dst_id": dst, "weight": weight,
                                      "created_at": now_iso()})

    def _edges(self, suggestions: list[tuple[str, int, float]]) -> None:
        by_key = {f.key: f for f in self.doc.facts}
        for ef in self.doc.facts:
            me = self.ids[ef.key]
            linked = {other for _k, other in ef.links}
            for kind, other in ef.links:
                if other in self.ids:
                    self._edge(EdgeKind(kind), me, self.ids[other])
            if ef.parent in self.ids and ef.parent not in linked:
                parent = by_key.get(ef.parent or "")
                if parent is not None and ef.key not in {o for _k, o in parent.links}:
                    kind, child_is_src = parent_edge(ef.type, parent.type)
                    pid = self.ids[parent.key]
                    self._edge(kind, me, pid) if child_is_src else self._edge(kind, pid, me)
        for key, other_id, sim in suggestions:
            self._edge(EdgeKind.same_as, self.ids[key], other_id, weight=round(sim, 4))
            self.result.possible_duplicates += 1
