"""Enrichment: link stored facts to the ontology (role titles -> O*NET occupations, skill mentions -> skill facts)."""

from __future__ import annotations

from core.enrich.hook import enrich_stored
from core.enrich.run import EXTRACTOR, EXTRACTOR_VERSION, STEP_LABEL, EnrichSummary, enrich_facts

__all__ = [
    "EXTRACTOR", "EXTRACTOR_VERSION", "STEP_LABEL", "EnrichSummary", "enrich_facts", "enrich_stored",
]
