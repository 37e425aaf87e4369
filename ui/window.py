"""The main window: sidebar pages, menus with shortcuts, undo/redo, status-bar task progress,
files dropped anywhere, window state remembered, and the unlock / first-run flow."""

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
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from core.changes import Changes
from core.session import Session
from ui.drop_overlay import DropOverlay
from ui.ops import Mutation, OpsRunner, Query
from ui.prompts import prompts, show_error
from ui.views.base import View

log = logging.getLogger(__name__)

BACKUP_CHECK_MS = 5 * 60 * 1000


PAGE_MODULES = ("ui.knowledge.view", "ui.views.dashboard", "ui.views.settings", "ui.views.skills",
                "ui.views.documents", "ui.views.jobs", "ui.exchange_dialogs", "core.kb", "core.ingest")


def _import_pages() -> None:
    """Import the pages' modules (the core stack) off the GUI thread."""
    for name in PAGE_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # an optional page whose core part is absent stays hidden
            continue


class MainWindow(QMainWindow):
    """One window per running app; holds the `OpsRunner` the views' operations use."""

    workspace_did_open = Signal()
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
        self._build_menus()
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

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.file_menu = mb.addMenu("&File")
        self.edit_menu = mb.addMenu("&Edit")
        self.view_menu = mb.addMenu("&View")
        help_menu = mb.addMenu("&Help")

        def action(menu: Any, text: str, slot: Any, shortcut: QKeySequence | str | None = None) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            menu.addAction(act)
            return act

        self.add_docs_action = action(self.file_menu, "Add documents…", self.add_documents, QKeySequence.StandardKey.Open)
        self.import_action = action(self.file_menu, "Import…", self.import_data, "Ctrl+I")
        self.export_action = action(self.file_menu, "Export…", self.export_data, "Ctrl+E")
        self.file_menu.addSeparator()
        self.switch_action = action(self.file_menu, "Switch profile…", self.switch_profile, "Ctrl+Shift+P")
        self.lock_action = action(self.file_menu, "Lock", self.lock, "Ctrl+L")
        self.file_menu.addSeparator()
        action(self.file_menu, "Quit", self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = action(self.edit_menu, "Undo", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = action(self.edit_menu, "Redo", self.redo, "Ctrl+Shift+Z")
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        from ui.help import open_guide, open_shortcuts

        self.guide_action = action(help_menu, "Guide", lambda: open_guide(self), QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action = action(help_menu, "Keyboard shortcuts", lambda: open_shortcuts(self), "Ctrl+/")
        help_menu.addSeparator()
        action(help_menu, "About Vita", lambda: prompts().inform(
            self, "About Vita", f"Vita {QApplication.applicationVersion()}\nYour private career knowledge base.\n"
            "O*NET data: CC BY 4.0, U.S. Department of Labor, Employment and Training Administration."))

    # -- unlock flow --------------------------------------------------------------------------
    def start(self) -> None:
        """Show the wizard (no profile yet) or the unlock dialog; the pages' modules are imported
        on a worker meanwhile and the pages are built when they are ready (or on unlock)."""
        if self.session.has_profiles():
            self.ask_unlock()
        else:
            self.run_wizard()
        if not self._views_built:
            from ui.ops import Task

            Task(self, _import_pages, runner=self.ops_runner).on_success(lambda _r: self.build_views()).start()

    def ask_unlock(self, *, try_keychain: bool = True) -> None:
        from ui.welcome import UnlockDialog

        last = str(self.settings.value("last_profile", "") or "") or None
        dlg = UnlockDialog(self.session, self.ops_runner, self, preselect=last, try_keychain=try_keychain)
        dlg.profile_ready.connect(self._profile_opened)
        dlg.create_requested.connect(self.run_wizard)
        self.dialog = dlg
        dlg.start()

    def run_wizard(self) -> None:
        from ui.welcome import FirstRunWizard

        wiz = FirstRunWizard(self.session, self.ops_runner, self)
        wiz.profile_ready.connect(self._profile_opened)
        wiz.rejected.connect(lambda: None if self.session.workspace else self._wizard_cancelled())
        self.dialog = wiz
        wiz.open()

    def _wizard_cancelled(self) -> None:
        if self.session.store.list():
            QTimer.singleShot(0, self.ask_unlock)

    def _profile_opened(self, profile: Any) -> None:
        self.build_views()
        self.dialog = None
        self.settings.setValue("last_profile", profile.id)
        self._set_unlocked(True)
        self._show_profile_name(profile)
        for v in self.views.values():
            v.workspace_opened()
        self.backup_timer.start()
        self.workspace_did_open.emit()
        if self.carry_over:  # a document the person chose to add to this profile instead
            paths, self.carry_over = self.carry_over, []
            QTimer.singleShot(0, lambda: self.ingest(paths))
        ws = self.session.workspace
        notes = list(getattr(getattr(ws, "vault", None), "warnings", []) or [])
        if notes:  # found while opening (a damaged write-ahead log): the person must hear of it
            QTimer.singleShot(0, lambda: prompts().inform(self, "Your vault needs attention", "\n\n".join(notes)))

    def _show_profile_name(self, profile: Any) -> None:
        self.setWindowTitle(f"Vita — {profile.name}")
        self.profile_label.setText(f"{profile.name} · unlocked")

    def delete_profile(self, profile: Any) -> None:
        """Close the vault, delete the profile (vault, backups, caches, keychain entry), then ask
        which profile to open, or run the first-run wizard when none is left."""
        from ui.ops import Task

        session = self.session

        def deleted(_r: object) -> None:
            if str(self.settings.value("last_profile", "") or "") == profile.id:
                self.settings.remove("last_profile")
            self.statusBar().showMessage(f"Deleted the profile “{profile.name}”.", 5000)
            self.start()

        def after_lock() -> None:
            Task(self, lambda: session.store.delete(profile), runner=self.ops_runner).on_success(deleted).start()

        self.lock(then=after_lock)

    def _set_unlocked(self, unlocked: bool) -> None:
        self.sidebar.setEnabled(unlocked)
        for act in (self.add_docs_action, self.lock_action, self.import_action, self.export_action):
            act.setEnabled(unlocked)
        if unlocked:
            row = int(self.settings.value("page", 0) or 0)
            self.sidebar.setCurrentRow(row if 0 <= row < self.sidebar.count() else 0)
            self.stack.setCurrentWidget(self.views[self.view_titles[max(0, self.sidebar.currentRow())]])
        else:
            self.stack.setCurrentWidget(self.locked_label)
            self.undo_action.setEnabled(False)
            self.redo_action.setEnabled(False)

    def lock(self, *, then: Any = None) -> None:
        """Close the vault (on the vault thread) and ask to unlock again."""
        if self.session.workspace is None:
            return
        self.ops_runner.cancel_all()
        session, runner = self.session, self.ops_runner

        def closed(_r: object) -> None:
            if hasattr(self, "interview_panel"):
                self.interview_panel.reset()
            self._set_unlocked(False)
            self.setWindowTitle("Vita")
            self.profile_label.setText("")
            self.backup_timer.stop()
            (then or (lambda: self.ask_unlock(try_keychain=False)))()

        if self.changed_since_backup:  # locking after changes: keep a backup of them
            self.changed_since_backup = False
            Query(self, lambda ws: ws.backup(reason="on-lock"), runner=runner).start()
        Query(self, lambda _ws: session.close(), runner=runner).on_success(closed).start()

    def switch_profile(self) -> None:
        if self.session.workspace is None:
            if self.dialog is None or not self.dialog.isVisible():
                self.ask_unlock(try_keychain=False)
            return
        self.lock(then=lambda: self.ask_unlock(try_keychain=True))

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
