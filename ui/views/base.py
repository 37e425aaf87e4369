"""What every sidebar page has: a title, the runner, and hooks for open and change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.session import Session
from ui.ops import OpsRunner

REFRESH_DEBOUNCE_MS = 40


def cell_data(table: QTableWidget, row: int, col: int, role: Qt.ItemDataRole = Qt.ItemDataRole.UserRole) -> Any:
    """The data a table cell holds (None for an empty cell)."""
    item = table.item(row, col)
    return item.data(role) if item is not None else None


def clear_layout(layout: QLayout) -> None:
    """Take every item out of `layout`, deleting its widgets."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


class View(QWidget):
    """A page of the main window. Subclasses set `title` and implement `reload`."""

    title = ""
    shortcut = ""

    def __init__(self, runner: OpsRunner, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.session = session
        self.setAccessibleName(self.title)
        self._pending: Changes | None = None  # changes not yet applied (page hidden or debouncing)
        self._initiator: QObject | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DEBOUNCE_MS)
        self._refresh_timer.timeout.connect(self._flush)

    def scrolling_page(self, subtitle: str) -> QVBoxLayout:
        """Lay this view out as a frameless scroll area with the page header; returns the body layout."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(24, 20, 24, 20)
        lay.setSpacing(16)
        lay.addLayout(self.header(subtitle))
        return lay

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
        """Collect a broadcast change; a visible page refreshes shortly (bursts coalesce), a hidden
        page only when it is shown again (Anki's approach: no work for what nobody sees)."""
        self._pending = changes if self._pending is None else self._pending | changes
        self._initiator = initiator
        if self.isVisible():
            self._refresh_timer.start()

    @property
    def refresh_pending(self) -> bool:
        return self._refresh_timer.isActive() or (self._pending is not None and self.isVisible())

    def _flush(self) -> None:
        changes, self._pending = self._pending, None
        if changes is not None and self.runner.workspace is not None:
            self.refresh_for(changes, self._initiator)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._pending is not None:
            self._refresh_timer.start(0)

    def refresh_for(self, changes: Changes, initiator: QObject | None) -> None:
        """Refresh what `changes` touched; default: reload when facts or documents changed."""
        if changes.facts or changes.documents:
            self.reload()
