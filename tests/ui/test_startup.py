"""`vita` with no arguments starts the GUI and paints without loading torch or spaCy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.xserver import skip_if_xcb_libraries_missing, xvfb_display

REPO = Path(__file__).resolve().parents[2]


def test_gui_first_paint_has_no_heavy_imports(tmp_path: Path) -> None:
    env = {**os.environ, "VITA_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "VITA_SMOKE": "1",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-m", "app"], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(next(ln for ln in out.stdout.splitlines() if ln.startswith("{")))
    assert report["painted"] is True
    assert report["heavy"] == []
    assert "sqlalchemy" not in out.stdout  # nothing but the report is printed


def test_gui_paints_on_a_real_x_server(tmp_path: Path) -> None:
    """The same start as a desktop session: the xcb platform plugin on a real (virtual) X server."""
    with xvfb_display() as display:
        env = {**os.environ, "VITA_HOME": str(tmp_path), "QT_QPA_PLATFORM": "xcb", "DISPLAY": display,
               "VITA_SMOKE": "1", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "PYTHONPATH": str(REPO)}
        out = subprocess.run([sys.executable, "-m", "app"], cwd=REPO, env=env, capture_output=True, text=True,
                             timeout=120)
    skip_if_xcb_libraries_missing(out.stdout + out.stderr)
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(next(ln for ln in out.stdout.splitlines() if ln.startswith("{")))
    assert report["painted"] is True and report["heavy"] == []


def test_desktop_entry_and_spec_are_consistent() -> None:
    desktop = (REPO / "packaging" / "vita.desktop").read_text("utf-8")
    assert desktop.startswith("[Desktop Entry]") and "Exec=vita" in desktop and "Type=Application" in desktop
    spec = (REPO / "packaging" / "vita.spec").read_text("utf-8")
    # every hidden import line in the spec is explained by a comment above it
    lines = spec.splitlines()
    start = lines.index("hiddenimports = [")
    end = lines.index("]", start)
    block = lines[start + 1:end]
    for i, line in enumerate(block):
        if line.strip() and not line.strip().startswith("#"):
            j = i - 1
            while j >= 0 and block[j].strip() and not block[j].strip().startswith("#"):
                j -= 1  # other imports of the same commented group
            assert j >= 0 and block[j].strip().startswith("#"), f"no comment explains {line.strip()}"
