"""Shared CLI plumbing: run a parsed command and turn typed errors into exit codes."""

from __future__ import annotations

import argparse
import sys


def run_command(args: argparse.Namespace) -> int:
    """Call the command's function; a VitaError becomes a message on stderr and exit status 1."""
    from core.errors import VitaError

    try:
        return int(args.func(args) or 0)
    except VitaError as err:
        print(f"vita: {err.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
