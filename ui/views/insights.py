"""Insights: what the career record shows (insight cards with their evidence) and charts of the
career over time. The charts (pyqtgraph, `ui.charts`) are imported when the page is first shown,
so the first paint of the window never loads pyqtgraph."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.advice import plan_for_insights
from core.insights import (
    Insight,
    InsightCache,
    InsightReport,
    PathOption,
    add_target,
    dismiss_insight,
)
from core.insights import restore_insights as restore_all
from core.interview.stories import behaviour_profile
from core.jobs.plan import set_task_done
from ui.ops import Mutation, Query
from ui.views.base import View
from ui.views.insight_card import GROUP_NAMES, InsightCard

TOP_CARDS = 8
CHART_DELAY_MS = 30  # let the cards paint before pyqtgraph is imported
ALL_GROUPS = ""


class InsightsView(View):
    """Insight cards, then charts (built on first show) and where the person could go next."""

    title = "Insights"
    shortcut = "Ctrl+5"
    navigate = Signal(str, dict)
    report_did_show = Signal()
    charts_did_build = Signal()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cache = InsightCache()
        self.report: InsightReport | None = None
        self.cards: list[InsightCard] = []
        self.charts: dict[str, Any] = {}
        self.show_all = False
        self.group = ALL_GROUPS  # the cards shown: every group, or one ("behaviour", "plan", ...)
        self.first_show_ms: float | None = None  # shown until the cards are drawn
        self.charts_ready_ms: float | None = None  # shown until the charts are drawn (pyqtgraph imported)
        self._shown_at: float | None = None
        lay = self.scrolling_page("What your record shows about your career — each insight opens the facts "
                                  "behind it.")
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setObjectName("muted")
        lay.addWidget(self.missing)
        filter_row = QHBoxLayout()
        shown = QLabel("Show")
        self.group_filter = QComboBox()
        self.group_filter.setAccessibleName("Show insights of")
        shown.setBuddy(self.group_filter)
        self.group_filter.addItem("All insights", ALL_GROUPS)
        for key, name in GROUP_NAMES.items():
            self.group_filter.addItem(name, key)
        self.group_filter.currentIndexChanged.connect(self._group_changed)
        filter_row.addWidget(shown)
        filter_row.addWidget(self.group_filter)
        filter_row.addStretch(1)
        lay.addLayout(filter_row)
        self.cards_box = QVBoxLayout()
        self.cards_box.setSpacing(8)
        lay.addLayout(self.cards_box)
        more = QHBoxLayout()
        self.more_button = QPushButton("Show all insights")
        self.more_button.setAccessibleName("Show all insights")
        self.more_button.clicked.connect(self._toggle_all)
        self.more_button.hide()
        self.restore_button = QPushButton("Show dismissed insights again")
        self.restore_button.setAccessibleName("Show dismissed insights again")
        self.restore_button.clicked.connect(self._restore)
        self.restore_button.hide()
        more.addWidget(self.more_button)
        more.addWidget(self.restore_button)
        more.addStretch(1)
        lay.addLayout(more)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Charts")
        self.tabs.setMinimumHeight(380)
        lay.addWidget(self.tabs, 1)
        self.paths = QTableWidget(0, 5)
        self.paths.setHorizontalHeaderLabels(["Occupation", "Move", "Covered", "To add", ""])
        self.paths.setAccessibleName("Where you could go next")
        self.paths.verticalHeader().hide()
        self.paths.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.paths.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.paths.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.paths.cellDoubleClicked.connect(self._path_evidence)

    # -- loading ------------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        first = self._shown_at is None
        if first:
            self._shown_at = time.perf_counter()
        if self.report is None:
            self.reload()
        elif first:
            QTimer.singleShot(CHART_DELAY_MS, self._build_charts)

    def workspace_opened(self) -> None:
        """A (possibly other) profile was opened: forget the last report; compute when shown."""
        self.report = None
        self.cache.forget()
        if self.isVisible():
            self.reload()

    def _build_charts(self) -> None:
        """Import pyqtgraph and build the charts: after the cards are on screen (it takes a second)."""
        if self.charts:
            return
        from ui.charts.career import CategoryChart, ImpactChart, SkillLanesChart, TrajectoryChart

        self.charts = {"timeline": TrajectoryChart(), "skills": SkillLanesChart(), "impact": ImpactChart(),
                       "categories": CategoryChart()}
        for chart in self.charts.values():
            chart.facts_clicked.connect(self.open_evidence)
        impact = QWidget()
        il = QVBoxLayout(impact)
        il.setContentsMargins(0, 8, 0, 0)
        il.addWidget(self.charts["impact"], 3)
        il.addWidget(self.charts["categories"], 2)
        self.tabs.addTab(self.charts["timeline"], "Timeline")
        self.tabs.addTab(self.charts["skills"], "Skills")
        self.tabs.addTab(impact, "Impact")
        self.tabs.addTab(self.paths, "Where next")
        if self.report is not None:
            self._draw(self.report)
        if self._shown_at is not None:
            self.charts_ready_ms = (time.perf_counter() - self._shown_at) * 1000
        self.charts_did_build.emit()

    def reload(self) -> None:
        if self.runner.workspace is None or self._shown_at is None:
            return  # nothing is computed for a page never shown
        cache = self.cache
        Query(self, lambda ws: cache.get(ws, behaviour=behaviour_profile, plan=plan_for_insights).report,
              runner=self.runner).on_success(self.show_report).start()

    def refresh_for(self, changes: Any, initiator: Any) -> None:
        if changes.ontology:
            self.cache.forget()  # job zones and where next read O*NET; the vault stamp does not see it
        if changes.facts or changes.edges or changes.settings or changes.ontology or changes.jobs:
            self.reload()  # jobs: saved jobs, goals and tasks drive the recommendations

    def show_report(self, report: InsightReport) -> None:
        self.report = report
        self._show_cards(report)
        if self._shown_at is not None and self.first_show_ms is None:
            self.first_show_ms = (time.perf_counter() - self._shown_at) * 1000
        if self.charts:
            self._draw(report)
        elif self._shown_at is not None:
            QTimer.singleShot(CHART_DELAY_MS, self._build_charts)
        self.report_did_show.emit()

    def _show_cards(self, report: InsightReport) -> None:
        for c in self.cards:
            c.setParent(None)
            c.deleteLater()
        self.cards = []
        matching = [i for i in report.insights if not self.group or i.group == self.group]
        shown = matching if self.show_all else matching[:TOP_CARDS]
        for ins in shown:
            card = InsightCard(ins)
            card.evidence_requested.connect(self.open_evidence)
            card.dismiss_requested.connect(self.dismiss)
            card.task_toggled.connect(self.set_task_done)
            card.jobs_requested.connect(lambda ids: self.navigate.emit("Jobs", {"job": ids[0]} if ids else {}))
            self.cards_box.addWidget(card)
            self.cards.append(card)
        n = len(matching)
        self.more_button.setVisible(n > TOP_CARDS)
        self.more_button.setText("Show fewer" if self.show_all else f"Show all {n} insights")
        self.restore_button.setVisible(bool(report.dismissed))
        self.restore_button.setText(f"Show {len(report.dismissed)} dismissed again")
        if self.group and not matching and report.insights:
            lines = [f"No {GROUP_NAMES.get(self.group, self.group).lower()} insights yet."]
        else:
            lines = [] if report.insights else ["Nothing to say yet."]
        lines += [f"• {m}" for m in report.missing]
        self.missing.setText("\n".join(lines))
        self.missing.setVisible(bool(lines))

    def _draw(self, report: InsightReport) -> None:
        self.charts["timeline"].set_points(report.roles)
        self.charts["skills"].set_lanes(report.lanes, report.as_of_month)
        self.charts["impact"].set_points(report.impact)
        self.charts["categories"].set_counts(report.categories)
        self._show_paths(report.paths)

    def _show_paths(self, paths: tuple[PathOption, ...]) -> None:
        self.paths.setRowCount(len(paths))
        for r, p in enumerate(paths):
            zone = f", job zone {p.job_zone}" if p.job_zone else ""
            for c, v in enumerate((f"{p.title} ({p.code}{zone})", p.move, f"{round(100 * p.overlap)}%",
                                   ", ".join(p.missing))):
                item = QTableWidgetItem(v)
                item.setToolTip("Carries over: " + ", ".join(p.matched) if p.matched else "")
                self.paths.setItem(r, c, item)
            button = QPushButton("Add as target")
            button.setAccessibleName(f"Add {p.title} as a target")
            button.clicked.connect(lambda _c=False, opt=p: self.add_target(opt))
            self.paths.setCellWidget(r, 4, button)

    # -- actions ------------------------------------------------------------------------------
    def open_evidence(self, fact_ids: list[int]) -> None:
        """Open the knowledge table with these facts selected."""
        if fact_ids:
            self.navigate.emit("Knowledge", {"facts": list(fact_ids)})

    def _path_evidence(self, row: int, _col: int) -> None:
        if self.report is not None and 0 <= row < len(self.report.paths):
            self.open_evidence(list(self.report.paths[row].fact_ids))

    def dismiss(self, insight: Insight) -> None:
        Mutation(self, lambda ws: dismiss_insight(ws, insight), runner=self.runner).start()

    def _restore(self) -> None:
        Mutation(self, restore_all, runner=self.runner).start()

    def add_target(self, option: PathOption) -> None:
        Mutation(self, lambda ws: add_target(ws, code=option.code, title=option.title, job_zone=option.job_zone),
                 runner=self.runner).start()

    def set_task_done(self, task_id: int, done: bool) -> None:
        """Tick (or untick) a recommendation's tracked task; the recommendations recompute from the change."""
        Mutation(self, lambda ws: set_task_done(ws, task_id, done), runner=self.runner).start()

    def set_filters(self, group: str = ALL_GROUPS, **_other: Any) -> None:
        """Show one group's cards (navigation from the Dashboard: group="plan")."""
        index = self.group_filter.findData(group)
        self.group_filter.setCurrentIndex(max(0, index))

    def _group_changed(self, _index: int) -> None:
        self.group = str(self.group_filter.currentData() or ALL_GROUPS)
        if self.report is not None:
            self._show_cards(self.report)

    def _toggle_all(self) -> None:
        self.show_all = not self.show_all
        if self.report is not None:
            self._show_cards(self.report)
