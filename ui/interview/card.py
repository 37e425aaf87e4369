"""The confirmation card: every value read from an answer, the person's words editable before
saving, each one kept or left out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ui.views.base import clear_layout


def read_as(item: Any) -> str:
    """How the value was understood, shown beside the words ("2019-03", "33.3 % (about)")."""
    value = item.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    unit = f" {item.unit}" if item.unit and item.unit != "%" else ("%" if item.unit == "%" else "")
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value}{unit}" + (" (about)" if item.approx else "")


class ConfirmCard(QFrame):
    """Emits `save(edits, drop)` or `discard()`; Ctrl+Enter saves, Esc discards."""

    save = Signal(object, object)  # {index: edited text}, {indices left out}
    discard = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setAccessibleName("Values to confirm")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 12, 14, 12)
        self.title = QLabel("Is this right? Edit anything before saving.")
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        lay.addLayout(self.grid)
        row = QHBoxLayout()
        row.addStretch(1)
        self.discard_button = QPushButton("Discard")
        self.discard_button.setToolTip("Store nothing from this answer (Esc)")
        self.save_button = QPushButton("Save")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Store the ticked values, sourced to your message (Ctrl+Enter)")
        row.addWidget(self.discard_button)
        row.addWidget(self.save_button)
        lay.addLayout(row)
        self.save_button.clicked.connect(self._save)
        self.discard_button.clicked.connect(self.discard.emit)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self).activated.connect(self._save)
        QShortcut(QKeySequence("Esc"), self).activated.connect(self.discard.emit)
        self.edits: list[QLineEdit] = []
        self.keeps: list[QCheckBox] = []
        self.originals: list[str] = []

    def show_proposal(self, proposal: Any) -> None:
        clear_layout(self.grid)
        self.edits, self.keeps, self.originals = [], [], []
        for n, item in enumerate(proposal.items):
            keep = QCheckBox(item.label)
            keep.setChecked(True)
            keep.setAccessibleName(f"Keep {item.label}")
            edit = QLineEdit(item.text)
            edit.setAccessibleName(f"{item.label}, in your words")
            edit.returnPressed.connect(self._save)
            hint = QLabel(read_as(item) if str(item.value) != item.text else "")
            hint.setObjectName("muted")
            for col, w in enumerate((keep, edit, hint)):
                self.grid.addWidget(w, n, col)
                w.show()  # children added to a visible card must be shown explicitly
            self.edits.append(edit)
            self.keeps.append(keep)
            self.originals.append(item.text)
        self.show()
        if self.edits:
            self.edits[0].setFocus()

    def _save(self) -> None:
        edits = {i: e.text() for i, e in enumerate(self.edits) if e.text().strip() != self.originals[i]}
        drop = {i for i, k in enumerate(self.keeps) if not k.isChecked()}
        self.save.emit(edits, drop)
