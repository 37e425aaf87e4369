"""Shows the crash handler's message on the GUI thread, whichever thread crashed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ui.prompts import prompts


class CrashDialogBridge(QObject):
    """Created on the GUI thread; `notify` may be called from any thread (the signal is queued)."""

    crashed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.crashed.connect(self._show)
        self.shown: list[str] = []

    def notify(self, log_path: Path, _exc: BaseException) -> None:
        self.crashed.emit(str(log_path))

    def _show(self, log_path: str) -> None:
        self.shown.append(log_path)
        prompts().error(None, "Vita hit a problem",
                        "Something unexpected went wrong. Your vault is safe; unsaved typing may be lost.",
                        f"A crash report without any of your data was written to:\n{log_path}")
