"""Settings: the profile (rename, delete), passphrase, recovery key, keychain, backups, O*NET, the
interview's optional language model, job-match weights, data location."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
)

from core.changes import Changes
from core.vault import BackupInfo
from ui.ops import Mutation, Query, Task
from ui.prompts import prompts, show_error
from ui.views.base import View
from ui.views.dashboard import card
from ui.welcome.strength import acceptable, estimate


class SettingsView(View):
    title = "Settings"
    shortcut = "Ctrl+,"
    profile_renamed = Signal(object)  # the renamed Profile
    delete_profile_confirmed = Signal(object)  # the Profile to close and delete

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lay = self.scrolling_page("Your profile, its security, backups and where your data lives.")

        sec, sl = card("Profile and security")
        form = QFormLayout()
        self.profile_label = QLabel()
        form.addRow("Profile:", self.profile_label)
        self.unlock_label = QLabel()
        form.addRow("Unlocked with:", self.unlock_label)
        sl.addLayout(form)
        row = QHBoxLayout()
        self.passphrase_button = QPushButton("Change passphrase…")
        self.passphrase_button.setAccessibleName("Change passphrase")
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.recovery_button = QPushButton("New recovery key…")
        self.recovery_button.setAccessibleName("Rotate recovery key")
        self.recovery_button.clicked.connect(self.rotate_recovery)
        row.addWidget(self.passphrase_button)
        row.addWidget(self.recovery_button)
        row.addStretch(1)
        sl.addLayout(row)
        prow = QHBoxLayout()
        self.rename_button = QPushButton("Rename profile…")
        self.rename_button.setAccessibleName("Rename profile")
        self.rename_button.clicked.connect(self.rename_profile)
        self.delete_button = QPushButton("Delete profile…")
        self.delete_button.setAccessibleName("Delete profile")
        self.delete_button.setObjectName("danger")
        self.delete_button.clicked.connect(self.delete_profile)
        prow.addWidget(self.rename_button)
        prow.addWidget(self.delete_button)
        prow.addStretch(1)
        sl.addLayout(prow)
        self.keychain = QCheckBox("Keep the vault key in the system keychain (unlock without typing)")
        self.keychain.setAccessibleName("Use the system keychain")
        self.keychain.clicked.connect(self.toggle_keychain)
        sl.addWidget(self.keychain)
        lay.addWidget(sec)

        bk, bl = card("Backups")
        note = QLabel("Vita backs up your encrypted vault every 30 minutes while open and before risky "
                      "changes, keeping recent, daily, weekly and monthly copies.")
        note.setWordWrap(True)
        note.setObjectName("muted")
        bl.addWidget(note)
        self.backup_list = QListWidget()
        self.backup_list.setAccessibleName("Backups")
        self.backup_list.setMinimumHeight(120)
        self.backup_list.setMaximumHeight(170)
        self.backup_list.currentRowChanged.connect(self._backup_row_changed)
        bl.addWidget(self.backup_list)
        brow = QHBoxLayout()
        self.backup_button = QPushButton("Back up now")
        self.backup_button.setAccessibleName("Back up now")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("Restore selected…")
        self.restore_button.setAccessibleName("Restore selected backup")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        brow.addWidget(self.backup_button)
        brow.addWidget(self.restore_button)
        brow.addStretch(1)
        bl.addLayout(brow)
        lay.addWidget(bk)

        from ui.views.onet_card import OnetCard

        self.onet = OnetCard(self.runner, self.session, self)
        lay.addWidget(self.onet)

        from ui.views.model_card import LanguageModelCard

        self.language_model = LanguageModelCard(self.runner, self.session, self)
        lay.addWidget(self.language_model)

        from ui.views.match_weights_card import MatchWeightsCard

        self.match_weights = MatchWeightsCard(self.runner, self.session, self)
        lay.addWidget(self.match_weights)

        loc, ll = card("Data location")
        self.location = QLabel()
        self.location.setWordWrap(True)
        ll.addWidget(self.location)
        lrow = QHBoxLayout()
        open_button = QPushButton("Open folder")
        open_button.setAccessibleName("Open data folder")
        open_button.clicked.connect(self.open_folder)
        lrow.addWidget(open_button)
        lrow.addStretch(1)
        ll.addLayout(lrow)
        lay.addWidget(loc)
        lay.addStretch(1)
        self.backups: list[BackupInfo] = []

    def reload(self) -> None:
        s = self.session
        if s.profile is None:
            return
        self.profile_label.setText(s.profile.name)
        self.unlock_label.setText({"keychain": "the system keychain", "passphrase": "your passphrase",
                                   "recovery": "the recovery key"}.get(s.unlock_method, s.unlock_method))
        self.keychain.setChecked(s.profile.keyfile().keychain)
        self.location.setText(f"<b>Profile folder:</b> {s.profile.dir}<br><b>All profiles:</b> {s.profiles_root}")
        Query(self, lambda ws: ws.backups(), runner=self.runner).on_success(self._show_backups).start()
        self.onet.refresh()
        self.language_model.refresh()
        self.match_weights.refresh()

    def refresh_for(self, changes: Any, initiator: Any) -> None:
        """Nothing here depends on facts or documents."""

    def _show_backups(self, backups: list[BackupInfo]) -> None:
        self.backups = backups
        self.backup_list.clear()
        for b in backups:
            self.backup_list.addItem(f"{b.created.astimezone():%Y-%m-%d %H:%M}  ·  {b.reason}  ·  "
                                     f"{b.size / 1024:,.0f} KB" + (f"  ·  cannot be restored: {b.problem}"
                                                                   if b.problem else ""))
        if not backups:
            self.backup_list.addItem("No backups yet.")

    def backup_now(self) -> None:
        Query(self, lambda ws: ws.backup(reason="manual"), runner=self.runner) \
            .with_progress("Backing up").on_success(lambda _b: self.reload()).start()

    def restore_selected(self) -> None:
        """Close the vault, put the backup in its place (the current file is kept), reopen."""
        row = self.backup_list.currentRow()
        if not 0 <= row < len(self.backups):
            return
        b = self.backups[row]
        when = f"{b.created.astimezone():%Y-%m-%d %H:%M}"
        if not prompts().confirm(self, "Restore backup",
                                 f"Replace your record with the backup from {when}? The current state is "
                                 "kept as a backup first, so you can go back.", ok="Restore"):
            return
        s, runner = self.session, self.runner

        def work(_ws: Any) -> Changes:
            return s.restore_backup(b.path)

        Mutation(self, work, runner=runner).with_progress("Restoring backup") \
            .on_success(lambda _c: self._restored(when)).start()

    def _restored(self, when: str) -> None:
        self.reload()
        prompts().inform(self, "Restored", f"Restored the backup from {when}.")

    def _backup_row_changed(self, row: int) -> None:
        self.restore_button.setEnabled(0 <= row < len(self.backups))

    def _unlocked(self) -> tuple[Any, bytes] | None:
        """The open profile and its key (None when locked: nothing to change)."""
        s = self.session
        return (s.profile, s.key) if s.profile is not None and s.key is not None else None

    def change_passphrase(self) -> None:
        s = self.session
        new = prompts().ask_text(self, "Change passphrase", "New passphrase:", secret=True)
        if not new:
            return
        if not acceptable(new):
            prompts().error(self, "Change passphrase", "That passphrase is too weak.", estimate(new).advice)
            return
        again = prompts().ask_text(self, "Change passphrase", "Repeat the new passphrase:", secret=True)
        if again != new:
            prompts().error(self, "Change passphrase", "The two passphrases differ.")
            return
        opened = self._unlocked()
        if opened is None:
            return
        (profile, key), argon = opened, s.argon
        Task(self, lambda: s.store.change_passphrase(profile, key, new, argon), runner=self.runner) \
            .with_progress("Changing passphrase") \
            .on_success(lambda _r: prompts().inform(self, "Passphrase changed",
                                                    "Use the new passphrase from now on.")).start()

    def rename_profile(self) -> None:
        s = self.session
        profile = s.profile
        if profile is None:
            return
        new = prompts().ask_text(self, "Rename profile", "New name for this profile:", default=profile.name)
        if new is None or not new.strip() or new.strip() == profile.name:
            return

        def renamed(p: Any) -> None:
            s.profile = p
            if s.workspace is not None:
                s.workspace.profile = p
            self.reload()
            self.profile_renamed.emit(p)

        Task(self, lambda: s.store.rename(profile, new.strip()), runner=self.runner).on_success(renamed).start()

    def delete_profile(self) -> None:
        """Delete this profile for good, after the person types its name; the window closes the
        vault first and then shows the unlock dialog (or the first-run wizard if none is left)."""
        profile = self.session.profile
        if profile is None:
            return
        typed = prompts().ask_text(
            self, "Delete profile",
            f"This permanently deletes the profile “{profile.name}”: its encrypted vault, every backup, "
            "its caches and its keychain entry. It cannot be undone; export it first (File → Export) "
            "to keep a copy.\n\nType the profile's name to delete it:")
        if typed is None:
            return
        if typed.strip() != profile.name:
            prompts().error(self, "Delete profile", "The name does not match, so nothing was deleted.")
            return
        self.delete_profile_confirmed.emit(profile)

    def rotate_recovery(self) -> None:
        s = self.session
        if not prompts().confirm(self, "New recovery key",
                                 "Create a new recovery key? The old one will stop working.", ok="Create"):
            return
        opened = self._unlocked()
        if opened is None:
            return
        profile, key = opened
        Task(self, lambda: s.store.rotate_recovery(profile, key), runner=self.runner) \
            .on_success(lambda rk: prompts().inform(
                self, "Your new recovery key", f"Write this down and keep it safe:\n\n{rk}")).start()

    def toggle_keychain(self, enabled: bool) -> None:
        s = self.session
        opened = self._unlocked()
        if opened is None:
            return
        profile, key = opened

        def failed(exc: BaseException) -> None:
            self.keychain.setChecked(not enabled)
            show_error(exc, self)

        Task(self, lambda: s.store.set_keychain(profile, key, enabled), runner=self.runner) \
            .on_success(self.keychain.setChecked).on_failure(failed).start()

    def open_folder(self) -> None:
        if self.session.profile is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.session.profile.dir)))
