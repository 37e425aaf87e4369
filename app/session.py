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
    from app.settings import Settings

    in_child = gui and os.environ.get("VITA_EMBED_IN_PROCESS") != "1"
    return Session(paths.profiles, paths.config, argon=argon, ontology_db=paths.ontology_db,
                   embed_in_child=in_child, model_settings=Settings.load(paths.settings_file).language_model())
