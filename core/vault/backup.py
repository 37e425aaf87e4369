"""Backups through the SQLite backup API (same key, same cipher settings) with Anki-like retention."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.safe_write import (
    atomic_path,
    disk_full_as_error,
    fsync_dir,
    make_private_dir,
    require_free,
)
from core.vault.db import PAGE_BYTES, SQLITE_HEADER, check_file, connect_raw

_NAME = re.compile(r"^backup-(\d{8}T\d{6}(?:\d{6})?Z)(?:-([a-z0-9-]+))?\.vault$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int
    problem: str | None = None  # why it cannot be restored, found without the key; None: looks whole


@dataclass(frozen=True, slots=True)
class Retention:
    """How many backups of each age class to keep (Anki's scheme: recent, daily, weekly, monthly)."""

    recent: int = 8
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in `folder`, newest first."""
    out = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = _NAME.match(p.name)
            if not m:
                continue
            raw = m.group(1)
            fmt = "%Y%m%dT%H%M%S%fZ" if len(raw) > 16 else "%Y%m%dT%H%M%SZ"
            created = datetime.strptime(raw, fmt).replace(tzinfo=UTC)
            size = p.stat().st_size
            out.append(BackupInfo(p, created, m.group(2) or "scheduled", size, file_problem(p, size)))
    return sorted(out, key=lambda b: b.created, reverse=True)


def file_problem(path: Path, size: int | None = None) -> str | None:
    """What makes a vault or backup file unusable, seen without the key (size, header); None
    when it looks whole. The full check (every page's HMAC) needs the key: `verify_backup`."""
    size = path.stat().st_size if size is None else size
    if size == 0:
        return "empty (0 bytes)"
    if size < PAGE_BYTES or size % PAGE_BYTES:
        return f"truncated ({size} bytes, not whole {PAGE_BYTES}-byte pages)"
    with path.open("rb") as fh:
        if fh.read(16) == SQLITE_HEADER:
            return "not encrypted (not written by Vita)"
    return None


def newest_backup(folder: Path) -> Path | None:
    """The newest backup that looks whole (an empty or truncated one is never offered)."""
    found = [b for b in list_backups(folder) if b.problem is None]
    return found[0].path if found else None


def write_backup(source: Path, key: bytes, folder: Path, *, reason: str = "scheduled",
                 now: datetime | None = None) -> BackupInfo:
    """Copy the live vault page by page with the backup API into a new encrypted file."""
    make_private_dir(folder)
    # Twice the vault: the copy itself, and room for the live vault to keep growing meanwhile.
    require_free(folder, 2 * _vault_bytes(source))
    when = now or datetime.now(UTC)
    slug = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "scheduled"
    final = folder / f"backup-{_stamp(when)}-{slug}.vault"
    tmp = final.with_suffix(".partial")
    try:
        with disk_full_as_error(folder):
            _copy_pages(source, key, tmp)
            check_file(tmp, key)  # a backup that would not restore is no backup
            with tmp.open("rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, final)
    except BaseException:
        for extra in ("", "-wal", "-shm"):
            Path(str(tmp) + extra).unlink(missing_ok=True)
        raise
    fsync_dir(folder)
    return BackupInfo(final, when, slug, final.stat().st_size)


def _vault_bytes(source: Path) -> int:
    return sum(p.stat().st_size for p in (source, Path(str(source) + "-wal")) if p.exists())


def _copy_pages(source: Path, key: bytes, tmp: Path) -> None:
    """The backup API in one step, into a fresh file in rollback-journal mode.

    One step reads one consistent WAL snapshot while writers go on; stepping in chunks would
    restart whenever another connection commits, and could never finish under steady writes.
    """
    src = connect_raw(source, key)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        dst = connect_raw(tmp, key)
        try:
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    for extra in (tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
        extra.unlink(missing_ok=True)


def verify_backup(path: Path, key: bytes) -> None:
    """Raise VaultDamaged unless the backup opens with `key`, every page's HMAC checks out and
    SQLite's integrity check passes."""
    check_file(path, key)


def keep_damaged_copy(vault_path: Path, folder: Path, *, now: datetime | None = None) -> Path:
    """Copy a vault file that cannot be opened (with its WAL) aside, byte for byte, before it is
    replaced: a damaged vault is never thrown away. Not a backup: retention never prunes it."""
    make_private_dir(folder)
    require_free(folder, _vault_bytes(vault_path))
    target = folder / f"damaged-{_stamp(now or datetime.now(UTC))}.vault"
    for suffix in ("", "-wal"):
        src = Path(str(vault_path) + suffix)
        if src.exists():
            with atomic_path(Path(str(target) + suffix)) as tmp:
                shutil.copyfile(src, tmp)
    return target


# Backups written just before an event after which the vault may hold less than before: the
# newest whole backup from before each of them is kept whatever its age.
SUSPICIOUS_REASONS = ("before-restore", "before-rekey", "before-migration", "after-wal-damage")


def keep_wal_copy(vault_path: Path, folder: Path, *, now: datetime | None = None) -> Path:
    """Copy the vault's WAL aside before SQLite replays it (it would drop frames past damage)."""
    make_private_dir(folder)
    target = folder / f"wal-{_stamp(now or datetime.now(UTC))}.vault-wal"
    with atomic_path(target) as tmp:
        shutil.copyfile(Path(str(vault_path) + "-wal"), tmp)
    return target


def select_kept(backups: list[BackupInfo], policy: Retention, now: datetime) -> set[Path]:
    """The backups retention keeps: the newest N, then the newest per day/week/month bucket;
    always the newest whole backup, and the newest whole one before each suspicious event."""
    ordered = sorted(backups, key=lambda b: b.created, reverse=True)
    keep = {b.path for b in ordered[: policy.recent]}
    whole = [b for b in ordered if b.problem is None]
    if whole:
        keep.add(whole[0].path)
    for event in ordered:
        if event.reason.startswith(SUSPICIOUS_REASONS):
            before = next((b for b in whole if b.created <= event.created), None)
            if before is not None:
                keep.add(before.path)

    def bucketed(count: int, key_fn: object, horizon: timedelta) -> None:
        seen: set[object] = set()
        for b in ordered:
            if now - b.created > horizon:
                break
            k = key_fn(b.created)  # type: ignore[operator]
            if k in seen:
                continue
            seen.add(k)
            keep.add(b.path)
            if len(seen) >= count:
                break

    bucketed(policy.daily, lambda d: d.date(), timedelta(days=policy.daily))
    bucketed(policy.weekly, lambda d: d.isocalendar()[:2], timedelta(weeks=policy.weekly))
    bucketed(policy.monthly, lambda d: (d.year, d.month), timedelta(days=31 * policy.monthly))
    return keep


def prune(folder: Path, policy: Retention, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups retention does not keep; returns the removed paths."""
    now = now or datetime.now(UTC)
    backups = list_backups(folder)
    keep = select_kept(backups, policy, now)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    for partial in folder.glob("backup-*.partial*"):  # left by a backup killed midway
        try:
            if now.timestamp() - partial.stat().st_mtime > 3600:
                partial.unlink()
        except OSError:
            pass
    return removed
