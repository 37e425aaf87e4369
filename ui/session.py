"""What the app holds while running: the data paths, the profile store and the open workspace.

Passed in explicitly (no global app object). Argon2 cost can be overridden (tests use a tiny one).
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the vault stack (SQLAlchemy, SQLCipher, numpy) loads after the first paint
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
    _store: Any = field(default=None, init=False, repr=False)
    profile: Profile | None = None
    key: bytes | None = None
    unlock_method: str = ""
    workspace: Workspace | None = None
    embed_on_ingest: bool = True
    originals: dict[int, Path] = field(default_factory=dict)  # document id -> file read this session (memory only)
    _ontology: Any = field(default=None, init=False, repr=False)
    _pool: Any = field(default=None, init=False, repr=False)
    _ontology_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        self.profiles_root.mkdir(parents=True, exist_ok=True)
        if self.ontology_db is None:
            self.ontology_db = self.profiles_root.parent / "ontology" / "onet.sqlite"

    def parser_pool(self) -> Any:
        """The sandboxed parser processes, started on first use and kept for the session."""
        from core.intake.pool import ParserPool

        if self._pool is None:
            self._pool = ParserPool().start()
        return self._pool

    def shutdown(self) -> None:
        """Stop the parser processes and close the ontology (app exit)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        self.forget_ontology()

    # -- the O*NET ontology (public data, read-only, shared by all profiles) -------------------
    def ontology(self) -> Any:
        """The open OntologyStore (opened on first use, from a worker); raises if not imported."""
        from onet.store import OntologyStore

        with self._ontology_lock:
            if self._ontology is None:
                assert self.ontology_db is not None
                self._ontology = OntologyStore.open(self.ontology_db)
            return self._ontology

    def ontology_info(self) -> Any:
        """`OntologyInfo`, or None when O*NET has not been imported."""
        from onet.errors import OntologyNotImported

        try:
            return self.ontology().info()
        except OntologyNotImported:
            return None

    def forget_ontology(self) -> None:
        """Drop the open store (after a re-import replaced the file)."""
        with self._ontology_lock:
            if self._ontology is not None:
                self._ontology.close()
            self._ontology = None
        if "core.enrich.resources" in sys.modules:  # ingest's own cached store (core.enrich) holds the file too
            sys.modules["core.enrich.resources"].release_ontologies()

    @property
    def store(self) -> ProfileStore:
        """The profile store (imports the vault stack on first use)."""
        if self._store is None:
            from core.vault import ProfileStore

            self._store = ProfileStore(self.profiles_root)
        return self._store  # type: ignore[no-any-return]

    def has_profiles(self) -> bool:
        """Is there at least one profile (asks the profile store)?"""
        return bool(self.store.list())

    def profile_entries(self) -> list[tuple[str, str]]:
        """(id, name) of every profile, sorted by name, for the unlock dialog."""
        return [(p.id, p.name) for p in self.store.list()]

    def uses_keychain(self, profile_id: str) -> bool:
        """Whether the profile keeps its key in the OS keychain (its key file says so)."""
        from core.errors import VitaError

        try:
            return self.store.get(profile_id).keyfile().keychain
        except VitaError:  # no such profile, or no readable key file: ask for the passphrase
            return False

    def open(self, profile: Profile, key: bytes, method: str) -> Workspace:
        """Open the vault (call on the vault thread) and keep the workspace."""
        from core.events import EventBus
        from core.workspace import Workspace

        vault = self.store.open_vault(profile, key)
        self.profile, self.key, self.unlock_method = profile, key, method
        self.workspace = Workspace(vault, profile=profile, events=EventBus())
        return self.workspace

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
        self.workspace, self.profile, self.key, self.unlock_method = None, None, None, ""
