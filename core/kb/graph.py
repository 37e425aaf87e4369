"""A networkx view of the fact graph for graph questions: skill evidence, role timeline, support."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from sqlalchemy import text

from core.dates import DateSpan, PartialDate
from core.model import EdgeKind, FactStatus, FactType
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


def _date(attrs: dict[str, Any], key: str) -> str | None:
    p = PartialDate.parse(attrs.get(key))
    return p.iso() if p else None


@dataclass(slots=True)
class SkillEvidence:
    fact_id: int
    name: str
    evidence_count: int
    first_used: str | None
    last_used: str | None  # None when still used in a current role
    current: bool
    supporting: list[int] = field(default_factory=list)


def _roles_for(g: nx.MultiDiGraph, node: int) -> list[int]:
    """The role a fact belongs to: itself, or the role its achievement was achieved in."""
    if g.nodes[node].get("type") == FactType.role:
        return [node]
    return [d for _, d, k in g.out_edges(node, data="kind") if k == EdgeKind.achieved_in
            and g.nodes[d].get("type") == FactType.role]


def skill_evidence(g: nx.MultiDiGraph) -> list[SkillEvidence]:
    """Each skill with how many facts use it and when it was first and last used (via roles)."""
    out = []
    for node, data in g.nodes(data=True):
        if data.get("type") != FactType.skill:
            continue
        users = sorted({s for s, _, k in g.in_edges(node, data="kind")
                        if k in (EdgeKind.uses_skill, EdgeKind.evidence_for) and isinstance(s, int)})
        starts: list[str] = []
        ends: list[str] = []
        current = False
        for u in users:
            for role in _roles_for(g, u):
                a = g.nodes[role]["attributes"]
                span = DateSpan.from_attributes(a)
                if span.start:
                    starts.append(span.start.iso())
                if span.ongoing:
                    current = True
                elif (last := span.end or span.start) is not None:
                    ends.append(last.iso())
        docs = {d for _, d, k in g.out_edges(node, data="kind") if k == "from_document"}
        out.append(SkillEvidence(node, data["attributes"].get("name") or data["value"], len(users) + len(docs),
                                 min(starts) if starts else None,
                                 None if current else (max(ends) if ends else None), current, users))
    return sorted(out, key=lambda s: (-s.evidence_count, s.name.lower()))


@dataclass(slots=True)
class RoleSpan:
    fact_id: int
    title: str
    organisation: str
    start: str | None
    end: str | None
    achievements: list[int]
    skills: list[int]


def role_timeline(g: nx.MultiDiGraph) -> list[RoleSpan]:
    """Roles in date order (undated last), with their organisation, achievements and skills."""
    spans = []
    for node, data in g.nodes(data=True):
        if data.get("type") != FactType.role:
            continue
        a = data["attributes"]
        org = a.get("organisation") or ""
        for _, d, k in g.out_edges(node, data="kind"):
            if k == EdgeKind.role_at:
                org = g.nodes[d]["attributes"].get("name") or g.nodes[d]["value"]
        ach = sorted(s for s, _, k in g.in_edges(node, data="kind") if k == EdgeKind.achieved_in)
        skills = sorted({d for _, d, k in g.out_edges(node, data="kind") if k == EdgeKind.uses_skill})
        spans.append(RoleSpan(node, a.get("title") or data["value"], org, _date(a, "start"), _date(a, "end"),
                              ach, skills))
    return sorted(spans, key=lambda r: (r.start is None, r.start or "", r.fact_id))


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
