"""Scheduled backups through the Workspace: written when due, verified, announced."""

from __future__ import annotations

from pathlib import Path

from core.events import Event
from core.model import FactType
from core.vault.backup import verify_backup
from core.workspace import Workspace
from tests.core.vault_kit import make_profile


def test_maybe_backup_writes_only_when_due(tmp_path: Path) -> None:
    store, profile, _, key = make_profile(tmp_path)
    ws = Workspace(store.open_vault(profile, key), profile=profile)
    announced: list[object] = []
    ws.events.subscribe(Event.backup_did_finish, announced.append)
    ws.add_fact(type=FactType.skill, value="Scheduling")
    assert ws.maybe_backup(every_s=3600) is None  # just opened: not due
    info = ws.maybe_backup(every_s=0)
    assert info is not None and info.reason == "scheduled"
    assert announced == [info.path]
    assert ws.maybe_backup(every_s=3600) is None  # just written: not due again
    verify_backup(info.path, key)
    assert [b.path for b in ws.backups()] == [info.path]
    ws.close()
