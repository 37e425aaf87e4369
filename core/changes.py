"""Change descriptors: what a mutation touched, so views refresh only that."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Changes:
    """Returned by every mutation and broadcast once by the UI."""

    facts: bool = False
    documents: bool = False
    edges: bool = False
    settings: bool = False
    jobs: bool = False  # job postings
    ontology: bool = False  # the O*NET database was (re)imported
    fact_ids: frozenset[int] = field(default_factory=frozenset)
    job_ids: frozenset[int] = field(default_factory=frozenset)
    undo_label: str | None = None

    @classmethod
    def union(cls, parts: Iterable[Changes]) -> Changes:
        """Everything the parts touched (no change when there are none)."""
        out = cls()
        for part in parts:
            out = out | part
        return out

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            facts=self.facts or other.facts,
            documents=self.documents or other.documents,
            edges=self.edges or other.edges,
            settings=self.settings or other.settings,
            jobs=self.jobs or other.jobs,
            ontology=self.ontology or other.ontology,
            fact_ids=self.fact_ids | other.fact_ids,
            job_ids=self.job_ids | other.job_ids,
            undo_label=other.undo_label or self.undo_label,
        )
