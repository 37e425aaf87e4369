"""Remove a document from the Documents table (Delete key, context menu), undo it; erase permanently."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import settle
from tests.ui.resumes import write_txt
from tests.ui.test_documents import drop_files, wait_jobs


@pytest.fixture(autouse=True)
def _no_embeddings(session) -> None:  # type: ignore[no-untyped-def]
    session.embed_on_ingest = False


def _dropped(qtbot, w, tmp_path, n: int):  # type: ignore[no-untyped-def]
    files = [write_txt(tmp_path / "in", i) for i in range(n)]
    assert drop_files(w, files)
    docs = w.views["Documents"]
    wait_jobs(qtbot, docs)
    settle(qtbot, w)
    return docs


def test_delete_key_removes_a_document_and_undo_brings_it_back(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    docs = _dropped(qtbot, w, tmp_path, 2)
    ws = w.session.workspace
    total = ws.count_facts()
    assert docs.table.rowCount() == 2
    docs.table.selectRow(1)
    gone = docs.rows[1].source_name
    docs.table.setFocus()
    qtbot.keyClick(docs.table, Qt.Key.Key_Delete)
    settle(qtbot, w)
    assert docs.table.rowCount() == 1 and docs.table.item(0, 0).text() != gone
    assert ws.count_facts() < total
    summary = docs.removal.last[0]
    assert summary.source_name == gone and summary.facts_removed > 0
    assert "Undo" in w.statusBar().currentMessage()
    assert w.undo_action.text().startswith("Undo Remove document")
    w.undo_action.trigger()
    settle(qtbot, w)
    assert docs.table.rowCount() == 2 and ws.count_facts() == total


def test_context_menu_offers_remove_and_erase(qtbot, open_window, tmp_path, scripted) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    docs = _dropped(qtbot, w, tmp_path, 1)
    docs.table.selectRow(0)
    rect = docs.table.visualItemRect(docs.table.item(0, 0))
    docs.table.customContextMenuRequested.emit(rect.center())
    labels = [a.text() for a in docs.removal.menu.actions() if a.text()]
    assert labels == ["Open", "Remove document", "Erase permanently…"]
    docs.removal.menu.close()
    scripted.answers["confirm"] = [False, True]
    docs.removal.erase_action.trigger()  # declined: nothing happens
    settle(qtbot, w)
    assert docs.table.rowCount() == 1
    docs.removal.erase_action.trigger()
    settle(qtbot, w)
    assert docs.table.rowCount() == 0 and w.session.workspace.count_facts() == 0
    assert "cannot be undone" in scripted.asked[-1][1][1]
