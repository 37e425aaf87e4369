"""A real X server (Xvfb) for tests that start the app the way a desktop does (`QT_QPA_PLATFORM=xcb`)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

MISSING_LIBS = "needs system libraries that are missing"  # app/gui.py's message when xcb cannot load


@contextmanager
def xvfb_display() -> Iterator[str]:
    """Start Xvfb on a free display (it picks one and writes its number to a pipe); yield ':N'; stop it."""
    if shutil.which("Xvfb") is None:
        pytest.skip("needs Xvfb (Debian package xvfb) for a real X server")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            pytest.fail(f"Xvfb did not start (exit {proc.poll()})")
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def skip_if_xcb_libraries_missing(output: str) -> None:
    """The app refuses to start on X with a clear message when the system lacks xcb libraries: that is
    the machine, not the app (`vita doctor` names the packages)."""
    if MISSING_LIBS in output:
        pytest.skip("this machine lacks the xcb libraries Qt needs: " + output.strip().splitlines()[0])
