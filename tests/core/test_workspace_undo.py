"""Undo/redo in the core round-trips a sequence of mutations exactly (full table dumps)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import NothingToUndo
from core.events import Event
from core.facts import insert_fact
from core.model import FactStatus, FactType, Visibility
from core.workspace import Workspace
from tests.core.vault_kit import dump_tables, make_profile


def _fts(ws: Workspace, word: str) -> set[int]:
    with ws.reading() as conn:
        return {r[0] for r in conn.exec_driver_sql("SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?",
                                                    (word,))}


def test_undo_redo_round_trips_a_sequence(tmp_path: Path) -> None:
    store, profile, _, key = make_profile(tmp_path)
    ws = Workspace(store.open_vault(profile, key), profile=profile)
    seen: list[object] = []
    ws.events.subscribe(Event.facts_did_change, seen.append)

    def dump() -> dict[str, list[object]]:
        ws.vault.checkpoint()
        return dump_tables(profile.vault_path, key)

    states = [dump()]
    labels = []

    def step(label: str, fn) -> None:  # type: ignore[no-untyped-def]
        fn()
        labels.append(label)
        assert ws.undo_status().undo == label or label == "*"
        states.append(dump())

    ids: list[int] = []
    step("Add skill", lambda: ids.append(next(iter(ws.add_fact(type=FactType.skill, value="Welding alpha",
                                                               note="typed in").fact_ids))))
    step("Add role", lambda: ids.append(next(iter(ws.add_fact(type=FactType.role, value="Foreman beta",
                                                              attributes={"title": "Foreman"}).fact_ids))))
    step("Edit fact", lambda: ws.update_fact(ids[0], value="Welding gamma", tags=["x"]))
    step("Approve", lambda: ws.update_fact(ids[1], status=FactStatus.approved,
                                           visibility=Visibility.private, label="Approve"))

    def link() -> None:
        with ws.mutation("Link") as txn:
            fid = insert_fact(txn, type=FactType.achievement, value="Built delta", attributes={})
            ids.append(fid)
            txn.insert("edges", {"kind": "achieved_in", "src_id": fid, "dst_id": ids[1], "weight": 1.0,
                                 "created_at": "2026-01-01T00:00:00"})
    step("Link", link)
    step("Delete fact", lambda: ws.delete_fact(ids[1]))  # cascades: its edge and sources go too
    assert states[-1] != states[-2]
    assert _fts(ws, "beta") == set()

    for i in range(len(labels), 0, -1):  # undo everything, one step at a time
        assert ws.undo_status().undo == labels[i - 1]
        ws.undo()
        assert dump() == states[i - 1], f"undo of {labels[i - 1]!r} did not restore the state"
    with pytest.raises(NothingToUndo):
        ws.undo()
    assert _fts(ws, "alpha") == set()

    for i in range(1, len(labels) + 1):  # and redo it all
        assert ws.undo_status().redo == labels[i - 1]
        ws.redo()
        assert dump() == states[i], f"redo of {labels[i - 1]!r} did not give the same state"
    with pytest.raises(NothingToUndo):
        ws.redo()
    assert _fts(ws, "gamma") == {ids[0]} and _fts(ws, "delta") == {ids[2]}

    # undo twice then a new mutation: the redo branch is dropped
    ws.undo()
    ws.undo()
    ws.add_fact(type=FactType.skill, value="New branch")
    assert ws.undo_status().redo is None
    assert seen and all(getattr(c, "facts", False) for c in seen)
    ws.close()


def test_a_saved_step_round_trips_bytes_and_is_undone_by_another_workspace(tmp_path: Path) -> None:
    """What `vita undo` relies on: a step kept in the vault, read back by a later process."""
    from core import undo_log

    store, profile, _, key = make_profile(tmp_path)
    ws = Workspace(store.open_vault(profile, key), profile=profile)
    with ws.mutation("Add the original") as txn:
        doc = txn.insert("documents", {"sha256": "ab" * 32, "source_name": "note.pdf", "text": "Kiln work",
                                       "original": b"\x00\xffraw bytes", "added_at": "2026-01-01T00:00:00"})
    ws.save_undo(1)
    with ws.reading() as conn:
        saved = undo_log.newest(conn)
    assert saved is not None and undo_log.encode_step(saved[1]) == undo_log.encode_step(ws.undo_stack.newest(1)[0])
    ws.vault.close()
    again = Workspace(store.open_vault(profile, key), profile=profile)
    assert again.saved_undo_label() == "Add the original"
    assert again.undo_saved().undo_label == "Add the original"
    with again.reading() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM documents WHERE id = ?", (doc,)).scalar() == 0
    with pytest.raises(NothingToUndo):
        again.undo_saved()
