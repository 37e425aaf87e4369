"""Typed settings: defaults, round trip, schema migration, bad values fall back to defaults."""

from __future__ import annotations

import json
from pathlib import Path

from app.settings import SCHEMA_VERSION, Settings


def test_missing_file_gives_defaults_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    s = Settings.load(path)
    assert s == Settings() and s.last_profile is None and s.backup_interval_minutes == 30
    s.last_profile = "Client A"
    s.backup_interval_minutes = 10
    s.recent_exports = ["a.pdf"]
    s.save(path)
    data = json.loads(path.read_text())
    assert data["schema_version"] == SCHEMA_VERSION
    assert Settings.load(path) == s
    assert path.stat().st_mode & 0o077 == 0


def test_v1_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"profile": "Old name", "backup_every_min": 45, "theme": "dark"}))
    s = Settings.load(path)
    assert (s.last_profile, s.backup_interval_minutes, s.theme) == ("Old name", 45, "dark")
    s.save(path)
    data = json.loads(path.read_text())
    assert data["schema_version"] == SCHEMA_VERSION and "profile" not in data


def test_wrong_types_and_garbage_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 2, "use_keychain": "yes", "backup_interval_minutes": True,
                                "last_profile": 5, "recent_exports": [1, 2], "unknown": 1, "theme": "light"}))
    s = Settings.load(path)
    assert s.use_keychain is True and s.backup_interval_minutes == 30
    assert s.last_profile is None and s.recent_exports == [] and s.theme == "light"
    path.write_text("{not json")
    assert Settings.load(path) == Settings()
    path.write_text("[1, 2]")
    assert Settings.load(path) == Settings()


def test_newer_file_is_read_without_downgrading_its_version(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 99, "theme": "dark", "future_key": 1}))
    s = Settings.load(path)
    assert s.theme == "dark"


def test_retention_from_settings_never_keeps_zero_recent() -> None:
    s = Settings(backups_recent=0, backups_daily=3, backups_weekly=2, backups_monthly=6)
    r = s.retention()
    assert (r.recent, r.daily, r.weekly, r.monthly) == (1, 3, 2, 6)
