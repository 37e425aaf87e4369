"""Shared CLI plumbing: output, error translation, and opening the profile's workspace."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from app.paths import AppPaths, app_paths
from core.errors import Cancelled, VaultLocked, VitaError


def paths_for(args: argparse.Namespace) -> AppPaths:
    return app_paths(getattr(args, "home", None)).ensure()


def emit(args: argparse.Namespace, data: Any, text: str | None = None) -> None:
    """Print `data` as JSON with --json, else the human-readable `text` (or the JSON)."""
    if getattr(args, "json", False) or text is None:
        print(json.dumps(data, ensure_ascii=False, default=str))
    else:
        print(text)


def run_command(args: argparse.Namespace) -> int:
    """Run the chosen subcommand; VitaErrors become one line on stderr and exit status 1."""
    from app.logsetup import setup_logging

    setup_logging(paths_for(args))
    try:
        return int(args.func(args) or 0)
    except Cancelled:
        return 130
    except KeyboardInterrupt:
        return 130
    except VitaError as err:
        if getattr(args, "json", False):
            print(json.dumps({"error": err.to_dict()}), file=sys.stderr)
        else:
            print(f"vita: {err.message}" + (f"\n  {err.hint}" if err.hint else ""), file=sys.stderr)
        return 1


def read_secret(prompt: str, env: str = "VITA_PASSPHRASE") -> str | None:
    """A passphrase from the environment, else a terminal prompt, else None (no terminal)."""
    value = os.environ.get(env)
    if value:
        return value
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return None


@contextmanager
def open_workspace(args: argparse.Namespace) -> Iterator[Any]:
    """Unlock the chosen profile (keychain, then VITA_PASSPHRASE / prompt, then
    VITA_RECOVERY_KEY) and yield its Workspace, closed afterwards."""
    from core.vault import ProfileStore
    from core.workspace import Workspace

    store = ProfileStore(paths_for(args).profiles)
    profile = store.get(getattr(args, "profile", None))
    try:
        unlocked = store.unlock(profile)
    except VaultLocked:
        recovery = os.environ.get("VITA_RECOVERY_KEY")
        passphrase = None if recovery else read_secret(f"Passphrase for {profile.name}: ")
        if not passphrase and not recovery:
            raise
        unlocked = store.unlock(profile, passphrase=passphrase, recovery_key=recovery)
    ws = Workspace(store.open_vault(profile, unlocked.key), profile=profile)
    try:
        yield ws
    finally:
        ws.close()
