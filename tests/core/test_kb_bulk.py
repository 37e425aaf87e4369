"""Bulk fact insertion: rows identical to one-by-one creation, one compact undo step, exact undo/redo."""

from __future__ import annotations

import json
import random
import re
import string
import unicodedata
from typing import Any

import pytest
from sqlalchemy import text

from core import kb
from core.facts import fingerprint
from core.jsonutil import dumps_sorted
from core.kb import NewFact, SourceSpec
from core.model import FactStatus, FactType, SourceKind, Visibility
from core.undo import BulkInsert
from core.workspace import Workspace
from tests.core import kb_support

ws = kb_support.ws
ws2 = kb_support.ws2

TABLES = ("facts", "fact_versions", "fact_sources", "edges", "facts_fts")


def dump(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    with ws.reading() as conn:
        out = {t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY rowid"))] for t in TABLES}
        out["search"] = [tuple(r) for r in conn.execute(
            text("SELECT rowid FROM facts_fts WHERE facts_fts MATCH 'Kestrel' ORDER BY rowid"))]
    return out


def sample_facts() -> list[NewFact]:
    """A fictional person's facts, with non-ASCII text, nested attributes, tags and document spans."""
    return [
        NewFact(FactType.role, "Staff Engineer at Kestrel Mapping", {"title": "Staff Engineer", "start": "2019-04",
                "org": "Kestrel Mapping", "nested": {"b": [1, 2.5, None], "a": True}}, tags=["backend", "lead"]),
        NewFact(FactType.achievement, "Cut tile render time by 40% — “Kestrel” renderer",
                {"text": "Cut tile render time", "metrics": [{"kind": "percent", "value": 40}]},
                status=FactStatus.approved, visibility=Visibility.private, confidence=0.8,
                source=SourceSpec(SourceKind.document, page=2, start=10, end=55, extractor="rules",
                                  extractor_version="3", confidence=0.9, note="p2")),
        NewFact(FactType.skill, "Écriture technique", {"name": "Écriture technique"},
                source=SourceSpec(SourceKind.interview, note="answer 4")),
    ]


def _without_volatile(rows: list[tuple[Any, ...]], drop: tuple[int, ...]) -> list[tuple[Any, ...]]:
    return [tuple(v for i, v in enumerate(r) if i not in drop) for r in rows]


def test_bulk_rows_equal_one_by_one_creation(ws: Workspace, ws2: Workspace) -> None:
    for f in sample_facts():
        kb.create_fact(ws, f)
    kb.bulk_insert_facts(ws2, sample_facts())
    a, b = dump(ws), dump(ws2)
    # facts: created_at/updated_at (columns 10, 11) differ; versions/sources: created_at
    assert _without_volatile(a["facts"], (10, 11)) == _without_volatile(b["facts"], (10, 11))
    assert a["facts_fts"] == b["facts_fts"] and b["search"] == [(1,), (2,)]
    for t in ("fact_versions", "fact_sources"):
        with ws.reading() as conn:
            when = [r[1] for r in conn.execute(text(f"PRAGMA table_info({t})"))].index("created_at")
        assert _without_volatile(a[t], (when,)) == _without_volatile(b[t], (when,)), t
    for (_, _, _, _, snapshot, _) in b["fact_versions"]:
        assert json.loads(snapshot)["type"] in {"role", "achievement", "skill"}


def test_bulk_insert_undo_redo_are_exact_and_compact(ws: Workspace) -> None:
    kb.create_fact(ws, NewFact(FactType.skill, "Cartography", {"name": "Cartography"}))
    before = dump(ws)
    ch = kb.bulk_insert_facts(ws, sample_facts() * 40)
    after = dump(ws)
    assert len(ch.fact_ids) == 120 and len(after["facts"]) == 121
    step = ws.undo_stack._undo[-1]
    assert [type(c) for c in step.changes] == [BulkInsert] * 3  # one record per table, not one per row
    kb.edit_fact(ws, min(ch.fact_ids), value="Principal Engineer at Kestrel Mapping")
    ws.undo()  # the edit
    assert dump(ws) == after
    undone = ws.undo()  # the bulk insert
    assert undone.fact_ids == ch.fact_ids and dump(ws) == before
    redone = ws.redo()
    assert redone.fact_ids == ch.fact_ids and dump(ws) == after
    ws.undo()
    assert dump(ws) == before


def test_bulk_insert_with_an_unknown_type_writes_nothing(ws: Workspace) -> None:
    bad = [*sample_facts(), NewFact("not-a-type", "x")]  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not-a-type"):
        kb.bulk_insert_facts(ws, bad)
    assert ws.count_facts() == 0 and ws.undo_status().undo is None


@pytest.mark.parametrize("value", [
    {"text": "Kestrel", "metrics": [{"value": 45.5, "kind": "percent"}]}, {}, [], [1, {"b": 1, "a": 2}],
    {"é": "ü “quoted”", "n": None, "t": True, "f": False, "big": 10**30, "neg": -0.0, "inf": float("inf")},
    {"z": {"y": {"x": []}}}, {2: "int key", 1: [1.5e-7]}, "plain", 1.25, None,
])
def test_dumps_sorted_is_json_dumps_sort_keys(value: object) -> None:
    assert dumps_sorted(value) == json.dumps(value, sort_keys=True)


def _reference_fingerprint(fact_type: str, value: str) -> str:
    import hashlib
    norm = unicodedata.normalize("NFKC", value).casefold()
    norm = " ".join(re.sub(r"[^\w+#]|_", " ", norm).split())  # "+" and "#" kept: C, C++, C# differ
    return hashlib.sha256(f"{fact_type}\x1f{norm}".encode()).hexdigest()


def test_fingerprint_ascii_fast_path_matches_the_unicode_rules() -> None:
    rng = random.Random(7)
    alphabet = string.printable + "\x00\x1f\x7f"
    values = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    values += ["C++ / Go_lang & SQL", "  Led   a team_of 5 ", "Ｐｙｔｈｏｎ", "STRASSE", "Straße", "Café–Bar"]
    for v in values:
        assert fingerprint("skill", v) == _reference_fingerprint("skill", v), repr(v)
    assert fingerprint("skill", "Ｐｙｔｈｏｎ!") == fingerprint("skill", "python")
    assert len({fingerprint("skill", v) for v in ("C", "C++", "C#", "c++")}) == 3
