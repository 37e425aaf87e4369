"""The main window's profile flow: the first-run wizard or the unlock dialog at start, a profile
opened, lock, switch and delete. `MainWindow` (ui/window.py) builds the pages and the rest."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QMenu, QStackedWidget, QWidget

from core.session import Session
from ui.ops import OpsRunner, Query
from ui.prompts import prompts
from ui.views.base import View

PAGE_MODULES = ("ui.knowledge.view", "ui.views.dashboard", "ui.views.settings", "ui.views.skills",
                "ui.views.documents", "ui.views.jobs", "ui.exchange_dialogs", "core.kb", "core.ingest")


def _import_pages() -> None:
    """Import the pages' modules (the core stack) off the GUI thread."""
    for name in PAGE_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # an optional page whose core part is absent stays hidden
            continue


class ProfileWindow(QMainWindow):
    """The unlock / first-run / lock / switch / delete-profile half of the main window."""

    workspace_did_open = Signal()

    # set up by MainWindow.__init__ and its menus
    session: Session
    ops_runner: OpsRunner
    settings: QSettings
    views: dict[str, View]
    view_titles: list[str]
    dialog: QWidget | None
    carry_over: list[Path]
    changed_since_backup: bool
    _views_built: bool
    sidebar: QListWidget
    stack: QStackedWidget
    locked_label: QLabel
    profile_label: QLabel
    backup_timer: QTimer
    add_docs_action: QAction
    lock_action: QAction
    import_action: QAction
    export_action: QAction
    undo_action: QAction
    redo_action: QAction
    switch_action: QAction
    guide_action: QAction
    shortcuts_action: QAction
    file_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu

    def build_views(self) -> None:
        raise NotImplementedError

    def ingest(self, paths: list[Path]) -> None:
        raise NotImplementedError
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

        last = self.session.preferences.get("last_profile") or None
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
        self.session.preferences.set("last_profile", profile.id)
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
            if self.session.preferences.get("last_profile") == profile.id:
                self.session.preferences.set("last_profile", None)
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
            row = int(str(self.settings.value("page", 0) or 0))
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
