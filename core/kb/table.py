"""The facts table's queries: filter in SQL, sort on (id, key) pairs, fetch rows by id in pages.

Plain functions of a Workspace (run on the vault thread); they return plain tuples and dataclasses
so a table model can keep ids plus a row cache and fetch rows lazily."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import text

from core.model import REVIEW_BELOW
from core.workspace import Workspace

# Columns of the facts table, in display order: (key, header, SQL expression giving the sort key).
COLUMNS: list[tuple[str, str, str]] = [
    ("type", "Type", "f.type"),
    ("value", "Fact", "f.value"),
    ("context", "Context", "f.attributes"),
    ("status", "Status", "f.status"),
    ("visibility", "Visibility", "f.visibility"),
    ("confidence", "Confidence", "f.confidence"),
    ("source", "Source", "f.source_kind"),
    ("start", "Start", "json_extract(f.attributes, '$.start')"),
    ("end", "End", "json_extract(f.attributes, '$.end')"),
    ("updated", "Updated", "f.updated_at"),
]

# The review queue's order: who the person is, then roles, education, skills, the rest; within a
# group the least certain first (those most need a look).
REVIEW_SORT = "review"
_REVIEW_RANK = {"contact": 0, "role": 1, "organisation": 2, "education": 3, "credential": 4, "skill": 5,
                "achievement": 6}
_IDENTITY_RANK = {"name": 0, "email": 1, "phone": 2, "location": 3}

CONTEXT_KEYS = ("organisation", "institution", "issuer", "category")

# the context column is derived in Python from the attributes JSON: faster than SQL json_extract;
# the source is the first document passage (file name and page); a merged-away fact names its survivor
_ROW_SQL = """SELECT f.id, f.type, f.value, f.attributes, f.status, f.visibility,
    f.confidence, f.source_kind, f.updated_at,
    (SELECT d.source_name || char(31) || coalesce(s.page, '') FROM fact_sources s
       JOIN documents d ON d.id = s.document_id WHERE s.fact_id = f.id ORDER BY s.id LIMIT 1),
    (SELECT k.value FROM edges e JOIN facts k ON k.id = e.dst_id
       WHERE e.kind = 'same_as' AND e.src_id = f.id AND f.status = 'rejected' ORDER BY e.id LIMIT 1)
    FROM facts f"""

_CHUNK = 500  # ids per `IN (...)` list

# (id, type, value, context, status, visibility, confidence, source, start, end, updated, merged_into)
Row = tuple[Any, ...]


def context_of(attributes: str | None) -> str:
    """The organisation (or institution, issuer, category) a fact belongs to, for the table."""
    if not attributes or attributes == "{}":
        return ""
    try:
        data = json.loads(attributes)
    except ValueError:
        return ""
    for k in CONTEXT_KEYS:
        v = data.get(k) if isinstance(data, dict) else None
        if v:
            return str(v)
    return ""


def _dates_of(attributes: str | None) -> tuple[str, str]:
    """A role's or study's start and end as stored ("" when absent; an open end of a role shows "Present")."""
    if not attributes or attributes == "{}":
        return "", ""
    try:
        data = json.loads(attributes)
    except ValueError:
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    start, end = str(data.get("start") or ""), str(data.get("end") or "")
    if start and not end and data.get("present"):
        end = "Present"
    return start, end


def source_label(source_kind: str, first_document: str | None) -> str:
    """"resume.pdf p. 2" for a document passage, else who stated the fact."""
    if first_document:
        name, _sep, page = first_document.partition("\x1f")
        return f"{name} p. {page}" if page else name
    return {"document": "Document", "person": "You", "interview": "Interview", "imported": "Import"}.get(
        source_kind, source_kind)


def _like(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True, slots=True)
class FactFilter:
    """What the facts table's filter bar asks for; empty fields mean 'any'."""

    type: str = ""
    status: str = ""
    visibility: str = ""
    skill: str = ""
    organisation: str = ""
    text: str = ""
    needs_review: bool = False  # only pending facts whose confidence is below core.model.REVIEW_BELOW
    document_id: int | None = None  # facts with a passage in this document
    sort_key: str = "updated"
    descending: bool = True

    def where(self) -> tuple[str, dict[str, Any]]:
        """The SQL WHERE clause (or "") over `facts f` and its bound parameters."""
        clauses: list[str] = []
        params: dict[str, Any] = {}
        if self.type:
            clauses.append("f.type = :type")
            params["type"] = self.type
        if self.status:
            clauses.append("f.status = :status")
            params["status"] = self.status
        if self.visibility:
            clauses.append("f.visibility = :vis")
            params["vis"] = self.visibility
        if self.needs_review:
            clauses.append("f.status = 'pending' AND f.confidence < :review_below")
            params["review_below"] = REVIEW_BELOW
        if self.document_id is not None:
            clauses.append("f.id IN (SELECT s.fact_id FROM fact_sources s WHERE s.document_id = :doc)")
            params["doc"] = int(self.document_id)
        if self.text:
            clauses.append("(f.value LIKE :text ESCAPE '\\' OR f.attributes LIKE :text ESCAPE '\\')")
            params["text"] = _like(self.text)
        if self.organisation:
            params["org"] = _like(self.organisation)
            clauses.append("""(f.attributes LIKE :org ESCAPE '\\'
                OR (f.type = 'organisation' AND f.value LIKE :org ESCAPE '\\')
                OR f.id IN (SELECT e.src_id FROM edges e JOIN facts o ON o.id = e.dst_id
                            WHERE e.kind = 'role_at' AND o.value LIKE :org ESCAPE '\\')
                OR f.id IN (SELECT a.src_id FROM edges a JOIN edges r ON a.kind = 'achieved_in'
                            AND r.src_id = a.dst_id AND r.kind = 'role_at'
                            JOIN facts o ON o.id = r.dst_id WHERE o.value LIKE :org ESCAPE '\\'))""")
        if self.skill:
            params["skill"] = _like(self.skill)
            clauses.append("""((f.type = 'skill' AND f.value LIKE :skill ESCAPE '\\')
                OR f.id IN (SELECT e.src_id FROM edges e JOIN facts s ON s.id = e.dst_id
                            WHERE e.kind = 'uses_skill' AND s.value LIKE :skill ESCAPE '\\'))""")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


class SortedIds(NamedTuple):
    """The matching ids in display order; the last `without_key` of them have no sort key.
    `keys[i]` is the order key of `ids[i]` (None in the keyless tail): `place_in_order` uses them."""

    ids: list[int]
    without_key: int
    keys: list[Any] = []


class TablePage(NamedTuple):
    """The matching ids in order, the rows of the first page, and how many ids lack a sort key."""

    ids: list[int]
    rows: dict[int, Row]
    without_key: int
    keys: list[Any] = []


def _order_keys(ws: Workspace, fact_filter: FactFilter, only: list[int] | None = None) -> dict[int, Any]:
    """Each matching fact's order key (the sort column's value folded, then the id; None when the
    fact has no value there). `only`: just these facts (those that match)."""
    where, params = fact_filter.where()
    if only is not None:
        marks = ",".join(str(int(i)) for i in only) or "NULL"
        where = (where + " AND" if where else " WHERE") + f" f.id IN ({marks})"
    if fact_filter.sort_key == REVIEW_SORT:
        with ws.reading() as conn:
            rows = conn.execute(text(f"SELECT f.id, f.type, f.confidence, f.attributes FROM facts f{where}"),
                                params).all()
        return {int(r[0]): _review_key(r) for r in rows}
    key_expr = {k: e for k, _h, e in COLUMNS}.get(fact_filter.sort_key, "f.updated_at")
    with ws.reading() as conn:
        pairs: list[tuple[int, Any]] = [
            (int(r[0]), r[1]) for r in conn.execute(text(f"SELECT f.id, {key_expr} FROM facts f{where}"), params)]
    if fact_filter.sort_key == "context":
        pairs = [(i, context_of(v) or None) for i, v in pairs]
    fold = fact_filter.sort_key in ("value", "context")
    return {i: None if v is None else (v.casefold() if fold and isinstance(v, str) else v, i) for i, v in pairs}


def place_in_order(ws: Workspace, *, fact_filter: FactFilter, ids: list[int]) -> dict[int, Any]:
    """The order keys of those of `ids` that match the filter (the others are absent): what a
    table needs to insert, move or drop rows after a change without rerunning its whole query."""
    return _order_keys(ws, fact_filter, only=list(ids))


def comes_before(a: tuple[Any, int], b: tuple[Any, int], *, descending: bool, review: bool = False) -> bool:
    """Whether the row with order key `a[0]` and id `a[1]` is shown before `b` (keyless rows last,
    by id, in either direction; the review order is always ascending)."""
    (ka, ia), (kb, ib) = a, b
    if ka is None or kb is None:
        return (ka is not None) if (ka is None) != (kb is None) else ia < ib
    if review or not descending:
        return bool(ka < kb)
    return bool(ka > kb)


def sorted_fact_ids(ws: Workspace, *, fact_filter: FactFilter) -> SortedIds:
    """Ids matching the filter (WHERE in SQL), ordered by the sort column, empty keys last.

    The ordering is done here on (id, key) pairs: SQLCipher's sorter with memory security on is
    several times slower than sorting 10k small tuples in Python (see bench/table_filter.py)."""
    keys = _order_keys(ws, fact_filter)
    review = fact_filter.sort_key == REVIEW_SORT
    present = sorted((i for i, k in keys.items() if k is not None), key=lambda i: keys[i],
                     reverse=fact_filter.descending and not review)
    empty = sorted(i for i, k in keys.items() if k is None)
    ids = present + empty  # empty values last, in either direction
    return SortedIds(ids, len(empty), [keys[i] for i in ids])


def _review_key(r: Any) -> tuple[int, int, float, int]:
    """Identity, roles, education, skills, then the rest; least confident first within each."""
    kind = ""
    if r[1] == "contact":
        try:
            kind = str((json.loads(r[3] or "{}") or {}).get("kind") or "")
        except ValueError:
            kind = ""
    return (_REVIEW_RANK.get(r[1], 9), _IDENTITY_RANK.get(kind, 9) if r[1] == "contact" else 0,
            float(r[2] or 0.0), int(r[0]))


def fact_rows(ws: Workspace, *, ids: list[int]) -> dict[int, Row]:
    """The table rows of these facts, by id (ids that no longer exist are absent)."""
    if not ids:
        return {}
    out: dict[int, Row] = {}
    with ws.reading() as conn:
        for first in range(0, len(ids), _CHUNK):
            marks = ",".join(str(int(i)) for i in ids[first:first + _CHUNK])
            for r in conn.execute(text(f"{_ROW_SQL} WHERE f.id IN ({marks})")):
                began, ended = _dates_of(r[3])
                out[r[0]] = (r[0], r[1], r[2], context_of(r[3]), r[4], r[5], r[6], source_label(r[7], r[9]),
                             began, ended, r[8], r[10])
    return out


def first_table_page(ws: Workspace, *, fact_filter: FactFilter, page_size: int) -> TablePage:
    """The filter's ids in order and the rows of the first `page_size` of them."""
    ids, without_key, keys = sorted_fact_ids(ws, fact_filter=fact_filter)
    return TablePage(ids, fact_rows(ws, ids=ids[:page_size]), without_key, keys)
