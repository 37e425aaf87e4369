"""The one owner of an open profile and its services: the profile store, the open `Workspace`,
and (through `Services`) the parser pool, embedder, O*NET store and skill extractor, each created
lazily once. The GUI and every CLI command build it the same way (`app.session.session_for`);
nothing else holds these, and nothing is process-wide."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from core.changes import Changes
from core.errors import VaultLocked
from core.llm import LanguageModel, ModelSettings, checked, model_from_settings
from core.services import Embedding, Services

if TYPE_CHECKING:  # the vault stack (SQLAlchemy, SQLCipher, numpy) loads after the first paint
    from core.intake import ParserPool
    from core.vault import Argon2Params, Profile, ProfileStore
    from core.workspace import Workspace
    from onet.records import OntologyInfo
    from onet.store import OntologyStore


class Preferences(Protocol):
    """This device's preferences (no personal data): the app keeps them in its settings file."""

    def get(self, name: str) -> Any: ...

    def set(self, name: str, value: Any) -> None: ...


class MemoryPreferences:
    """Preferences kept for one process (tests, and sessions built without a settings file)."""

    def __init__(self, **values: Any) -> None:
        self.values = dict(values)

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def set(self, name: str, value: Any) -> None:
        self.values[name] = value


MATCH_WEIGHT_SECTIONS = ("skills", "experience", "education", "location")
MATCH_WEIGHT_KEYS = (*MATCH_WEIGHT_SECTIONS, "missing_must_cap")


@dataclass
class Session:
    """The data root and, once unlocked, one profile's workspace and key."""

    profiles_root: Path
    config_dir: Path
    argon: Argon2Params | None = None
    use_keychain_default: bool = True
    ontology_db: Path | None = None  # default: beside the profiles (data/ontology/onet.sqlite)
    embed_in_child: bool = False  # the GUI: the model loads in a child process, never in its own
    embedder: Embedding | None = None  # a given embedder (tests share one); default: built on first use
    embed_on_ingest: bool = True
    model_settings: ModelSettings = field(default_factory=ModelSettings)  # the optional local language model
    model_settings_saver: Callable[[ModelSettings], None] | None = None  # keeps them (the app: settings.json)
    match_weights: dict[str, float] = field(default_factory=dict)  # core.jobs.score.ScoreWeights fields
    preferences: Preferences = field(default_factory=MemoryPreferences)  # the GUI reads and writes them here
    profile: Profile | None = None
    key: bytes | None = None
    unlock_method: str = ""
    workspace: Workspace | None = None
    originals: dict[int, Path] = field(default_factory=dict)  # document id -> file read this session (memory only)
    services: Services = field(init=False, repr=False)
    _store: Any = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.profiles_root.mkdir(parents=True, exist_ok=True)
        if self.ontology_db is None:
            self.ontology_db = self.profiles_root.parent / "ontology" / "onet.sqlite"
        self.services = Services(ontology_db=self.ontology_db, embedder=self.embedder,
                                 embed_in_child=self.embed_in_child)

    # -- services ---------------------------------------------------------------------------
    def parser_pool(self) -> ParserPool:
        """The sandboxed parser processes, started on first use and kept for the session."""
        return self.services.parser_pool()

    def embedding(self) -> Embedding:
        return self.services.embedder()

    def ontology(self) -> OntologyStore:
        """The open OntologyStore; raises OntologyNotImported (or another OnetError) when unusable."""
        store = self.services.ontology()
        if store is None:
            from onet.store import OntologyStore

            assert self.ontology_db is not None
            return OntologyStore.open(self.ontology_db)  # raises the typed reason it is not usable
        return store

    def ontology_info(self) -> OntologyInfo | None:
        """`OntologyInfo`, or None when O*NET has not been imported."""
        from onet.errors import OntologyNotImported

        try:
            return self.ontology().info()
        except OntologyNotImported:
            return None

    def forget_ontology(self) -> None:
        """Close the store (after a re-import replaced the file): everything reopens it on next use."""
        self.services.forget_ontology()

    def language_model(self) -> LanguageModel | None:
        """The optional local language model the interview may use (None while Settings has no
        endpoint); a client is cheap, it connects only when asked."""
        return model_from_settings(self.model_settings)

    def profile_match_weights(self) -> dict[str, float]:
        """The job-match weights for the open profile: its own saved ones over the app's defaults."""
        import json

        out = dict(self.match_weights)
        path = self._match_weights_file()
        if path is not None and path.is_file():
            try:
                saved = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                saved = {}
            if isinstance(saved, dict):
                out.update({k: float(v) for k, v in saved.items()
                            if k in MATCH_WEIGHT_KEYS and isinstance(v, (int, float)) and 0 <= v <= 100})
        return out

    def set_match_weights(self, weights: dict[str, float]) -> dict[str, float]:
        """Check and keep the open profile's job-match weights (each 0-100, not all 0); InvalidInput otherwise."""
        import json

        from core.errors import InvalidInput
        from core.safe_write import write_atomic

        path = self._match_weights_file()
        if path is None:
            raise VaultLocked("Open a profile first.")
        bad = [k for k, v in weights.items() if k not in MATCH_WEIGHT_KEYS or not 0 <= float(v) <= 100]
        if bad:
            raise InvalidInput(f"Match weights must be between 0 and 100 ({', '.join(sorted(bad))}).")
        if not any(float(weights.get(k, 0)) for k in MATCH_WEIGHT_SECTIONS):
            raise InvalidInput("At least one match section needs a weight above 0.")
        clean = {k: float(weights[k]) for k in MATCH_WEIGHT_KEYS if k in weights}
        write_atomic(path, json.dumps(clean, sort_keys=True))
        return self.profile_match_weights()

    def _match_weights_file(self) -> Path | None:
        return None if self.profile is None else Path(self.profile.dir) / "match_weights.json"

    def set_model_settings(self, settings: ModelSettings) -> ModelSettings:
        """Check, keep (through the saver) and use new model settings; a bad or non-local address
        raises InvalidInput and changes nothing."""
        model = checked(settings)
        if self.model_settings_saver is not None:
            self.model_settings_saver(model)
        self.model_settings = model
        return model

    def shutdown(self) -> None:
        """Stop the parser processes and the embedding child, close the ontology (app exit)."""
        self.services.shutdown()

    # -- profiles ---------------------------------------------------------------------------
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
        """Open the vault (call on the vault thread) and keep the workspace, which uses this
        session's services."""
        from core.events import EventBus
        from core.workspace import Workspace

        vault = self.store.open_vault(profile, key)
        self.profile, self.key, self.unlock_method = profile, key, method
        self.workspace = Workspace(vault, profile=profile, events=EventBus(), services=self.services)
        return self.workspace

    def restore_backup(self, backup: Path) -> Changes:
        """Replace the open profile's vault with a backup (the current state is backed up first)
        and reopen it; everything may have changed (call on the vault thread)."""
        profile, key, method = self.profile, self.key, self.unlock_method
        if profile is None or key is None:
            raise VaultLocked("Unlock a profile before restoring one of its backups.")
        self.close()
        try:
            self.store.restore(profile, key, backup)
        finally:
            ws = self.open(profile, key, method)
        with ws.reading() as conn:
            ids = frozenset(int(r[0]) for r in conn.exec_driver_sql("SELECT id FROM facts"))
        return Changes(facts=True, documents=True, edges=True, settings=True, jobs=True, fact_ids=ids)

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
        self.workspace, self.profile, self.key, self.unlock_method = None, None, None, ""
