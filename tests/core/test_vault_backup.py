"""Backups: taken under concurrent writes they restore exactly; retention keeps the right set."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.vault.backup import BackupInfo, Retention, list_backups, prune, select_kept, write_backup
from core.vault.db import connect_raw
from core.workspace import Workspace
from tests.core.vault_kit import add_fact_with_vector, check_vault, make_profile


def _rows(path: Path, key: bytes) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    conn = connect_raw(path, key)
    try:
        return {
            "facts": conn.execute("SELECT * FROM facts ORDER BY id").fetchall(),
            "fact_versions": conn.execute("SELECT * FROM fact_versions ORDER BY id").fetchall(),
            "vectors": conn.execute("SELECT rowid, embedding FROM fact_vectors ORDER BY rowid").fetchall(),
        }
    finally:
        conn.close()


def test_backup_under_concurrent_writes_restores_exactly(tmp_path: Path) -> None:
    store, profile, _, key = make_profile(tmp_path)
    ws = Workspace(store.open_vault(profile, key), profile=profile)
    for i in range(50):
        add_fact_with_vector(ws, f"before {i}", i)
    committed: list[int] = []
    stop = threading.Event()
    failures: list[BaseException] = []

    def writer() -> None:
        n = 1000
        try:
            while not stop.is_set():
                n += 1
                committed.append(add_fact_with_vector(ws, f"during {n}", n))
        except BaseException as exc:
            failures.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(committed) < 20:
            time.sleep(0.01)
        marks = []
        for _ in range(3):
            before = len(committed)
            info = ws.backup(reason="concurrent")  # while the writer thread commits
            marks.append((info, before, len(committed)))
        time.sleep(0.1)
    finally:
        stop.set()
        thread.join()
    assert not failures
    live = _rows(profile.vault_path, key)
    ws.close()
    assert any(after > before for _, before, after in marks), "writes went on during the backups"

    all_ids = [r[0] for r in live["facts"]]
    for info, before, after in marks:
        store.restore(profile, key, info.path)
        restored = _rows(profile.vault_path, key)
        ids = [r[0] for r in restored["facts"]]
        # a consistent snapshot: exactly the first k commits, each row identical to the live one
        assert ids == all_ids[: len(ids)]
        assert 50 + before <= len(ids) <= 50 + after
        keep = set(ids)
        assert restored["facts"] == [r for r in live["facts"] if r[0] in keep]
        assert restored["vectors"] == [r for r in live["vectors"] if r[0] in keep]
        assert restored["fact_versions"] == [r for r in live["fact_versions"] if r[1] in keep]
        state = check_vault(profile.vault_path, key)
        assert state["integrity"] == ["ok"] and state["cipher"] == []
    # each restore kept the vault it replaced
    assert sum(b.reason == "before-restore" for b in list_backups(profile.backups_dir)) == 3
    assert not list(profile.backups_dir.glob("*.partial"))


def _fake(now: datetime, hours_ago: float, folder: Path) -> BackupInfo:
    when = now - timedelta(hours=hours_ago)
    return BackupInfo(folder / f"b-{when:%Y%m%dT%H%M}", when, "scheduled", 1)


def test_retention_keeps_recent_daily_weekly_monthly(tmp_path: Path) -> None:
    now = datetime(2026, 6, 17, 12, 0, tzinfo=UTC)
    backups = [_fake(now, h, tmp_path) for h in range(0, 24 * 500, 5)]  # every 5 h for 500 days
    policy = Retention(recent=8, daily=7, weekly=4, monthly=12)
    kept = select_kept(backups, policy, now)

    newest = sorted(backups, key=lambda b: b.created, reverse=True)

    def newest_per(key_fn, count: int) -> set[Path]:  # type: ignore[no-untyped-def]
        seen: dict[object, Path] = {}
        for b in newest:
            seen.setdefault(key_fn(b.created), b.path)
            if len(seen) == count:
                break
        return set(seen.values())

    expected = ({b.path for b in newest[:8]}
                | newest_per(lambda d: d.date(), 7)
                | newest_per(lambda d: d.isocalendar()[:2], 4)
                | newest_per(lambda d: (d.year, d.month), 12))
    assert kept == expected
    assert len(kept) <= 8 + 7 + 4 + 12
    oldest_kept = min(b.created for b in backups if b.path in kept)
    assert now - oldest_kept < timedelta(days=372)
    assert (now - oldest_kept).days > 300  # a backup from about a year ago survives


def test_retention_never_drops_the_newest_of_an_idle_profile(tmp_path: Path) -> None:
    now = datetime(2026, 6, 17, tzinfo=UTC)
    backups = [_fake(now, 24 * 800 + h, tmp_path) for h in range(0, 200, 10)]  # all 2+ years old
    kept = select_kept(backups, Retention(), now)
    assert kept == {b.path for b in sorted(backups, key=lambda b: b.created, reverse=True)[:8]}


def test_prune_deletes_what_retention_drops_on_disk(tmp_path: Path) -> None:
    store, profile, _, key = make_profile(tmp_path)
    now = datetime(2026, 6, 17, 12, 0, tzinfo=UTC)  # fixed: month buckets must not depend on today
    for days in (0, 1, 2, 3, 40, 41, 400):
        write_backup(profile.vault_path, key, profile.backups_dir, reason="scheduled",
                     now=now - timedelta(days=days))
    (profile.backups_dir / "damaged-20260101T000000000000Z.vault").write_bytes(b"kept forever")
    removed = prune(profile.backups_dir, Retention(recent=2, daily=3, weekly=1, monthly=2), now=now)
    left = sorted((now - b.created).days for b in list_backups(profile.backups_dir))
    # recent: 0,1 - daily (3 days): 0,1,2 - weekly: 0 - monthly (2): this month's and 40 days ago
    assert left == [0, 1, 2, 40]
    assert len(removed) == 3
    assert (profile.backups_dir / "damaged-20260101T000000000000Z.vault").exists()


def test_an_empty_or_truncated_vault_is_damaged_never_a_new_vault(tmp_path: Path) -> None:
    from core.errors import VaultDamaged

    store, profile, _, key = make_profile(tmp_path)
    good = write_backup(profile.vault_path, key, profile.backups_dir, reason="manual")
    for size in (0, 100):
        with profile.vault_path.open("r+b") as fh:
            fh.truncate(size)
        with pytest.raises(VaultDamaged, match="empty|truncated") as err:
            store.open_vault(profile, key)
        assert err.value.backup == good.path  # the newest good backup is offered
        assert profile.vault_path.stat().st_size == size  # and nothing was written into the file


def test_an_empty_backup_is_flagged_refused_and_never_the_one_kept(tmp_path: Path) -> None:
    from core.errors import VaultDamaged

    store, profile, _, key = make_profile(tmp_path)
    now = datetime(2026, 6, 17, 12, 0, tzinfo=UTC)
    good = write_backup(profile.vault_path, key, profile.backups_dir, now=now - timedelta(hours=2))
    empty = profile.backups_dir / "backup-20260617T115900000000Z-scheduled.vault"
    empty.write_bytes(b"")
    listed = list_backups(profile.backups_dir)
    assert [b.problem for b in listed] == ["empty (0 bytes)", None]
    with pytest.raises(VaultDamaged, match="empty"):
        store.restore(profile, key, empty)
    prune(profile.backups_dir, Retention(recent=1, daily=0, weekly=0, monthly=0), now=now)
    assert good.path.exists()  # the newest backup that passes its check survives rotation


def test_rotation_keeps_the_last_backup_from_before_a_restore(tmp_path: Path) -> None:
    now = datetime(2026, 6, 17, 12, 0, tzinfo=UTC)
    before = BackupInfo(tmp_path / "a", now - timedelta(hours=6), "scheduled", 4096)
    event = BackupInfo(tmp_path / "b", now - timedelta(hours=5), "before-restore", 4096)
    later = [BackupInfo(tmp_path / f"c{h}", now - timedelta(hours=h), "scheduled", 4096) for h in range(4)]
    kept = select_kept([before, event, *later], Retention(recent=2, daily=0, weekly=0, monthly=0), now)
    assert event.path in kept and before.path not in kept
    broken = BackupInfo(event.path, event.created, event.reason, 0, "empty (0 bytes)")
    kept = select_kept([before, broken, *later], Retention(recent=2, daily=0, weekly=0, monthly=0), now)
    assert before.path in kept  # the restore's own copy is unusable: the one before it is kept
