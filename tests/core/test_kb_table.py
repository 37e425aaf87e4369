"""The read models the desktop views use, on a real vault: the facts table (filters in SQL, sort,
rows by id), the dashboard overview, provenance passages, and the document library."""

from __future__ import annotations

import json

import pytest

from core import kb
from core.errors import NotFound
from core.gaps import profile_gaps
from core.kb import FactFilter, NewFact, SourceSpec
from core.kb.overview import RECENT_LIMIT
from core.kb.table import context_of
from core.library import (
    document_text,
    get_document,
    list_documents,
    list_quarantine,
    set_document_type,
)
from core.model import DocumentType, EdgeKind, FactStatus, FactType, SourceKind, Visibility
from core.profile import career_profile
from core.workspace import Workspace
from tests.core import kb_support

ws = kb_support.ws

BODY = "Page one: Sam Sample.\fPage two: cut build times by 40% at Acme Fictional Ltd."


def add_document(ws: Workspace, name: str = "cv.txt", body: str = BODY) -> int:
    split = body.index("\f")
    with ws.mutation("add document", undoable=False) as txn:
        return txn.insert("documents", {
            "sha256": f"sha-{name}", "source_name": name, "mime": "text/plain", "doc_type": "resume",
            "doc_type_confidence": 0.8, "text": body, "pages": json.dumps([[0, split], [split + 1, len(body)]]),
            "added_at": "2026-01-02T03:04:05+00:00"})


def one(ws: Workspace, fact: NewFact, edges: list[tuple[EdgeKind, int]] | None = None) -> int:
    return next(iter(kb.create_fact(ws, fact, edges=edges or []).fact_ids))


def ids_for(ws: Workspace, **kw: object) -> list[int]:
    return kb.sorted_fact_ids(ws, fact_filter=FactFilter(**kw)).ids  # type: ignore[arg-type]


def test_filters_follow_edges_and_escape_wildcards(ws: Workspace) -> None:
    org = one(ws, NewFact(FactType.organisation, "Acme Fictional Ltd"))
    role = one(ws, NewFact(FactType.role, "Build Engineer"), [(EdgeKind.role_at, org)])
    python = one(ws, NewFact(FactType.skill, "Python"))
    ach = one(ws, NewFact(FactType.achievement, "Cut build times"),
              [(EdgeKind.achieved_in, role), (EdgeKind.uses_skill, python)])
    pct = one(ws, NewFact(FactType.achievement, "100% uptime", status=FactStatus.approved))
    plain = one(ws, NewFact(FactType.achievement, "1000 uptime", visibility=Visibility.private))
    school = one(ws, NewFact(FactType.education, "BSc", {"institution": "Acme Fictional Institute"}))

    assert set(ids_for(ws, organisation="acme fict")) == {org, role, ach, school}
    assert set(ids_for(ws, skill="pyth")) == {python, ach}
    assert ids_for(ws, text="100%") == [pct]  # % is literal, not a wildcard
    assert set(ids_for(ws, text="uptime")) == {pct, plain}
    assert ids_for(ws, status="approved") == [pct]
    assert ids_for(ws, visibility="private") == [plain]
    assert set(ids_for(ws, type="achievement")) == {ach, pct, plain}
    assert ids_for(ws, type="achievement", text="0 up") == [plain]


def test_sorting_folds_case_and_puts_missing_keys_last(ws: Workspace) -> None:
    b = one(ws, NewFact(FactType.skill, "b"))
    a = one(ws, NewFact(FactType.skill, "A"))
    c = one(ws, NewFact(FactType.skill, "c", {"category": "tools"}))
    r = one(ws, NewFact(FactType.role, "Lead", {"organisation": "Beta Fictional"}))

    assert ids_for(ws, type="skill", sort_key="value", descending=False) == [a, b, c]
    assert ids_for(ws, type="skill", sort_key="value", descending=True) == [c, b, a]
    by_context = kb.sorted_fact_ids(ws, fact_filter=FactFilter(sort_key="context", descending=False))
    assert by_context.ids == [r, c, *sorted([a, b])] and by_context.without_key == 2
    down = kb.sorted_fact_ids(ws, fact_filter=FactFilter(sort_key="context", descending=True))
    assert down.ids[:2] == [c, r] and sorted(down.ids[2:]) == down.ids[2:]  # empty keys last either way
    assert set(ids_for(ws, sort_key="no such column")) == {a, b, c, r}  # unknown key: by update time


def test_rows_by_id_in_chunks_and_first_page(ws: Workspace) -> None:
    ids = sorted(kb.bulk_insert_facts(ws, [
        NewFact(FactType.skill, f"skill {i:04d}", {"category": "tools"} if i % 2 else {}) for i in range(1203)
    ]).fact_ids)
    rows = kb.fact_rows(ws, ids=[*ids, 999_999])
    assert set(rows) == set(ids)  # more than one IN (...) chunk, the missing id is absent
    first = rows[ids[1]]
    assert first[:4] == (ids[1], "skill", "skill 0001", "tools") and first[4] == "pending"
    assert rows[ids[0]][3] == ""
    assert kb.fact_rows(ws, ids=[]) == {}

    page = kb.first_table_page(ws, fact_filter=FactFilter(sort_key="value", descending=False), page_size=50)
    assert len(page.ids) == 1203 and page.ids[:3] == ids[:3]
    assert set(page.rows) == set(page.ids[:50]) and page.without_key == 0


def test_context_of_reads_the_first_known_key() -> None:
    assert context_of(json.dumps({"issuer": "Board", "category": "x"})) == "Board"
    assert context_of(json.dumps({"organisation": "Org", "institution": "Uni"})) == "Org"
    assert context_of("{}") == "" and context_of(None) == "" and context_of("not json") == ""
    assert context_of("[1, 2]") == ""


def test_overview_counts_and_completeness(ws: Workspace) -> None:
    doc = add_document(ws)
    one(ws, NewFact(FactType.contact, "Sam Sample", {"kind": "name"}))
    one(ws, NewFact(FactType.contact, "sam@example.invalid", {"kind": "email"}, visibility=Visibility.private))
    role = one(ws, NewFact(FactType.role, "Engineer"))
    one(ws, NewFact(FactType.achievement, "Cut costs 20%", {"metrics": [{"kind": "percent", "value": 20}]}))
    one(ws, NewFact(FactType.language, "French", status=FactStatus.rejected))
    kb.bulk_insert_facts(ws, [NewFact(FactType.skill, f"Skill {i}") for i in range(5)])
    with ws.mutation("seed", undoable=False) as txn:
        txn.insert("quarantine", {"source_name": "bad.pdf", "code": "corrupt", "reason": "Unreadable.",
                                  "created_at": "2026-01-01T00:00:00+00:00"})
        txn.insert("conflicts", {"fact_id": role, "field": "value", "candidates": "[]",
                                 "created_at": "2026-01-01T00:00:00+00:00"})
    ov = kb.overview(ws)
    assert ov.by_type == {"skill": 5, "contact": 2, "role": 1, "achievement": 1}  # rejected not counted
    assert list(ov.by_type)[0] == "skill" and ov.total == 9
    assert ov.by_status == {"pending": 9, "rejected": 1}
    assert (ov.documents, ov.quarantined, ov.open_conflicts, ov.hidden) == (1, 1, 1, 1)
    got = dict(profile_gaps(career_profile(ws)).checklist())  # completeness moved to core.gaps
    assert got["Name"] and got["Email or phone"] and got["At least one role"] and got["Five or more skills"]
    assert got["Achievements with numbers"]
    assert not got["Summary"] and not got["Education"] and not got["Languages"]  # the language was rejected
    assert len(ov.recent) == RECENT_LIMIT and all(len(r) == 3 for r in ov.recent)
    assert doc > 0


def test_provenance_cuts_the_passage_around_the_span(ws: Workspace) -> None:
    doc = add_document(ws)
    start = BODY.index("cut build")
    end = start + len("cut build times by 40%")
    fid = one(ws, NewFact(FactType.achievement, "Cut build times by 40%", source=SourceSpec(
        SourceKind.document, doc, page=2, start=start, end=end, extractor="resume", extractor_version="1",
        confidence=0.9)))
    [p] = kb.provenance(ws, fact_id=fid, context=10)
    assert (p.kind, p.document_id, p.document, p.page) == ("document", doc, "cv.txt", 2)
    assert p.span == "cut build times by 40%" and p.before == BODY[start - 10:start]
    assert p.after == BODY[end:end + 10] and p.extractor == "resume 1" and p.confidence == 0.9
    own = one(ws, NewFact(FactType.skill, "Typing"))
    [q] = kb.provenance(ws, fact_id=own)
    assert (q.kind, q.document, q.span, q.document_id) == ("person", "", "", None)


def test_library_lists_documents_and_overrides_their_type(ws: Workspace) -> None:
    doc = add_document(ws)
    fid = one(ws, NewFact(FactType.skill, "Rust", source=SourceSpec(SourceKind.document, doc, start=0, end=4)))
    with ws.mutation("seed", undoable=False) as txn:
        txn.insert("quarantine", {"source_name": "bad.pdf", "code": "corrupt", "reason": "Unreadable.",
                                  "created_at": "2026-01-01T00:00:00+00:00"})
    body, pages = document_text(ws, doc)
    assert body == BODY and pages == [(0, BODY.index("\f")), (BODY.index("\f") + 1, len(BODY))]
    [info] = list_documents(ws)
    assert (info.id, info.source_name, info.doc_type, info.overridden) == (doc, "cv.txt", DocumentType.resume, False)
    assert (info.fact_count, info.page_count, info.confidence) == (1, 2, 0.8) and fid > 0

    set_document_type(ws, doc, DocumentType.cover_letter)
    assert ws.undo_status().undo == "Set document type to cover letter"
    changed = get_document(ws, doc)
    assert changed.overridden and changed.doc_type == DocumentType.cover_letter
    assert changed.detected_type == DocumentType.resume
    ws.undo()
    assert not get_document(ws, doc).overridden

    [q] = list_quarantine(ws)
    assert (q.source_name, q.code, q.reason) == ("bad.pdf", "corrupt", "Unreadable.")
    with pytest.raises(NotFound):
        document_text(ws, 999)
    with pytest.raises(NotFound):
        set_document_type(ws, 999, DocumentType.resume)


def test_needs_review_filter_keeps_pending_low_confidence_facts(ws: Workspace) -> None:
    from core.model import REVIEW_BELOW, needs_review

    unsure = one(ws, NewFact(FactType.role, "Analyst", confidence=REVIEW_BELOW - 0.1))
    one(ws, NewFact(FactType.role, "Engineer", confidence=REVIEW_BELOW + 0.1))
    one(ws, NewFact(FactType.role, "Checked", confidence=0.3, status=FactStatus.approved))
    assert needs_review(REVIEW_BELOW - 0.01) and not needs_review(REVIEW_BELOW)
    assert ids_for(ws, needs_review=True) == [unsure]
