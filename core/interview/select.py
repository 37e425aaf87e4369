"""Question selection: the open slot with the highest value ÷ effort, one topic at a time."""

from __future__ import annotations

from collections.abc import Iterable

from core.interview.slots import Slot
from core.interview.values import EFFORT

# Follow-ups stay on the entity being discussed while its best question is worth at least this
# share of the best question anywhere (an optional slot does not hold the conversation hostage).
TOPIC_STICKINESS = 0.5


def priority(slot: Slot) -> float:
    """Value (slot weight × relevance × how much is missing) ÷ effort to answer."""
    return slot.weight * slot.relevance * (1.0 - slot.filled) / EFFORT[slot.kind]


def next_slot(slots: Iterable[Slot], *, blocked: set[str], topic: str | None = None) -> Slot | None:
    """The best open slot not blocked; while the current topic (entity) has a worthwhile open slot,
    stay on it. Ties break by key, so the order is the same on every run."""
    candidates = sorted((s for s in slots if s.open and s.key not in blocked),
                        key=lambda s: (-round(priority(s), 9), s.key))
    if not candidates:
        return None
    if topic:
        same = next((s for s in candidates if s.entity == topic), None)
        if same is not None and priority(same) >= TOPIC_STICKINESS * priority(candidates[0]):
            return same
    return candidates[0]
