"""CLI command: `vita doctor` (see app/cli/__init__.py for the registry)."""

from __future__ import annotations

import argparse

from app.cli.common import emit


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita doctor`."""
    p = sub.add_parser("doctor", help="check that this machine has what Vita needs (GUI system libraries)")
    p.set_defaults(func=cmd_doctor)


def cmd_doctor(args: argparse.Namespace) -> int:
    import sys

    from app.doctor import GUI_LIBRARIES, install_hint, missing_gui_packages

    missing = missing_gui_packages() if sys.platform.startswith("linux") else []
    report = {"python": sys.version.split()[0], "gui_libraries": len(GUI_LIBRARIES) - len(missing),
              "missing_packages": missing}
    text = (f"Python {report['python']}: ok\n"
            + ("GUI system libraries: all found" if not missing else
               f"GUI system libraries: missing {', '.join(missing)}\n  install them with: {install_hint(missing)}"))
    emit(args, report, text)
    return 1 if missing else 0
