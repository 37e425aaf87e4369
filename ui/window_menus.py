"""The main window's menus (File, Edit, View, Help) with their shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from ui.prompts import prompts

if TYPE_CHECKING:
    from ui.window import MainWindow


def build_menus(w: MainWindow) -> None:
    """Create the menus and keep their actions on the window (tests and views trigger them)."""
    mb = w.menuBar()
    w.file_menu = mb.addMenu("&File")
    w.edit_menu = mb.addMenu("&Edit")
    w.view_menu = mb.addMenu("&View")
    help_menu = mb.addMenu("&Help")

    def action(menu: Any, text: str, slot: Any,
               shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        act = QAction(text, w)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    w.add_docs_action = action(w.file_menu, "Add documents…", w.add_documents, QKeySequence.StandardKey.Open)
    w.import_action = action(w.file_menu, "Import…", w.import_data, "Ctrl+I")
    w.export_action = action(w.file_menu, "Export…", w.export_data, "Ctrl+E")
    w.file_menu.addSeparator()
    w.switch_action = action(w.file_menu, "Switch profile…", w.switch_profile, "Ctrl+Shift+P")
    w.lock_action = action(w.file_menu, "Lock", w.lock, "Ctrl+L")
    w.file_menu.addSeparator()
    action(w.file_menu, "Quit", w.close, QKeySequence.StandardKey.Quit)
    w.undo_action = action(w.edit_menu, "Undo", w.undo, QKeySequence.StandardKey.Undo)
    w.redo_action = action(w.edit_menu, "Redo", w.redo, "Ctrl+Shift+Z")
    w.undo_action.setEnabled(False)
    w.redo_action.setEnabled(False)
    from ui.help import open_guide, open_shortcuts

    w.guide_action = action(help_menu, "Guide", lambda: open_guide(w), QKeySequence.StandardKey.HelpContents)
    w.shortcuts_action = action(help_menu, "Keyboard shortcuts", lambda: open_shortcuts(w), "Ctrl+/")
    help_menu.addSeparator()
    action(help_menu, "About Vita", lambda: prompts().inform(
        w, "About Vita", f"Vita {QApplication.applicationVersion()}\nYour private career knowledge base.\n"
        "O*NET data: CC BY 4.0, U.S. Department of Labor, Employment and Training Administration."))
