"""The Knowledge view's mutations as `fn(ws) -> Changes` closures over core.kb (one undo step each)."""

from __future__ import annotations

from collections.abc import Callable

from core import kb
from core.changes import Changes
from core.model import FactStatus, Visibility
from core.workspace import Workspace

Op = Callable[[Workspace], Changes]


def set_status(ids: list[int], status: FactStatus) -> Op:
    if status == FactStatus.approved:
        return lambda ws: kb.approve(ws, ids)
    if status == FactStatus.rejected:
        return lambda ws: kb.reject(ws, ids)
    return lambda ws: kb.bulk_edit(ws, ids, status=status)


def set_visibility(ids: list[int], visibility: Visibility) -> Op:
    if visibility == Visibility.private:
        return lambda ws: kb.hide(ws, ids)
    return lambda ws: kb.unhide(ws, ids)


def delete(ids: list[int]) -> Op:
    return lambda ws: kb.delete_facts(ws, ids)


def revert(fact_id: int, version: int) -> Op:
    return lambda ws: kb.revert_fact(ws, fact_id, version)


def merge(keep_id: int, other_id: int) -> Op:
    return lambda ws: kb.merge_facts(ws, keep_id, other_id)


def split(fact_id: int, parts: list[str]) -> Op:
    return lambda ws: kb.split_fact(ws, fact_id, [kb.Part(p) for p in parts])
