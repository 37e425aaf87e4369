"""Help: a short guide (getting started, reviewing, exporting, privacy and backups) and a sheet of
every keyboard shortcut, read from the window's actions so it never goes stale."""

from __future__ import annotations

from importlib import resources
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


def guide_markdown() -> str:
    return resources.files("resources").joinpath("help/guide.md").read_text("utf-8")


class GuideDialog(QDialog):
    """The guide as formatted text, opened at a section ("Reviewing", "Exporting", ...)."""

    def __init__(self, parent: QWidget | None = None, *, section: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Vita guide")
        self.text = QTextBrowser()
        self.text.setAccessibleName("Guide")
        self.text.setOpenExternalLinks(False)
        self.text.setMarkdown(guide_markdown())
        if section:
            self.text.find(section)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text)
        lay.addWidget(buttons)
        self.resize(640, 560)


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every action with a shortcut, once each, in menu order."""
    seen: set[tuple[str, str]] = set()
    rows: list[tuple[str, str]] = []
    for act in actions:
        keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        what = act.text().replace("&", "").rstrip("…").strip()
        if keys and what and (what, keys) not in seen:
            seen.add((what, keys))
            rows.append((what, keys))
    return rows


class ShortcutsDialog(QDialog):
    """A table of every shortcut: menus, pages and the buttons of each page."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Action", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (what, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(what))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 300)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.resize(480, 560)


def tooltip_with_shortcut(action: QAction) -> None:
    """Let the action's tooltip (and so its toolbar button's) name its keys: "Approve (Ctrl+Return)"."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    base = action.toolTip() or action.text().replace("&", "")
    if keys and keys not in base:
        action.setToolTip(f"{base} ({keys})")


def open_guide(window: Any, section: str = "") -> GuideDialog:
    dlg = GuideDialog(window, section=section)
    window.help_dialog = dlg
    dlg.open()
    return dlg


def open_shortcuts(window: Any) -> ShortcutsDialog:
    """Every shortcut of the menus, the pages and the page buttons, read from their actions."""
    acts: list[QAction] = [a for m in (window.file_menu, window.edit_menu, window.view_menu) for a in m.actions()]
    acts += [window.guide_action, window.shortcuts_action]
    for view in window.views.values():
        acts += list(view.actions())
    removal = getattr(window.views.get("Documents"), "removal", None)
    if removal is not None:
        acts += [removal.remove_action, removal.erase_action]
    dlg = ShortcutsDialog(shortcut_rows(acts), window)
    window.help_dialog = dlg
    dlg.open()
    return dlg
