"""Two processes on one profile: a restore never swaps the vault under a running ingest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.paths import app_paths
from core.errors import VaultBusy
from core.vault import ProfileStore
from core.vault.keys import Argon2Params
from core.vault.lock import ProfileLock, exclusive_use, lock_holders
from core.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
FAST = Argon2Params(1, 1024, 1)
PASS = "pw-two-processes"
DOCUMENTS = 400  # enough that the ingest is still running when the restore comes (120 finished first on a quiet machine)


def _doc(i: int) -> str:
    return (f"Quillon Featherstone-{i}\nquillon{i}@example.org\n\nEXPERIENCE\n\n"
            f"Lock Keeper {i}, Tidewater Canal Company — Marrowby\nMar 2015 – Present\n"
            f"- Ran {i + 10} lock passages a day without a single incident\n\n"
            f"SKILLS\nCanal maintenance {i}, Water management\n")


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, VITA_HOME=str(home), VITA_PASSPHRASE=PASS, PYTHONPATH=str(REPO))
    env.pop("VITA_RECOVERY_KEY", None)
    return env


def _vita(*argv: str) -> list[str]:
    return [sys.executable, "-m", "app", "--json", *argv]


def _documents(store: ProfileStore, profile: object) -> int:
    unlocked = store.unlock(profile, passphrase=PASS)  # type: ignore[arg-type]
    ws = Workspace(store.open_vault(profile, unlocked.key), profile=profile)  # type: ignore[arg-type]
    try:
        with ws.reading() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM documents").scalar_one())
    finally:
        ws.close()


def test_restore_beside_a_running_ingest_loses_no_acknowledged_document(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = ProfileStore(app_paths(home).ensure().profiles)
    profile, _ = store.create("Two Processes", passphrase=PASS, argon=FAST)
    key = store.unlock(profile, passphrase=PASS).key
    v = store.open_vault(profile, key)
    v.backup(reason="manual")
    v.close()
    docs = tmp_path / "in"
    docs.mkdir()
    for i in range(DOCUMENTS):
        (docs / f"cv-{i:03d}.txt").write_text(_doc(i), encoding="utf-8")

    ingest = subprocess.Popen(_vita("ingest", "--no-embed", str(docs)), env=_env(home), cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lock_file = profile.vault_path.with_name("vault.db.lock")
        deadline = time.monotonic() + 60
        while ingest.pid not in lock_holders(lock_file) and time.monotonic() < deadline:
            assert ingest.poll() is None, ingest.communicate()
            time.sleep(0.05)
        assert ingest.pid in lock_holders(lock_file)
        restore = subprocess.run(_vita("vault", "restore", "--newest", "--yes"), env=_env(home), cwd=REPO,
                                 capture_output=True, text=True, timeout=120)
        out, err = ingest.communicate(timeout=300)
    finally:
        if ingest.poll() is None:
            ingest.kill()
    assert ingest.returncode == 0, err
    stored = json.loads(out.strip().splitlines()[-1])["documents"]
    assert stored == DOCUMENTS
    if restore.returncode == 0:  # the ingest finished first: the restore then ran alone
        pytest.fail("the restore should have met the running ingest: " + restore.stdout)
    error = json.loads(restore.stderr.strip().splitlines()[-1])["error"]
    assert error["code"] == "vault_busy"
    assert f"pid {ingest.pid}" in error["message"] and "ingest" in error["message"]
    assert _documents(store, profile) == DOCUMENTS  # every acknowledged document is in the vault file


def test_writers_share_and_restore_is_exclusive(tmp_path: Path) -> None:
    vault = tmp_path / "p" / "vault.db"
    first = ProfileLock(vault).acquire(exclusive=False, wait_s=0, doing="open the vault")
    second = ProfileLock(vault).acquire(exclusive=False, wait_s=0, doing="open the vault")
    with pytest.raises(VaultBusy, match="still open in this window"):
        with exclusive_use(vault, "restore a backup", wait_s=0.1):
            pass
    first.release()
    second.release()
    with exclusive_use(vault, "restore a backup", wait_s=0):
        nested = ProfileLock(vault).acquire(exclusive=False, wait_s=0, doing="open the vault")  # same process
        nested.release()
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from core.vault.lock import exclusive_use\n"
         "with exclusive_use(Path(sys.argv[1]), 'rekey'):\n print('held', flush=True); time.sleep(30)",
         str(vault)], cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)), stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with pytest.raises(VaultBusy, match=f"pid {child.pid}.*restoring or re-encrypting"):
            ProfileLock(vault).acquire(exclusive=False, wait_s=0.2, doing="open the vault")
    finally:
        child.kill()
        child.wait()
    ProfileLock(vault).acquire(exclusive=True, wait_s=1, doing="restore").release()


def test_a_key_checked_before_a_rekey_died_is_a_wrong_key_not_damage(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import core.vault.vault as vault_module
    from core.errors import WrongKey

    store = ProfileStore(tmp_path / "profiles")
    profile, _ = store.create("Rekey Race", passphrase=PASS, argon=FAST)
    old_key = store.unlock(profile, passphrase=PASS).key
    real_replace = vault_module.replace_vault_file

    def swap_then_die(new_file: Path, vault_path: Path) -> None:
        real_replace(new_file, vault_path)
        raise KeyboardInterrupt  # killed right after the swap, before the new keys are saved

    monkeypatch.setattr(vault_module, "replace_vault_file", swap_then_die)
    with pytest.raises(KeyboardInterrupt):
        store.rekey(profile, old_key, passphrase="pw-after-rekey", argon=FAST)
    monkeypatch.setattr(vault_module, "replace_vault_file", real_replace)
    assert profile.keyfile().pending  # the state another process finds
    with pytest.raises(WrongKey):  # its key, checked before the swap, is stale: not "damaged"
        store.open_vault(profile, old_key)
    new_key = store.unlock(profile, passphrase="pw-after-rekey").key
    store.open_vault(profile, new_key).close()
