"""Typed app settings: declared once (type, default), stored as JSON, migrated on load.

Per-profile data lives in the vault; this file holds only device preferences (no personal data).
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.llm import ModelSettings
from core.safe_write import write_atomic

if TYPE_CHECKING:  # the vault stack loads after the first paint; reading settings must not pull it in
    from core.vault.backup import Retention

if TYPE_CHECKING:
    from core.jobs.score import ScoreWeights

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2

Migration = Callable[[dict[str, Any]], dict[str, Any]]
_MIGRATIONS: dict[int, Migration] = {}


def settings_migration(to_version: int) -> Callable[[Migration], Migration]:
    """Register the step that turns a version `to_version - 1` dict into version `to_version`."""

    def register(fn: Migration) -> Migration:
        _MIGRATIONS[to_version] = fn
        return fn

    return register


@settings_migration(2)
def _v2(data: dict[str, Any]) -> dict[str, Any]:
    """v1 kept `profile` and `backup_every_min`; v2 names them for what they are."""
    if "profile" in data:
        data["last_profile"] = data.pop("profile")
    if "backup_every_min" in data:
        data["backup_interval_minutes"] = data.pop("backup_every_min")
    return data


@dataclass(slots=True)
class Settings:
    """Every setting with its type and default; unknown or ill-typed values fall back to defaults."""

    last_profile: str | None = None
    use_keychain: bool = True
    backup_interval_minutes: int = 30
    backups_recent: int = 8
    backups_daily: int = 7
    backups_weekly: int = 4
    backups_monthly: int = 12
    theme: str = "system"
    recent_exports: list[str] = field(default_factory=list)
    export_format: str = "pdf"  # the export dialog's last format and folder
    export_folder: str = ""
    match_weight_skills: int = 50  # job match sections (Settings > Matching); see core.jobs.score
    match_weight_experience: int = 25
    match_weight_education: int = 15
    match_weight_location: int = 10
    match_missing_must_cap: int = 60
    # The optional local language model for the interview: off while the address is empty.
    llm_endpoint: str = ""
    llm_model: str = ""
    llm_allow_remote: bool = False

    def match_weight_values(self) -> dict[str, float]:
        """The job-match weights as ScoreWeights fields (negative values count as 0); plain data, so
        building the session imports nothing heavy."""
        return {"skills": max(0, self.match_weight_skills), "experience": max(0, self.match_weight_experience),
                "education": max(0, self.match_weight_education), "location": max(0, self.match_weight_location),
                "missing_must_cap": min(100, max(0, self.match_missing_must_cap))}

    def match_weights(self) -> ScoreWeights:
        """The job-match weights these settings describe."""
        # imported here: the jobs package loads the vault stack, which start-up must not wait for
        from core.jobs.score import ScoreWeights

        return ScoreWeights(**self.match_weight_values())

    def retention(self) -> Retention:
        """The backup retention policy these settings describe."""
        from core.vault.backup import Retention

        return Retention(recent=max(1, self.backups_recent), daily=max(0, self.backups_daily),
                         weekly=max(0, self.backups_weekly), monthly=max(0, self.backups_monthly))

    def language_model(self) -> ModelSettings:
        """The interview's optional model settings (an empty endpoint means off)."""
        return ModelSettings(endpoint=self.llm_endpoint.strip(), model=self.llm_model.strip(),
                             allow_remote=self.llm_allow_remote)

    # -- persistence ---------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read, migrate and type-check; a missing or unreadable file gives the defaults."""
        try:
            raw = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError):
            log.warning("settings file unreadable; using defaults")
            return cls()
        if not isinstance(raw, dict):
            return cls()
        return cls.from_dict(migrate(raw))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        out = cls()
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if _type_ok(getattr(out, f.name), f.type, value):
                setattr(out, f.name, value)
            else:
                log.warning("setting %s has the wrong type; using its default", f.name)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **dataclasses.asdict(self)}

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(self.to_dict(), indent=1, sort_keys=True).encode("utf-8"))


def store_model_settings(path: Path, model: ModelSettings) -> Settings:
    """Keep the interview's model settings in the settings file, the rest unchanged (`vita interview
    --model` and the Settings page both store them here; check them first with core.llm.checked)."""
    settings = Settings.load(path)
    settings.llm_endpoint, settings.llm_model = model.endpoint, model.model
    settings.llm_allow_remote = model.allow_remote and bool(model.endpoint)
    settings.save(path)
    return settings


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Apply each registered step from the file's version up to SCHEMA_VERSION."""
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or version < 1:
        version = 1
    if version > SCHEMA_VERSION:
        log.warning("settings written by a newer Vita (v%s); reading what this version knows", version)
    for step in range(version + 1, SCHEMA_VERSION + 1):
        data = _MIGRATIONS[step](dict(data))
    data["schema_version"] = max(version, SCHEMA_VERSION)
    return data


def _type_ok(default: Any, declared: Any, value: Any) -> bool:
    text = str(declared)
    if value is None:
        return "None" in text
    if isinstance(value, bool) or isinstance(default, bool):
        return isinstance(value, bool) and ("bool" in text)
    if text.startswith("int"):
        return isinstance(value, int)
    if text.startswith("str"):
        return isinstance(value, str)
    if text.startswith("list[str]"):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default))


class FilePreferences:
    """`core.session.Preferences` over the settings file: the GUI reads and writes its device
    preferences (last profile, export format and folder, ...) through the session, typed here."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, name: str) -> Any:
        return getattr(Settings.load(self.path), name)

    def set(self, name: str, value: Any) -> None:
        """Store one setting; an unknown name or a value of the wrong type is refused."""
        settings = Settings.load(self.path)
        if name not in {f.name for f in fields(Settings)}:
            raise KeyError(f"no setting named {name!r}")
        field_type = next(f.type for f in fields(Settings) if f.name == name)
        if not _type_ok(getattr(settings, name), field_type, value):
            raise TypeError(f"setting {name} cannot be {value!r}")
        setattr(settings, name, value)
        settings.save(self.path)
