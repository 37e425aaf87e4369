"""End-to-end smoke: the CLI starts, a profile's vault stores a fact and gives it back encrypted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core.model import FactType
from core.vault import Argon2Params, ProfileStore
from core.workspace import Workspace

FAST = Argon2Params(1, 1024, 1)


def test_cli_version() -> None:
    out = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("vita ")


def test_fact_round_trip_is_encrypted(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "profiles")
    profile, recovery = store.create("Test Person", passphrase="pass phrase", argon=FAST)
    ws = Workspace(store.open_vault(profile, store.unlock(profile, passphrase="pass phrase").key))
    fid = next(iter(ws.add_fact(type=FactType.skill, value="Quux-canary-7781").fact_ids))
    ws.close()
    ws = Workspace(store.open_vault(profile, store.unlock(profile, recovery_key=recovery).key))
    assert ws.get_fact(fid).value == "Quux-canary-7781"
    ws.close()
    for f in tmp_path.rglob("*"):
        if f.is_file():
            assert b"Quux-canary-7781" not in f.read_bytes(), f.name
