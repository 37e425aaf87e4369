"""Erasure: after deleting a fact, a document or everything, a canary string is nowhere in the
vault's decrypted content (all tables, FTS and sqlite-vec shadow tables), its backups or files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from core import kb
from core.errors import NotFound
from core.facts import now_iso
from core.kb import NewFact, SourceSpec
from core.model import EdgeKind, FactType, SourceKind
from core.vault.db import raw_connection
from core.workspace import Workspace

CANARY = "Zebracanary7Q"
VEC = np.linspace(-1, 1, 384, dtype=np.float32) / np.float32(11.3)


def _values(conn: object) -> Iterator[tuple[str, object]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]  # type: ignore[attr-defined]
    for name in names:
        try:
            rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()  # type: ignore[attr-defined]
        except Exception:
            continue
        for row in rows:
            for v in row:
                yield name, v
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, facts_fts, 'row')")  # type: ignore[attr-defined]
    for (term,) in conn.execute("SELECT term FROM temp.vocab"):  # type: ignore[attr-defined]
        yield "fts5vocab", term


def traces(path: Path, key: bytes) -> set[str]:
    """Tables of the decrypted file at `path` holding the canary text or the canary vector."""
    needle_t = CANARY.lower()
    needle_b = VEC.tobytes()[16:80]
    found = set()
    with raw_connection(path, key) as conn:
        for table, v in _values(conn):
            if isinstance(v, str) and needle_t in v.lower():
                found.add(table)
            elif isinstance(v, (bytes, memoryview)):
                b = bytes(v)
                if needle_t.encode() in b.lower() or needle_b in b:
                    found.add(table)
    return found


def raw_files_clean(profile_dir: Path) -> bool:
    for p in profile_dir.rglob("*"):
        if p.is_file() and CANARY.lower().encode() in p.read_bytes().lower():
            return False
    return True


def _plant(ws: Workspace) -> tuple[int, int, int]:
    """A fact carrying the canary in value, attributes and history, with a vector and a document."""
    ts = now_iso()
    with ws.mutation("add doc") as txn:
        doc = txn.insert("documents", {"sha256": "cd" * 32, "source_name": f"{CANARY}.pdf", "text":
                                       f"Worked on {CANARY} platform", "original": f"bytes {CANARY}".encode(),
                                       "added_at": ts})
    keep = kb.create_fact(ws, NewFact(FactType.skill, "Terraform", {"name": "Terraform"}))
    keep_id = next(iter(keep.fact_ids))
    ch = kb.create_fact(ws, NewFact(FactType.project, f"Project {CANARY}", {"name": f"Project {CANARY}"},
                                    source=SourceSpec(SourceKind.document, document_id=doc, page=1, start=10,
                                                      end=23)),
                        edges=[(EdgeKind.uses_skill, keep_id)])
    fid = next(iter(ch.fact_ids))
    kb.edit_fact(ws, fid, value=f"Project {CANARY} v2", set_attributes={"name": "renamed", "note": CANARY})
    kb.edit_fact(ws, fid, set_attributes={"note": None})
    with ws.mutation("vector", undoable=False) as txn:
        txn.conn.exec_driver_sql("INSERT INTO fact_vectors(rowid, embedding) VALUES (?, ?)", (fid, VEC.tobytes()))
    ws.save_undo(ws.undo_stack.depth())  # as `vita undo` keeps them: the images hold the canary too
    ws.backup(reason="before")
    return fid, keep_id, doc


def test_erase_fact_leaves_no_trace(ws: Workspace) -> None:
    fid, keep_id, doc = _plant(ws)
    key, path = ws.vault._key, ws.vault.path
    assert {"facts", "fact_versions", "fact_vectors_vector_chunks00"} <= traces(path, key)
    # the old backup holds it too
    assert traces(ws.backups()[0].path, key)
    kb.erase_facts(ws, [fid])
    left = traces(path, key)
    assert left == {"documents"}  # only the document itself still mentions it
    with pytest.raises(NotFound):
        ws.get_fact(fid)
    with pytest.raises(NotFound):
        kb.fact_history(ws, fid)
    assert ws.get_fact(keep_id).value == "Terraform"
    assert ws.undo_status().undo is None  # undo steps held the erased rows
    assert kb.search.semantic_ids(ws, VEC, k=5) == []
    backups = ws.backups()
    assert len(backups) == 1 and backups[0].reason == "after-erasure"
    assert traces(backups[0].path, key) == {"documents"}
    kb.erase_document(ws, doc)
    assert traces(path, key) == set() and traces(ws.backups()[0].path, key) == set()
    assert raw_files_clean(ws.profile.dir)  # type: ignore[union-attr]


def test_erase_document_keeps_facts_confirmed_elsewhere(ws: Workspace) -> None:
    fid, keep_id, doc = _plant(ws)
    ts = now_iso()
    with ws.mutation("second source") as txn:  # the person confirmed the fact too
        txn.insert("fact_sources", {"fact_id": fid, "source_kind": "person", "note": "", "created_at": ts})
    only_doc = kb.create_fact(ws, NewFact(FactType.skill, "Ansible", source=SourceSpec(SourceKind.document,
                                                                                        document_id=doc)))
    report = kb.erase_document(ws, doc)
    assert report.facts == 1 and report.documents == 1
    assert ws.get_fact(fid).value == f"Project {CANARY} v2"
    assert [s.source_kind for s in ws.fact_sources(fid)] == [SourceKind.person]
    with pytest.raises(NotFound):
        ws.get_fact(next(iter(only_doc.fact_ids)))


def test_erase_everything(ws: Workspace) -> None:
    _plant(ws)
    assert ws.profile is not None
    (ws.profile.cache_dir / "thumbs").mkdir(parents=True)
    (ws.profile.cache_dir / "thumbs" / "x.txt").write_text(CANARY)
    kb.erase_everything(ws)
    assert traces(ws.vault.path, ws.vault._key) == set()
    assert ws.count_facts() == 0 and not any(ws.profile.cache_dir.iterdir())
    assert raw_files_clean(ws.profile.dir)
    assert [b.reason for b in ws.backups()] == ["after-erasure"]


def test_erase_document_removes_leftovers_and_conflicts_that_quote_it(ws: Workspace) -> None:
    import json
    import shutil

    fid, keep_id, doc = _plant(ws)
    with ws.mutation("conflict") as txn:
        txn.insert("conflicts", {"fact_id": keep_id, "field": "name", "status": "open", "created_at": now_iso(),
                                 "candidates": json.dumps([{"value": "Terraform", "sources": []},
                                                           {"value": f"TF {CANARY}",
                                                            "sources": [{"document_id": doc}]}])})
    folder = ws.vault.backups_dir
    newest = ws.backups()[0].path
    shutil.copyfile(newest, folder / (newest.name.replace(".vault", ".partial")))  # a backup killed midway
    shutil.copyfile(newest, folder / "damaged-20260101T000000000000Z.vault")  # a damaged vault kept aside
    (ws.vault.path.parent / ".resume.md.1a2b3c4d.tmp").write_text(CANARY)  # an interrupted write
    report = kb.erase_document(ws, doc, keep_confirmed=False)
    assert report.conflicts_removed == 1
    assert len(report.leftovers_removed) == 3 and "damaged-20260101T000000000000Z.vault" in report.leftovers_removed
    assert traces(ws.vault.path, ws.vault._key) == set()
    assert raw_files_clean(ws.profile.dir)  # type: ignore[union-attr]
    assert [b.reason for b in ws.backups()] == ["after-erasure"]


def test_erasing_from_backups_waits_for_no_other_process(ws: Workspace) -> None:
    import subprocess
    import sys

    from core.errors import VaultBusy

    fid, _, _ = _plant(ws)
    repo = Path(__file__).resolve().parents[2]
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from core.vault.lock import ProfileLock\n"
         "ProfileLock(Path(sys.argv[1])).acquire(exclusive=False, wait_s=5, doing='open')\n"
         "print('held', flush=True); time.sleep(60)", str(ws.vault.path)],
        cwd=repo, env={"PYTHONPATH": str(repo), "PATH": "/usr/bin:/bin"}, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(VaultBusy, match=f"pid {holder.pid}"):
            kb.erase_facts(ws, [fid])
        assert ws.get_fact(fid)  # refused before anything was erased
    finally:
        holder.kill()
        holder.wait()
    assert kb.erase_facts(ws, [fid]).facts == 1
    assert ws.vault.lock.mode == "shared"  # back to sharing the profile


def _two_documents(ws: Workspace) -> list[tuple[int, int]]:
    out = []
    for n in range(2):
        with ws.mutation("add doc") as txn:
            doc = txn.insert("documents", {"sha256": f"{n}e" * 32, "source_name": f"cv{n}.txt",
                                           "text": "Go and Rust", "added_at": now_iso()})
        fact = kb.create_fact(ws, NewFact(FactType.skill, ("Go", "Rust")[n], source=SourceSpec(
            SourceKind.document, document_id=doc)))
        out.append((doc, next(iter(fact.fact_ids))))
    return out


def test_removing_or_erasing_several_documents_reports_every_fact_id(ws: Workspace) -> None:
    """The UI broadcasts what core returns for a multi-document removal; it builds no Changes itself."""
    from core.library import remove_documents

    planted = _two_documents(ws)
    removed = remove_documents(ws, [d for d, _ in planted])
    assert removed.changes.fact_ids == {f for _, f in planted} and removed.changes.documents
    assert [r.facts_removed for r in removed.done] == [1, 1]
    planted = _two_documents(ws)
    changes = kb.erase_documents(ws, [d for d, _ in planted])
    assert changes.fact_ids == {f for _, f in planted} and changes.documents
    assert ws.count_facts() == 0
