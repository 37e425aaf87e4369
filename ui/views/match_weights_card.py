"""Settings > Job matching: the score's section weights for this profile (skills, experience, education, location)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ui.ops import OpsRunner, Task
from ui.views.dashboard import card

SECTIONS = (("skills", "Skills"), ("experience", "Experience"), ("education", "Education"), ("location", "Location"))
DEFAULTS = {"skills": 50, "experience": 25, "education": 15, "location": 10}


class MatchWeightsCard(QWidget):
    """Spin boxes for the four section weights; saved per profile through the session."""

    weights_changed = Signal(object)  # the saved weights (dict)

    def __init__(self, runner: OpsRunner, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.session = runner, session
        self.frame, lay = card("Job matching")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        note = QLabel("How much each part of a job counts in its match score (this profile only). "
                      "Only the proportions matter; a section your record says nothing about is left out.")
        note.setWordWrap(True)
        note.setObjectName("muted")
        lay.addWidget(note)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for key, name in SECTIONS:
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setMaximumWidth(90)
            spin.setAccessibleName(f"{name} weight")
            form.addRow(f"{name}:", spin)
            self.spins[key] = spin
        lay.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton("Save weights")
        self.save_button.setAccessibleName("Save match weights")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton("Defaults")
        self.reset_button.setAccessibleName("Reset match weights to defaults")
        self.reset_button.clicked.connect(self.reset)
        row.addWidget(self.save_button)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.status = QLabel()
        self.status.setObjectName("muted")
        lay.addWidget(self.status)

    def refresh(self) -> None:
        """Show the weights the open profile uses now."""
        if self.session.profile is None:
            return
        w = self.session.profile_match_weights()
        for key, spin in self.spins.items():
            spin.setValue(int(round(w.get(key, DEFAULTS[key]))))
        self.status.setText("")

    def entered(self) -> dict[str, float]:
        return {key: float(spin.value()) for key, spin in self.spins.items()}

    def reset(self) -> None:
        for key, spin in self.spins.items():
            spin.setValue(DEFAULTS[key])

    def save(self) -> None:
        """Check and keep the entered weights; all zero is refused and nothing changes."""
        session, entered = self.session, self.entered()
        self.save_button.setEnabled(False)

        def saved(weights: dict[str, float]) -> None:
            self.save_button.setEnabled(True)
            self.status.setText("Saved. Job scores use these weights.")
            self.weights_changed.emit(weights)

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.status.setText(f"Not saved: {exc}")

        Task(self, lambda: session.set_match_weights(entered), runner=self.runner).on_success(saved) \
            .on_failure(failed).start()
