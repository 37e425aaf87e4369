"""Settings flags a backup that cannot be restored; a second launch's files reach the first window."""

from __future__ import annotations

import os
from pathlib import Path

from tests.ui.conftest import settle


def test_settings_flags_an_unusable_backup(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    settings = w.show_view("Settings")
    settings.backup_button.click()
    settle(qtbot, w)
    folder = w.session.profile.backups_dir
    (folder / "backup-29990101T000000000000Z-scheduled.vault").write_bytes(b"")  # the newest, and empty
    settings.reload()
    settle(qtbot, w)
    assert "cannot be restored: empty (0 bytes)" in settings.backup_list.item(0).text()
    assert "cannot be restored" not in settings.backup_list.item(1).text()
    out = os.environ.get("VITA_UI_SHOTS")
    if out:
        w.grab().save(str(Path(out) / "settings-unusable-backup.png"))


def test_a_launch_handed_over_while_locked_ingests_after_unlock(qtbot, window, session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import make_profile, unlock

    cv = tmp_path / "cv.txt"
    cv.write_text("Perrin Aldous-Vey\n\nEXPERIENCE\n\nLighthouse Keeper, Northreach Lights\n2015 – Present\n"
                  "- Kept 3 lights burning through 40 winter storms\n", encoding="utf-8")
    make_profile(session)
    window.accept_launch([cv])  # still locked: remembered until the vault opens
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: session.workspace is not None and session.workspace.count_facts() > 0, timeout=60_000)
    settle(qtbot, window)


def test_a_damaged_wal_found_on_open_is_told(qtbot, window, session, scripted) -> None:  # type: ignore[no-untyped-def]
    from core.vault.db import connect_raw
    from tests.ui.conftest import PASSPHRASE, make_profile, unlock

    make_profile(session)
    profile = session.store.get(None)
    key = session.store.unlock(profile, passphrase=PASSPHRASE).key
    conn = connect_raw(profile.vault_path, key)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE IF NOT EXISTS probe_rows (v TEXT)")
    for i in range(4):
        conn.execute("INSERT INTO probe_rows VALUES (?)", (f"row {i} " + "x" * 3000,))
    wal_path = Path(str(profile.vault_path) + "-wal")
    wal, db = bytearray(wal_path.read_bytes()), profile.vault_path.read_bytes()
    conn.close()
    wal[32 + 24 + 100] ^= 0xFF
    profile.vault_path.write_bytes(db)
    wal_path.write_bytes(bytes(wal))
    Path(str(profile.vault_path) + "-shm").unlink(missing_ok=True)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: any(a[0] == "inform" for a in scripted.asked), timeout=10_000)
    told = [a for a in scripted.asked if a[0] == "inform"][-1]
    assert "write-ahead log is damaged" in str(told)
