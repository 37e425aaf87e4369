"""The ingest pipeline's call into enrichment: never fails the document, only logs."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from core.errors import Cancelled, OntologyError

if TYPE_CHECKING:
    from core.workspace import Workspace

log = logging.getLogger(__name__)


def enrich_stored(ws: Workspace, fact_ids: Iterable[int]) -> set[int]:
    """Enrich the facts one document stored (with the workspace's O*NET store when it has one);
    returns the skill facts it created (empty on any failure)."""
    ids = list(fact_ids)
    if not ids:
        return set()
    try:
        from core.enrich.run import enrich_facts

        try:
            summary = enrich_facts(ws, ids, ontology=ws.services.ontology())
        except OntologyError as exc:  # a broken O*NET database: the starter lexicon still links skills
            log.warning("O*NET unusable for linking (%s); using the starter lexicon.", exc.hint or exc.message)
            summary = enrich_facts(ws, ids, ontology=None)
    except Cancelled:
        return set()
    except Exception as exc:  # the document is stored already; a missing link must never lose it
        log.warning("Linking skills and titles failed (%s: %s); the document is stored without them.",
                    type(exc).__name__, exc)
        return set()
    return set(summary.new_fact_ids)
