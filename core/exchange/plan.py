"""An import plan: facts with local keys and links between them, stored in one undo step."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, text

from core.changes import Changes
from core.facts import NewFact, add_source, fingerprint, insert_facts_bulk
from core.jsonutil import dumps_sorted
from core.kb.editing import add_edge_row
from core.model import EdgeKind, FactStatus, FactType, SourceKind, SourceSpec
from core.undo import RecordingTxn
from core.workspace import Workspace


@dataclass(slots=True)
class ImportPlan:
    """Facts to create (keyed) and (kind, src key, dst key) links; a fact's key is unique in the plan."""

    source: SourceSpec
    status: FactStatus = FactStatus.approved
    facts: dict[str, NewFact] = field(default_factory=dict)
    links: list[tuple[EdgeKind, str, str]] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, type_: FactType, value: str, attributes: dict[str, Any],
            *, tags: list[str] | None = None) -> str:
        clean = {k: v for k, v in attributes.items() if v not in (None, "", [], {})}
        self.facts[key] = NewFact(type_, value, clean, status=self.status, tags=tags or [], source=self.source)
        return key

    def link(self, kind: EdgeKind, src: str, dst: str) -> None:
        self.links.append((kind, src, dst))


@dataclass(frozen=True, slots=True)
class ImportResult:
    changes: Changes
    ids: dict[str, int]  # plan key -> fact id

    @property
    def count(self) -> int:
        return len(self.ids)


def imported_source(kind: str, name: str, version: str = "1") -> SourceSpec:
    """Provenance for an import: source kind `imported`, the file name in the note."""
    return SourceSpec(SourceKind.imported, extractor=f"vita.exchange.{kind}", extractor_version=version,
                      note=f"{kind}: {name}")


def _existing(txn: RecordingTxn, plan: ImportPlan) -> dict[str, int]:
    """Plan keys whose fact is already stored exactly (same type, value and attributes)."""
    found: dict[tuple[str, str, str], int] = {}
    prints = sorted({fingerprint(f.type.value, f.value) for f in plan.facts.values()})
    for i in range(0, len(prints), 500):
        q = text("SELECT id, type, value, attributes FROM facts WHERE fingerprint IN :p ORDER BY id").bindparams(
            bindparam("p", expanding=True))
        for fid, ftype, value, attrs in txn.conn.execute(q, {"p": prints[i:i + 500]}):
            found.setdefault((ftype, value, attrs), int(fid))
    out = {}
    for key, f in plan.facts.items():
        hit = found.get((f.type.value, f.value, dumps_sorted(f.attributes)))
        if hit is not None:
            out[key] = hit
    return out


def store_plan(ws: Workspace, plan: ImportPlan, *, label: str) -> ImportResult:
    """Insert all facts with executemany, then the links, as one transaction and one undo step.
    Facts already stored exactly (an earlier import of the same file) gain a provenance row instead
    of a duplicate."""
    with ws.mutation(label) as txn:
        ids = _existing(txn, plan)
        for fid in set(ids.values()):
            add_source(txn, fid, plan.source)
        keys = [k for k in plan.facts if k not in ids]
        ids |= dict(zip(keys, insert_facts_bulk(txn, [plan.facts[k] for k in keys]), strict=True))
        for kind, src, dst in plan.links:
            add_edge_row(txn, kind, ids[src], ids[dst])
        for key, value in plan.settings.items():
            txn.conn.execute(text("INSERT INTO settings(key, value) VALUES (:k, :v) "
                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value"), {"k": key, "v": value})
    return ImportResult(ws.changes_for(txn.step, frozenset(ids.values())), ids)
