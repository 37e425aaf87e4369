"""Find the stored fact an extracted one duplicates: exact fingerprint, same role, near-same bullet.

Lookups run on the caller's transaction connection, so they see what the current document has
already written. Decisions only; writing is `core.ingest.store`'s job.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from core.ingest.near import Candidates
from core.ingest.sameness import (
    MERGE_SIMILARITY,
    SUGGEST_SIMILARITY,
    Norms,
    numbers_compatible,
    ranges_disjoint,
    same_entity,
    similar_names,
)
from core.model import EdgeKind, ExtractedFact, FactType
from core.vault.fingerprints import fingerprint

# Facts whose identity is (organisation, name) attributes, not their whole value, so that the
# same role in two documents is one fact and differing dates become conflicts.
IDENTITY: dict[FactType, tuple[str, str]] = {
    FactType.role: ("organisation", "title"),
    FactType.education: ("institution", "degree"),
    FactType.volunteer: ("organisation", "position"),
}
_VALUE_IS: dict[FactType, int] = {FactType.role: 1, FactType.education: 0, FactType.volunteer: 1}
# Facts that only duplicate within their parent (a "40%" metric belongs to one bullet).
SCOPED_TO_PARENT: dict[FactType, EdgeKind] = {FactType.metric: EdgeKind.measured_by}


@dataclass(slots=True)
class Decision:
    """What to do with one extracted fact: merge into `fact_id`, or create (optionally as a
    possible duplicate of `similar_to`)."""

    fact_id: int | None = None
    reason: str = "new"  # new | exact | identity | near
    similarity: float = 1.0
    similar_to: int | None = None
    existing: dict[str, Any] = field(default_factory=dict)  # attributes of the matched fact


def _attrs(raw: str | None) -> dict[str, Any]:
    try:
        out = json.loads(raw or "{}")
    except ValueError:
        return {}
    return out if isinstance(out, dict) else {}


class Reconciler:
    """Decisions for one document's facts inside its write transaction (`conn`: its DBAPI
    connection, for speed: a document can have a few hundred facts)."""

    def __init__(self, conn: Any, *, near: Candidates | None = None) -> None:
        self.conn = conn
        self.near = near or {}  # extracted key -> close stored bullets (computed before the transaction)
        self.claimed: set[int] = set()  # stored facts this document already merged a fact into
        self._norms: Norms = {}  # normal forms of the names compared, for this document only

    def decide(self, ef: ExtractedFact, parent_id: int | None) -> Decision:
        if ef.type in SCOPED_TO_PARENT:
            return self._scoped(ef, parent_id) if parent_id is not None else Decision()
        if ef.type in IDENTITY:
            return self._identity(ef)
        found = self._exact(ef)
        if found is not None:
            return Decision(found, "exact")
        if ef.type == FactType.organisation:
            return self._organisation(ef)
        if ef.type == FactType.achievement and ef.key in self.near:
            return self._near(ef)
        return Decision()

    def _claim(self, d: Decision) -> Decision:
        if d.fact_id is not None:
            self.claimed.add(d.fact_id)
        return d

    def _exact(self, ef: ExtractedFact) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM facts WHERE fingerprint = :fp AND type = :t ORDER BY id LIMIT 1",
            {"fp": fingerprint(ef.type.value, ef.value), "t": ef.type.value}).fetchone()
        return int(row[0]) if row else None

    def _scoped(self, ef: ExtractedFact, parent_id: int) -> Decision:
        kind = SCOPED_TO_PARENT[ef.type]
        row = self.conn.execute(
            "SELECT f.id FROM edges e JOIN facts f ON f.id = e.dst_id WHERE e.src_id = :p AND e.kind = :k "
            "AND f.type = :t AND f.fingerprint = :fp ORDER BY f.id LIMIT 1",
            {"p": parent_id, "k": kind.value, "t": ef.type.value,
             "fp": fingerprint(ef.type.value, ef.value)}).fetchone()
        return Decision(int(row[0]), "exact") if row else Decision()

    @staticmethod
    def _identity_of(ftype: FactType, attrs: dict[str, Any], value: str) -> tuple[str, str]:
        """(organisation, name) of a role / study; the value stands in for the missing part."""
        parts = [str(attrs.get(f) or "").strip() for f in IDENTITY[ftype]]
        if not any(parts):
            parts[_VALUE_IS[ftype]] = value
        return parts[0], parts[1]

    def _identity(self, ef: ExtractedFact) -> Decision:
        """The same organisation and title (fuzzy) whose dates could be the same stint."""
        org, name = self._identity_of(ef.type, ef.attributes, ef.value)
        rows = self.conn.execute("SELECT id, value, attributes FROM facts WHERE type = :t ORDER BY id",
                                 {"t": ef.type.value}).fetchall()
        for fid, value, raw in rows:
            attrs = _attrs(raw)
            if not same_entity(org, name, *self._identity_of(ef.type, attrs, value), memo=self._norms):
                continue
            if ranges_disjoint(ef.attributes, attrs):
                continue  # the same job twice, years apart: two stints, two facts
            if int(fid) in self.claimed:
                continue
            return self._claim(Decision(int(fid), "identity", existing=attrs))
        return Decision()

    def _organisation(self, ef: ExtractedFact) -> Decision:
        """The same organisation spelled a little differently (Ltd, Inc., "&" vs "and")."""
        rows = self.conn.execute("SELECT id, value FROM facts WHERE type = :t ORDER BY id",
                                 {"t": FactType.organisation.value}).fetchall()
        for fid, value in rows:
            if similar_names(ef.value, value, org=True, memo=self._norms):
                return Decision(int(fid), "exact")
        return Decision()

    def _near(self, ef: ExtractedFact) -> Decision:
        """The closest stored achievement by cosine similarity that states the same numbers."""
        suggestion: Decision | None = None
        for fid, sim in self.near[ef.key]:
            row = self.conn.execute("SELECT value FROM facts WHERE id = :id AND type = :t",
                                    {"id": fid, "t": FactType.achievement.value}).fetchone()
            if row is None or sim < SUGGEST_SIMILARITY:
                continue  # deleted meanwhile
            value = row[0]
            if not numbers_compatible(ef.value, value):
                continue
            if sim >= MERGE_SIMILARITY and int(fid) not in self.claimed:
                return self._claim(Decision(int(fid), "near", similarity=sim))
            if suggestion is None:
                suggestion = Decision(None, "new", similarity=sim, similar_to=int(fid))
        return suggestion or Decision()
