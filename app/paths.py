"""Every directory Vita uses, computed in one place: `VITA_HOME` overrides the platform dirs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Vita"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data: Path  # profiles (vaults, backups), the ontology database
    config: Path  # settings.json
    cache: Path  # derived, rebuildable data
    logs: Path

    @property
    def profiles(self) -> Path:
        return self.data / "profiles"

    @property
    def ontology_db(self) -> Path:
        return self.data / "ontology" / "onet.sqlite"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def crash_dir(self) -> Path:
        return self.logs / "crashes"

    def ensure(self) -> AppPaths:
        for p in (self.data, self.config, self.cache, self.logs, self.profiles):
            p.mkdir(parents=True, exist_ok=True)
            try:
                p.chmod(0o700)
            except OSError:
                pass
        return self


def app_paths(home: str | os.PathLike[str] | None = None) -> AppPaths:
    """Paths under `home`, else `$VITA_HOME`, else the platform's user directories."""
    root = home or os.environ.get("VITA_HOME")
    if root:
        base = Path(root).expanduser().resolve()
        return AppPaths(base / "data", base / "config", base / "cache", base / "logs")
    return AppPaths(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
