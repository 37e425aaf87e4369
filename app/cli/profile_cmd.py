"""CLI commands: `vita profile list|create|rename|delete|use` (one vault per profile)."""

from __future__ import annotations

import argparse

from app.cli.common import emit, load_settings, paths_for, read_new_secret, remember_profile
from app.cli.vault_cmd import RECOVERY_WARNING, cmd_delete


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita profile ...`."""
    prof = sub.add_parser("profile", help="list, create, rename, delete or choose profiles")
    cmds = prof.add_subparsers(dest="profile_command", metavar="ACTION", required=True)
    cmds.add_parser("list", help="list profiles (* = last used)").set_defaults(func=cmd_list)
    p = cmds.add_parser("create", help="create a profile with its own vault")
    p.add_argument("name")
    p.add_argument("--keychain", action="store_true", help="also keep the key in the OS keychain")
    p.set_defaults(func=cmd_create)
    p = cmds.add_parser("rename", help="rename a profile")
    p.add_argument("old")
    p.add_argument("new")
    p.set_defaults(func=cmd_rename)
    p = cmds.add_parser("delete", help="delete a profile: vault, backups, caches, keychain entry")
    p.add_argument("name")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation (scripts)")
    p.set_defaults(func=_delete)
    p = cmds.add_parser("use", help="make a profile the default for later commands")
    p.add_argument("name")
    p.set_defaults(func=cmd_use)


def _store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from core.vault import ProfileStore

    return ProfileStore(paths_for(args).profiles)


def cmd_list(args: argparse.Namespace) -> int:
    last = load_settings(args).last_profile
    rows = []
    for p in _store(args).list():
        size = p.vault_path.stat().st_size if p.vault_path.exists() else 0
        backups = len(_store(args).backups(p))
        rows.append({"name": p.name, "id": p.id, "created_at": p.created_at, "vault_bytes": size,
                     "backups": backups, "current": p.name == last})
    text = "\n".join(f"{'*' if r['current'] else ' '} {r['name']:<30} {r['vault_bytes']:>12} bytes  "
                     f"{r['backups']:>3} backups  created {r['created_at']}" for r in rows) or "No profiles yet."
    emit(args, {"profiles": rows}, text)
    return 0


def cmd_create(args: argparse.Namespace) -> int:
    passphrase = read_new_secret("passphrase", env="VITA_PASSPHRASE")
    profile, recovery = _store(args).create(args.name, passphrase=passphrase, use_keychain=args.keychain)
    remember_profile(args, profile.name)
    emit(args, {"profile": profile.name, "id": profile.id, "recovery_key": recovery,
                "keychain": profile.keyfile().keychain, "warning": RECOVERY_WARNING},
         f"Created profile {profile.name!r}.\n\nRECOVERY KEY:  {recovery}\n\n{RECOVERY_WARNING}")
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    store = _store(args)
    old = store.get(args.old)
    renamed = store.rename(old, args.new)
    if load_settings(args).last_profile == old.name:
        remember_profile(args, renamed.name)
    emit(args, {"profile": renamed.name, "id": renamed.id, "previous": old.name},
         f"Renamed {old.name!r} to {renamed.name!r}.")
    return 0


def _delete(args: argparse.Namespace) -> int:
    args.profile = args.name
    return cmd_delete(args)


def cmd_use(args: argparse.Namespace) -> int:
    profile = _store(args).get(args.name)
    remember_profile(args, profile.name)
    emit(args, {"profile": profile.name, "id": profile.id}, f"Using profile {profile.name!r}.")
    return 0
