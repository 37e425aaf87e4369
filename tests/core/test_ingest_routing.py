"""Ingest routed by document type: a job ad becomes a job posting, never the person's facts."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from core.ingest import ingest, ingest_parsed
from core.jobs import PostingStatus, get_posting, list_postings
from core.library import get_document, list_documents, set_document_type
from core.model import DocumentType, FactType
from core.workspace import Workspace
from tests.core.ingest_docs import RoleSpec, count, resume
from tests.core.job_ad_fixtures import TITLE, write_ad_pdf, write_ad_txt


def _person_rows(ws: Workspace) -> dict[str, int]:
    return {t: count(ws, f"SELECT count(*) FROM {t}") for t in ("facts", "fact_sources", "edges")}


@pytest.mark.parametrize("writer", [write_ad_txt, write_ad_pdf], ids=["txt", "pdf"])
def test_job_ad_becomes_a_posting_and_none_of_its_facts(ws: Workspace, tmp_path: Path, writer: object) -> None:
    path = writer(tmp_path / ("ad.txt" if writer is write_ad_txt else "ad.pdf"))  # type: ignore[operator]
    summary = ingest(ws, [path], embed=False).run()
    assert summary.quarantined == 0, summary.outcomes
    assert summary.documents == 1 and summary.postings == 1 and summary.facts == 0
    assert _person_rows(ws) == {"facts": 0, "fact_sources": 0, "edges": 0}
    [doc] = list_documents(ws)
    assert doc.doc_type == DocumentType.job_description and doc.fact_count == 0
    [posting] = list_postings(ws)
    assert posting.title == TITLE and posting.document_id == doc.id
    assert posting.status == PostingStatus.saved and "Apache Spark" in posting.text
    assert summary.outcomes[0].posting_id == posting.id


def test_type_override_moves_a_document_between_jobs_and_facts_undoably(ws: Workspace, tmp_path: Path) -> None:
    ingest(ws, [write_ad_txt(tmp_path / "ad.txt")], embed=False).run()
    [doc] = list_documents(ws)
    [posting] = list_postings(ws)

    moved = set_document_type(ws, doc.id, DocumentType.resume)
    assert list_postings(ws) == [] and moved.jobs and posting.id in moved.job_ids
    contacts = {f.value for f in ws.list_facts(type=FactType.contact)}
    assert "careers@brightwater-analytics.example" in contacts  # what the parse found is now the person's
    assert moved.facts and moved.fact_ids == {f.id for f in ws.list_facts()}
    assert get_document(ws, doc.id).fact_count == len(moved.fact_ids)

    ws.undo()
    assert _person_rows(ws)["facts"] == 0
    assert get_posting(ws, posting.id).document_id == doc.id
    ws.redo()
    assert list_postings(ws) == [] and ws.count_facts() == len(moved.fact_ids)

    back = set_document_type(ws, doc.id, None)  # reset: the classifier said job description
    assert back.jobs and _person_rows(ws) == {"facts": 0, "fact_sources": 0, "edges": 0}
    [again] = list_postings(ws)
    assert again.document_id == doc.id and again.title == TITLE
    ws.undo()
    assert list_postings(ws) == [] and ws.count_facts() == len(moved.fact_ids)


def test_withdrawing_a_document_keeps_facts_another_document_supports(ws: Workspace) -> None:
    roles = [RoleSpec("Mapmaker", "Quillon Surveys", "2019-02", "2022-08", bullets=["Charted 40 km of coast"])]
    first = resume("first.txt", "Tamsin Orrow", roles, ("Cartography",))
    second = resume("second.txt", "Tamsin Orrow", roles, ("Cartography",), variant="b")
    ingest_parsed(ws, [("first.txt", first), ("second.txt", second)], embed=False, enrich=False).run()
    before = ws.count_facts()
    docs = {d.source_name: d for d in list_documents(ws)}
    set_document_type(ws, docs["second.txt"].id, DocumentType.job_description)
    assert ws.count_facts() == before  # every fact is still backed by first.txt
    with ws.reading() as conn:
        assert conn.execute(text("SELECT count(*) FROM fact_sources WHERE document_id = :d"),
                            {"d": docs["second.txt"].id}).scalar_one() == 0
    assert [p.document_id for p in list_postings(ws)] == [docs["second.txt"].id]


def test_reference_letter_facts_are_the_persons_marked_by_document_type(ws: Workspace, tmp_path: Path) -> None:
    letter = tmp_path / "reference.txt"
    letter.write_text(
        "To whom it may concern,\n\nIt is my pleasure to recommend Tamsin Orrow, who worked under me as a "
        "Mapmaker at Quillon Surveys from 2019 to 2022. She charted 40 km of coastline and I recommend her "
        "without reservation.\n\nSincerely,\nAlder Voss\nalder.voss@quillon-surveys.example\n", encoding="utf-8")
    summary = ingest(ws, [letter], embed=False, enrich=False).run()
    assert summary.postings == 0
    [doc] = list_documents(ws)
    assert doc.doc_type == DocumentType.reference_letter
    facts = ws.list_facts()
    assert facts
    sources = [s for f in facts for s in ws.fact_sources(f.id)]
    assert sources and {s.document_type for s in sources} == {DocumentType.reference_letter}
