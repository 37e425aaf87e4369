"""What every sidebar page has: a title, the runner, and hooks for open and change."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.changes import Changes
from ui.ops import OpsRunner
from ui.session import Session


class View(QWidget):
    """A page of the main window. Subclasses set `title` and implement `reload`."""

    title = ""
    shortcut = ""

    def __init__(self, runner: OpsRunner, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.session = session
        self.setAccessibleName(self.title)

    def header(self, subtitle: str = "") -> QVBoxLayout:
        """A title row (and optional muted subtitle) at the top of the page."""
        lay = QVBoxLayout()
        row = QHBoxLayout()
        t = QLabel(self.title)
        t.setObjectName("viewtitle")
        row.addWidget(t)
        row.addStretch(1)
        lay.addLayout(row)
        if subtitle:
            s = QLabel(subtitle)
            s.setObjectName("muted")
            s.setWordWrap(True)
            lay.addWidget(s)
        self.header_row = row
        return lay

    def workspace_opened(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Fetch everything the page shows (through ui.ops)."""

    def apply_changes(self, changes: Changes, initiator: QObject | None) -> None:
        """Refresh what `changes` touched; default: reload when facts or documents changed."""
        if changes.facts or changes.documents:
            self.reload()
