"""`enrich_facts`: map role titles to O*NET occupations and skill mentions to skill facts, in one undo step."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from core.changes import Changes
from core.enrich.apply import apply_plan
from core.enrich.plan import make_plan, read_inputs
from core.errors import OntologyError
from core.progress import CancelToken
from onet.errors import OnetError

if TYPE_CHECKING:
    from core.skills import SkillExtractor
    from core.workspace import Workspace
    from onet.store import OntologyStore

EXTRACTOR = "vita.enrich"
EXTRACTOR_VERSION = "1"
STEP_LABEL = "Link skills and titles"


@dataclass(slots=True)
class EnrichSummary:
    """What one enrichment call found and wrote (all zero on a repeat run)."""

    roles_mapped: int = 0  # roles given an O*NET code
    skills_linked: int = 0  # stored skill facts given an ontology entry
    skills_created: int = 0  # new skill facts from mentions
    mentions: int = 0  # skill mentions found in achievements, projects, summaries
    edges_added: int = 0  # uses_skill and maps_to edges written
    new_fact_ids: list[int] = field(default_factory=list)
    with_ontology: bool = False
    changes: Changes | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("changes")
        return d

    def line(self) -> str:
        return (f"{self.roles_mapped} roles mapped to O*NET, {self.skills_created} skills created, "
                f"{self.skills_linked} skills linked, {self.edges_added} links added")


def enrich_facts(ws: Workspace, fact_ids: Iterable[int] | None = None, *, ontology: OntologyStore | None = None,
                 extractor: SkillExtractor | None = None, cancel: CancelToken | None = None,
                 title_embed: Callable[[list[str]], Any] | None = None) -> EnrichSummary:
    """Link the given facts (default: all) to the ontology; idempotent, one undoable step when anything changed.

    Reads and extraction run outside the write transaction; the writes are one short transaction."""
    token = cancel or CancelToken()
    ids = None if fact_ids is None else list(fact_ids)
    summary = EnrichSummary(with_ontology=ontology is not None)
    if ids is not None and not ids:
        return summary
    with ws.reading() as conn:
        inputs = read_inputs(conn, ids)
    try:
        ex = extractor if extractor is not None else ws.services.skill_extractor(ontology)
        plan = make_plan(inputs, store=ontology, extractor=ex, embed=title_embed, cancel=token)
    except (OnetError, sqlite3.Error) as exc:  # a damaged or closed ontology database
        raise OntologyError("The O*NET ontology could not be read; import it again.",
                            hint=f"{type(exc).__name__}: {exc}") from exc
    summary.mentions = plan.mentions
    token.check()
    if plan.empty():
        return summary
    with ws.mutation(STEP_LABEL) as txn:
        written = apply_plan(txn, plan, (EXTRACTOR, EXTRACTOR_VERSION))
    summary.roles_mapped = written.roles_mapped
    summary.skills_linked = written.skills_linked
    summary.skills_created = len(written.new_fact_ids)
    summary.new_fact_ids = written.new_fact_ids
    summary.edges_added = written.edges_added
    summary.changes = ws.changes_for(txn.step) if txn.step.changes else None
    return summary
