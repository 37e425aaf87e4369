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


def test_the_session_keeps_model_settings_in_the_settings_file(tmp_path: Path) -> None:
    import pytest

    from app.paths import app_paths
    from app.session import session_for
    from core.errors import InvalidInput
    from core.llm import ModelSettings

    paths = app_paths(tmp_path / "home").ensure()
    Settings(theme="dark", last_profile="Kept").save(paths.settings_file)
    session = session_for(paths)
    assert session.model_settings == ModelSettings() and session.language_model() is None  # off by default
    session.set_model_settings(ModelSettings(endpoint=" http://127.0.0.1:8080/v1 ", model="tiny"))
    again = Settings.load(paths.settings_file)
    assert (again.llm_endpoint, again.llm_model, again.llm_allow_remote) == ("http://127.0.0.1:8080/v1", "tiny", False)
    assert (again.theme, again.last_profile) == ("dark", "Kept")  # the rest of the file is untouched
    assert session_for(paths).model_settings == session.model_settings  # a new start reads them back
    with pytest.raises(InvalidInput):
        session.set_model_settings(ModelSettings(endpoint="http://192.0.2.10:8080/v1"))
    assert Settings.load(paths.settings_file).llm_endpoint == "http://127.0.0.1:8080/v1"  # refused: nothing kept
    assert session.model_settings.endpoint == "http://127.0.0.1:8080/v1"


def test_the_gui_reads_and_writes_preferences_through_the_session(tmp_path: Path) -> None:
    """The session built for the GUI keeps device preferences in the settings file, typed."""
    import pytest

    from app.paths import app_paths
    from app.session import session_for

    paths = app_paths(tmp_path / "home").ensure()
    Settings(use_keychain=False, export_format="docx").save(paths.settings_file)
    session = session_for(paths, gui=True)
    assert session.use_keychain_default is False and session.preferences.get("export_format") == "docx"
    session.preferences.set("last_profile", "p-123")
    session.preferences.set("export_folder", str(tmp_path))
    again = Settings.load(paths.settings_file)
    assert again.last_profile == "p-123" and again.export_folder == str(tmp_path) and again.export_format == "docx"
    with pytest.raises(TypeError):
        session.preferences.set("backups_recent", "many")
    with pytest.raises(KeyError):
        session.preferences.set("no_such_setting", 1)
    assert Settings.load(paths.settings_file).backups_recent == Settings().backups_recent
