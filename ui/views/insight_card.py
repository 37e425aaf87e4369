"""One insight card on the Insights page: statement, strength, evidence and dismiss; a
recommendation also lists its action items (tracked tasks as check boxes) and its goal's progress."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.insights import Insight

GROUP_NAMES = {"plan": "Next steps", "trajectory": "Trajectory", "skills": "Skills", "impact": "Impact",
               "leadership": "Leadership", "strengths": "Strengths", "behaviour": "Behaviour",
               "paths": "Where next"}


def _bar(value: float, name: str, width: int) -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 100)
    bar.setValue(round(100 * value))
    bar.setTextVisible(False)
    bar.setMaximumHeight(6)
    bar.setMaximumWidth(width)
    bar.setAccessibleName(name)
    return bar


class InsightCard(QFrame):
    """One insight: its statement, strength, and buttons to open its evidence or dismiss it."""

    evidence_requested = Signal(list)
    dismiss_requested = Signal(object)
    task_toggled = Signal(int, bool)  # a recommendation's tracked task ticked or unticked
    jobs_requested = Signal(list)  # the saved jobs behind a recommendation

    def __init__(self, insight: Insight, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.insight = insight
        self.task_boxes: dict[int, QCheckBox] = {}
        self.setObjectName("card")
        self.setAccessibleName(insight.statement)
        self.setAccessibleDescription(f"{GROUP_NAMES.get(insight.group, insight.group)} insight, "
                                      f"strength {round(100 * insight.strength)} percent")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        kind = "" if insight.kind in (insight.group, "recommendation") else f" · {insight.kind.replace('_', ' ')}"
        head = QLabel(f"{GROUP_NAMES.get(insight.group, insight.group)}{kind}")
        head.setObjectName("muted")
        lay.addWidget(head)
        self.text = QLabel(insight.statement)
        self.text.setWordWrap(True)
        lay.addWidget(self.text)
        if insight.actions or insight.goal is not None:
            self._add_plan(lay)
        row = QHBoxLayout()
        row.addWidget(_bar(insight.strength, "Strength", 120))
        n = len(insight.fact_ids)
        self.evidence_button = QPushButton(f"Show evidence ({n} fact{'s' if n != 1 else ''})")
        self.evidence_button.setAccessibleName(f"Show the evidence for: {insight.statement}")
        self.evidence_button.setEnabled(n > 0)
        self.evidence_button.clicked.connect(lambda: self.evidence_requested.emit(list(insight.fact_ids)))
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setAccessibleName(f"Dismiss: {insight.statement}")
        self.dismiss_button.clicked.connect(lambda: self.dismiss_requested.emit(insight))
        row.addStretch(1)
        if insight.job_ids:
            j = len(insight.job_ids)
            self.jobs_button = QPushButton(f"Open saved job{'s' if j != 1 else ''} ({j})")
            self.jobs_button.setAccessibleName(f"Open the saved jobs behind: {insight.statement}")
            self.jobs_button.clicked.connect(lambda: self.jobs_requested.emit(list(insight.job_ids)))
            row.addWidget(self.jobs_button)
        row.addWidget(self.evidence_button)
        row.addWidget(self.dismiss_button)
        lay.addLayout(row)

    def _add_plan(self, lay: QVBoxLayout) -> None:
        """The goal's progress, then each action: a tracked task as a check box, a suggestion as a line."""
        goal = self.insight.goal
        if goal is not None:
            line = QHBoxLayout()
            label = QLabel(f"Goal progress ({goal.status})")  # the statement says how many tasks are done
            label.setObjectName("muted")
            line.addWidget(label)
            line.addWidget(_bar(goal.progress, f"Progress of {goal.title}", 160))
            line.addStretch(1)
            lay.addLayout(line)
        for action in self.insight.actions:
            due = f"  (due {action.due})" if action.due else ""
            if action.task_id is not None:
                box = QCheckBox(action.text + due)
                box.setChecked(action.done)
                box.setAccessibleName(f"Task: {action.text}")
                box.toggled.connect(lambda on, tid=action.task_id: self.task_toggled.emit(tid, on))
                self.task_boxes[action.task_id] = box
                lay.addWidget(box)
            else:
                item = QLabel(("✓ " if action.done else "• ") + action.text + due)
                item.setWordWrap(True)
                item.setAccessibleName(f"Action: {action.text}")
                lay.addWidget(item)

    def mouseDoubleClickEvent(self, event: Any) -> None:
        self.evidence_requested.emit(list(self.insight.fact_ids))

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.evidence_requested.emit(list(self.insight.fact_ids))
        else:
            super().keyPressEvent(event)
