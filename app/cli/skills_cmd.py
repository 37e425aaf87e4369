"""CLI commands: `vita skills` (see app/cli/__init__.py for the registry)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's subcommands (filled in by the issue that owns them)."""
