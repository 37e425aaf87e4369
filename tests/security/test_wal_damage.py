"""A damaged WAL: committed transactions past a bad frame are detected on open, the log is kept
in the backups folder, the person is told, and a backup is made before any new write."""

from __future__ import annotations

from pathlib import Path

from core.vault.backup import list_backups
from core.vault.db import connect_raw
from core.vault.wal_check import inspect_wal
from core.workspace import Workspace
from tests.core.vault_kit import make_profile

PAGE = 4096


def _crashed_copy(tmp_path: Path) -> tuple[object, object, bytes, int]:
    """A profile whose vault has 6 committed transactions still only in its WAL (as after a crash)."""
    store, profile, _, key = make_profile(tmp_path)
    conn = connect_raw(profile.vault_path, key)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE IF NOT EXISTS probe_rows (v TEXT)")
    for i in range(6):
        conn.execute("INSERT INTO probe_rows VALUES (?)", (f"row {i} " + "x" * 3000,))
    wal = Path(str(profile.vault_path) + "-wal").read_bytes()
    db = profile.vault_path.read_bytes()
    conn.close()  # closing checkpoints; put the crash state back
    profile.vault_path.write_bytes(db)
    Path(str(profile.vault_path) + "-wal").write_bytes(wal)
    Path(str(profile.vault_path) + "-shm").unlink(missing_ok=True)
    return store, profile, key, len(wal)


def test_an_intact_wal_after_a_crash_is_no_alarm(tmp_path: Path) -> None:
    store, profile, key, _ = _crashed_copy(tmp_path)
    state = inspect_wal(Path(str(profile.vault_path) + "-wal"))  # type: ignore[attr-defined]
    assert state is not None and state.lost_commits == 0 and state.valid == state.frames > 0
    ws = Workspace(store.open_vault(profile, key), profile=profile)  # type: ignore[attr-defined]
    try:
        assert ws.vault.warnings == []
        with ws.reading() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM probe_rows").scalar_one() == 6
    finally:
        ws.close()


def test_a_damaged_frame_is_told_kept_and_backed_up(tmp_path: Path) -> None:
    store, profile, key, size = _crashed_copy(tmp_path)
    wal_path = Path(str(profile.vault_path) + "-wal")  # type: ignore[attr-defined]
    data = bytearray(wal_path.read_bytes())
    data[32 + 24 + 100] ^= 0xFF  # a byte in the first frame's page
    wal_path.write_bytes(bytes(data))
    damaged = bytes(data)
    state = inspect_wal(wal_path)
    assert state is not None and state.valid == 0 and state.lost_commits >= 5
    before = len(list_backups(profile.backups_dir))  # type: ignore[attr-defined]
    ws = Workspace(store.open_vault(profile, key), profile=profile)  # type: ignore[attr-defined]
    try:
        assert ws.vault.warnings and "write-ahead log is damaged" in ws.vault.warnings[0]
        kept = list(profile.backups_dir.glob("wal-*.vault-wal"))  # type: ignore[attr-defined]
        assert len(kept) == 1 and kept[0].read_bytes() == damaged
        assert kept[0].stat().st_mode & 0o077 == 0
        backups = list_backups(profile.backups_dir)  # type: ignore[attr-defined]
        assert len(backups) == before + 1 and backups[0].reason == "after-wal-damage"
    finally:
        ws.close()
