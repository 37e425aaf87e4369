"""`vita doctor` and the GUI's start name the system libraries the desktop window lacks."""

from __future__ import annotations

import ctypes.util
import json
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.doctor import GUI_LIBRARIES, missing_gui_packages


def test_doctor_names_missing_packages(vita_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--json", "doctor"])
    report = json.loads(capsys.readouterr().out)
    expected = sorted({pkg for lib, pkg in GUI_LIBRARIES.items() if ctypes.util.find_library(lib) is None}) \
        if sys.platform.startswith("linux") else []
    assert report["missing_packages"] == expected
    assert code == (1 if expected else 0)
    main(["doctor"])
    text = capsys.readouterr().out
    assert ("all found" in text) == (not expected)
    for pkg in expected:
        assert pkg in text and "apt-get install" in text


def test_gui_start_says_what_to_install(vita_home: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.gui import run_gui

    if not missing_gui_packages():
        # A machine with every library (CI installs them for the real-X-server tests): hide one from the
        # library lookup, the only part that cannot be real here, so the start-up path still runs.
        hidden = next(iter(GUI_LIBRARIES))
        real_find = ctypes.util.find_library
        monkeypatch.setattr(ctypes.util, "find_library", lambda name: None if name == hidden else real_find(name))
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert run_gui() == 1
    err = capsys.readouterr().err
    assert missing_gui_packages()
    assert "missing" in err and all(p in err for p in missing_gui_packages()) and "vita doctor" in err
