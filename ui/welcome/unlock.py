"""Unlock a profile: the keychain silently first, else a passphrase or the recovery key.

Also the profile switcher: pick another profile, or create a new one (first-run wizard).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import VaultLocked, VitaError, WrongKey
from core.session import Session
from ui.ops import OpsRunner, Query, Task
from ui.prompts import show_error
from ui.welcome.reveal import reveal_toggle

if TYPE_CHECKING:
    from core.vault import Profile


class UnlockDialog(QDialog):
    """Emits `profile_ready(profile)` once the chosen vault is open; `create_requested` for a new one."""

    profile_ready = Signal(object)
    create_requested = Signal()

    def __init__(self, session: Session, runner: OpsRunner, parent: QWidget | None = None,
                 *, preselect: str | None = None, try_keychain: bool = True) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.try_keychain = try_keychain
        self.busy = False
        self.setWindowTitle("Unlock Vita")
        self.setModal(True)
        self.profiles = session.profile_entries()  # cheap: the vault stack loads on a worker

        title = QLabel("<h2>Unlock your vault</h2>")
        self.profile_box = QComboBox()
        self.profile_box.setAccessibleName("Profile")
        for pid, name in self.profiles:
            self.profile_box.addItem(name, pid)
        if preselect:
            idx = self.profile_box.findData(preselect)
            if idx >= 0:
                self.profile_box.setCurrentIndex(idx)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("Passphrase")
        self.secret.setPlaceholderText("Passphrase")
        self.use_recovery = QPushButton("Use recovery key instead")
        self.use_recovery.setFlat(True)
        self.use_recovery.setCheckable(True)
        self.use_recovery.setAccessibleName("Use recovery key instead")
        self.use_recovery.setAutoDefault(False)  # Enter in the secret field unlocks, never toggles this
        self.use_recovery.toggled.connect(self._toggle_recovery)
        self.reveal = reveal_toggle(self.secret)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Unlock message")
        self.message.setStyleSheet("color: #c0392b;")
        self.new_profile = QPushButton("New profile…")
        self.new_profile.setAccessibleName("Create a new profile")
        self.new_profile.setAutoDefault(False)
        self.new_profile.clicked.connect(self._create)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.unlock_button = self.buttons.addButton("Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setDefault(True)
        self.buttons.addButton(self.new_profile, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Profile:", self.profile_box)
        self.secret_label = QLabel("Passphrase:")
        form.addRow(self.secret_label, self.secret)
        options = QHBoxLayout()
        options.addWidget(self.reveal)
        options.addStretch(1)
        options.addWidget(self.use_recovery)
        form.addRow("", options)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.profile_box.currentIndexChanged.connect(lambda _i: self.message.clear())
        self.secret.textEdited.connect(self._typing)
        self.setFocusProxy(self.secret)
        self.secret.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.secret.setFocus(Qt.FocusReason.ActiveWindowFocusReason)  # typing goes to the secret at once

    def _typing(self, _text: str) -> None:
        """A stale "does not unlock" disappears as soon as the person types again."""
        if not self.busy:
            self.message.clear()

    def selected_profile(self) -> tuple[str, str]:
        """(id, name) of the chosen profile."""
        return self.profiles[self.profile_box.currentIndex()]

    def _toggle_recovery(self, on: bool) -> None:
        self.secret.clear()
        self.message.clear()
        self.reveal.setChecked(on)  # a recovery key is read off paper: shown; a passphrase hidden
        self.reveal.setText("&Show recovery key" if on else "&Show passphrase")
        self.secret.setFocus()
        self.secret.setPlaceholderText("XXXXX-XXXXX-…" if on else "Passphrase")
        self.secret.setAccessibleName("Recovery key" if on else "Passphrase")
        self.secret_label.setText("Recovery key:" if on else "Passphrase:")
        self.use_recovery.setText("Use passphrase instead" if on else "Use recovery key instead")

    def _create(self) -> None:
        self.create_requested.emit()
        self.reject()

    def start(self) -> None:
        """Unlock silently through the keychain when the profile uses it; show the dialog otherwise
        (or when the keychain does not answer)."""
        if self.try_keychain and self.profiles and self.session.uses_keychain(self.selected_profile()[0]):
            self.try_keychain = False
            self._attempt(keychain_only=True)
        else:
            self.open()

    # -- unlocking ----------------------------------------------------------------------------
    def submit(self) -> None:
        if self.busy or not self.profiles:
            return
        if not self.secret.text():
            self.message.setText("Enter your passphrase or recovery key.")
            return
        self._attempt(keychain_only=False)

    def _attempt(self, *, keychain_only: bool) -> None:
        pid = self.selected_profile()[0]
        session = self.session
        secret = self.secret.text()
        recovery = self.use_recovery.isChecked()
        self._set_busy(True, "Checking the keychain…" if keychain_only else "Unlocking…")

        def work() -> tuple[Profile, Any]:
            store = session.store
            profile = store.get(pid)
            if keychain_only:
                return profile, store.unlock(profile)
            if recovery:
                return profile, store.unlock(profile, recovery_key=secret, use_keychain=False)
            return profile, store.unlock(profile, passphrase=secret, use_keychain=False)

        Task(self, work, runner=self.runner).on_success(lambda r: self._unlocked(*r)) \
            .on_failure(lambda e: self._failed(e, keychain_only)).start()

    def _unlocked(self, profile: Profile, result: Any) -> None:
        self.message.setStyleSheet("")
        self.message.setText("Opening…")
        session = self.session

        def opened(_ws: object) -> None:
            self._set_busy(False, "")
            self.profile_ready.emit(profile)
            self.done(QDialog.DialogCode.Accepted)

        Query(self, lambda _ws: session.open(profile, result.key, result.method), runner=self.runner) \
            .on_success(opened).on_failure(lambda e: self._failed(e, False)).start()

    def _failed(self, exc: BaseException, keychain_only: bool) -> None:
        self._set_busy(False, "")
        self.message.setStyleSheet("color: #c0392b;")
        if keychain_only:
            self.message.setText("" if isinstance(exc, VaultLocked) else
                                 "The system keychain did not answer; enter your passphrase.")
            if not self.isVisible():
                self.open()
            self.secret.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if isinstance(exc, WrongKey):
            what = "recovery key" if self.use_recovery.isChecked() else "passphrase"
            self.message.setText(f"That {what} does not unlock “{self.selected_profile()[1]}”.")
            self.secret.selectAll()
            self.secret.setFocus()
        elif isinstance(exc, VitaError):
            self.message.setText(exc.message + (f"\n{exc.hint}" if exc.hint else ""))
        else:
            show_error(exc, self)

    def _set_busy(self, busy: bool, text: str) -> None:
        self.busy = busy
        self.unlock_button.setEnabled(not busy)
        self.secret.setEnabled(not busy)
        self.profile_box.setEnabled(not busy)
        if text:
            self.message.setStyleSheet("")
            self.message.setText(text)
