"""Start the desktop app (the UI issue fills this in)."""

from __future__ import annotations


def run_gui() -> int:
    from ui.main import run

    return run()
