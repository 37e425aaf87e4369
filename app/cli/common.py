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

from app.hardening import secret_from_environment
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
    from app.crash import install_crash_handler
    from app.logsetup import setup_logging

    paths = paths_for(args)
    setup_logging(paths)
    install_crash_handler(paths.crash_dir)
    try:
        return int(args.func(args) or 0)
    except Cancelled:
        return 130
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return closed_stdout()
    except VitaError as err:
        if getattr(args, "json", False):
            print(json.dumps({"error": err.to_dict()}), file=sys.stderr)
        else:
            print(f"vita: {err.message}" + (f"\n  {err.hint}" if err.hint else ""), file=sys.stderr)
        return 1


def closed_stdout() -> int:
    """The reader went away (`vita facts list | head -1`): stop quietly, as Unix tools do."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the final flush at exit must not fail again
    except (OSError, ValueError):
        pass
    return 141  # 128 + SIGPIPE, what a shell reports for a tool stopped by a closed pipe


def read_secret(prompt: str, env: str = "VITA_PASSPHRASE") -> str | None:
    """A passphrase from the environment, else a terminal prompt, else None (no terminal)."""
    value = secret_from_environment(env)
    if value:
        return value
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return None


def read_new_secret(what: str = "passphrase", env: str = "VITA_NEW_PASSPHRASE") -> str:
    """A new passphrase from `env`, else asked twice on the terminal; never empty."""
    from core.errors import InvalidInput

    value = secret_from_environment(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InvalidInput(f"No terminal to ask for the new {what}; set {env}.")
    first = getpass.getpass(f"New {what}: ")
    if not first:
        raise InvalidInput(f"The {what} must not be empty.")
    if getpass.getpass(f"Repeat the new {what}: ") != first:
        raise InvalidInput(f"The two {what}s differ; nothing was changed.")
    return first


def load_settings(args: argparse.Namespace) -> Any:
    from app.settings import Settings

    return Settings.load(paths_for(args).settings_file)


def remember_profile(args: argparse.Namespace, name: str | None) -> None:
    """Store the last-used profile in the settings file."""
    settings = load_settings(args)
    settings.last_profile = name
    settings.save(paths_for(args).settings_file)


def choose_profile(args: argparse.Namespace, store: Any) -> Any:
    """--profile, else the last used one (if it still exists), else the only one."""
    from core.errors import ProfileNotFound

    wanted = getattr(args, "profile", None)
    if wanted:
        return store.get(wanted)
    last = load_settings(args).last_profile
    if last:
        try:
            return store.get(last)
        except ProfileNotFound:
            pass
    return store.get(None)


def cli_session(args: argparse.Namespace) -> Any:
    """The command's `core.session.Session`, built as the GUI builds its own."""
    from app.session import session_for

    return session_for(paths_for(args))


def unlock_profile(args: argparse.Namespace, session: Any = None) -> tuple[Any, Any, Any]:
    """Unlock the chosen profile without opening its vault: (store, profile, UnlockResult).

    Keychain first, then VITA_PASSPHRASE / a prompt, then VITA_RECOVERY_KEY.
    """
    store = (session or cli_session(args)).store
    profile = choose_profile(args, store)
    try:
        unlocked = store.unlock(profile)
    except VaultLocked:
        recovery = secret_from_environment("VITA_RECOVERY_KEY")
        passphrase = None if recovery else read_secret(f"Passphrase for {profile.name}: ")
        if not passphrase and not recovery:
            raise
        unlocked = store.unlock(profile, passphrase=passphrase, recovery_key=recovery)
    return store, profile, unlocked


@contextmanager
def open_session(args: argparse.Namespace) -> Iterator[Any]:
    """Unlock the chosen profile (keychain, then VITA_PASSPHRASE / prompt, then VITA_RECOVERY_KEY)
    and yield the session with its workspace open; closed and its services stopped afterwards."""
    session = cli_session(args)
    _store, profile, unlocked = unlock_profile(args, session)
    session.open(profile, unlocked.key, unlocked.method)
    for warning in session.workspace.vault.warnings:  # a damaged WAL found on open, for example
        print(f"vita: {warning}", file=sys.stderr)
    try:
        yield session
    finally:
        session.close()
        session.shutdown()


@contextmanager
def open_workspace(args: argparse.Namespace, *, undoable: bool = False) -> Iterator[Any]:
    """The session's open Workspace (see `open_session`). With `undoable`, the undo steps the
    command made are kept in the vault when it succeeds, so `vita undo` can revert them later."""
    with open_session(args) as session:
        ws = session.workspace
        before = ws.undo_stack.depth()
        yield ws
        if undoable:
            ws.save_undo(ws.undo_stack.depth() - before)
