"""Bulk mutations on a selection of facts, each one transaction and one named undo step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.changes import Changes
from core.model import FactStatus, FactType, Visibility
from core.workspace import Workspace, delete_fact_rows, update_fact_row


def _plural(n: int) -> str:
    return f"{n} fact" + ("" if n == 1 else "s")


def set_status(ids: list[int], status: FactStatus) -> Callable[[Workspace], Changes]:
    verb = {"approved": "Approve", "rejected": "Reject", "pending": "Mark pending"}[FactStatus(status).value]

    def run(ws: Workspace) -> Changes:
        with ws.mutation(f"{verb} {_plural(len(ids))}") as txn:
            for fid in ids:
                update_fact_row(txn, fid, status=status, action=FactStatus(status).value)
        return ws.changes_for(txn.step, frozenset(ids))

    return run


def set_visibility(ids: list[int], visibility: Visibility) -> Callable[[Workspace], Changes]:
    verb = "Hide" if visibility == Visibility.private else "Show"

    def run(ws: Workspace) -> Changes:
        with ws.mutation(f"{verb} {_plural(len(ids))}") as txn:
            for fid in ids:
                update_fact_row(txn, fid, visibility=visibility, action=verb.lower())
        return ws.changes_for(txn.step, frozenset(ids))

    return run


def delete(ids: list[int]) -> Callable[[Workspace], Changes]:
    def run(ws: Workspace) -> Changes:
        with ws.mutation(f"Delete {_plural(len(ids))}") as txn:
            for fid in ids:
                delete_fact_rows(txn, fid)
        return ws.changes_for(txn.step, frozenset(ids))

    return run


def add(fact_type: FactType, value: str) -> Callable[[Workspace], Changes]:
    return lambda ws: ws.add_fact(type=fact_type, value=value, status=FactStatus.approved)


def revert(fact_id: int, snapshot: dict[str, Any], version: int) -> Callable[[Workspace], Changes]:
    """Restore the editable fields of an earlier version (itself an undoable step)."""
    import json

    def run(ws: Workspace) -> Changes:
        attrs = snapshot.get("attributes")
        tags = snapshot.get("tags")
        with ws.mutation(f"Revert fact to version {version}") as txn:
            update_fact_row(txn, fact_id, value=snapshot.get("value"),
                            attributes=json.loads(attrs) if isinstance(attrs, str) else attrs,
                            status=snapshot.get("status"), visibility=snapshot.get("visibility"),
                            tags=json.loads(tags) if isinstance(tags, str) else tags, action="revert")
        return ws.changes_for(txn.step, frozenset({fact_id}))

    return run
