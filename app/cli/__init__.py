"""`vita`: the GUI when run without arguments, CLI subcommands otherwise.

Each command group lives in its own module with a `register(subparsers)` function; heavy
imports happen inside the command functions so `vita --version` and `vita parse` start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

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
    "app.cli.insights_cmd",
    "app.cli.interview_cmd",
    "app.cli.match_cmd",
    "app.cli.jobs_cmd",
    "app.cli.documents_cmd",
    "app.cli.undo_cmd",
    "app.cli.doctor_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vita", description="Vita: your private career knowledge base.")
    parser.add_argument("--version", action="version", version=f"vita {__version__}")
    parser.add_argument("--home", help="data root (default: $VITA_HOME or the platform's user dirs)")
    parser.add_argument("--profile", help="profile to open (default: the last used or only one)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--selftest", action="store_true",
                        help="check this installation end to end in a temporary folder (JSON report)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _all_files(args: list[str]) -> bool:
    """`vita FILE...` (a file dropped on the app icon): open the app with those files."""
    return all(not a.startswith("-") and a not in _COMMANDS and Path(a).is_file() for a in args)


_COMMANDS = frozenset({"vault", "profile", "parse", "ingest", "onet", "skills", "facts", "enrich", "import",
                       "export"})


# Arguments that name files may hold any bytes the file system allows; every other argument is
# text that ends up in the vault or a lookup and must be valid UTF-8.
_PATH_ARGUMENTS = frozenset({"paths", "files", "file", "out", "path", "input", "home"})


def undecodable_argument(args: argparse.Namespace) -> str | None:
    """The first text argument holding bytes that are not UTF-8 (shown escaped), else None."""
    for name, value in vars(args).items():
        if name in _PATH_ARGUMENTS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    return item.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    from app.hardening import harden_process, secrets_out_of_environment

    harden_process()
    with secrets_out_of_environment():
        return _dispatch(list(sys.argv[1:] if argv is None else argv))


def _dispatch(args_list: list[str]) -> int:
    if not args_list or _all_files(args_list):
        from app.gui import run_gui

        return run_gui([Path(a) for a in args_list])
    from app.cli.match_cmd import issue_forms

    parser = build_parser()
    args = parser.parse_args(issue_forms(args_list))
    if args.selftest:
        from app.selftest import run_selftest

        return run_selftest()
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    bad = undecodable_argument(args)
    if bad is not None:
        print(f"vita: the argument '{bad}' is not valid UTF-8 text; nothing was changed.", file=sys.stderr)
        return 2
    from app.cli.common import run_command

    return run_command(args)
