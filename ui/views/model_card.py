"""The interview's optional local language model in Settings: its address, model name, whether
another computer may serve it, Save, and Test connection (which reports the reply or the error)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from core.errors import VitaError
from core.llm import ModelSettings, check_connection
from core.session import Session
from ui.ops import OpsRunner, Task
from ui.views.dashboard import card


def error_text(exc: BaseException) -> str:
    """A typed error's own words (and hint); anything else by its type only (it may hold personal data)."""
    if isinstance(exc, VitaError):
        return exc.message + (f" {exc.hint}" if exc.hint else "")
    return f"Unexpected {type(exc).__name__}."


class LanguageModelCard(QWidget):
    """Reads the session's model settings; Save keeps them (settings.json) and the interview uses them."""

    model_did_change = Signal(object)  # the saved ModelSettings

    def __init__(self, runner: OpsRunner, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.session = runner, session
        self.frame, lay = card("Interview language model (optional)")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        note = QLabel("Off while the address is empty: the interview works without it. A model running on this "
                      "computer (any OpenAI-compatible chat server) may only reword questions and propose values, "
                      "which are kept only where they are your own words.")
        note.setWordWrap(True)
        note.setObjectName("muted")
        lay.addWidget(note)
        form = QFormLayout()
        self.endpoint = QLineEdit()
        self.endpoint.setPlaceholderText("http://127.0.0.1:8080/v1")
        self.endpoint.setAccessibleName("Language model address")
        self.endpoint.setClearButtonEnabled(True)
        form.addRow("Address:", self.endpoint)
        self.model_name = QLineEdit()
        self.model_name.setPlaceholderText("as the server names it (optional)")
        self.model_name.setAccessibleName("Language model name")
        form.addRow("Model:", self.model_name)
        lay.addLayout(form)
        self.allow_remote = QCheckBox("Allow an address on another computer (your answers would leave this one)")
        self.allow_remote.setAccessibleName("Allow a language model on another computer")
        lay.addWidget(self.allow_remote)
        row = QHBoxLayout()
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save the language model settings")
        self.save_button.clicked.connect(self.save)
        self.test_button = QPushButton("Test connection")
        self.test_button.setAccessibleName("Test the connection to the language model")
        self.test_button.clicked.connect(self.test_connection)
        row.addWidget(self.save_button)
        row.addWidget(self.test_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Language model status")
        lay.addWidget(self.status)

    def entered(self) -> ModelSettings:
        return ModelSettings(endpoint=self.endpoint.text(), model=self.model_name.text(),
                             allow_remote=self.allow_remote.isChecked())

    def refresh(self) -> None:
        """Show what the session uses now."""
        s = self.session.model_settings
        self.endpoint.setText(s.endpoint)
        self.model_name.setText(s.model)
        self.allow_remote.setChecked(s.allow_remote)
        self.status.setText(f"In use: {s.endpoint}" if s.endpoint else "Off.")

    def _busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.test_button.setEnabled(not busy)

    def save(self) -> None:
        """Check and keep the entered settings; a bad or non-local address is refused and nothing changes."""
        session, entered = self.session, self.entered()
        self._busy(True)

        def saved(model: ModelSettings) -> None:
            self._busy(False)
            self.refresh()
            self.status.setText(f"Saved. The interview uses {model.endpoint}." if model.endpoint
                                else "Saved. The interview uses no language model.")
            self.model_did_change.emit(model)

        Task(self, lambda: session.set_model_settings(entered), runner=self.runner).on_success(saved) \
            .on_failure(lambda exc: self._failed("Not saved: ", exc)).start()

    def test_connection(self) -> None:
        """Ask the entered address one short question (off the GUI thread); report the reply or the error."""
        entered = self.entered()
        self._busy(True)
        self.status.setText("Asking the model…")

        def answered(reply: str) -> None:
            self._busy(False)
            self.status.setText(f"Connected: the model answered “{reply}”.")

        Task(self, lambda: check_connection(entered), runner=self.runner).on_success(answered) \
            .on_failure(lambda exc: self._failed("Connection failed: ", exc)).start()

    def _failed(self, lead: str, exc: BaseException) -> None:
        self._busy(False)
        self.status.setText(lead + error_text(exc))
