"""The review queue: pending facts in the order that matters, Source/Start/End columns, a filter
by document, approve a document, approve the confident rest, the empty state, merged-away facts."""

from __future__ import annotations

import pytest

from core import kb
from core.model import FactStatus, FactType
from tests.ui.conftest import settle
from tests.ui.resumes import write_txt
from tests.ui.test_documents import drop_files, wait_jobs
from ui.knowledge.table_model import COL


@pytest.fixture(autouse=True)
def _no_embeddings(session) -> None:  # type: ignore[no-untyped-def]
    session.embed_on_ingest = False


def _cells(know, col: str) -> list[str]:  # type: ignore[no-untyped-def]
    m = know.model
    return [m.data(m.index(r, COL[col])) for r in range(m.rowCount())]


def test_review_queue_orders_filters_and_finishes(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    assert drop_files(w, [write_txt(tmp_path / "in", 0), write_txt(tmp_path / "in", 1)])
    wait_jobs(qtbot, w.views["Documents"])
    know = w.show_view("Knowledge")
    settle(qtbot, w)
    assert know.review.document.count() == 3  # All documents + two files
    with qtbot.waitSignal(know.model.rows_did_load):
        know.review.queue.click()
    types = _cells(know, "type")
    assert types[0] == "Contact" and "Role" in types and "Skill" in types
    first = {t: types.index(t) for t in ("Contact", "Role", "Education", "Skill") if t in types}
    assert list(first) == sorted(first, key=first.get)  # identity, roles, education, skills
    assert know.count_label.text() == f"{know.model.rowCount()} left to review"
    # Source names the file (and page); roles show their dates
    assert any(s.startswith("resume-0") for s in _cells(know, "source"))
    role_rows = [r for r, t in enumerate(types) if t == "Role"]
    starts = [know.model.data(know.model.index(r, COL["start"])) for r in role_rows]
    ends = [know.model.data(know.model.index(r, COL["end"])) for r in role_rows]
    assert "Mar 2020" in starts and "Present" in ends
    w.grab().save(str(tmp_path / "review-queue.png"))

    # one document at a time: approve everything it says
    everything = know.model.rowCount()
    know.review.document.setCurrentIndex(1)
    settle(qtbot, w)
    doc_name = know.review.document.currentText()
    assert 0 < know.model.rowCount() < everything
    assert doc_name in _cells(know, "source")[0]
    know.review.approve_doc.click()
    settle(qtbot, w)
    assert know.model.rowCount() == 0
    assert know.table_stack.currentWidget() is know.empty and "Nothing left to review" in know.empty.text()
    # the confident rest of the other document, then the uncertain ones stay
    know.review.document.setCurrentIndex(0)
    settle(qtbot, w)
    before = know.model.rowCount()
    know.review.approve_rest.click()
    settle(qtbot, w)
    left = know.model.rowCount()
    assert 0 < before and left < before
    ws = w.session.workspace
    assert all(f.confidence < 0.85 for f in ws.list_facts() if f.status == FactStatus.pending)
    w.undo_action.trigger()
    settle(qtbot, w)
    assert know.model.rowCount() == before


def test_merged_away_fact_is_shown_and_never_approved(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    ws = w.session.workspace
    kb.create_fact(ws, kb.NewFact(type=FactType.skill, value="Postgres"))
    kb.create_fact(ws, kb.NewFact(type=FactType.skill, value="PostgreSQL"))
    a, b = [f.id for f in ws.list_facts(type=FactType.skill)]
    kb.merge_facts(ws, b, a)
    know = w.show_view("Knowledge")
    with qtbot.waitSignal(know.model.rows_did_load):
        know.set_filters(type="skill")
    statuses = dict(zip(_cells(know, "value"), _cells(know, "status"), strict=True))
    assert statuses["Postgres"] == "Merged into “PostgreSQL”"
    know.table.selectAll()
    know.action_buttons["Approve"].click()
    settle(qtbot, w)
    assert ws.get_fact(a).status == FactStatus.rejected and ws.get_fact(b).status == FactStatus.approved
