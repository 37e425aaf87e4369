"""The one crash handler: an uncaught exception writes a crash log, then the UI's dialog hook runs.

The log holds the exception type, the traceback's frames (file, line, function, code line),
the Vita/Python/platform versions, and the message only for VitaErrors (whose messages are
user-safe): other messages may quote document text or facts, which never go to disk in clear.
"""

from __future__ import annotations

import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from app import __version__
from core.errors import VitaError

DialogHook = Callable[[Path, BaseException], None]

_dialog_hook: DialogHook | None = None
_crash_dir: Path | None = None


def set_dialog_hook(hook: DialogHook | None) -> None:
    """The UI sets this to show a dialog pointing at the crash log (tests set their own)."""
    global _dialog_hook
    _dialog_hook = hook


def format_crash(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                 *, thread: str = "MainThread") -> str:
    message = exc.message if isinstance(exc, VitaError) else "(message withheld: may hold personal data)"
    lines = [
        f"Vita {__version__} crash at {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"Thread: {thread}",
        f"Exception: {exc_type.__module__}.{exc_type.__qualname__}: {message}",
        "Traceback (most recent call last):",
    ]
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    cause = exc.__cause__ or exc.__context__
    if cause is not None:
        lines.append(f"Caused by: {type(cause).__module__}.{type(cause).__qualname__}")
    return "\n".join(lines) + "\n"


def write_crash_log(crash_dir: Path, exc_type: type[BaseException], exc: BaseException,
                    tb: TracebackType | None, *, thread: str = "MainThread") -> Path:
    crash_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = crash_dir / f"crash-{stamp}.log"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(format_crash(exc_type, exc, tb, thread=thread))
    return path


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                     *, thread: str = "MainThread") -> Path | None:
    """Write the log, tell the UI; Ctrl-C stays a plain interrupt."""
    if issubclass(exc_type, KeyboardInterrupt) or _crash_dir is None:
        sys.__excepthook__(exc_type, exc, tb)
        return None
    try:
        path = write_crash_log(_crash_dir, exc_type, exc, tb, thread=thread)
    except OSError:
        sys.__excepthook__(exc_type, exc, tb)
        return None
    print(f"vita: an unexpected error occurred; details in {path}", file=sys.stderr)
    if _dialog_hook is not None:
        try:
            _dialog_hook(path, exc)
        except Exception:  # the dialog must never hide the crash log
            pass
    return path


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None:
        return
    name = args.thread.name if args.thread else "thread"
    handle_exception(args.exc_type, args.exc_value, args.exc_traceback, thread=name)


def install_crash_handler(crash_dir: Path) -> None:
    """Route uncaught exceptions (main and worker threads) to the crash log in `crash_dir`."""
    global _crash_dir
    _crash_dir = crash_dir
    sys.excepthook = lambda t, e, tb: (handle_exception(t, e, tb), None)[1]
    threading.excepthook = _thread_hook
