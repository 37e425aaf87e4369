"""Full Vita export -> import into a fresh vault: identical facts, edges, history and everything else."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core import kb
from core.errors import ImportFailed
from core.exchange.jsonresume_export import export_jsonresume
from core.exchange.jsonresume_import import import_jsonresume
from core.exchange.selection import Selection, list_variants, save_variant
from core.exchange.vita_format import export_vita, import_vita, write_vita
from core.facts import now_iso
from core.model import FactType
from core.workspace import Workspace
from tests.core import kb_support
from tests.core.exchange_fixtures import resume

ws, ws2 = kb_support.ws, kb_support.ws2


def populate(ws: Workspace) -> dict[str, int]:
    """A vault with every kind of row: facts, edges, history, documents, chats, settings, vectors."""
    r = import_jsonresume(ws, resume()).ids
    kb.edit_fact(ws, r["work.2"], value="Software Engineer II")
    kb.merge_facts(ws, r["skills.1.0"], r["skills.0.2"])
    kb.split_fact(ws, r["work.0.highlights.1"], [kb.Part("Grew the platform team"), kb.Part("Hired 6 engineers")])
    ws.delete_fact(r["interests.0"])  # history of a deleted fact must travel too
    ts = now_iso()
    with ws.mutation("seed rows") as txn:
        doc = txn.insert("documents", {"sha256": "ab" * 32, "source_name": "cv-2023.pdf", "mime": "application/pdf",
                                       "doc_type": "resume", "text": "Marisol Quenneville ...", "pages": "[[0, 22]]",
                                       "meta": json.dumps({"pages": 1}), "original": b"%PDF-1.7 fake",
                                       "added_at": ts})
        txn.insert("fact_sources", {"fact_id": r["work.0"], "source_kind": "document", "document_id": doc,
                                    "page": 1, "start": 0, "end": 19, "extractor": "vita.extract",
                                    "extractor_version": "1", "confidence": 0.9, "note": "", "created_at": ts})
        chat = txn.insert("chats", {"title": "Interview", "created_at": ts})
        txn.insert("chat_messages", {"chat_id": chat, "role": "assistant", "text": "What did you ship?",
                                     "created_at": ts})
        txn.insert("conflicts", {"fact_id": r["work.1"], "field": "end", "candidates": '["2021-03", "2021-04"]',
                                 "created_at": ts})
        txn.insert("quarantine", {"source_name": "bomb.zip", "code": "hostile_file", "reason": "zip bomb",
                                  "created_at": ts})
        txn.conn.exec_driver_sql("INSERT INTO settings(key, value) VALUES ('ui.theme', 'dark')")
        txn.conn.exec_driver_sql("INSERT INTO embedding_cache(text_hash, vector) VALUES ('h1', x'00112233')")
    save_variant(ws, "sre", Selection(tags=["sre"], date_from="2018"))
    rng = np.random.default_rng(7)
    with ws.mutation("vectors", undoable=False) as txn:
        for fid in list(r.values())[:10]:
            v = rng.standard_normal(384).astype(np.float32)
            txn.conn.exec_driver_sql("INSERT INTO fact_vectors(rowid, embedding) VALUES (?, ?)",
                                     (fid, (v / np.linalg.norm(v)).tobytes()))
    return r


def test_full_export_restores_identically(ws: Workspace, ws2: Workspace, tmp_path: Path) -> None:
    populate(ws)
    path = write_vita(ws, tmp_path / "all.vita.json", include_originals=True)
    assert path.stat().st_mode & 0o077 == 0  # the whole vault in clear: owner-only
    counts = import_vita(ws2, json.loads(path.read_text("utf-8")))
    assert counts["facts"] == ws.count_facts() and counts["fact_vectors"] == 10
    a, b = export_vita(ws, include_originals=True), export_vita(ws2, include_originals=True)
    assert a["tables"] == b["tables"] and a["vectors"] == b["vectors"]
    for table in ("facts", "edges", "fact_versions", "fact_sources", "documents", "chats", "chat_messages",
                  "settings", "resume_variants", "conflicts", "quarantine", "embedding_cache"):
        assert a["tables"][table]["rows"], f"{table} was not exercised"
    assert a["tables"]["documents"]["rows"][0][a["tables"]["documents"]["columns"].index("original")] == {
        "$b64": "JVBERi0xLjcgZmFrZQ=="}
    # derived data works in the restored vault: full text, vectors, history, JSON Resume
    assert [h.fact.value for h in kb.text_search(ws2, "Kafka")] == [h.fact.value for h in kb.text_search(ws, "Kafka")]
    fid = ws.list_facts(type=FactType.role)[0].id
    assert kb.fact_history(ws2, fid) == kb.fact_history(ws, fid)
    q = kb.search.vector_matrix(ws)[1][3]
    assert kb.search.semantic_ids(ws2, q, k=3) == kb.search.semantic_ids(ws, q, k=3)
    assert json.dumps(export_jsonresume(ws2)) == json.dumps(export_jsonresume(ws))
    assert list(list_variants(ws2)) == ["sre"]


def test_originals_are_left_out_unless_asked(ws: Workspace) -> None:
    populate(ws)
    data = export_vita(ws)
    docs = data["tables"]["documents"]
    assert docs["rows"][0][docs["columns"].index("original")] is None
    assert docs["rows"][0][docs["columns"].index("text")].startswith("Marisol")


def test_refuses_foreign_files_and_unmerged_non_empty_vaults(ws: Workspace, ws2: Workspace) -> None:
    populate(ws)
    data = export_vita(ws)
    kb.create_fact(ws2, kb.NewFact(FactType.skill, "Existing"))
    with pytest.raises(ImportFailed):
        import_vita(ws2, data, merge=False)
    with pytest.raises(ImportFailed):
        import_vita(ws2, {"format": "something-else"})
    with pytest.raises(ImportFailed):
        import_vita(ws2, data | {"schema_version": 999})
    assert ws2.count_facts() == 1


def test_merge_into_a_vault_with_data(ws: Workspace, ws2: Workspace) -> None:
    populate(ws)
    data = json.loads(json.dumps(export_vita(ws, include_originals=True)))
    existing = next(iter(kb.create_fact(ws2, kb.NewFact(FactType.skill, "Existing")).fact_ids))
    counts = import_vita(ws2, data)
    assert ws2.count_facts() == ws.count_facts() + 1 and counts["fact_vectors"] == 10
    assert ws2.get_fact(existing).value == "Existing"
    # the same resume comes out, through re-pointed role/organisation/achievement edges
    assert json.dumps(export_jsonresume(ws2)) == json.dumps(export_jsonresume(ws))
    role = [f for f in ws2.list_facts(type=FactType.role) if f.value == "Software Engineer II"][0]
    assert [v.action for v in kb.fact_history(ws2, role.id)] == ["create", "edit"]
    assert {s.source_kind.value for s in ws2.fact_sources(role.id)} == {"imported"}
    assert list(list_variants(ws2)) == ["sre"]
    assert import_vita(ws2, data)["documents"] == 0  # the same document is not stored twice
    ws2.undo()
    ws2.undo()
    assert ws2.count_facts() == 1
