"""First-run wizard and unlock dialog with real vaults."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from tests.ui.conftest import PASSPHRASE, make_profile
from ui.welcome.strength import acceptable, estimate


def test_strength_meter_orders_passphrases() -> None:
    scores = [estimate(p).score for p in ("", "abc", "password1", "Tr0ub4dor&3", "orange glacier tuesday lamp")]
    assert scores == sorted(scores)
    assert scores[0] == 0 and scores[-1] >= 3
    assert not acceptable("short") and acceptable(PASSPHRASE)


def test_first_run_wizard_creates_profile_and_opens_it(qtbot, window, session) -> None:  # type: ignore[no-untyped-def]
    window.start()
    wiz = window.dialog
    assert wiz.windowTitle() == "Set up Vita"
    wiz.name_page.name.setText("Robin Fictional")
    wiz.next()
    page = wiz.pass_page
    page.pass1.setText("weak")
    page.pass2.setText("weak")
    assert not page.isComplete()
    assert "weak" in page.meter.label.text().lower()
    page.pass1.setText(PASSPHRASE)
    page.pass2.setText(PASSPHRASE + "x")
    assert not page.isComplete()  # mismatch
    page.pass2.setText(PASSPHRASE)
    assert page.isComplete()
    assert page.meter.bar.value() >= 3
    wiz.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.recovery_page, timeout=10_000)
    key = wiz.recovery_key
    assert len(key) == 47 and wiz.recovery_page.key_label.text() == key
    assert not wiz.recovery_page.isComplete()
    wiz.recovery_page.confirm.setText("WRONG")
    assert not wiz.recovery_page.isComplete()
    wiz.recovery_page.confirm.setText(key.rsplit("-", 1)[-1].lower())
    assert wiz.recovery_page.isComplete()
    wiz.button(QWizard.WizardButton.NextButton).click()
    assert wiz.currentPage() is wiz.onet_page  # optional: skipped here (imported in the next test)
    with qtbot.waitSignal(window.workspace_did_open, timeout=10_000):
        wiz.button(QWizard.WizardButton.FinishButton).click()
    assert [p.name for p in session.store.list()] == ["Robin Fictional"]
    assert session.workspace is not None and window.windowTitle() == "Vita — Robin Fictional"
    assert window.sidebar.isEnabled()
    # the recovery key shown really opens the vault
    assert session.store.unlock(session.profile, recovery_key=key, use_keychain=False).key == session.key


def test_unlock_wrong_then_right_passphrase(qtbot, window, session) -> None:  # type: ignore[no-untyped-def]
    make_profile(session)
    window.start()
    dlg = window.dialog
    assert dlg.windowTitle() == "Unlock Vita"
    qtbot.waitUntil(lambda: not dlg.busy, timeout=5000)
    assert not window.sidebar.isEnabled()
    dlg.secret.setText("not the passphrase")
    dlg.unlock_button.click()
    qtbot.waitUntil(lambda: "does not unlock" in dlg.message.text(), timeout=10_000)
    assert session.workspace is None and dlg.isVisible()
    dlg.secret.setText(PASSPHRASE)
    with qtbot.waitSignal(window.workspace_did_open, timeout=10_000):
        dlg.unlock_button.click()
    assert session.unlock_method == "passphrase" and not dlg.isVisible()


def test_unlock_with_recovery_key(qtbot, window, session) -> None:  # type: ignore[no-untyped-def]
    _profile, recovery = session.store.create("Kit Casey", passphrase=PASSPHRASE, argon=session.argon)
    window.start()
    dlg = window.dialog
    qtbot.waitUntil(lambda: not dlg.busy, timeout=5000)
    dlg.use_recovery.click()
    assert dlg.secret.accessibleName() == "Recovery key"
    dlg.secret.setText(recovery.lower().replace("-", " "))
    with qtbot.waitSignal(window.workspace_did_open, timeout=10_000):
        dlg.unlock_button.click()
    assert session.unlock_method == "recovery"


def test_profile_switcher_lists_profiles_and_switches(qtbot, window, session) -> None:  # type: ignore[no-untyped-def]
    make_profile(session, "Avery One")
    make_profile(session, "Blake Two")
    window.start()
    dlg = window.dialog
    qtbot.waitUntil(lambda: not dlg.busy, timeout=5000)
    assert [dlg.profile_box.itemText(i) for i in range(dlg.profile_box.count())] == ["Avery One", "Blake Two"]
    dlg.profile_box.setCurrentIndex(1)
    dlg.secret.setText(PASSPHRASE)
    with qtbot.waitSignal(window.workspace_did_open, timeout=10_000):
        dlg.unlock_button.click()
    assert session.profile.name == "Blake Two"
    window.switch_profile()
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible(), timeout=10_000)
    assert session.workspace is None and not window.sidebar.isEnabled()
    dlg2 = window.dialog
    qtbot.waitUntil(lambda: not dlg2.busy, timeout=5000)
    assert dlg2.profile_box.currentText() == "Blake Two"  # the last used is preselected
    dlg2.profile_box.setCurrentIndex(0)
    dlg2.secret.setText(PASSPHRASE)
    with qtbot.waitSignal(window.workspace_did_open, timeout=10_000):
        dlg2.unlock_button.click()
    assert session.profile.name == "Avery One"


def test_wizard_imports_onet_with_progress(qtbot, window, session, scripted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.onet.fictional_release import write_fictional_release

    release = write_fictional_release(tmp_path / "release")
    window.start()
    wiz = window.dialog
    wiz.name_page.name.setText("Onet Tester")
    wiz.next()
    wiz.pass_page.pass1.setText(PASSPHRASE)
    wiz.pass_page.pass2.setText(PASSPHRASE)
    wiz.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.recovery_page, timeout=10_000)
    wiz.recovery_page.confirm.setText(wiz.recovery_key.rsplit("-", 1)[-1])
    wiz.button(QWizard.WizardButton.NextButton).click()
    card = wiz.onet_page.card
    card.semantic.setChecked(False)
    scripted.answers["choose_folder"] = [str(release)]
    seen: list[int] = []
    window.ops_runner.task_did_progress.connect(lambda op, p: seen.append(p.done) if op is card.op else None)
    card.folder_button.click()
    qtbot.waitUntil(lambda: any(a[0] == "inform" for a in scripted.asked), timeout=30_000)
    assert seen and session.ontology_info() is not None
    assert seen == sorted(seen) and seen[-1] == 1000  # one bar over all stages, never back
    qtbot.waitUntil(lambda: "O*NET" in card.status.text() and "occupations" in card.status.text(), timeout=5000)
    with qtbot.waitSignal(window.workspace_did_open, timeout=10_000):
        wiz.button(QWizard.WizardButton.FinishButton).click()


class _MemoryKeyring:
    """A real, working keyring backend kept in memory (the OS keychain is absent in CI)."""

    @staticmethod
    def make():  # type: ignore[no-untyped-def]
        from keyring.backend import KeyringBackend

        class MemoryKeyring(KeyringBackend):
            priority = 1  # type: ignore[assignment]

            def __init__(self) -> None:
                super().__init__()
                self.store: dict[tuple[str, str], str] = {}

            def get_password(self, service: str, username: str) -> str | None:
                return self.store.get((service, username))

            def set_password(self, service: str, username: str, password: str) -> None:
                self.store[(service, username)] = password

            def delete_password(self, service: str, username: str) -> None:
                self.store.pop((service, username), None)

        return MemoryKeyring()


def test_keychain_unlocks_silently_without_a_dialog(qtbot, window, session) -> None:  # type: ignore[no-untyped-def]
    import keyring

    backend = _MemoryKeyring.make()
    keyring.set_keyring(backend)
    session.store.create("Key Chained", passphrase=PASSPHRASE, use_keychain=True, argon=session.argon)
    assert backend.store, "the key went into the keychain"
    shown: list[bool] = []
    with qtbot.waitSignal(window.workspace_did_open, timeout=10_000):
        window.start()
        shown.append(window.dialog.isVisible())
    assert shown == [False] and session.unlock_method == "keychain"
    # the Settings toggle removes it again
    settings = window.show_view("Settings")
    settings.reload()
    qtbot.waitUntil(lambda: settings.keychain.isChecked(), timeout=5000)
    settings.keychain.click()
    qtbot.waitUntil(lambda: not window.ops_runner.busy, timeout=5000)
    assert not backend.store and not session.store.get("Key Chained").keyfile().keychain


def _type_and_enter(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_unlock_by_typing_and_pressing_enter(qtbot, window, session) -> None:  # type: ignore[no-untyped-def]
    """Focus starts in the secret field; Enter submits; a stale error clears when typing again."""
    make_profile(session, "Avery One")
    make_profile(session, "Blake Two")
    window.start()
    dlg = window.dialog
    qtbot.waitUntil(lambda: not dlg.busy and dlg.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: dlg.focusWidget() is dlg.secret, timeout=5000)
    _type_and_enter(qtbot, dlg.focusWidget(), "not the passphrase")
    qtbot.waitUntil(lambda: "does not unlock" in dlg.message.text(), timeout=10_000)
    assert not dlg.use_recovery.isChecked() and dlg.secret.accessibleName() == "Passphrase"
    dlg.secret.clear()
    qtbot.keyClicks(dlg.secret, "o")
    assert dlg.message.text() == ""  # the old error does not linger while typing
    dlg.secret.clear()
    with qtbot.waitSignal(window.workspace_did_open, timeout=10_000):
        _type_and_enter(qtbot, dlg.secret, PASSPHRASE)
    assert session.unlock_method == "passphrase" and not dlg.use_recovery.isChecked()
    # after Lock the same: type, Enter
    window.lock()
    qtbot.waitUntil(lambda: window.dialog is not dlg and window.dialog is not None and window.dialog.isVisible(),
                    timeout=10_000)
    dlg2 = window.dialog
    qtbot.waitUntil(lambda: not dlg2.busy and dlg2.focusWidget() is dlg2.secret, timeout=5000)
    with qtbot.waitSignal(window.workspace_did_open, timeout=10_000):
        _type_and_enter(qtbot, dlg2.focusWidget(), PASSPHRASE)
    assert session.workspace is not None


def test_unlock_show_passphrase_toggle(qtbot, window, session) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    make_profile(session)
    window.start()
    dlg = window.dialog
    assert dlg.secret.echoMode() == QLineEdit.EchoMode.Password
    dlg.reveal.click()
    assert dlg.secret.echoMode() == QLineEdit.EchoMode.Normal
    dlg.reveal.click()
    assert dlg.secret.echoMode() == QLineEdit.EchoMode.Password


def test_wizard_passphrase_step_submits_on_enter(qtbot, window, session) -> None:  # type: ignore[no-untyped-def]
    window.start()
    wiz = window.dialog
    assert not wiz.pass_page.keychain.isChecked()  # no keychain here: not offered as ticked
    _type_and_enter(qtbot, wiz.name_page.name, "Robin Fictional")
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.pass_page, timeout=5000)
    page = wiz.pass_page
    qtbot.keyClicks(page.pass1, PASSPHRASE)
    _type_and_enter(qtbot, page.pass2, PASSPHRASE)
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.recovery_page, timeout=10_000)
    assert [p.name for p in session.store.list()] == ["Robin Fictional"]
    # the keyboard goes on: the confirmation field has the focus, and Enter moves on once it is right
    qtbot.waitUntil(lambda: wiz.recovery_page.confirm.hasFocus(), timeout=5000)
    _type_and_enter(qtbot, wiz.recovery_page.confirm, wiz.recovery_key.rsplit("-", 1)[-1])
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.onet_page, timeout=5000)


def test_wizard_saves_the_recovery_key_to_a_file(qtbot, window, session, scripted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window.start()
    wiz = window.dialog
    wiz.name_page.name.setText("Robin Fictional")
    wiz.next()
    wiz.pass_page.pass1.setText(PASSPHRASE)
    wiz.pass_page.pass2.setText(PASSPHRASE)
    wiz.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.recovery_page, timeout=10_000)
    target = tmp_path / "key.txt"
    scripted.answers["choose_save_path"] = [str(target)]
    wiz.recovery_page.save_to_file()
    text = target.read_text(encoding="utf-8")
    assert wiz.recovery_key in text and "Robin Fictional" in text
    assert str(target) in wiz.recovery_page.saved_note.text()
