"""The crash handler writes a crash log (no personal text) and calls the UI's dialog hook."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import crash
from core.errors import VaultLocked

SECRET = "Private-Fact-Text-4471"


@pytest.fixture
def handler(tmp_path: Path) -> Iterator[tuple[Path, list[tuple[Path, BaseException]]]]:
    old_sys, old_thread = sys.excepthook, threading.excepthook
    calls: list[tuple[Path, BaseException]] = []
    crash.install_crash_handler(tmp_path / "crashes")
    crash.set_dialog_hook(lambda path, exc: calls.append((path, exc)))
    yield tmp_path / "crashes", calls
    crash.set_dialog_hook(None)
    sys.excepthook, threading.excepthook = old_sys, old_thread


def _boom() -> None:
    raise ValueError(f"could not parse {SECRET}")


def test_uncaught_exception_writes_log_and_calls_dialog(handler, capsys) -> None:  # type: ignore[no-untyped-def]
    crash_dir, calls = handler
    try:
        _boom()
    except ValueError:
        sys.excepthook(*sys.exc_info())
    logs = list(crash_dir.glob("crash-*.log"))
    assert len(logs) == 1
    text = logs[0].read_text()
    assert "builtins.ValueError" in text and "_boom" in text and "Traceback" in text
    assert SECRET not in text  # the message may quote a document: withheld
    assert calls and calls[0][0] == logs[0] and isinstance(calls[0][1], ValueError)
    assert str(logs[0]) in capsys.readouterr().err


def test_vita_error_message_is_kept_and_threads_are_covered(handler) -> None:  # type: ignore[no-untyped-def]
    crash_dir, calls = handler

    def worker() -> None:
        raise VaultLocked("The vault is locked.")

    t = threading.Thread(target=worker, name="vault-worker")
    t.start()
    t.join()
    logs = list(crash_dir.glob("crash-*.log"))
    assert len(logs) == 1
    text = logs[0].read_text()
    assert "The vault is locked." in text and "Thread: vault-worker" in text
    assert isinstance(calls[0][1], VaultLocked)


def test_a_failing_dialog_hook_does_not_lose_the_log(handler) -> None:  # type: ignore[no-untyped-def]
    crash_dir, _ = handler
    crash.set_dialog_hook(lambda p, e: (_ for _ in ()).throw(RuntimeError("dialog broke")))
    try:
        _boom()
    except ValueError:
        path = crash.handle_exception(*sys.exc_info())  # type: ignore[arg-type]
    assert path is not None and path.exists()


def test_cli_installs_the_handler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    from tests.conftest import REPO

    home = tmp_path / "home"
    code = ("import sys; from app.cli import common; "
            "common_args = __import__('argparse').Namespace(home=sys.argv[1], json=False, "
            "func=lambda a: (_ for _ in ()).throw(RuntimeError('Private-Fact-Text-4471'))); "
            "common.run_command(common_args)")
    proc = subprocess.run([sys.executable, "-c", code, str(home)], cwd=REPO, capture_output=True, text=True,
                          env={**__import__("os").environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert proc.returncode == 1
    logs = list((home / "logs" / "crashes").glob("crash-*.log"))
    assert len(logs) == 1 and "RuntimeError" in logs[0].read_text()
    assert SECRET not in logs[0].read_text()
    assert SECRET not in proc.stderr  # the default hook's message is not printed either
