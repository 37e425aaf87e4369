"""Read-only queries the views need that the core facade does not offer yet (filter ids in SQL,
table rows, counts, history, passages). Plain functions of a Workspace, run on the vault thread
through `ui.ops.Query`; they return plain tuples/dataclasses. Candidates to move into core.kb."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from core.workspace import Workspace

# Columns of the facts table, in display order: (key, header, SQL expression for ORDER BY).
COLUMNS: list[tuple[str, str, str]] = [  # (key, header, the SQL giving the sort key)
    ("type", "Type", "f.type"),
    ("value", "Fact", "f.value"),
    ("context", "Context", "f.attributes"),
    ("status", "Status", "f.status"),
    ("visibility", "Visibility", "f.visibility"),
    ("confidence", "Confidence", "f.confidence"),
    ("source", "Source", "f.source_kind"),
    ("updated", "Updated", "f.updated_at"),
]

CONTEXT_KEYS = ("organisation", "institution", "issuer", "category")

# the context column is derived in Python from the attributes JSON: faster than SQL json_extract
ROW_SQL = """SELECT f.id, f.type, f.value, f.attributes, f.status, f.visibility,
    f.confidence, f.source_kind, f.updated_at FROM facts f"""


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


@dataclass(frozen=True, slots=True)
class FactFilter:
    """What the Knowledge view's filter bar asks for; empty fields mean 'any'."""

    type: str = ""
    status: str = ""
    visibility: str = ""
    skill: str = ""
    organisation: str = ""
    text: str = ""
    sort_key: str = "updated"
    descending: bool = True

    def where(self) -> tuple[str, dict[str, Any]]:
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


def _like(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


Row = tuple[Any, ...]  # (id, type, value, context, status, visibility, confidence, source, updated)


def filtered_ids(ws: Workspace, flt: FactFilter) -> list[int]:
    return sorted_ids(ws, flt)[0]


def sorted_ids(ws: Workspace, flt: FactFilter) -> tuple[list[int], int]:
    """(ids, count of ids without a sort key) matching the filter (WHERE in SQL), ordered by the sort column.

    The ordering is done here on (id, key) pairs: SQLCipher's sorter with memory security on is
    several times slower than sorting 10k small tuples in Python (see bench/table_filter.py)."""
    where, params = flt.where()
    key_expr = {k: e for k, _h, e in COLUMNS}.get(flt.sort_key, "f.updated_at")
    with ws.reading() as conn:
        rows = conn.execute(text(f"SELECT f.id, {key_expr} FROM facts f{where}"), params).all()
    if flt.sort_key == "context":
        rows = [(r[0], context_of(r[1]) or None) for r in rows]
    fold = flt.sort_key in ("value", "context")

    present = [r for r in rows if r[1] is not None]
    present.sort(key=lambda r: (r[1].casefold() if fold and isinstance(r[1], str) else r[1], r[0]),
                 reverse=flt.descending)
    empty = sorted(r[0] for r in rows if r[1] is None)
    return [r[0] for r in present] + empty, len(empty)  # empty values last, in either direction


def fact_rows(ws: Workspace, ids: list[int]) -> dict[int, Row]:
    if not ids:
        return {}
    out: dict[int, Row] = {}
    with ws.reading() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join(str(int(i)) for i in chunk)
            for r in conn.execute(text(f"{ROW_SQL} WHERE f.id IN ({marks})")):
                out[r[0]] = (r[0], r[1], r[2], context_of(r[3]), *r[4:])
    return out


def ids_and_first_rows(ws: Workspace, flt: FactFilter, page: int) -> tuple[list[int], dict[int, Row], int]:
    """The filter's ids in order, the first page of rows, and how many ids (at the end) have no sort key."""
    ids, empty = sorted_ids(ws, flt)
    return ids, fact_rows(ws, ids[:page]), empty


@dataclass(frozen=True, slots=True)
class Overview:
    """What the dashboard shows."""

    by_type: dict[str, int]
    by_status: dict[str, int]
    documents: int
    quarantined: int
    open_conflicts: int
    hidden: int
    completeness: list[tuple[str, bool]]  # (what, present)
    recent: list[tuple[str, str, str]] = field(default_factory=list)  # (type, value, updated)

    @property
    def total(self) -> int:
        return sum(self.by_type.values())

    @property
    def completeness_pct(self) -> int:
        if not self.completeness:
            return 0
        return round(100 * sum(1 for _w, ok in self.completeness if ok) / len(self.completeness))


_PROFILE_PARTS = [
    ("Name", "type = 'contact' AND json_extract(attributes, '$.kind') = 'name'"),
    ("Email or phone", "type = 'contact' AND json_extract(attributes, '$.kind') IN ('email', 'phone')"),
    ("Summary", "type = 'contact' AND json_extract(attributes, '$.kind') = 'summary'"),
    ("At least one role", "type = 'role'"),
    ("Achievements with numbers", "type = 'achievement' AND attributes LIKE '%metrics%' AND attributes NOT LIKE '%\"metrics\": []%'"),
    ("Education", "type = 'education'"),
    ("Five or more skills", "type = 'skill' GROUP BY type HAVING count(*) >= 5"),
    ("Languages", "type = 'language'"),
    ("Credentials or projects", "type IN ('credential', 'project')"),
]


def overview(ws: Workspace) -> Overview:
    with ws.reading() as conn:
        by_type = {r[0]: r[1] for r in conn.execute(text(
            "SELECT type, count(*) FROM facts WHERE status != 'rejected' GROUP BY type ORDER BY 2 DESC"))}
        by_status = {r[0]: r[1] for r in conn.execute(text("SELECT status, count(*) FROM facts GROUP BY status"))}
        docs = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
        quarantined = conn.execute(text("SELECT count(*) FROM quarantine")).scalar_one()
        conflicts = conn.execute(text("SELECT count(*) FROM conflicts WHERE status = 'open'")).scalar_one()
        hidden = conn.execute(text("SELECT count(*) FROM facts WHERE visibility = 'private'")).scalar_one()
        parts = []
        for label, cond in _PROFILE_PARTS:
            hit = conn.execute(text(f"SELECT 1 FROM facts WHERE status != 'rejected' AND {cond} LIMIT 1")).first()
            parts.append((label, hit is not None))
        recent = [tuple(r) for r in conn.execute(text(
            "SELECT type, value, updated_at FROM facts ORDER BY updated_at DESC LIMIT 8"))]
    return Overview(by_type, by_status, int(docs), int(quarantined), int(conflicts), int(hidden), parts,
                    recent)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Passage:
    """A source passage of a fact with the span to highlight."""

    kind: str  # document | person | interview | imported
    document_id: int | None
    document: str
    page: int | None
    before: str
    span: str
    after: str
    start: int | None
    extractor: str
    confidence: float
    note: str = ""


def provenance(ws: Workspace, fact_id: int, *, context: int = 240) -> list[Passage]:
    out: list[Passage] = []
    for src in ws.fact_sources(fact_id):
        doc_name, before, span, after = "", "", "", ""
        if src.document_id is not None:
            with ws.reading() as conn:
                row = conn.execute(text("SELECT source_name, text FROM documents WHERE id = :d"),
                                   {"d": src.document_id}).first()
            if row is not None:
                doc_name, body = row[0], row[1] or ""
                if src.start is not None and src.end is not None:
                    s, e = max(0, src.start), min(len(body), src.end)
                    before, span, after = body[max(0, s - context):s], body[s:e], body[e:e + context]
        out.append(Passage(src.source_kind.value, src.document_id, doc_name, src.page, before, span, after, src.start,
                           f"{src.extractor} {src.extractor_version}".strip(), src.confidence, src.note))
    return out


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    name: str
    doc_type: str
    override: str | None
    confidence: float
    status: str
    added_at: str
    facts: int
    pages: int


def documents(ws: Workspace) -> tuple[list[DocumentRow], list[tuple[str, str, str, str]]]:
    """Stored documents with fact counts, and quarantined files (name, code, reason, when)."""
    with ws.reading() as conn:
        docs = [DocumentRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], len(json.loads(r[8] or "[]")))
                for r in conn.execute(text("""
            SELECT d.id, d.source_name, d.doc_type, d.doc_type_override, d.doc_type_confidence, d.status,
                   d.added_at, (SELECT count(DISTINCT fact_id) FROM fact_sources s WHERE s.document_id = d.id),
                   d.pages
            FROM documents d ORDER BY d.added_at DESC"""))]
        quarantine = [tuple(r) for r in conn.execute(text(
            "SELECT source_name, code, reason, created_at FROM quarantine ORDER BY created_at DESC"))]
    return docs, quarantine  # type: ignore[return-value]
