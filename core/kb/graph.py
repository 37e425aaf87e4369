"""A networkx view of the fact graph for graph questions: what supports a fact. (Skill evidence and
the role timeline are `core.profile`.)"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from sqlalchemy import text

from core.model import EdgeKind, FactStatus
from core.workspace import Workspace


def doc_node(document_id: int) -> str:
    return f"doc:{document_id}"


def ref_node(ref: str) -> str:
    return f"ref:{ref}"


def build_graph(ws: Workspace, *, include_rejected: bool = False) -> nx.MultiDiGraph:
    """Facts are integer nodes (attrs: type, value, attributes, status); documents are `doc:N`
    nodes and ontology entries `ref:ID`; every edge has a `kind` (EdgeKind or `from_document`)."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    with ws.reading() as conn:
        facts = conn.execute(text("SELECT id, type, value, attributes, status FROM facts")).all()
        edges = conn.execute(text("SELECT id, kind, src_id, dst_id, dst_ref, weight FROM edges")).all()
        sources = conn.execute(text(
            "SELECT fact_id, document_id, page, start, \"end\" FROM fact_sources WHERE document_id IS NOT NULL")).all()
        docs = conn.execute(text("SELECT id, source_name, doc_type FROM documents")).all()
    for fid, ftype, value, attrs, status in facts:
        if status == FactStatus.rejected and not include_rejected:
            continue
        g.add_node(fid, type=ftype, value=value, attributes=json.loads(attrs), status=status)
    for did, name, dtype in docs:
        g.add_node(doc_node(did), type="document", value=name, doc_type=dtype)
    for eid, kind, src, dst, ref, weight in edges:
        target = dst if dst is not None else ref_node(str(ref))
        if src not in g or (dst is not None and dst not in g):
            continue
        if dst is None:
            g.add_node(target, type="ontology", value=str(ref))
        g.add_edge(src, target, key=eid, kind=kind, weight=weight)
    for fid, did, page, start, end in sources:
        if fid in g:
            g.add_edge(fid, doc_node(did), kind="from_document", page=page, start=start, end=end)
    return g


@dataclass(slots=True)
class Support:
    kind: str  # from_document | evidence_for | achieved_in | uses_skill | same_as | measured_by
    node: int | str
    label: str
    detail: dict[str, Any] = field(default_factory=dict)


def supporting(g: nx.MultiDiGraph, fact_id: int) -> list[Support]:
    """What supports this claim: source passages, evidence facts, achievements, merged duplicates."""
    if fact_id not in g:
        return []
    out = []
    for _, d, data in g.out_edges(fact_id, data=True):
        if data["kind"] in ("from_document", EdgeKind.measured_by, EdgeKind.same_as):
            detail = {k: v for k, v in data.items() if k in ("page", "start", "end")}
            out.append(Support(data["kind"], d, str(g.nodes[d].get("value", d)), detail))
    for s, _, data in g.in_edges(fact_id, data=True):
        if data["kind"] in (EdgeKind.evidence_for, EdgeKind.achieved_in, EdgeKind.uses_skill, EdgeKind.same_as):
            out.append(Support(str(data["kind"]), s, str(g.nodes[s].get("value", s))))
    return out
