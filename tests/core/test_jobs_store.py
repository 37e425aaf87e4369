"""Saved jobs: pasted text, status with dates and notes, edits keep history, CSV import, delete, erasure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.errors import InvalidInput
from core.jobs import PostingStatus, get_posting, list_postings
from core.jobs.tracking import (
    add_note,
    add_posting_text,
    delete_job,
    edit_posting,
    history,
    import_postings_csv,
    set_status,
)
from core.workspace import Workspace
from tests.conftest import shared_path
from tests.core.workspace_kit import open_test_workspace

FIXTURES = Path(__file__).parent / "jobs_fixtures"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    w = open_test_workspace(tmp_path)
    try:
        yield w
    finally:
        w.close()


def _one(ws: Workspace, body: str | None = None) -> int:
    text = body or (FIXTURES / "posting_data_engineer.txt").read_text("utf-8")
    ch = add_posting_text(ws, text)
    (pid,) = ch.job_ids
    return pid


def test_pasted_text_becomes_a_job_titled_by_its_first_line(ws: Workspace) -> None:
    pid = _one(ws)
    job = get_posting(ws, pid)
    assert job.title == "Senior Data Engineer" and job.source == "pasted"
    assert job.remote.value == "hybrid" and "PostgreSQL" in job.text
    with pytest.raises(InvalidInput):
        add_posting_text(ws, "   ")


def test_status_changes_are_dated_with_notes(ws: Workspace) -> None:
    pid = _one(ws)
    set_status(ws, pid, "applied", note="sent through the careers page")
    set_status(ws, pid, PostingStatus.interview)
    add_note(ws, pid, "first call with the hiring manager")
    job = get_posting(ws, pid)
    assert job.status is PostingStatus.interview and job.status_changed_at
    events = history(ws, pid)
    assert [(e.kind, e.status) for e in events] == [("status", "applied"), ("status", "interview"), ("note", "")]
    assert events[0].note == "sent through the careers page" and all(e.at for e in events)
    with pytest.raises(InvalidInput):
        set_status(ws, pid, "hired")


def test_edits_keep_the_values_before_and_undo(ws: Workspace) -> None:
    pid = _one(ws)
    edit_posting(ws, pid, company="Northwind Analytics", title="Data Engineer II")
    assert get_posting(ws, pid).company == "Northwind Analytics"
    (edit,) = [e for e in history(ws, pid) if e.kind == "edit"]
    assert edit.before == {"company": "", "title": "Senior Data Engineer"}
    ws.undo()
    assert get_posting(ws, pid).title == "Senior Data Engineer"
    assert history(ws, pid) == []


def test_delete_takes_history_and_undo_brings_both_back(ws: Workspace) -> None:
    pid = _one(ws)
    set_status(ws, pid, "applied")
    delete_job(ws, pid)
    assert list_postings(ws) == []
    ws.undo()
    assert get_posting(ws, pid).status is PostingStatus.applied
    assert [e.status for e in history(ws, pid)] == ["applied"]


def test_csv_import_keeps_good_rows_and_names_bad_ones(ws: Workspace, tmp_path: Path) -> None:
    csv_path = tmp_path / "jobs.csv"
    csv_path.write_text(
        "Company,Position,Description,Salary,Remote\n"
        'Larkspur Foods,Data Engineer,"Requirements:\nPython and SQL",$90k,remote\n'
        ",,,,\n"
        "Ridgeway,,,,\n"
        'Quillfeather,Analyst,"Excel",$50k\n'
        'Marrowgate Bank,Java Developer,"Must know Java. Hybrid in Cleveland.",-1,\n', "utf-8")
    report = import_postings_csv(ws, csv_path)
    assert len(report.added) == 2
    assert [line for line, _ in report.errors] == [5, 6]  # file lines: the first row spans two
    assert "no job title" in report.errors[0][1] and "columns" in report.errors[1][1]
    jobs = {j.title: j for j in list_postings(ws)}
    assert jobs["Data Engineer"].company == "Larkspur Foods" and jobs["Data Engineer"].remote.value == "remote"
    assert jobs["Java Developer"].salary_text == "" and jobs["Java Developer"].remote.value == "hybrid"
    assert report.changes.jobs and set(report.changes.job_ids) == set(report.added)


def test_csv_without_a_usable_column_is_refused(ws: Workspace, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", "utf-8")
    with pytest.raises(InvalidInput, match="no job title or description column"):
        import_postings_csv(ws, bad)
    assert list_postings(ws) == []


def test_real_postings_csv_imports_by_header_name(ws: Workspace) -> None:
    path = shared_path("bench", "jobs", "glassdoor_jobs.csv")
    report = import_postings_csv(ws, path)
    assert len(report.added) == 956 and report.errors == []
    jobs = list_postings(ws)
    assert all(j.title and j.text for j in jobs)
    assert not any("\n" in j.company for j in jobs)  # the rating after the company name is dropped


def test_erasure_removes_jobs_and_their_history(ws: Workspace) -> None:
    from core.kb.erasure import erase_everything

    pid = _one(ws)
    set_status(ws, pid, "applied")
    erase_everything(ws, backups=False)
    assert list_postings(ws) == []
    assert history(ws, pid) == []
