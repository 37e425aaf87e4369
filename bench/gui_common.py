"""Shared set-up for the GUI benches and screenshots: an offscreen app, a temp VITA_HOME, a
fictional profile opened through the real unlock path, and helpers to pump the event loop."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

PASSPHRASE = "orange glacier tuesday lamp"


def pump(app: Any, until: Any, timeout: float = 60.0) -> None:
    """Process events until `until()` is true (or raise after `timeout` seconds)."""
    end = time.monotonic() + timeout
    while not until():
        app.processEvents()
        time.sleep(0.002)
        if time.monotonic() > end:
            raise TimeoutError("the GUI did not reach the expected state")


def open_profile(home: Path | None = None, name: str = "Jordan Quill") -> tuple[Any, Any, Any]:
    """(app, window, session) with a new profile unlocked through the real dialog."""
    from core.session import Session
    from core.vault import Argon2Params
    from ui.main import make_app
    from ui.window import MainWindow

    home = home or Path(tempfile.mkdtemp(prefix="vita-bench-"))
    os.environ["VITA_HOME"] = str(home)
    os.environ["VITA_NO_WARM"] = "1"
    app = make_app()
    argon = Argon2Params(1, 1024, 1)
    session = Session(home / "data" / "profiles", home / "config", argon=argon,
                      embed_in_child=os.environ.get("VITA_EMBED_IN_PROCESS") != "1")
    session.store.create(name, passphrase=PASSPHRASE, argon=argon)
    window = MainWindow(session)
    window.resize(1280, 800)
    window.show()
    window.start()
    dlg = window.dialog
    pump(app, lambda: not dlg.busy)
    dlg.secret.setText(PASSPHRASE)
    dlg.unlock_button.click()
    pump(app, lambda: session.workspace is not None and not window.ops_runner.busy)
    return app, window, session
