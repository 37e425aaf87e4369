"""Jobs: saved postings ranked against the record, one job's requirement table with its evidence,
the score breakdown, tailoring, and the learning plan with goals (all through ui.ops)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.jobs.plan import add_goal, learning_plan, list_goals
from core.jobs.score import ScoreWeights
from core.jobs.service import JobMatch, ranked_with_gaps, save_tailored_variant
from core.jobs.tracking import add_posting_text, set_status
from ui.ops import Mutation, Query
from ui.views.base import View, cell_data, clear_layout

STATUS_TEXT = {"met": "✔ met", "partial": "◐ partial", "missing": "✘ missing", "unknown": "? unknown"}
JOB_STATUSES = ("saved", "applied", "interview", "offer", "rejected", "archived")


def _table(headers: list[str], name: str, stretch: int) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(name)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.setShowGrid(False)
    t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t


def _item(value: Any, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setData(Qt.ItemDataRole.DisplayRole, value)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _ranked_with_plan(ws: Any, weights: ScoreWeights) -> tuple[list[JobMatch], list[Any], list[Any]]:
    matches, gaps = ranked_with_gaps(ws, weights=weights)
    return matches, learning_plan(gaps), list_goals(ws)


class JobsView(View):
    title = "Jobs"
    shortcut = "Ctrl+6"
    navigate = Signal(str, dict)
    # "Ask me about this": (posting id, the core.jobs Requirement); the window hands it to the interview
    ask_about = Signal(int, object)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.matches: list[JobMatch] = []
        self.plan: list[Any] = []
        self.goals: list[Any] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 12)
        lay.addLayout(self.header("Saved jobs ranked against your record: every requirement checked against "
                                  "the facts that show it."))
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 8, 0)
        self.jobs_table = _table(["Job", "Company", "Status", "Must-haves", "Score"], "Saved jobs", 0)
        self.jobs_table.setSortingEnabled(True)
        for col in range(1, 5):
            self.jobs_table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.jobs_table.itemSelectionChanged.connect(self._job_selected)
        ll.addWidget(self.jobs_table)
        self.paste = QPlainTextEdit()
        self.paste.setPlaceholderText("Paste a job description here, then Save job")
        self.paste.setAccessibleName("Paste a job description")
        self.paste.setMaximumHeight(110)
        ll.addWidget(self.paste)
        row = QHBoxLayout()
        self.save_button = QPushButton("Save job")
        self.save_button.clicked.connect(self._save_pasted)
        row.addWidget(self.save_button)
        row.addStretch(1)
        ll.addLayout(row)
        split.addWidget(left)

        self.tabs = QTabWidget()
        match = QWidget()
        ml = QVBoxLayout(match)
        self.headline = QLabel("Select a job.")
        self.headline.setObjectName("viewtitle")
        self.headline.setWordWrap(True)
        ml.addWidget(self.headline)
        self.breakdown = QLabel("")
        self.breakdown.setObjectName("muted")
        self.breakdown.setWordWrap(True)
        ml.addWidget(self.breakdown)
        self.req_table = _table(["Status", "", "Requirement", "Why"], "Requirements", 3)
        self.req_table.cellDoubleClicked.connect(self._open_evidence)
        ml.addWidget(self.req_table)
        actions = QHBoxLayout()
        self.status_box = QComboBox()
        self.status_box.addItems(JOB_STATUSES)
        self.status_box.setAccessibleName("Application status")
        self.status_box.activated.connect(self._status_chosen)
        actions.addWidget(self.status_box)
        self.ask_button = QPushButton("Ask me about this")
        self.ask_button.setToolTip("Answer the selected requirement in the interview")
        self.ask_button.clicked.connect(self._ask)
        actions.addWidget(self.ask_button)
        self.tailor_button = QPushButton("Tailor resume")
        self.tailor_button.clicked.connect(self._tailor)
        actions.addWidget(self.tailor_button)
        actions.addStretch(1)
        ml.addLayout(actions)
        self.tabs.addTab(match, "Match")

        plan = QWidget()
        pl = QVBoxLayout(plan)
        self.plan_table = _table(["Learn", "Effort", "Why"], "Learning plan", 2)
        pl.addWidget(self.plan_table)
        self.goal_button = QPushButton("Make it a goal")
        self.goal_button.clicked.connect(self._make_goal)
        pl.addWidget(self.goal_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.goals_box = QVBoxLayout()
        pl.addLayout(self.goals_box)
        self.tabs.addTab(plan, "Plan")
        split.addWidget(self.tabs)
        split.setSizes([420, 640])
        lay.addWidget(split, 1)
        self._set_job_actions(False)

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        weights = ScoreWeights(**self.session.profile_match_weights())  # this profile's, set in Settings
        Query(self, lambda ws: _ranked_with_plan(ws, weights), runner=self.runner).with_progress("Matching saved jobs") \
            .on_success(self._show).start()

    def refresh_for(self, changes: Any, initiator: Any) -> None:
        if changes.jobs or changes.facts:
            self.reload()

    def set_filters(self, job: int | None = None, **_others: Any) -> None:
        """Select a saved job (navigation from an insight that names it), now or once loaded."""
        self._wanted_job = job
        if job is not None and self._select_job(job):
            self._wanted_job = None

    def _select_job(self, posting_id: int) -> bool:
        t = self.jobs_table
        row = next((i for i in range(t.rowCount())
                    if (cell := t.item(i, 0)) is not None and cell.data(Qt.ItemDataRole.UserRole) == posting_id), -1)
        if row >= 0:
            t.selectRow(row)
        return row >= 0

    def _show(self, result: tuple[list[JobMatch], list[Any], list[Any]]) -> None:
        selected = self.current()
        self.matches, self.plan, self.goals = result
        t = self.jobs_table
        t.setSortingEnabled(False)
        t.setRowCount(len(self.matches))
        for i, m in enumerate(self.matches):
            r = m.result
            t.setItem(i, 0, _item(m.posting.title, m.posting.id))
            t.setItem(i, 1, _item(m.posting.company))
            t.setItem(i, 2, _item(m.posting.status.value))
            t.setItem(i, 3, _item(f"{r.musts_met} of {r.musts_total}" if r.score is not None else "—"))
            score = _item(r.score if r.score is not None else -1.0)
            if r.score is None:
                score.setData(Qt.ItemDataRole.DisplayRole, "not enough information")
            t.setItem(i, 4, score)
        t.setSortingEnabled(True)
        self._show_plan()
        again = next((i for i in range(t.rowCount()) if cell_data(t, i, 0) ==
                      (selected.posting.id if selected else None)), 0 if self.matches else -1)
        if again >= 0:
            t.selectRow(again)
        else:
            self._show_match(None)
        wanted = getattr(self, "_wanted_job", None)
        if wanted is not None and self._select_job(wanted):
            self._wanted_job = None

    def current(self) -> JobMatch | None:
        rows = self.jobs_table.selectionModel().selectedRows() if self.jobs_table.selectionModel() else []
        if not rows:
            return None
        pid = cell_data(self.jobs_table, rows[0].row(), 0)
        return next((m for m in self.matches if m.posting.id == pid), None)

    def _job_selected(self) -> None:
        self._show_match(self.current())

    def _set_job_actions(self, on: bool) -> None:
        for w in (self.status_box, self.ask_button, self.tailor_button):
            w.setEnabled(on)

    def _show_match(self, m: JobMatch | None) -> None:
        self._set_job_actions(m is not None)
        if m is None:
            self.headline.setText("No saved jobs yet: paste a job description." if not self.matches else "Select a job.")
            self.breakdown.setText("")
            self.req_table.setRowCount(0)
            return
        r = m.result
        self.headline.setText(f"{m.posting.title}: {r.headline}")
        if r.score is None:
            self.breakdown.setText("Add your roles, education and skills (drop a resume) to get a score.")
        else:
            parts = [f"{s.name} {s.earned * s.weight:.0f}/{s.weight:g}" if s.counted else f"{s.name}: not known"
                     for s in r.sections]
            cap = " — capped: a must-have is missing" if r.capped else ""
            occ = f" · O*NET {m.parsed.occupations[0].title}" if m.parsed.occupations else ""
            self.breakdown.setText(f"Score {r.score:g}/100{cap} · " + " · ".join(parts) + occ)
        self.status_box.setCurrentText(m.posting.status.value)
        t = self.req_table
        t.setRowCount(len(r.results))
        for i, x in enumerate(r.results):
            t.setItem(i, 0, _item(STATUS_TEXT[x.status.value], list(x.fact_ids)))
            t.setItem(i, 1, _item("must" if x.requirement.must else "nice"))
            t.setItem(i, 2, _item(x.requirement.label))
            why = x.reason + (f" — “{x.evidence[0][:80]}”" if x.evidence else "")
            t.setItem(i, 3, _item(why, x.evidence[0] if x.evidence else ""))
        t.resizeColumnToContents(0)
        t.resizeColumnToContents(1)

    def _show_plan(self) -> None:
        t = self.plan_table
        t.setRowCount(len(self.plan))
        for i, it in enumerate(self.plan):
            effort = "add the evidence" if it.add_evidence else f"~{it.weeks} weeks"
            t.setItem(i, 0, _item(it.what + (" 🔥" if it.hot else ""), i))
            t.setItem(i, 1, _item(effort))
            t.setItem(i, 2, _item(it.why))
        clear_layout(self.goals_box)
        for g in self.goals:
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setValue(round(g.progress * 100))
            bar.setFormat(f"{g.title} — {g.status} %p%")
            bar.setAccessibleName(f"Goal {g.title}")
            self.goals_box.addWidget(bar)

    # -- actions --------------------------------------------------------------------------------
    def _save_pasted(self) -> None:
        body = self.paste.toPlainText()
        Mutation(self, lambda ws: add_posting_text(ws, body), runner=self.runner) \
            .on_success(lambda _c: self.paste.clear()).start()

    def _status_chosen(self, _index: int) -> None:
        m = self.current()
        status = self.status_box.currentText()
        if m is not None and status != m.posting.status.value:
            Mutation(self, lambda ws: set_status(ws, m.posting.id, status), runner=self.runner).start()

    def _tailor(self) -> None:
        m = self.current()
        if m is not None:
            weights = ScoreWeights(**self.session.profile_match_weights())
            Mutation(self, lambda ws: save_tailored_variant(ws, m.posting.id, weights=weights), runner=self.runner) \
                .with_progress("Tailoring a resume").start()

    def selected_requirement(self) -> Any:
        """The core.jobs Requirement of the selected row, or None."""
        m = self.current()
        rows = self.req_table.selectionModel().selectedRows()
        if m is None or not rows or rows[0].row() >= len(m.result.results):
            return None
        return m.result.results[rows[0].row()].requirement

    def _ask(self) -> None:
        m, req = self.current(), self.selected_requirement()
        if m is not None and req is not None:
            self.ask_about.emit(m.posting.id, req)

    def _open_evidence(self, row: int, _col: int) -> None:
        """Open the Knowledge page on the fact behind a status (found by its passage)."""
        ids = cell_data(self.req_table, row, 0) or []
        passage = cell_data(self.req_table, row, 3) or ""
        if ids and passage:
            self.navigate.emit("Knowledge", {"text": passage[:60], "type": "", "status": "", "skill": ""})

    def _make_goal(self) -> None:
        rows = self.plan_table.selectionModel().selectedRows()
        if not rows:
            return
        item = self.plan[cell_data(self.plan_table, rows[0].row(), 0)]
        Mutation(self, lambda ws: add_goal(ws, item), runner=self.runner).start()
