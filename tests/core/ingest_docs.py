"""Fictional resumes for ingest tests: ParsedDocuments built by hand, and a workspace factory."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from core.model import DocumentType, EdgeKind, ExtractedFact, FactType, ParsedDocument, Span
from core.workspace import Workspace
from tests.core.workspace_kit import open_test_workspace

__all__ = ["open_test_workspace"]  # re-exported: the ingest tests import it from here


@dataclass
class RoleSpec:
    title: str
    organisation: str
    start: str | None
    end: str | None = None  # None with present=True: "Present"
    present: bool = False
    bullets: list[str] = field(default_factory=list)


class _Doc:
    """Builds text and facts together so every span points at the right characters."""

    def __init__(self) -> None:
        self.text = ""
        self.facts: list[ExtractedFact] = []

    def line(self, s: str) -> Span:
        start = len(self.text)
        self.text += s + "\n"
        return Span(1, start, start + len(s))

    def add(self, ftype: FactType, value: str, span: Span, *, parent: str | None = None,
            links: list[tuple[EdgeKind, str]] | None = None, **attrs: Any) -> str:
        key = f"{ftype.value}:{len(self.facts) + 1}"
        self.facts.append(ExtractedFact(key=key, type=ftype, value=value, attributes=attrs, span=span,
                                        confidence=0.8, extractor="test.handmade", extractor_version="1",
                                        parent=parent, links=list(links or [])))
        return key


def resume(source: str, name: str, roles: list[RoleSpec], skills: tuple[str, ...] = (), *,
           variant: str = "") -> ParsedDocument:
    """A fictional resume; `variant` changes the bytes (so the SHA-256) without changing facts."""
    d = _Doc()
    d.add(FactType.contact, name, d.line(name), kind="name")
    d.line("EXPERIENCE")
    orgs: dict[str, str] = {}
    for r in roles:
        span = d.line(f"{r.title}, {r.organisation}  {r.start} - {'Present' if r.present else r.end}")
        if r.organisation not in orgs:
            orgs[r.organisation] = d.add(FactType.organisation, r.organisation, span, name=r.organisation)
        role = d.add(FactType.role, r.title, span, links=[(EdgeKind.role_at, orgs[r.organisation])],
                     title=r.title, organisation=r.organisation, start=r.start, end=r.end, present=r.present)
        for b in r.bullets:
            bspan = d.line(f"- {b}")
            d.add(FactType.achievement, b, bspan, parent=role, links=[(EdgeKind.achieved_in, role)], text=b)
    if skills:
        span = d.line("SKILLS: " + ", ".join(skills))
        for s in skills:
            d.add(FactType.skill, s, span, name=s)
    d.line(variant)
    return ParsedDocument(source=source, sha256=hashlib.sha256(d.text.encode()).hexdigest(), mime="text/plain",
                          text=d.text, pages=[(0, len(d.text))], doc_type=DocumentType.resume,
                          doc_type_confidence=0.9, facts=d.facts, meta={"kind": "txt"})


def count(ws: Workspace, sql: str, **params: Any) -> int:
    with ws.reading() as conn:
        return int(conn.execute(text(sql), params).scalar_one())


def assert_consistent(ws: Workspace) -> None:
    """No half-stored document: every fact has a source, every source's document exists."""
    assert count(ws, "SELECT count(*) FROM facts WHERE id NOT IN (SELECT fact_id FROM fact_sources)") == 0
    assert count(ws, "SELECT count(*) FROM fact_sources WHERE document_id IS NOT NULL AND document_id "
                     "NOT IN (SELECT id FROM documents)") == 0
    assert count(ws, "SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM fact_sources "
                     "WHERE document_id IS NOT NULL)") == 0
    assert count(ws, "SELECT count(*) FROM edges WHERE dst_id IS NOT NULL AND dst_id NOT IN "
                     "(SELECT id FROM facts)") == 0
    assert ws.vault.integrity_check() == []
