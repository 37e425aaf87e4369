"""CLI commands: `vita vault init|unlock-check|passwd|recovery|rekey|backup|list|restore|delete`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import (
    emit,
    open_workspace,
    paths_for,
    read_new_secret,
    remember_profile,
    unlock_profile,
)

RECOVERY_WARNING = (
    "Write this recovery key down and keep it somewhere safe. It is shown only this once.\n"
    "It unlocks your vault if you forget your passphrase or the keychain is lost; without it\n"
    "and without your passphrase, nobody (not even Vita) can read your data."
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita vault ...`."""
    vault = sub.add_parser("vault", help="create, unlock, back up and restore the encrypted vault")
    cmds = vault.add_subparsers(dest="vault_command", metavar="ACTION", required=True)

    p = cmds.add_parser("init", help="create a profile and its vault (asks for a passphrase twice)")
    p.add_argument("--name", default="Default", help="profile name (default: Default)")
    p.add_argument("--keychain", action="store_true", help="also keep the key in the OS keychain")
    p.set_defaults(func=cmd_init)

    cmds.add_parser("unlock-check", help="unlock and fully check the vault").set_defaults(func=cmd_unlock_check)
    cmds.add_parser("passwd", help="change the passphrase (VITA_NEW_PASSPHRASE or prompt)").set_defaults(
        func=cmd_passwd)
    cmds.add_parser("recovery", help="make a new recovery key (the old one stops working)").set_defaults(
        func=cmd_recovery)
    cmds.add_parser("rekey", help="re-encrypt the vault under a new key (new passphrase and recovery key)"
                    ).set_defaults(func=cmd_rekey)
    p = cmds.add_parser("keychain", help="keep or stop keeping the key in the OS keychain")
    p.add_argument("state", choices=["on", "off"])
    p.set_defaults(func=cmd_keychain)
    cmds.add_parser("backup", help="write a backup now").set_defaults(func=cmd_backup)
    cmds.add_parser("list", help="list the profile's backups, newest first").set_defaults(func=cmd_list)

    p = cmds.add_parser("restore", help="list backups, or restore one (the current vault is kept)")
    p.add_argument("backup", nargs="?", help="backup file name, or its number in `vault list` (1 = newest)")
    p.add_argument("--newest", action="store_true", help="restore the newest backup")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_restore)

    p = cmds.add_parser("delete", help="delete the profile: vault, backups, caches and keychain entry")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation (scripts)")
    p.set_defaults(func=cmd_delete)


# -- commands ----------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from core.vault import ProfileStore

    store = ProfileStore(paths_for(args).profiles)
    passphrase = read_new_secret("passphrase", env="VITA_PASSPHRASE")
    profile, recovery = store.create(args.name, passphrase=passphrase, use_keychain=args.keychain)
    keychain = profile.keyfile().keychain
    remember_profile(args, profile.name)
    emit(args, {"profile": profile.name, "id": profile.id, "keychain": keychain, "recovery_key": recovery,
                "warning": RECOVERY_WARNING},
         f"Created profile {profile.name!r}"
         + (" (key also kept in the OS keychain)" if keychain else "")
         + f".\n\nRECOVERY KEY:  {recovery}\n\n{RECOVERY_WARNING}")
    return 0


def cmd_unlock_check(args: argparse.Namespace) -> int:
    from core.workspace import Workspace

    store, profile, unlocked = unlock_profile(args)
    ws = Workspace(store.open_vault(profile, unlocked.key), profile=profile)
    try:
        problems = ws.vault.integrity_check()
        problems += ws.vault.warnings
        data = {"profile": profile.name, "method": unlocked.method,
                "schema_version": ws.vault.schema_version, "facts": ws.count_facts(),
                "integrity": "ok" if not problems else problems}
    finally:
        ws.close()
    emit(args, data, f"Unlocked {data['profile']!r} with the {unlocked.method}; schema v{data['schema_version']}, "
         f"{data['facts']} facts, integrity: {'ok' if not problems else '; '.join(problems[:5])}")
    return 0 if not problems else 1


def cmd_passwd(args: argparse.Namespace) -> int:
    store, profile, unlocked = unlock_profile(args)
    store.change_passphrase(profile, unlocked.key, read_new_secret("passphrase"))
    emit(args, {"profile": profile.name, "changed": "passphrase"}, "Passphrase changed.")
    return 0


def cmd_recovery(args: argparse.Namespace) -> int:
    store, profile, unlocked = unlock_profile(args)
    recovery = store.rotate_recovery(profile, unlocked.key)
    emit(args, {"profile": profile.name, "recovery_key": recovery, "warning": RECOVERY_WARNING},
         f"NEW RECOVERY KEY:  {recovery}\n\nThe previous recovery key no longer works.\n{RECOVERY_WARNING}")
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    store, profile, unlocked = unlock_profile(args)
    passphrase = read_new_secret("passphrase")
    _, recovery = store.rekey(profile, unlocked.key, passphrase=passphrase)
    emit(args, {"profile": profile.name, "recovery_key": recovery, "warning": RECOVERY_WARNING},
         "The vault is now encrypted under a new key, protected by the new passphrase.\n\n"
         f"NEW RECOVERY KEY:  {recovery}\n\nThe previous recovery key no longer works.\n{RECOVERY_WARNING}")
    return 0


def cmd_keychain(args: argparse.Namespace) -> int:
    store, profile, unlocked = unlock_profile(args)
    used = store.set_keychain(profile, unlocked.key, args.state == "on")
    emit(args, {"profile": profile.name, "keychain": used},
         "The key is kept in the OS keychain." if used else "The key is no longer kept in the OS keychain.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        info = ws.backup(reason="manual")
    emit(args, _backup_dict(info), f"Backup written: {info.path.name} ({info.size} bytes)")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from app.cli.common import choose_profile
    from core.vault import ProfileStore

    store = ProfileStore(paths_for(args).profiles)
    profile = choose_profile(args, store)
    backups = store.backups(profile)
    emit(args, {"profile": profile.name, "backups": [_backup_dict(b) for b in backups]},
         _backup_table(profile.name, backups))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from core.errors import InvalidInput

    store, profile, unlocked = unlock_profile(args)
    backups = store.backups(profile)
    if not args.backup and not args.newest:
        emit(args, {"profile": profile.name, "backups": [_backup_dict(b) for b in backups]},
             _backup_table(profile.name, backups)
             + "\n\nRestore one with `vita vault restore NUMBER|NAME` or `--newest`.")
        return 0
    if not backups:
        raise InvalidInput("This profile has no backups.")
    chosen = _newest_whole(backups) if args.newest else _pick(backups, args.backup)
    if chosen.problem:
        raise InvalidInput(f"{chosen.path.name} cannot be restored: it is {chosen.problem}.",
                           hint="Choose another backup from `vita vault list`.")
    if not args.yes and not _confirm(f"Replace the vault of {profile.name!r} with {chosen.path.name}? "
                                     "(the current vault is kept as a backup) [y/N] "):
        emit(args, {"restored": False}, "Nothing was changed.")
        return 1
    result = store.restore(profile, unlocked.key, chosen.path)
    kept = result.kept.name if result.kept else None
    emit(args, {"profile": profile.name, "restored": True, "restored_from": chosen.path.name,
                "kept": kept, "kept_damaged": result.kept_damaged},
         f"Restored {chosen.path.name}."
         + (f" The previous vault was kept as {kept}." if kept else ""))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from app.cli.common import choose_profile, load_settings
    from core.vault import ProfileStore

    store = ProfileStore(paths_for(args).profiles)
    profile = choose_profile(args, store)
    if not args.yes:
        if not sys.stdin.isatty():
            from core.errors import InvalidInput

            raise InvalidInput("Deleting needs confirmation: run it in a terminal or add --yes.")
        answer = input(f"This deletes {profile.name!r}: its vault, every backup and its keychain entry.\n"
                       f"Type the profile name to confirm: ")
        if answer.strip() != profile.name:
            emit(args, {"deleted": False}, "Nothing was deleted.")
            return 1
    store.delete(profile)
    if load_settings(args).last_profile == profile.name:
        remember_profile(args, None)
    emit(args, {"deleted": True, "profile": profile.name}, f"Deleted profile {profile.name!r}.")
    return 0


# -- helpers -----------------------------------------------------------------------------------


def _backup_dict(info: Any) -> dict[str, Any]:
    return {"name": info.path.name, "created": info.created.isoformat(timespec="seconds"),
            "reason": info.reason, "size": info.size, "usable": info.problem is None,
            **({"problem": info.problem} if info.problem else {})}


def _newest_whole(backups: list[Any]) -> Any:
    from core.errors import InvalidInput

    for b in backups:
        if b.problem is None:
            return b
    raise InvalidInput("None of this profile's backups can be restored; see `vita vault list`.")


def _backup_table(profile: str, backups: list[Any]) -> str:
    if not backups:
        return f"No backups of {profile!r} yet."
    rows = [f"Backups of {profile!r} (newest first):"]
    for i, b in enumerate(backups, 1):
        rows.append(f"{i:>3}  {b.created:%Y-%m-%d %H:%M:%S} UTC  {b.reason:<22} {b.size:>12} bytes  {b.path.name}"
                    + (f"  UNUSABLE: {b.problem}" if b.problem else ""))
    return "\n".join(rows)


def _pick(backups: list[Any], wanted: str) -> Any:
    from core.errors import InvalidInput

    if wanted.isdigit() and 1 <= int(wanted) <= len(backups):
        return backups[int(wanted) - 1]
    for b in backups:
        if wanted in (b.path.name, b.path.stem):
            return b
    raise InvalidInput(f"No backup {wanted!r}; see `vita vault list`.")


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        from core.errors import InvalidInput

        raise InvalidInput("Restoring needs confirmation: run it in a terminal or add --yes.")
    return input(question).strip().lower() in ("y", "yes")
