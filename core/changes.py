"""Change descriptors: what a mutation touched, so views refresh only that."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Changes:
    """Returned by every mutation and broadcast once by the UI."""

    facts: bool = False
    documents: bool = False
    edges: bool = False
    settings: bool = False
    fact_ids: frozenset[int] = field(default_factory=frozenset)
    undo_label: str | None = None

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            facts=self.facts or other.facts,
            documents=self.documents or other.documents,
            edges=self.edges or other.edges,
            settings=self.settings or other.settings,
            fact_ids=self.fact_ids | other.fact_ids,
            undo_label=other.undo_label or self.undo_label,
        )
