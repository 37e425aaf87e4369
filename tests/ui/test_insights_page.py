"""The Insights page: cards with evidence, charts built on first show, clicks that select facts."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, Qt

from tests.core.careers import write_career
from tests.ui.conftest import settle


def _shown(qtbot, w):  # type: ignore[no-untyped-def]
    page = w.views["Insights"]
    with qtbot.waitSignal(page.charts_did_build, timeout=15_000):
        w.show_view("Insights")
    settle(qtbot, w)
    return page


def test_first_paint_and_dashboard_stay_free_of_pyqtgraph(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    write_career(w.session.workspace)
    dash = w.show_view("Dashboard")
    dash.reload()
    settle(qtbot, w)
    assert "pyqtgraph" not in sys.modules and "ui.charts" not in sys.modules
    assert dash.top_insights.count() > 0  # the dashboard shows top insights without charts


def test_cards_charts_and_click_through_to_evidence(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    ids = write_career(w.session.workspace)
    page = _shown(qtbot, w)
    assert "pyqtgraph" in sys.modules and 0 < page.first_show_ms < page.charts_ready_ms
    assert len(page.report.insights) >= 8 and len(page.cards) == 8
    assert all(c.accessibleName() for c in page.cards)
    # the interview's behavioural dimensions reach the page, with their evidence
    behaviour = {i.key: i for i in page.report.insights if i.kind == "behaviour"}
    assert behaviour["behaviour:collaboration"].fact_ids == (ids["a3"],)
    # a point on the timeline: the promoted role; clicking it selects the role and its achievements
    chart = page.charts["timeline"]
    page.tabs.setCurrentWidget(chart)
    qtbot.waitUntil(lambda: chart.view.isVisible())
    spot = next(s for s in chart.scatter.points() if ids["senior"] in chart.points[s.data()].evidence)
    scene = chart.plot.vb.mapViewToScene(QPointF(spot.pos().x(), spot.pos().y()))
    at = chart.view.mapFromScene(scene)
    know = w.views["Knowledge"]
    with qtbot.waitSignal(know.model.rows_did_load, timeout=10_000):
        qtbot.mouseClick(chart.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    settle(qtbot, w)
    assert w.stack.currentWidget() is know
    assert set(know.selected_ids()) == {ids["senior"], ids["a3"], ids["a4"]}
    # a card's evidence button opens its facts
    w.show_view("Insights")
    card = next(c for c in page.cards if c.insight.kind == "promotion")
    with qtbot.waitSignal(know.model.rows_did_load, timeout=10_000):
        card.evidence_button.click()
    settle(qtbot, w)
    assert set(know.selected_ids()) == {ids["junior"], ids["senior"]}
    # table view of a series, and export
    skills = page.charts["skills"]
    assert skills.table.rowCount() >= 4 and skills.table.accessibleName() == "Skills over time data"
    assert skills.export(tmp_path / "skills.svg").read_text().lstrip().startswith("<?xml")
    assert skills.export(tmp_path / "skills.png").stat().st_size > 1000


def test_dismiss_is_undoable(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    write_career(w.session.workspace)
    page = _shown(qtbot, w)
    first = page.cards[0].insight
    with qtbot.waitSignal(page.report_did_show, timeout=10_000):
        page.cards[0].dismiss_button.click()
    assert first.key not in {c.insight.key for c in page.cards} and page.restore_button.isVisible()
    with qtbot.waitSignal(page.report_did_show, timeout=10_000):
        w.undo_action.trigger()
    assert page.cards[0].insight.key == first.key


def _goal_on_top_gap(ws) -> str:  # type: ignore[no-untyped-def]
    """Save the fictional posting and make its top gap a goal; the gap's label."""
    from core.advice import plan_for_insights
    from core.jobs.plan import LearningItem, add_goal
    from core.jobs.store import add_posting

    posting = Path(__file__).parents[1] / "core" / "jobs_fixtures" / "posting_data_engineer.txt"
    add_posting(ws, title="Senior Data Engineer", company="Northwind Analytics", text=posting.read_text("utf-8"))
    gap = plan_for_insights(ws).gaps[0]
    add_goal(ws, LearningItem(gap.label, "saved jobs ask", (), False, 6, False, gap.key, None), due="2027-03-01")
    return gap.label


def test_recommendations_tick_tasks_and_the_group_filter(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    write_career(w.session.workspace)
    label = _goal_on_top_gap(w.session.workspace)
    page = _shown(qtbot, w)
    page.set_filters(group="plan")
    assert page.cards and all(c.insight.kind == "recommendation" for c in page.cards)
    card = next(c for c in page.cards if c.insight.goal is not None)
    assert label in card.insight.statement and len(card.task_boxes) == 3
    first_task = next(iter(card.task_boxes))
    with qtbot.waitSignal(page.report_did_show, timeout=15_000):
        card.task_boxes[first_task].setChecked(True)  # ticking a task is a change: the cards recompute
    card = next(c for c in page.cards if c.insight.goal is not None)
    assert card.insight.goal.done_tasks == 1 and card.task_boxes[first_task].isChecked()
    assert "1 of 3 tasks done" in card.insight.statement
    # the behaviour filter shows only the interview's behavioural dimensions
    page.set_filters(group="behaviour")
    assert page.cards and {c.insight.group for c in page.cards} == {"behaviour"}
    page.set_filters(group="")
    assert len({c.insight.group for c in page.cards}) > 1
    # the Dashboard keeps a place for the best recommendation, which opens the Next steps
    dash = w.show_view("Dashboard")
    dash.reload()
    settle(qtbot, w)
    lines = [dash.top_insights.itemAt(i).widget() for i in range(dash.top_insights.count())]
    step = next(b for b in lines if b.text().startswith("Next step: "))
    step.click()
    settle(qtbot, w)
    assert w.stack.currentWidget() is page and page.group_filter.currentData() == "plan"
    # a recommendation's jobs button opens the Jobs page on the saved job behind it, even when
    # another job was selected there
    from core.jobs.tracking import add_posting_text
    from ui.ops import Mutation

    Mutation(page, lambda ws: add_posting_text(ws, "Barista\n\nRequirements:\nLatte art."), runner=w.ops_runner).start()
    settle(qtbot, w)
    jobs = w.show_view("Jobs")
    settle(qtbot, w)
    qtbot.waitUntil(lambda: jobs.jobs_table.rowCount() == 2, timeout=15_000)
    other = next(r for r in range(2) if jobs.jobs_table.item(r, 0).text() == "Barista")
    jobs.jobs_table.selectRow(other)
    assert jobs.current().posting.title == "Barista"
    w.show_view("Insights")
    settle(qtbot, w)
    page.set_filters(group="plan")
    card = next(c for c in page.cards if c.insight.job_ids and c.insight.job_ids[0] != jobs.current().posting.id)
    card.jobs_button.click()
    settle(qtbot, w)
    assert w.stack.currentWidget() is jobs
    qtbot.waitUntil(lambda: jobs.current() is not None and jobs.current().posting.id == card.insight.job_ids[0],
                    timeout=15_000)
