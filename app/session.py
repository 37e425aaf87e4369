"""Build the one `core.session.Session` from the app's paths and settings: the GUI and every CLI
command call this, so an open profile and its services are made the same way everywhere."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from app.paths import AppPaths
from core.session import Session

if TYPE_CHECKING:
    from core.vault import Argon2Params


def session_for(paths: AppPaths, *, gui: bool = False, argon: Argon2Params | None = None) -> Session:
    """The session over `paths`; the GUI embeds in a child process (`VITA_EMBED_IN_PROCESS=1`
    keeps it in-process, for diagnostics) so torch never holds the GUI's GIL. Building it imports
    nothing heavy: the GUI calls this before its first paint."""
    from functools import partial

    from app.settings import FilePreferences, Settings, store_model_settings

    in_child = gui and os.environ.get("VITA_EMBED_IN_PROCESS") != "1"
    settings = Settings.load(paths.settings_file)
    return Session(paths.profiles, paths.config, argon=argon, ontology_db=paths.ontology_db,
                   embed_in_child=in_child, model_settings=settings.language_model(),
                   model_settings_saver=partial(store_model_settings, paths.settings_file),
                   match_weights=settings.match_weight_values(), use_keychain_default=settings.use_keychain,
                   preferences=FilePreferences(paths.settings_file))
