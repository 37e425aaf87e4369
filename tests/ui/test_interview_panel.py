"""The interview panel in the main window: keyboard-first answering, the confirmation card with
edit-before-save, quick replies, undo, and the Jobs entry point (real vault, real widgets)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from core.interview.slots import RequirementGap
from tests.core.interview.fixtures import seed_record
from tests.ui.conftest import settle
from ui.knowledge.side_panel import FactSidePanel


def _texts(panel) -> list[str]:  # type: ignore[no-untyped-def]
    return [panel.messages.item(i).text() for i in range(panel.messages.count())]


def _open(qtbot, w):  # type: ignore[no-untyped-def]
    ids = seed_record(w.session.workspace)
    panel = w.interview_panel
    with qtbot.waitSignal(panel.turn_did_arrive, timeout=10_000):
        w.show_interview()
    return panel, ids


def test_answer_confirm_with_edit_and_undo(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    panel, ids = _open(qtbot, w)
    assert w.interview_dock.isVisible()
    assert "Northwind Traders (2019–2021)" in _texts(panel)[-1] and panel.progress.text() == "Question 1 of 8"
    settle(qtbot, w)
    assert 0 < panel.meter.value() < 100
    shots = Path(os.environ.get("VITA_SHOTS", str(tmp_path)))
    w.show_view("Knowledge").reload()  # the record was seeded behind the table's back
    settle(qtbot, w)
    w.grab().save(str(shots / "interview_question.png"))
    assert panel.answer.hasFocus() or panel.answer.isEnabled()
    with qtbot.waitSignal(panel.turn_did_arrive, timeout=10_000):
        panel.ask_slot(f"role:{ids['northwind']}:location")
    assert _texts(panel)[-1].startswith("Where were you based at Northwind Traders (2019–2021)?")
    assert panel.progress.text() == "Question 1 of 8"  # the question set aside unanswered does not count
    qtbot.keyClicks(panel.answer, "We were based in Lyon, France.")
    with qtbot.waitSignal(panel.turn_did_arrive, timeout=10_000) as sig:
        qtbot.keyClick(panel.answer, Qt.Key.Key_Return)
    assert sig.args[0].kind == "confirm" and panel.card.isVisible()
    assert [e.text() for e in panel.card.edits] == ["Lyon, France"]
    assert all(e.isVisible() for e in panel.card.edits) and panel.card.keeps[0].isChecked()
    shots = Path(os.environ.get("VITA_SHOTS", str(tmp_path)))
    w.grab().save(str(shots / "interview_card.png"))
    panel.card.edits[0].setText("Lyon")
    with qtbot.waitSignal(panel.turn_did_arrive, timeout=10_000) as sig:
        qtbot.keyClick(panel.card.edits[0], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sig.args[0].kind == "question" and not panel.card.isVisible()
    settle(qtbot, w)
    assert w.session.workspace.get_fact(ids["northwind"]).attributes["location"] == "Lyon"
    assert "Saved." in _texts(panel)
    view = w.show_view("Knowledge")
    side = next(c for c in view.findChildren(FactSidePanel))
    side.show_fact(ids["northwind"])
    qtbot.waitUntil(lambda: "Your answer in the interview" in side.source.toHtml(), timeout=10_000)
    assert "Lyon" in side.source.toPlainText()
    side.setCurrentIndex(1)
    w.grab().save(str(shots / "interview_provenance.png"))
    assert w.undo_action.isEnabled() and "Interview" in w.undo_action.text()
    w.undo()
    settle(qtbot, w)
    assert "location" not in w.session.workspace.get_fact(ids["northwind"]).attributes


def test_quick_reply_shortcut_skips_and_later_sessions_resume(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    panel, _ids = _open(qtbot, w)
    first = panel.turn.slot_key
    with qtbot.waitSignal(panel.turn_did_arrive, timeout=10_000) as sig:
        panel.quick_buttons["skip"].click()
    assert sig.args[0].slot_key != first and any("30 days" in t for t in _texts(panel))
    shown = _texts(panel)
    panel.reset()  # as after locking: the panel resumes from the vault
    with qtbot.waitSignal(panel.turn_did_arrive, timeout=10_000):
        panel.start()
    assert _texts(panel) == [t for t in shown if not t.startswith("Skipped")]
    assert panel.turn.slot_key == sig.args[0].slot_key


def test_jobs_entry_point_asks_about_the_gap(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    seed_record(w.session.workspace)
    panel = w.interview_panel
    gap = RequirementGap("job-1-req-4", "Terraform for infrastructure as code", skill="Terraform")
    w.ask_about_gap(gap)
    qtbot.waitUntil(lambda: panel.turn is not None and panel.turn.slot_key.startswith("req:"), timeout=10_000)
    assert w.interview_dock.isVisible()
    assert "Terraform" in _texts(panel)[-1] and panel.turn.slot_key == "req:job-1-req-4:evidence"


def test_dashboard_opens_the_interview(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    seed_record(w.session.workspace)
    dash = w.show_view("Dashboard")
    with qtbot.waitSignal(w.interview_panel.turn_did_arrive, timeout=10_000):
        dash.interview_button.click()
    assert w.interview_dock.isVisible() and w.interview_panel.turn.kind == "question"
