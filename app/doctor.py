"""What this machine lacks to run Vita: the system libraries Qt's desktop (xcb) platform needs on
Linux, named by the Debian/Ubuntu package that provides each; `vita doctor` and the GUI's start
both use it (Qt aborts without a readable message when one is missing)."""

from __future__ import annotations

import ctypes.util
import os
import sys

# library name for ctypes.util.find_library -> the Debian/Ubuntu package providing it
GUI_LIBRARIES = {
    "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1", "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0", "xcb-shape": "libxcb-shape0", "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0", "xcb": "libxcb1", "EGL": "libegl1", "GL": "libgl1",
    "fontconfig": "libfontconfig1", "dbus-1": "libdbus-1-3",
}


def needs_desktop_libraries() -> bool:
    """Linux with a real display platform (not offscreen/minimal, not Wayland-only by choice)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return sys.platform.startswith("linux") and not platform.startswith(("offscreen", "minimal", "wayland"))


def missing_gui_packages() -> list[str]:
    """Packages to install for the libraries Qt's xcb platform cannot find (empty when all are there)."""
    return sorted({pkg for lib, pkg in GUI_LIBRARIES.items() if ctypes.util.find_library(lib) is None})


def install_hint(packages: list[str]) -> str:
    return "sudo apt-get install " + " ".join(packages)
