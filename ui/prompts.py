"""The seam every question to the person goes through, so tests can answer them.

Code asks `prompts().confirm(...)`, `prompts().choose_files(...)` and so on; tests install a
`ScriptedPrompts` with canned answers (`use_prompts(...)`). `show_error` is the one error display.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from core.errors import Cancelled, VitaError

log = logging.getLogger(__name__)


class Prompts:
    """Real dialogs."""

    def confirm(self, parent: QWidget | None, title: str, text: str, *, ok: str = "OK") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        yes = box.addButton(ok, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def choose(self, parent: QWidget | None, title: str, text: str, options: list[str]) -> int | None:
        """One of several labelled answers (the first is the default); None when dismissed."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        buttons = [box.addButton(o, QMessageBox.ButtonRole.AcceptRole if i == 0 else
                                 QMessageBox.ButtonRole.RejectRole if i == len(options) - 1 else
                                 QMessageBox.ButtonRole.ActionRole) for i, o in enumerate(options)]
        box.setDefaultButton(buttons[0])
        box.exec()
        clicked = box.clickedButton()
        return next((i for i, b in enumerate(buttons) if b is clicked), None)

    def ask_text(self, parent: QWidget | None, title: str, label: str, *, secret: bool = False,
                 default: str = "") -> str | None:
        mode = QLineEdit.EchoMode.Password if secret else QLineEdit.EchoMode.Normal
        value, ok = QInputDialog.getText(parent, title, label, mode, default)
        return value if ok else None

    def ask_lines(self, parent: QWidget | None, title: str, label: str, default: str = "") -> list[str] | None:
        value, ok = QInputDialog.getMultiLineText(parent, title, label, default)
        return [line.strip() for line in value.splitlines() if line.strip()] if ok else None

    def choose_files(self, parent: QWidget | None, title: str, filter: str = "") -> list[str]:
        files, _ = QFileDialog.getOpenFileNames(parent, title, "", filter)
        return list(files)

    def choose_folder(self, parent: QWidget | None, title: str) -> str | None:
        return QFileDialog.getExistingDirectory(parent, title) or None

    def choose_save_path(self, parent: QWidget | None, title: str, suggested: str, filter: str = "") -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter)
        return path or None

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
        if detail:
            box.setInformativeText(detail)
        box.setAccessibleName("Error")
        box.exec()


class ScriptedPrompts(Prompts):
    """Answers from a queue keyed by method name; records what was asked (for tests)."""

    def __init__(self, **answers: list[Any]) -> None:
        self.answers = {k: list(v) for k, v in answers.items()}
        self.asked: list[tuple[str, tuple[Any, ...]]] = []

    def _next(self, name: str, *args: Any) -> Any:
        self.asked.append((name, args))
        queue = self.answers.get(name)
        if not queue:
            raise AssertionError(f"unexpected prompt {name}{args}")
        return queue.pop(0)

    def confirm(self, parent: QWidget | None, title: str, text: str, *, ok: str = "OK") -> bool:
        return bool(self._next("confirm", title, text))

    def choose(self, parent: QWidget | None, title: str, text: str, options: list[str]) -> int | None:
        return self._next("choose", title, text, options)  # type: ignore[no-any-return]

    def ask_text(self, parent: QWidget | None, title: str, label: str, *, secret: bool = False,
                 default: str = "") -> str | None:
        return self._next("ask_text", title, label)  # type: ignore[no-any-return]

    def ask_lines(self, parent: QWidget | None, title: str, label: str, default: str = "") -> list[str] | None:
        return self._next("ask_lines", title, label)  # type: ignore[no-any-return]

    def choose_files(self, parent: QWidget | None, title: str, filter: str = "") -> list[str]:
        return self._next("choose_files", title)  # type: ignore[no-any-return]

    def choose_folder(self, parent: QWidget | None, title: str) -> str | None:
        return self._next("choose_folder", title)  # type: ignore[no-any-return]

    def choose_save_path(self, parent: QWidget | None, title: str, suggested: str, filter: str = "") -> str | None:
        return self._next("choose_save_path", title)  # type: ignore[no-any-return]

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(("inform", (title, text)))

    def error(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        self.asked.append(("error", (title, text, detail)))


_current: list[Prompts] = [Prompts()]


def prompts() -> Prompts:
    return _current[0]


def use_prompts(p: Prompts) -> Callable[[], None]:
    """Install `p`; returns a function restoring the previous one."""
    prev = _current[0]
    _current[0] = p
    return lambda: _current.__setitem__(0, prev)


def show_error(exc: BaseException, parent: QWidget | None = None) -> None:
    """The one error display: user-safe text for VitaError, a generic line for anything else."""
    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, VitaError):
        prompts().error(parent, "Vita", exc.message, exc.hint or "")
        return
    from core.ontology import ImportCancelled, OnetError

    if isinstance(exc, ImportCancelled):
        return
    if isinstance(exc, OnetError):  # onet's messages are written for people too
        prompts().error(parent, "O*NET", str(exc))
        return
    import traceback

    frames = "".join(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
    log.error("unexpected %s in an operation (message withheld: may hold personal data)\n%s",
              type(exc).__name__, frames)
    prompts().error(parent, "Vita", "Something went wrong.",
                    f"{type(exc).__name__}. Details were written to the log.")
