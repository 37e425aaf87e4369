"""CLI command: `vita undo`, the newest change another `vita` command made (see app/cli/__init__.py)."""

from __future__ import annotations

import argparse

from app.cli.common import emit, open_workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita undo`."""
    p = sub.add_parser("undo", help="undo the newest change a vita command made (documents remove, facts ...)",
                       description="Undo the newest change made by a command such as `vita documents remove` "
                                   "or `vita facts approve`, run again to go further back. Refused, with nothing "
                                   "changed, when the vault has changed since in what that command wrote. "
                                   "Changes made in the app are undone in the app (Edit > Undo).")
    p.add_argument("--show", action="store_true", help="only say what would be undone")
    p.set_defaults(func=cmd_undo)


def cmd_undo(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        if args.show:
            label = ws.saved_undo_label()
            emit(args, {"undo": label}, f"Next undo: {label}" if label else "Nothing to undo.")
            return 0
        ch = ws.undo_saved()
    emit(args, {"undone": ch.undo_label, "fact_ids": sorted(ch.fact_ids)}, f"Undone: {ch.undo_label}")
    return 0
