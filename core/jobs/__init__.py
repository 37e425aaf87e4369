"""Jobs: the postings the person keeps (and, built on them, matching, gaps and plans)."""

from __future__ import annotations

from core.jobs.store import (
    JobPosting,
    PostingStatus,
    RemoteMode,
    add_posting,
    delete_posting,
    get_posting,
    list_postings,
)

__all__ = ["JobPosting", "PostingStatus", "RemoteMode", "add_posting", "delete_posting", "get_posting",
           "list_postings"]
