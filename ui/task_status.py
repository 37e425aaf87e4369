"""The status bar's background-task display: the newest labelled operation, its progress, Cancel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton

from ui.ops import OpsRunner, _Op


class TaskStatus(QObject):
    """Shows the most recent running operation that has a label; hides itself when none runs."""

    def __init__(self, runner: OpsRunner, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.runner = runner
        self.label = QLabel()
        self.label.setAccessibleName("Background task")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setMaximumHeight(14)
        self.progress.setAccessibleName("Background task progress")
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setAccessibleName("Cancel background task")
        self.cancel_button.clicked.connect(self.cancel)
        for w in (self.label, self.progress, self.cancel_button):
            bar.addWidget(w)
            w.hide()
        runner.task_did_start.connect(self._show)
        runner.task_did_progress.connect(self._progressed)
        runner.task_did_finish.connect(self._finished)

    def visible_task(self) -> _Op | None:
        labelled = [op for op in self.runner.running() if op.label]
        return labelled[-1] if labelled else None

    def cancel(self) -> None:
        op = self.visible_task()
        if op is not None:
            op.cancel()

    def _progressed(self, op: _Op, _p: Any) -> None:
        if op is self.visible_task():
            self._show(op)

    def _finished(self, _op: _Op) -> None:
        op = self.visible_task()
        if op is None:
            for w in (self.label, self.progress, self.cancel_button):
                w.hide()
        else:
            self._show(op)

    def _show(self, op: _Op) -> None:
        p = op.last_progress
        if p is not None and p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(p.done)
            self.label.setText(f"{op.label}: {p.item or p.stage}")
        else:
            self.progress.setRange(0, 0)  # busy indicator until the first progress report
            self.label.setText(f"{op.label}…")
        self.label.show()
        self.progress.show()
        self.cancel_button.setVisible(op.cancellable)
