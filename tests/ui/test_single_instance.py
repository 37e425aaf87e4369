"""A second `vita` launch on the same data folder hands its files to the first window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ui.single_instance import InstanceServer, forward_to_running, server_name

REPO = Path(__file__).resolve().parents[2]


def test_second_launch_forwards_its_files_to_the_first(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    name = server_name(tmp_path / "profiles")
    assert not forward_to_running(name, [])  # nobody listening: this launch is the first
    server = InstanceServer(name)
    dropped = tmp_path / "cv.txt"
    dropped.write_text("Lock keeper", encoding="utf-8")
    code = f"""
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from ui.single_instance import forward_to_running
app = QCoreApplication([])
sys.exit(0 if forward_to_running({name!r}, [Path({str(dropped)!r})]) else 3)
"""
    second = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    with qtbot.waitSignal(server.files_received, timeout=20_000) as got:
        while second.poll() is None:
            QCoreApplication.processEvents()
            qtbot.wait(20)
    assert second.returncode == 0
    assert got.args == [[dropped.resolve()]]
    server.close()
    assert not forward_to_running(name, [])
