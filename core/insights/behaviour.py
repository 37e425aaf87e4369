"""Behavioural dimensions (leadership, ownership, collaboration, ...) as insight records. The
interview scores them; the insights room cannot import it (same floor), so the caller reads them
and passes them in, typed by the shape below."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from core.insights.records import Insight

if TYPE_CHECKING:
    from core.workspace import Workspace

# How many of the matched words a statement quotes.
QUOTED_WORDS = 3


class BehaviourEvidence(Protocol):
    """The words in one fact that show a dimension."""

    @property
    def fact_id(self) -> int: ...
    @property
    def fact_type(self) -> str: ...
    @property
    def text(self) -> str: ...


class BehaviourDimension(Protocol):
    """One dimension's score in [0, 1] and its evidence (core.interview's DimensionScore)."""

    @property
    def dimension(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def evidence(self) -> Sequence[BehaviourEvidence]: ...


BehaviourReader = Callable[["Workspace"], Sequence[BehaviourDimension]]


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def behaviour_insights(dimensions: Sequence[BehaviourDimension], *,
                       already_shown: dict[str, frozenset[int]] | None = None) -> list[Insight]:
    """One insight per dimension that has evidence; none for a dimension with no evidence, nor for
    one whose every fact an insight named in `already_shown` (dimension -> fact ids) already shows."""
    out: list[Insight] = []
    for d in dimensions:
        ids = tuple(sorted({e.fact_id for e in d.evidence}))
        if not ids or d.score <= 0:
            continue
        if set(ids) <= (already_shown or {}).get(d.dimension, frozenset()):
            continue
        kinds = {e.fact_id: e.fact_type for e in d.evidence}
        stories = sum(1 for t in kinds.values() if t == "story")
        others = len(kinds) - stories
        where = " and ".join(part for part in (_counted(others, "achievement", "achievements") if others else "",
                                               _counted(stories, "story", "stories") if stories else "") if part)
        words: list[str] = []
        for e in d.evidence:
            if e.text.lower() not in {w.lower() for w in words}:
                words.append(e.text)
        quoted = ", ".join(f"“{w}”" for w in words[:QUOTED_WORDS])
        name = d.dimension.replace("_", " ")
        out.append(Insight(f"behaviour:{d.dimension}", "behaviour", "behaviour",
                           f"{name.capitalize()} shows in {where} you describe ({quoted}).",
                           round(float(d.score), 3), ids))
    return out
