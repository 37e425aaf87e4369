"""Schema for the jobs store (migration numbers 40-59 belong to core.jobs)."""

from __future__ import annotations

from typing import Any

from core.vault.migrations import _script, migration
from core.vault.tables import table


@migration(40, "job postings")
def _v40(conn: Any) -> None:
    _script(conn, """
CREATE TABLE job_postings (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    remote TEXT NOT NULL DEFAULT '' CHECK (remote IN ('', 'onsite', 'hybrid', 'remote')),
    salary_text TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'saved'
        CHECK (status IN ('saved', 'applied', 'interview', 'offer', 'rejected', 'archived')),
    status_changed_at TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX job_postings_document ON job_postings(document_id) WHERE document_id IS NOT NULL;
CREATE INDEX job_postings_status ON job_postings(status)
""")


@migration(41, "job posting history: status changes with dates and notes, edits with the values before")
def _v41(conn: Any) -> None:
    _script(conn, """
CREATE TABLE job_events (
    id INTEGER PRIMARY KEY,
    posting_id INTEGER NOT NULL REFERENCES job_postings(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('status', 'edit', 'note')),
    status TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    before TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX job_events_posting ON job_events(posting_id, at)
""")


@migration(42, "learning goals and their tasks, with status and due dates")
def _v42(conn: Any) -> None:
    _script(conn, """
CREATE TABLE job_goals (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    skill TEXT NOT NULL DEFAULT '',
    ontology_id TEXT NOT NULL DEFAULT '',
    why TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'doing', 'done', 'dropped')),
    due TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE job_goal_tasks (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES job_goals(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    due TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
)
""")


@migration(43, "per-job match cache: the parsed posting, requirement vectors and related skills (derived)")
def _v43(conn: Any) -> None:
    _script(conn, """
CREATE TABLE job_match_cache (
    posting_id INTEGER PRIMARY KEY REFERENCES job_postings(id) ON DELETE CASCADE,
    text_hash TEXT NOT NULL,
    version TEXT NOT NULL,
    parsed TEXT NOT NULL,
    derived TEXT NOT NULL DEFAULT '{}',
    vectors BLOB NOT NULL DEFAULT x'',
    created_at TEXT NOT NULL
)
""")


table("job_postings", flag="jobs", refs={"document_id": "documents"})
table("job_events", flag="jobs", refs={"posting_id": "job_postings"})
table("job_goals", flag="jobs")
table("job_goal_tasks", flag="jobs", refs={"goal_id": "job_goals"})
# derived from job_postings and the parser/model version: never exported or merged, emptied by erasure
table("job_match_cache", refs={"posting_id": "job_postings"}, derived=True)
