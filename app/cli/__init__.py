"""`vita`: the GUI when run without arguments, CLI subcommands otherwise.

Each command group lives in its own module with a `register(subparsers)` function; heavy
imports happen inside the command functions so `vita --version` and `vita parse` start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import __version__

COMMAND_MODULES = (
    "app.cli.vault_cmd",
    "app.cli.profile_cmd",
    "app.cli.parse_cmd",
    "app.cli.ingest_cmd",
    "app.cli.onet_cmd",
    "app.cli.skills_cmd",
    "app.cli.facts_cmd",
    "app.cli.enrich_cmd",
    "app.cli.exchange_cmd",
    "app.cli.documents_cmd",
    "app.cli.doctor_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vita", description="Vita: your private career knowledge base.")
    parser.add_argument("--version", action="version", version=f"vita {__version__}")
    parser.add_argument("--home", help="data root (default: $VITA_HOME or the platform's user dirs)")
    parser.add_argument("--profile", help="profile to open (default: the last used or only one)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        from app.gui import run_gui

        return run_gui()
    parser = build_parser()
    args = parser.parse_args(args_list)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from app.cli.common import run_command

    return run_command(args)
