"""The interview chat panel: messages, a typed answer, quick replies, the confirmation card, the
session's progress and the record's completeness. Every engine call runs on the vault thread
through ui.ops; saved answers broadcast their `Changes` so the knowledge table refreshes."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.interview.engine import Interview, Turn
from core.interview.slots import RequirementGap
from ui.interview.card import ConfirmCard
from ui.ops import Mutation, OpsRunner, Query, Task

log = logging.getLogger(__name__)

QUICK = (("Skip", "skip", "Alt+S"), ("Later", "later", "Alt+L"), ("Don't ask again", "don't ask again", "Alt+N"),
         ("Done", "done", "Alt+D"))


@dataclass(frozen=True, slots=True)
class TurnResult:
    """A turn and what it stored (the runner broadcasts `changes`)."""

    turn: Turn
    changes: Changes | None = None


class InterviewPanel(QWidget):
    """Keyboard first: Enter sends, Alt+S/L/N/D are the quick replies, Ctrl+Enter saves a card."""

    turn_did_arrive = Signal(object)  # Turn

    def __init__(self, runner: OpsRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.engine: Interview | None = None
        self.turn: Turn | None = None
        self._starting = False
        self._pending_gap: RequirementGap | None = None
        self.setAccessibleName("Interview")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 10, 10, 10)
        top = QHBoxLayout()
        self.progress = QLabel("")
        self.progress.setObjectName("muted")
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setFormat("Record %p% complete")
        self.meter.setAccessibleName("Completeness of your record")
        top.addWidget(self.progress)
        top.addWidget(self.meter, 1)
        lay.addLayout(top)
        self.messages = QListWidget()
        self.messages.setWordWrap(True)
        self.messages.setSpacing(4)
        self.messages.setObjectName("chat")
        self.messages.setAccessibleName("Conversation")
        self.messages.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        lay.addWidget(self.messages, 1)
        self.card = ConfirmCard(self)
        self.card.hide()
        self.card.save.connect(self.confirm)
        self.card.discard.connect(self.discard)
        lay.addWidget(self.card)
        quick = QHBoxLayout()
        self.quick_buttons: dict[str, QPushButton] = {}
        for label, reply, key in QUICK:
            b = QPushButton(label)
            b.setShortcut(key)
            b.setToolTip(f"{label} ({key})")
            b.clicked.connect(lambda _=False, r=reply: self.send(r))
            quick.addWidget(b)
            self.quick_buttons[reply] = b
        self.continue_button = QPushButton("Ask me more")
        self.continue_button.clicked.connect(self.continue_session)
        self.continue_button.hide()
        quick.addWidget(self.continue_button)
        quick.addStretch(1)
        lay.addLayout(quick)
        self.answer = QLineEdit()
        self.answer.setPlaceholderText("Type your answer and press Enter")
        self.answer.setAccessibleName("Your answer")
        self.answer.returnPressed.connect(lambda: self.send(self.answer.text()))
        lay.addWidget(self.answer)

    # -- starting -----------------------------------------------------------------------------
    def start(self) -> None:
        """Open (or resume) the interview on the vault thread and show where it stands."""
        if self.engine is not None or self._starting:
            return
        self._starting = True

        session = self.runner.session
        model_of = getattr(session, "language_model", None)

        def begin(ws: Any) -> tuple[Interview, Turn, list[Any]]:
            from core.interview.transcript import messages

            engine = Interview(ws, model=model_of() if model_of is not None else None)
            turn = engine.start()
            return engine, turn, messages(ws, engine.session.chat_id)

        def shown(result: tuple[Interview, Turn, list[Any]]) -> None:
            self._starting = False
            self.engine, turn, history = result
            self._load_extractor(self.engine)
            self.messages.clear()
            for m in history:
                self._add(m.role, m.text)
            self._show(turn, echo=not history)
            if self._pending_gap is not None:
                gap, self._pending_gap = self._pending_gap, None
                self.ask_about(gap)

        def failed(exc: BaseException) -> None:
            self._starting = False
            self._failed(exc)

        Mutation(self, begin, runner=self.runner).on_success(shown).on_failure(failed).start()

    def _load_extractor(self, engine: Interview) -> None:
        """The skill extractor (spaCy) loads on the CPU pool; until then lists are read without it."""
        services = getattr(self.runner.workspace, "services", None)
        if services is None:
            return
        Task(self, services.skill_extractor, runner=self.runner).on_success(
            lambda ex: setattr(engine, "extractor", ex)).on_failure(
            lambda exc: log.warning("skill extractor unavailable for the interview: %s", exc)).start()

    def reset(self) -> None:
        """Forget the engine (the vault was locked); the next start resumes from the vault."""
        self.engine, self.turn, self._pending_gap = None, None, None
        self.messages.clear()
        self.card.hide()
        self.progress.setText("")
        self.meter.setValue(0)

    def ask_about(self, gap: RequirementGap) -> None:
        """The Jobs page's entry point: ask about this gap now."""
        engine = self.engine
        if engine is None:
            self._pending_gap = gap
            self.start()
            return
        Mutation(self, lambda _ws: TurnResult(engine.ask_about(gap)), runner=self.runner).on_success(
            lambda r: self._show(r.turn)).on_failure(self._failed).start()

    def ask_slot(self, slot_key: str) -> None:
        """Ask one open slot now (a gap picked elsewhere: the dashboard's checklist, a fact)."""
        engine = self.engine
        if engine is None:
            return
        Mutation(self, lambda _ws: TurnResult(engine.ask(slot_key)), runner=self.runner).on_success(
            lambda r: self._show(r.turn)).on_failure(self._failed).start()

    # -- turns --------------------------------------------------------------------------------
    def send(self, text: str) -> None:
        if self.engine is None or self.turn is None or self.turn.kind != "question" or not text.strip():
            return
        engine = self.engine
        self._add("person", text)
        self.answer.clear()
        self._run(lambda: TurnResult(engine.answer(text)))

    def confirm(self, edits: dict[int, str], drop: set[int]) -> None:
        if self.engine is None:
            return
        engine = self.engine

        def save() -> TurnResult:
            turn, changes = engine.confirm(edits=edits, drop=drop)
            return TurnResult(turn, changes)

        self._run(save)

    def discard(self) -> None:
        if self.engine is not None:
            engine = self.engine
            self._run(lambda: TurnResult(engine.discard()))

    def continue_session(self) -> None:
        if self.engine is not None:
            engine = self.engine
            self._run(lambda: TurnResult(engine.continue_session()))

    def _run(self, work: Any) -> None:
        self.answer.setEnabled(False)
        op = Mutation(self, lambda _ws: work(), runner=self.runner)
        op.on_success(lambda r: self._show(r.turn)).on_failure(self._failed).start()

    def _failed(self, exc: BaseException) -> None:
        self.answer.setEnabled(True)
        self.runner.error_did_happen.emit(exc, self)

    def _show(self, turn: Turn, *, echo: bool = True) -> None:
        self.turn = turn
        self.answer.setEnabled(turn.kind == "question")
        if turn.note:
            self._add("note", turn.note)
        if echo and turn.kind != "confirm":
            self._add("assistant", turn.text)
        self.card.setVisible(turn.kind == "confirm")
        if turn.kind == "confirm" and turn.proposal is not None:
            self.card.show_proposal(turn.proposal)
        for b in self.quick_buttons.values():
            b.setEnabled(turn.kind == "question")
        self.continue_button.setVisible(turn.kind == "finished" and turn.reason in ("budget", "two_skips", "done"))
        self.progress.setText(f"Question {turn.progress}" if turn.kind != "finished" else "")
        if turn.kind == "question":
            self.answer.setFocus()
        self.refresh_meter()
        self.turn_did_arrive.emit(turn)

    def refresh_meter(self) -> None:
        engine = self.engine
        if engine is None:
            return
        Query(self, lambda _ws: engine.status(limit=0), runner=self.runner).on_success(
            lambda st: self.meter.setValue(round(100 * st.completeness.overall))).start()

    def _add(self, role: str, text: str) -> None:
        item = QListWidgetItem(text)
        if role == "person":
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setForeground(self.palette().link())
        elif role == "note":
            item.setForeground(self.palette().placeholderText())
        item.setData(Qt.ItemDataRole.UserRole, role)
        self.messages.addItem(item)
        self.messages.scrollToBottom()
