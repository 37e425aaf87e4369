"""The dashboard's figures: fact counts by type and status, documents, conflicts, recent changes.
(Profile completeness is `core.gaps`.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from core.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Overview:
    """What the dashboard shows."""

    by_type: dict[str, int]
    by_status: dict[str, int]
    documents: int
    quarantined: int
    open_conflicts: int
    hidden: int
    recent: list[tuple[str, str, str]] = field(default_factory=list)  # (type, value, updated)

    @property
    def total(self) -> int:
        return sum(self.by_type.values())


RECENT_LIMIT = 8


def overview(ws: Workspace) -> Overview:
    """Counts and the most recently changed facts, read in one transaction."""
    with ws.reading() as conn:
        by_type = {str(r[0]): int(r[1]) for r in conn.execute(text(
            "SELECT type, count(*) FROM facts WHERE status != 'rejected' GROUP BY type ORDER BY 2 DESC"))}
        by_status = {str(r[0]): int(r[1])
                     for r in conn.execute(text("SELECT status, count(*) FROM facts GROUP BY status"))}
        docs = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
        quarantined = conn.execute(text("SELECT count(*) FROM quarantine")).scalar_one()
        conflicts = conn.execute(text("SELECT count(*) FROM conflicts WHERE status = 'open'")).scalar_one()
        hidden = conn.execute(text("SELECT count(*) FROM facts WHERE visibility = 'private'")).scalar_one()
        recent = [(str(r[0]), str(r[1]), str(r[2])) for r in conn.execute(text(
            f"SELECT type, value, updated_at FROM facts ORDER BY updated_at DESC LIMIT {RECENT_LIMIT}"))]
    return Overview(by_type, by_status, int(docs), int(quarantined), int(conflicts), int(hidden), recent)
