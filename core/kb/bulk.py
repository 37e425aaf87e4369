"""Fast insertion of many facts (imports, benchmarks): executemany with explicit ids, one undo step."""

from __future__ import annotations

from collections.abc import Sequence

from core.changes import Changes
from core.facts import NewFact, insert_facts_bulk
from core.workspace import Workspace


def bulk_insert_facts(ws: Workspace, facts: Sequence[NewFact], *, label: str | None = None) -> Changes:
    """Insert many facts as one transaction and one undo step; `Changes.fact_ids` holds their ids."""
    with ws.mutation(label or f"Add {len(facts)} facts") as txn:
        ids = insert_facts_bulk(txn, facts)
    return ws.changes_for(txn.step, frozenset(ids))
