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


table("job_postings", flag="jobs", refs={"document_id": "documents"})
