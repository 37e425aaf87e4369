"""UI test fixtures: a real vault under tmp_path, tiny Argon2 cost, scripted prompts, no keychain."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["VITA_NO_WARM"] = "1"  # tests never load the embedding model from the UI

from core.session import Session
from core.vault import Argon2Params
from ui.prompts import ScriptedPrompts, use_prompts

TINY_ARGON = Argon2Params(1, 1024, 1)
PASSPHRASE = "orange glacier tuesday lamp"


@pytest.fixture(autouse=True)
def _no_keychain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def scripted() -> Iterator[ScriptedPrompts]:
    p = ScriptedPrompts()
    restore = use_prompts(p)
    yield p
    restore()


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Session:
    monkeypatch.setenv("VITA_HOME", str(tmp_path / "home"))
    return Session(tmp_path / "home" / "profiles", tmp_path / "home" / "config", argon=TINY_ARGON,
                   use_keychain_default=False)


@pytest.fixture
def window(qtbot, session: Session, scripted: ScriptedPrompts):  # type: ignore[no-untyped-def]
    from ui.window import MainWindow

    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def make_profile(session: Session, name: str = "Sam Sample") -> None:
    session.store.create(name, passphrase=PASSPHRASE, argon=TINY_ARGON)


def unlock(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Run the real unlock dialog with the right passphrase until the workspace is open."""
    window.start()
    dlg = window.dialog
    qtbot.waitUntil(lambda: not dlg.busy, timeout=5000)
    dlg.secret.setText(PASSPHRASE)
    with qtbot.waitSignal(window.workspace_did_open, timeout=10_000):
        dlg.unlock_button.click()


@pytest.fixture
def open_window(qtbot, window, session):  # type: ignore[no-untyped-def]
    make_profile(session)
    unlock(qtbot, window)
    return window


def settle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Wait until every queued operation has finished and its results were delivered."""
    qtbot.waitUntil(lambda: not window.ops_runner.busy and not any(v.refresh_pending for v in window.views.values()),
                    timeout=15_000)
