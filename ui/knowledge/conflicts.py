"""Conflicts to settle: one field of a fact that documents disagree on; the person picks a value."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from core.dates import is_present
from core.ingest import Conflict, list_conflicts, resolve_conflict
from core.workspace import Workspace
from ui.ops import Mutation, OpsRunner, Query
from ui.views.base import clear_layout


def open_conflicts(ws: Workspace) -> list[tuple[Conflict, str]]:
    """Open conflicts with the value of the fact each concerns."""
    out = []
    for c in list_conflicts(ws):
        try:
            out.append((c, ws.get_fact(c.fact_id).value))
        except Exception:  # the fact was deleted meanwhile: the conflict is moot
            continue
    return out


def _show(value: Any) -> str:
    return "present" if value is None or is_present(value) else str(value)


class ConflictsDialog(QDialog):
    """Lists open conflicts; each candidate value has a “Keep” button (one undo step each)."""

    def __init__(self, runner: OpsRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle("Conflicts to settle")
        self.resize(640, 480)
        self.items: list[tuple[Conflict, str]] = []
        self.keep_buttons: list[tuple[int, Any, QPushButton]] = []
        self.body = QWidget()
        self.body_lay = QVBoxLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        intro = QLabel("Your documents disagree on these details. Pick the right value; Vita never guesses.")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(scroll, 1)
        lay.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        Query(self, open_conflicts, runner=self.runner).on_success(self._show).start()

    def _show(self, items: list[tuple[Conflict, str]]) -> None:
        self.items = items
        self.keep_buttons = []
        clear_layout(self.body_lay)
        if not items:
            self.body_lay.addWidget(QLabel("Nothing to settle."))
        for c, value in items:
            frame = QFrame()
            frame.setObjectName("card")
            fl = QVBoxLayout(frame)
            fl.addWidget(QLabel(f"<b>{escape(value)}</b> — {escape(c.field.replace('_', ' '))}"))
            for cand in c.candidates:
                row = QHBoxLayout()
                docs = ", ".join(sorted({str(s.get("document") or s.get("source_name") or s.get("document_id", ""))
                                         for s in cand.sources}))
                row.addWidget(QLabel(f"{escape(_show(cand.value))} <span style='color:gray'>{escape(docs)}</span>"), 1)
                keep = QPushButton("Keep")
                keep.setAccessibleName(f"Keep {_show(cand.value)}")
                keep.clicked.connect(lambda _=False, cid=c.id, v=cand.value: self.resolve(cid, v))
                self.keep_buttons.append((c.id, cand.value, keep))
                row.addWidget(keep)
                fl.addLayout(row)
            self.body_lay.addWidget(frame)
        self.body_lay.addStretch(1)

    def resolve(self, conflict_id: int, value: Any) -> None:
        Mutation(self, lambda ws: resolve_conflict(ws, conflict_id, value=value), runner=self.runner) \
            .on_success(lambda _c: self.reload()).start()
