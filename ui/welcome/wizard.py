"""First run: name a profile, choose a passphrase (with a strength meter), keychain opt-in,
then see and confirm the recovery key. The vault is created off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from core.errors import VitaError
from core.session import Session
from core.vault.keys import keychain_present
from ui.ops import OpsRunner, Query, Task
from ui.prompts import prompts, show_error
from ui.welcome.reveal import reveal_toggle
from ui.welcome.strength import MIN_LENGTH, acceptable, estimate

if TYPE_CHECKING:
    from core.vault import Profile


class StrengthMeter(QWidget):
    """A bar and a label that follow a password field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName("Passphrase strength")
        self.label = QLabel(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.bar)
        lay.addWidget(self.label)
        self.update_for("")

    def update_for(self, passphrase: str) -> None:
        s = estimate(passphrase)
        self.bar.setValue(s.score)
        colour = ["#c0392b", "#e67e22", "#d4ac0d", "#27ae60", "#1e8449"][s.score]
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; border-radius: 3px; }}")
        self.label.setText(f"<b>{s.label}</b> — {s.advice}")


class _NamePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Welcome to Vita")
        self.setSubTitle("Vita keeps your career facts in an encrypted vault on this computer. "
                         "Nothing leaves the machine.")
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. your name, or a client's name if you are a coach")
        self.name.setAccessibleName("Profile name")
        form = QFormLayout(self)
        form.addRow("Profile name:", self.name)
        self.registerField("name*", self.name)


class _PassphrasePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("Choose a passphrase")
        self.setSubTitle("It unlocks your vault. Vita cannot recover it for you; the recovery key "
                         "on the next page is the only other way in.")
        self.pass1 = QLineEdit()
        self.pass1.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass1.setAccessibleName("Passphrase")
        self.pass2 = QLineEdit()
        self.pass2.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass2.setAccessibleName("Repeat passphrase")
        self.meter = StrengthMeter()
        self.keychain = QCheckBox("Remember in the system keychain (unlock without typing)")
        self.keychain.setAccessibleName("Use the system keychain")
        present = keychain_present(timeout=1.0)
        self.keychain.setChecked(wizard.session.use_keychain_default and present)
        if not present:
            self.keychain.setToolTip("No system keychain was found on this computer; Vita will ask for "
                                     "your passphrase each time.")
        self.reveal = reveal_toggle(self.pass1, self.pass2)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("Passphrase:", self.pass1)
        form.addRow("", self.meter)
        form.addRow("Repeat:", self.pass2)
        form.addRow("", self.reveal)
        form.addRow("", self.keychain)
        form.addRow("", self.status)
        self.pass1.textChanged.connect(self._changed)
        self.pass2.textChanged.connect(self._changed)

    def _changed(self) -> None:
        self.meter.update_for(self.pass1.text())
        self.status.setText("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return acceptable(self.pass1.text()) and self.pass1.text() == self.pass2.text() and not self.wiz.creating

    def validatePage(self) -> bool:
        if self.wiz.profile is not None:
            return True
        if len(self.pass1.text()) < MIN_LENGTH:
            return False
        self.wiz.create_profile(self.field("name"), self.pass1.text(), self.keychain.isChecked())
        return False  # the wizard advances itself when the vault exists


class _RecoveryPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle("Your recovery key")
        self.setSubTitle("Write this down and keep it somewhere safe. It is shown only once and "
                         "opens your vault if you forget the passphrase.")
        self.key_label = QLabel()
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSize(mono.pointSize() + 1)
        self.key_label.setFont(mono)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAccessibleName("Recovery key")
        self.key_label.setWordWrap(True)
        copy = QPushButton("Copy")
        copy.setAccessibleName("Copy recovery key")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.wiz.recovery_key))
        self.confirm = QLineEdit()
        self.confirm.setPlaceholderText("type the last group, e.g. ABCDE")
        self.confirm.setAccessibleName("Confirm recovery key")
        self.confirm.textChanged.connect(self.completeChanged)
        self.keychain_note = QLabel()
        self.keychain_note.setWordWrap(True)
        save = QPushButton("Save to file…")
        save.setAccessibleName("Save recovery key to a file")
        save.setAutoDefault(False)
        save.clicked.connect(self.save_to_file)
        print_button = QPushButton("Print…")
        print_button.setAccessibleName("Print recovery key")
        print_button.setAutoDefault(False)
        print_button.clicked.connect(self.print_key)
        copy.setAutoDefault(False)
        self.key_label.setWordWrap(False)  # one line, never broken inside a group
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QVBoxLayout()
        row.addWidget(self.key_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (copy, save, print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        row.addLayout(buttons)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        self.saved_note = QLabel()
        self.saved_note.setWordWrap(True)
        lay.addWidget(self.saved_note)
        lay.addSpacing(12)
        lay.addWidget(QLabel("To confirm you have it, type its last group of five:"))
        lay.addWidget(self.confirm)
        lay.addWidget(self.keychain_note)
        lay.addStretch(1)

    def key_sheet(self) -> str:
        """The text saved or printed: what the key is for, the profile, the key itself."""
        name = self.wiz.profile.name if self.wiz.profile is not None else ""
        return (f"Vita recovery key for the profile “{name}”\n\n{self.wiz.recovery_key}\n\n"
                "It opens the vault if the passphrase is forgotten. Keep it somewhere safe, away from "
                "this computer; anyone holding it and the vault file can read the vault.\n")

    def save_to_file(self) -> None:
        path = prompts().choose_save_path(self, "Save the recovery key", "vita-recovery-key.txt",
                                          "Text files (*.txt)")
        if not path:
            return
        try:
            Path(path).write_text(self.key_sheet(), encoding="utf-8")
        except OSError as exc:
            prompts().error(self, "Vita", "The recovery key could not be saved there.", exc.strerror or "")
            return
        self.saved_note.setText(f"Saved to {path}. Move it off this computer (a USB stick, a printout).")

    def print_key(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec():
            doc = QTextDocument()
            doc.setPlainText(self.key_sheet())
            doc.print_(printer)

    def initializePage(self) -> None:
        self.key_label.setText(self.wiz.recovery_key)
        self.keychain_note.setText(self.wiz.keychain_note)
        QTimer.singleShot(0, self.confirm.setFocus)  # after the wizard has placed its own focus

    def isComplete(self) -> bool:
        last = self.wiz.recovery_key.rsplit("-", 1)[-1]
        return bool(last) and self.confirm.text().strip().upper() == last


class _OnetPage(QWizardPage):
    """Optional: import O*NET now (folder, zip or download), or later from Settings."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        from ui.views.onet_card import OnetCard

        self.wiz = wizard
        self.setTitle("Occupations and skills (optional)")
        self.setSubTitle("Importing the free O*NET database lets Vita map your titles and skills to "
                         "occupations. You can skip this and do it later in Settings.")
        self.card = OnetCard(wizard.runner, wizard.session, self)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("O*NET import progress")
        self.bar.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.card)
        lay.addWidget(self.bar)
        lay.addWidget(self.status)
        lay.addStretch(1)
        wizard.runner.task_did_progress.connect(self._progress)
        wizard.runner.task_did_finish.connect(self._finished)

    def initializePage(self) -> None:
        self.card.refresh()

    def _progress(self, op: object, p: object) -> None:
        if op is self.card.op:
            self.bar.show()
            self.bar.setRange(0, max(1, p.total))  # type: ignore[attr-defined]
            self.bar.setValue(p.done)  # type: ignore[attr-defined]
            self.status.setText(p.item)  # type: ignore[attr-defined]  # stage name and time left

    def _finished(self, op: object) -> None:
        if op is self.card.op:
            self.bar.hide()
            self.status.setText("")


class FirstRunWizard(QWizard):
    """Creates the first profile; emits `profile_ready(profile, key)` once the vault is open."""

    profile_ready = Signal(object)

    def __init__(self, session: Session, runner: OpsRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.profile: Profile | None = None
        self.key: bytes | None = None
        self.recovery_key = ""
        self.keychain_note = ""
        self.creating = False
        self.setWindowTitle("Set up Vita")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.name_page = _NamePage()
        self.pass_page = _PassphrasePage(self)
        self.recovery_page = _RecoveryPage(self)
        self.onet_page = _OnetPage(self)
        for page in (self.name_page, self.pass_page, self.recovery_page, self.onet_page):
            self.addPage(page)
        self.setMinimumSize(620, 440)

    def create_profile(self, name: str, passphrase: str, keychain: bool) -> None:
        self.creating = True
        self.pass_page.status.setText("Creating your encrypted vault…")
        self.pass_page.completeChanged.emit()
        store, argon = self.session.store, self.session.argon

        def work() -> tuple[Profile, str, bytes, bool]:
            profile, recovery = store.create(name, passphrase=passphrase, use_keychain=keychain, argon=argon)
            unlocked = store.unlock(profile, passphrase=passphrase, use_keychain=False)
            return profile, recovery, unlocked.key, profile.keyfile().keychain

        Task(self, work, runner=self.runner).on_success(self._created).on_failure(self._failed).start()

    def _created(self, result: tuple[Profile, str, bytes, bool]) -> None:
        self.profile, self.recovery_key, self.key, in_keychain = result
        self.creating = False
        wanted = self.pass_page.keychain.isChecked()
        if wanted and not in_keychain:
            self.keychain_note = ("The system keychain is not available here, so Vita will ask for "
                                  "your passphrase each time.")
        elif in_keychain:
            self.keychain_note = "Your key is also kept in the system keychain."
        self.pass_page.status.setText("")
        self.next()

    def _failed(self, exc: BaseException) -> None:
        self.creating = False
        self.pass_page.completeChanged.emit()
        if isinstance(exc, VitaError):
            self.pass_page.status.setText(exc.message)
        else:
            show_error(exc, self)

    def accept(self) -> None:
        if self.profile is None or self.key is None:
            return
        profile, key = self.profile, self.key
        session = self.session
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)

        def opened(_ws: object) -> None:
            self.profile_ready.emit(profile)
            super(FirstRunWizard, self).accept()

        Query(self, lambda _ws: session.open(profile, key, "passphrase"), runner=self.runner) \
            .on_success(opened).start()
