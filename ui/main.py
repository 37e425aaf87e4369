"""Start the desktop app: QApplication, theme, the main window, then unlock or first run.

Heavy libraries (torch, spaCy, sentence-transformers) are never imported here: the embedding model
loads in a child process (the session's services are built with `embed_in_child`) started from a
worker after the first window is painted (`warm_models`).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from core.session import Session
from ui.ops import Task
from ui.theme import apply_theme
from ui.window import MainWindow

log = logging.getLogger(__name__)
WARM_DELAY_MS = 1500


def argon_from_env() -> Any:
    """`VITA_ARGON=time,memory_kib,parallelism` overrides the KDF cost (tests and benches only)."""
    raw = os.environ.get("VITA_ARGON", "")
    if not raw:
        return None
    from core.vault import Argon2Params

    t, m, p = (int(x) for x in raw.split(","))
    return Argon2Params(t, m, p)


GIL_SWITCH_S = 0.001  # workers yield the GIL to the GUI thread within ~1 ms (default 5 ms)


def make_app(argv: Sequence[str] | None = None, *, version: str = "") -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_S)
    app = cast(QApplication, QApplication.instance() or QApplication(list(argv or sys.argv[:1])))
    app.setApplicationName("Vita")
    if version:
        app.setApplicationVersion(version)
    app.setOrganizationName("Vita")
    app.setDesktopFileName("vita")
    apply_theme(app)
    if not getattr(app, "_vita_theme_hooked", False):  # follow the OS when it switches light/dark
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
        app._vita_theme_hooked = True  # type: ignore[attr-defined]
    return app


def warm_models(window: MainWindow) -> None:
    """Start the embedding child (it loads the model) once the window is on screen; first use is then quick."""
    if os.environ.get("VITA_NO_WARM"):
        return

    Task(window, window.session.services.warm_embedder) \
        .on_failure(lambda exc: log.info("model warm-up skipped: %s", exc)).start()


def build_window(session: Session) -> MainWindow:
    """The main window over `session` (the app layer computes its paths); unlock after paint."""
    window = MainWindow(session)
    window.first_paint.connect(lambda: QTimer.singleShot(WARM_DELAY_MS, lambda: warm_models(window)))
    window.first_paint.connect(lambda: QTimer.singleShot(0, window.start))  # pages, vault stack, unlock: after paint
    return window


HEAVY_MODULES = ("torch", "spacy", "sentence_transformers", "transformers", "onnxruntime")


def _smoke_exit(app: QApplication) -> None:
    """VITA_SMOKE=1 (packaging smoke test): report the first paint and what was loaded, then quit."""
    import json

    heavy = [m for m in HEAVY_MODULES if m in sys.modules]
    print(json.dumps({"painted": True, "heavy": heavy, "modules": len(sys.modules)}), flush=True)
    app.exit(0)


def run(session: Session, argv: Sequence[str] | None = None, *, files: Sequence[Path] = ()) -> int:
    """Show the window, or hand `files` to the instance already running on this data folder."""
    from ui.single_instance import InstanceServer, forward_to_running, server_name

    app = make_app(argv)
    name = server_name(session.profiles_root)
    if forward_to_running(name, list(files)):
        log.info("Vita is already running on this data folder; handed over %d file(s)", len(files))
        return 0
    window = build_window(session)
    server = InstanceServer(name, window)
    server.files_received.connect(window.accept_launch)
    if os.environ.get("VITA_SMOKE"):
        window.first_paint.connect(lambda: _smoke_exit(app))
    window.show()
    if files:
        window.accept_launch(list(files))
    try:
        return int(app.exec())
    finally:
        server.close()
