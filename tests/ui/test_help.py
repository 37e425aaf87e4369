"""Help menu (guide, shortcuts sheet), shortcuts in tooltips, the "what next" banner after the first
drop, and backups made by default (after the first documents, on close after changes)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolButton

from tests.ui.conftest import settle
from tests.ui.resumes import write_txt
from tests.ui.test_documents import drop_files, wait_jobs


@pytest.fixture(autouse=True)
def _no_embeddings(session) -> None:  # type: ignore[no-untyped-def]
    session.embed_on_ingest = False


def test_guide_and_shortcuts_sheet(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    w.guide_action.trigger()
    guide = w.help_dialog
    text = guide.text.toPlainText()
    for section in ("Getting started", "Reviewing", "Exporting", "Privacy and backups"):
        assert section in text
    guide.grab().save(str(tmp_path / "help-guide.png"))
    guide.close()
    w.shortcuts_action.trigger()
    sheet = w.help_dialog
    rows = {sheet.table.item(r, 0).text(): sheet.table.item(r, 1).text() for r in range(sheet.table.rowCount())}
    assert rows["Export"] == "Ctrl+E" and rows["Lock"] == "Ctrl+L" and rows["Knowledge"] == "Ctrl+3"
    assert rows["Approve"] == "Ctrl+Return" and rows["Remove document"] == "Del"
    assert rows["Keyboard shortcuts"] == "Ctrl+/" and rows["Review queue"] == "Ctrl+R"
    sheet.grab().save(str(tmp_path / "help-shortcuts.png"))
    # every Knowledge button names its keys in its tooltip, and is reachable with Tab
    know = w.show_view("Knowledge")
    for name, btn in know.action_buttons.items():
        assert isinstance(btn, QToolButton) and btn.focusPolicy() != btn.focusPolicy().NoFocus
        keys = btn.defaultAction().shortcut().toString()
        assert keys and keys in btn.toolTip(), name


def test_first_drop_backs_up_and_points_to_the_review_queue(qtbot, open_window, tmp_path, session) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    assert not session.store.backups(session.profile)
    assert drop_files(w, [write_txt(tmp_path / "in", 0)])
    docs = w.views["Documents"]
    wait_jobs(qtbot, docs)
    settle(qtbot, w)
    banner = docs.identity_check.next_banner
    assert banner.isVisible() and "facts" in banner.label.text()
    assert [b.reason for b in session.store.backups(session.profile)] == ["first-ingest"]
    docs.grab().save(str(tmp_path / "what-next.png"))
    banner.open_button.click()
    settle(qtbot, w)
    know = w.views["Knowledge"]
    assert w.stack.currentWidget() is know and know.review.queue.isChecked() and not banner.isVisible()
    # a second drop is not the first: no banner again
    assert drop_files(w, [write_txt(tmp_path / "in", 1)])
    wait_jobs(qtbot, docs)
    settle(qtbot, w)
    assert not banner.isVisible()
    # closing after changes leaves a backup of them
    profile = session.profile
    n = len(session.store.backups(profile))
    w.close()
    assert len(session.store.backups(profile)) == n + 1
    assert session.store.backups(profile)[0].reason == "on-close"


def test_drag_over_the_window_highlights_it(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent
    from PySide6.QtWidgets import QApplication

    w = open_window
    files = [write_txt(tmp_path / "in", 0), write_txt(tmp_path / "in", 1)]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in files])
    enter = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(w, enter)
    assert w.drop_overlay.isVisible() and "2 files" in w.drop_overlay.text()
    w.grab().save(str(tmp_path / "drop-highlight.png"))
    QApplication.sendEvent(w, QDragLeaveEvent())
    assert not w.drop_overlay.isVisible()
