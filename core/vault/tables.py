"""One registry of the vault's tables, each declared once beside the migration that creates it:
which change flag a write to it raises, whether it holds the person's data (erasure empties it),
and what its columns refer to (a Vita export merged into a profile re-points them).

Declare parents before children: merging walks the registry in order, erasure in reverse.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    flag: str = ""  # the Changes flag a write raises: facts | documents | edges | settings | jobs
    user_data: bool = True  # erased by "erase everything"
    refs: dict[str, str] = field(default_factory=dict)  # column -> table its ids refer to
    merge: bool = True  # rows are merged (with new ids) from a Vita export into a profile with data
    keep_existing: str = ""  # merging keeps the stored row with the same value in this column
    derived: bool = False  # recomputable from other tables (a cache): never exported, emptied by erasure


TABLES: dict[str, TableSpec] = {}


def table(name: str, *, flag: str = "", user_data: bool = True, refs: dict[str, str] | None = None,
          merge: bool = True, keep_existing: str = "", derived: bool = False) -> TableSpec:
    """Declare a table (once; next to its migration). A derived table is never merged."""
    if name in TABLES:
        raise RuntimeError(f"table {name} declared twice")
    spec = TableSpec(name, flag, user_data, dict(refs or {}), merge and not derived, keep_existing, derived)
    TABLES[name] = spec
    return spec


def change_flag(name: str) -> str:
    spec = TABLES.get(name)
    return spec.flag if spec else ""


def merge_order() -> list[TableSpec]:
    """Tables a Vita export merges row by row, parents first."""
    return [t for t in TABLES.values() if t.merge]


def derived_tables() -> tuple[str, ...]:
    """Tables of derived data (caches): left out of exports."""
    return tuple(t.name for t in TABLES.values() if t.derived)


def erase_order() -> list[str]:
    """Tables holding the person's data, children first (foreign keys)."""
    return [t.name for t in reversed(TABLES.values()) if t.user_data]
