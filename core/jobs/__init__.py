"""Jobs: the postings the person keeps; requirement parsing, occupation classification, evidence ladder, scoring."""

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
