"""Start the desktop app: logging, the crash handler (with its dialog), then the Qt UI."""

from __future__ import annotations

from pathlib import Path


def run_gui(files: list[Path] | None = None) -> int:
    """The desktop app; `files` (from `vita FILE...`, the desktop entry's %F) are ingested."""
    from app.crash import install_crash_handler, set_dialog_hook
    from app.logsetup import setup_logging
    from app.paths import app_paths

    paths = app_paths().ensure()
    setup_logging(paths)
    install_crash_handler(paths.crash_dir)

    from app import __version__
    from app.session import session_for
    from ui.crash_dialog import CrashDialogBridge
    from ui.main import argon_from_env, make_app, run

    make_app(version=__version__)  # the bridge must live on the GUI thread, so the app exists first
    bridge = CrashDialogBridge()
    set_dialog_hook(bridge.notify)
    session = session_for(paths, gui=True, argon=argon_from_env())
    try:
        return run(session, files=files or [])
    finally:
        set_dialog_hook(None)
