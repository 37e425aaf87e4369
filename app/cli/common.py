"""Shared CLI plumbing: run a parsed command, turning VitaErrors into a message and exit code."""

from __future__ import annotations

import argparse
import sys

from core.errors import VitaError


def run_command(args: argparse.Namespace) -> int:
    """Call the command's function; a VitaError prints its user-safe message and returns 1."""
    try:
        return int(args.func(args) or 0)
    except VitaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
