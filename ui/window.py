"""The main window: sidebar pages, undo/redo, status-bar task progress, files dropped anywhere,
window state remembered. Its menus are built in ui/window_menus.py and its unlock / first-run /
lock flow lives in ui/window_profiles.py (the base class)."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QStackedWidget,
    QWidget,
)

from core.changes import Changes
from core.session import Session
from ui.drop_overlay import DropOverlay
from ui.ops import Mutation, OpsRunner, Query
from ui.prompts import prompts, show_error
from ui.views.base import View
from ui.window_menus import build_menus
from ui.window_profiles import ProfileWindow

log = logging.getLogger(__name__)

BACKUP_CHECK_MS = 5 * 60 * 1000


class MainWindow(ProfileWindow):
    """One window per running app; holds the `OpsRunner` the views' operations use."""

    first_paint = Signal()

    def __init__(self, session: Session, runner: OpsRunner | None = None) -> None:
        super().__init__()
        self.session = session
        self.ops_runner = runner or OpsRunner(self, session=session)
        self.views: dict[str, View] = {}
        self.dialog: QWidget | None = None  # the unlock dialog or wizard on screen (tests reach it)
        self.carry_over: list[Path] = []  # files to read into the next profile opened
        self.changed_since_backup = False  # a backup is made on close after changes
        self._painted = False
        self.setWindowTitle("Vita")
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self.settings = QSettings(str(session.config_dir / "ui.ini"), QSettings.Format.IniFormat)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Sections")
        self.sidebar.setFixedWidth(190)
        self.stack = QStackedWidget()
        self.locked_label = QLabel("Vita is locked.")
        self.locked_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.locked_label.setObjectName("muted")
        self.stack.addWidget(self.locked_label)
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.sidebar)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.drop_overlay = DropOverlay(central)  # the highlight while files are dragged over the window
        self.sidebar.currentRowChanged.connect(self._page_selected)

        self._build_status_bar()
        build_menus(self)
        self.view_titles = ["Dashboard"] + (["Documents"] if importlib.util.find_spec("core.ingest") else []) + \
            ["Knowledge", "Skills", "Jobs", "Insights", "Settings"]
        self.sidebar.addItems(self.view_titles)  # pages themselves are built after the first paint

        self._views_built = False
        r = self.ops_runner
        r.changes_did_happen.connect(self._broadcast)
        r.undo_status_did_change.connect(self._undo_status)
        r.error_did_happen.connect(lambda exc, parent: show_error(exc, self))
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self._scheduled_backup)
        self.restore_geometry()
        self._set_unlocked(False)

    # -- building -----------------------------------------------------------------------------
    def build_views(self) -> None:
        """Create the pages (importing the core stack); done once, after the first paint."""
        if self._views_built:
            return
        self._views_built = True
        from ui.knowledge.view import KnowledgeView
        from ui.views.dashboard import DashboardView
        from ui.views.insights import InsightsView
        from ui.views.jobs import JobsView
        from ui.views.settings import SettingsView
        from ui.views.skills import SkillsView

        classes: dict[str, type[View]] = {"Dashboard": DashboardView, "Knowledge": KnowledgeView,
                                          "Skills": SkillsView, "Jobs": JobsView, "Insights": InsightsView,
                                          "Settings": SettingsView}
        if "Documents" in self.view_titles:  # a page appears only when it works
            from ui.views.documents import DocumentsView

            classes["Documents"] = DocumentsView
        for title in self.view_titles:
            self.add_view(classes[title](self.ops_runner, self.session, self))
        for v in self.views.values():
            restorer = getattr(v, "restore_state", None)
            if restorer:
                restorer(self.settings)
        self.views["Skills"].navigate.connect(self.navigate)  # type: ignore[attr-defined]
        self.views["Jobs"].navigate.connect(self.navigate)  # type: ignore[attr-defined]
        self.views["Jobs"].ask_about.connect(self._ask_from_jobs)  # type: ignore[attr-defined]
        self.views["Insights"].navigate.connect(self.navigate)  # type: ignore[attr-defined]
        self.views["Settings"].profile_renamed.connect(self._show_profile_name)  # type: ignore[attr-defined]
        self.views["Settings"].delete_profile_confirmed.connect(self.delete_profile)  # type: ignore[attr-defined]
        self.views["Settings"].match_weights.weights_changed.connect(  # type: ignore[attr-defined]
            lambda _w: self.views["Jobs"].reload())
        self._build_interview_dock()
        self.views["Settings"].language_model.model_did_change.connect(  # type: ignore[attr-defined]
            lambda _model: self.interview_panel.use_model())
        dash = self.views["Dashboard"]
        dash.navigate.connect(self.navigate)  # type: ignore[attr-defined]
        dash.add_docs_button.setVisible("Documents" in self.views)  # type: ignore[attr-defined]

    def _build_interview_dock(self) -> None:
        """The interview chat panel, docked beside the pages (View ▸ Interview, Ctrl+Shift+I)."""
        from PySide6.QtWidgets import QDockWidget

        from ui.interview import InterviewPanel

        self.interview_panel = InterviewPanel(self.ops_runner, self)
        self.interview_dock = QDockWidget("Interview", self)
        self.interview_dock.setObjectName("interview_dock")
        self.interview_dock.setWidget(self.interview_panel)
        self.interview_dock.setMinimumWidth(380)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.interview_dock)
        self.interview_dock.hide()
        act = self.interview_dock.toggleViewAction()
        act.setText("Interview")
        act.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.view_menu.addSeparator()
        self.view_menu.addAction(act)
        self.interview_dock.visibilityChanged.connect(self._interview_shown)

    def _interview_shown(self, visible: bool) -> None:
        if visible and self.session.workspace is not None and self.interview_panel.engine is None:
            self.interview_panel.start()

    def show_interview(self) -> None:
        """Open the interview panel (starting or resuming the session)."""
        self.interview_dock.show()
        self.interview_dock.raise_()

    def _ask_from_jobs(self, posting_id: int, requirement: Any) -> None:
        """Jobs' "Ask me about this": the requirement as an interview gap, keyed by its job."""
        from core.interview.slots import RequirementGap

        self.ask_about_gap(RequirementGap.from_requirement(requirement, posting_key=f"job{posting_id}"))

    def ask_about_gap(self, gap: Any) -> None:
        """The entry point for Jobs: open the panel and ask about this gap (a RequirementGap) now."""
        self.interview_dock.show()
        self.interview_panel.ask_about(gap)

    def add_view(self, view: View) -> None:
        self.views[view.title] = view
        self.stack.addWidget(view)
        act = QAction(view.title, self)
        if view.shortcut:
            act.setShortcut(QKeySequence(view.shortcut))
        act.triggered.connect(lambda _=False, t=view.title: self.show_view(t))
        self.view_menu.addAction(act)

    def _build_status_bar(self) -> None:
        from ui.task_status import TaskStatus

        self.tasks = TaskStatus(self.ops_runner, self.statusBar())
        self.task_label, self.task_cancel = self.tasks.label, self.tasks.cancel_button
        self.profile_label = QLabel()
        self.profile_label.setObjectName("muted")
        self.statusBar().addPermanentWidget(self.profile_label)

    # -- pages --------------------------------------------------------------------------------
    def show_view(self, title: str) -> View:
        view = self.views[title]
        self.sidebar.setCurrentRow(self.view_titles.index(title))
        return view

    def navigate(self, title: str, options: dict[str, Any]) -> None:
        if title == "export":
            self.export_data()
            return
        if title == "interview":
            self.show_interview()
            return
        if title == "review":
            self.open_review_queue()
            return
        view = self.show_view(title)
        if options.get("add"):
            self.add_documents()
        elif "facts" in options and hasattr(view, "select_facts"):
            view.select_facts(list(options["facts"]))
        elif hasattr(view, "set_filters"):
            view.set_filters(**options)

    def _page_selected(self, row: int) -> None:
        if 0 <= row < len(self.view_titles) and self.session.workspace is not None and self.views:
            self.stack.setCurrentWidget(self.views[self.view_titles[row]])
            self.settings.setValue("page", row)

    # -- changes, undo ------------------------------------------------------------------------
    def _broadcast(self, changes: Changes, initiator: QObject | None) -> None:
        self.changed_since_backup = True
        for v in self.views.values():
            v.apply_changes(changes, initiator)
        if changes.undo_label:
            self.statusBar().showMessage(changes.undo_label, 3000)

    def _undo_status(self, status: Any) -> None:
        if status is None:
            return
        self.undo_action.setEnabled(status.undo is not None)
        self.undo_action.setText(f"Undo {status.undo}" if status.undo else "Undo")
        self.redo_action.setEnabled(status.redo is not None)
        self.redo_action.setText(f"Redo {status.redo}" if status.redo else "Redo")

    def undo(self) -> None:
        if self.session.workspace is not None:
            Mutation(self, lambda ws: ws.undo()).on_success(
                lambda c: self.statusBar().showMessage(f"Undone: {c.undo_label}", 3000)).start()

    def redo(self) -> None:
        if self.session.workspace is not None:
            Mutation(self, lambda ws: ws.redo()).on_success(
                lambda c: self.statusBar().showMessage(f"Redone: {c.undo_label}", 3000)).start()

    def open_review_queue(self) -> None:
        know: Any = self.show_view("Knowledge")
        if not know.review.queue.isChecked():
            know.review.queue.click()

    def _scheduled_backup(self) -> None:
        if self.session.workspace is not None and not self.ops_runner.busy:
            Query(self, lambda ws: ws.maybe_backup()).on_success(
                lambda info: None if info is None else setattr(self, "changed_since_backup", False)).start()

    # -- documents dropped anywhere -----------------------------------------------------------
    def add_documents(self) -> None:
        files = prompts().choose_files(self, "Add documents",
                                       "Documents (*.pdf *.docx *.txt *.md *.html *.htm *.json *.zip *.png *.jpg *.jpeg);;All files (*)")
        if files:
            self.ingest([Path(f) for f in files])

    def import_data(self) -> None:
        from ui.exchange_dialogs import start_import

        if self.session.workspace is not None:
            start_import(self, self.ops_runner)

    def export_data(self) -> QWidget | None:
        from ui.exchange_dialogs import ExportDialog

        if self.session.workspace is None:
            return None
        dlg = ExportDialog(self.ops_runner, self)
        self.dialog = dlg
        dlg.open()
        return dlg

    def ingest(self, paths: list[Path]) -> None:
        docs = self.views.get("Documents")
        if docs is not None and self.session.workspace is not None:
            self.show_view("Documents")
            docs.ingest(paths)  # type: ignore[attr-defined]

    def accept_launch(self, paths: list[Path]) -> None:
        """Another `vita` launch handed over: come to the front and ingest its files (after
        unlocking, when the vault is still locked)."""
        self.showNormal() if self.isMinimized() else self.show()
        self.raise_()
        self.activateWindow()
        if not paths:
            return
        if self.session.workspace is not None:
            self.ingest(paths)
        else:
            self.workspace_did_open.connect(lambda: self.ingest(paths), Qt.ConnectionType.SingleShotConnection)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.session.workspace is not None and event.mimeData().hasUrls() and \
                any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
            self.drop_overlay.show_for(sum(u.isLocalFile() for u in event.mimeData().urls()))
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_overlay.hide()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_overlay.hide()
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths and self.session.workspace is not None:
            event.acceptProposedAction()
            self.ingest(paths)

    # -- state --------------------------------------------------------------------------------
    def restore_geometry(self) -> None:
        geo = self.settings.value("geometry")
        if isinstance(geo, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geo))
        state = self.settings.value("window_state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state))

    def save_state(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        for v in self.views.values():
            saver = getattr(v, "save_state", None)
            if saver:
                saver(self.settings)
        self.settings.sync()

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_paint.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.ops_runner.cancel_all()
        self.backup_timer.stop()
        session, runner = self.session, self.ops_runner
        if session.workspace is not None:
            if self.changed_since_backup:  # closing after changes: a backup of what was done
                self.changed_since_backup = False
                Query(self, lambda ws: ws.backup(reason="on-close"), runner=runner).start()
            Query(self, lambda _ws: session.close(), runner=runner).start()
        Query(self, lambda _ws: session.shutdown(), runner=runner).start()
        runner.wait_idle(10_000)
        event.accept()
