"""The one fact writer: provenance from any source (a chat message too), snapshots that keep the
source kind and confidence, and a revert after delete that brings the fact back as it was."""

from __future__ import annotations

import json

from sqlalchemy import text

from core import kb
from core.facts import FactWriter, NewFact, now_iso
from core.ingest import ingest_parsed
from core.model import FactStatus, FactType, SourceKind, SourceSpec, Span
from core.workspace import Workspace
from tests.core import kb_support
from tests.core.ingest_docs import RoleSpec, resume

ws = kb_support.ws


def _chat_message(ws: Workspace, said: str) -> int:
    with ws.mutation("Interview answer", undoable=False) as txn:
        chat = txn.insert("chats", {"title": "Interview", "created_at": now_iso()})
        return txn.insert("chat_messages", {"chat_id": chat, "role": "user", "text": said, "created_at": now_iso()})


def test_an_interview_answer_is_sourced_to_its_chat_message(ws: Workspace) -> None:
    said = "I led the migration of our billing system to Postgres in 2021."
    msg = _chat_message(ws, said)
    start = said.index("Postgres")
    with ws.mutation("Save answer") as txn:
        writer = FactWriter(txn, SourceSpec(SourceKind.interview, chat_message_id=msg, extractor="vita.interview",
                                            confidence=0.9))
        skill = writer.add(FactType.skill, "Postgres", {"name": "Postgres"}, span=Span(0, start, start + 8))
    fact = ws.get_fact(skill)
    assert fact.source_kind == SourceKind.interview and fact.confidence == 0.9
    assert fact.status == FactStatus.pending  # the interview confirms before approving
    [src] = ws.fact_sources(skill)
    assert (src.chat_message_id, src.document_id, src.source_kind) == (msg, None, SourceKind.interview)
    assert said[src.start:src.end] == "Postgres"
    ws.undo()
    assert ws.count_facts() == 0


def test_revert_after_delete_keeps_source_kind_confidence_and_provenance(ws: Workspace) -> None:
    doc = resume("cartographer.txt", "Tamsin Orrow",
                 [RoleSpec("Mapmaker", "Quillon Surveys", "2019-02", "2022-08", bullets=["Charted 40 km of coast"])])
    ingest_parsed(ws, [(doc.source, doc)], embed=False, enrich=False).run()
    bullet = next(f for f in ws.list_facts(type=FactType.achievement))
    sources = ws.fact_sources(bullet.id)
    assert bullet.source_kind == SourceKind.document and bullet.confidence == 0.8 and sources
    ws.delete_fact(bullet.id)
    kb.revert_fact(ws, bullet.id, 1)
    back = ws.get_fact(bullet.id)
    assert (back.value, back.source_kind, back.confidence) == (bullet.value, SourceKind.document, 0.8)
    again = ws.fact_sources(bullet.id)
    assert [(s.document_id, s.start, s.end, s.extractor) for s in again] == \
        [(s.document_id, s.start, s.end, s.extractor) for s in sources]
    assert kb.fact_history(ws, bullet.id)[-1].action == "revert:1"


def test_one_module_writes_fact_rows_and_their_snapshots_agree(ws: Workspace) -> None:
    kb.create_fact(ws, NewFact(FactType.skill, "Surveying", {"name": "Surveying"}, confidence=0.7,
                               source=SourceSpec(SourceKind.imported, note="jsonresume: a.json")))
    kb.bulk_insert_facts(ws, [NewFact(FactType.skill, "Geodesy", {"name": "Geodesy"}, confidence=0.6,
                                      source=SourceSpec(SourceKind.imported))])
    with ws.reading() as conn:
        snaps = [json.loads(r[0]) for r in conn.execute(text("SELECT snapshot FROM fact_versions ORDER BY id"))]
    assert [(s["value"], s["confidence"], s["source_kind"]) for s in snaps] == \
        [("Surveying", 0.7, "imported"), ("Geodesy", 0.6, "imported")]
