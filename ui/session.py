"""What the app holds while running: the data paths, the profile store and the open workspace.

Passed in explicitly (no global app object). Argon2 cost can be overridden (tests use a tiny one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.events import EventBus
from core.vault import Argon2Params, Profile, ProfileStore
from core.workspace import Workspace


@dataclass
class Session:
    """The data root and, once unlocked, one profile's workspace and key."""

    profiles_root: Path
    config_dir: Path
    argon: Argon2Params | None = None
    use_keychain_default: bool = True
    ontology_db: Path | None = None
    store: ProfileStore = field(init=False)
    profile: Profile | None = None
    key: bytes | None = None
    unlock_method: str = ""
    workspace: Workspace | None = None

    def __post_init__(self) -> None:
        self.profiles_root.mkdir(parents=True, exist_ok=True)
        self.store = ProfileStore(self.profiles_root)

    @classmethod
    def from_app_paths(cls, argon: Argon2Params | None = None) -> Session:
        from app.paths import app_paths

        paths = app_paths().ensure()
        return cls(paths.profiles, paths.config, argon=argon, ontology_db=paths.ontology_db)

    def open(self, profile: Profile, key: bytes, method: str) -> Workspace:
        """Open the vault (call on the vault thread) and keep the workspace."""
        vault = self.store.open_vault(profile, key)
        self.profile, self.key, self.unlock_method = profile, key, method
        self.workspace = Workspace(vault, profile=profile, events=EventBus())
        return self.workspace

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
        self.workspace, self.profile, self.key, self.unlock_method = None, None, None, ""
