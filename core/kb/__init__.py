"""The knowledge base beyond the Workspace basics: editing, merge/split, history, graph, search, erasure,
and the read models of the facts table, dashboard and provenance."""

from core.facts import NewFact
from core.kb.bulk import bulk_insert_facts
from core.kb.editing import (
    approve,
    bulk_edit,
    create_fact,
    delete_facts,
    edit_fact,
    hide,
    link,
    reject,
    unhide,
    unlink,
)
from core.kb.erasure import (
    ErasureReport,
    erase_document,
    erase_documents,
    erase_everything,
    erase_facts,
)
from core.kb.graph import build_graph, supporting
from core.kb.history import (
    FactVersion,
    FieldChange,
    diff_snapshots,
    diff_versions,
    fact_history,
    revert_fact,
)
from core.kb.merge import Part, merge_facts, split_fact
from core.kb.overview import Overview, overview
from core.kb.passages import Passage, provenance
from core.kb.search import Filters, Hit, search_facts, semantic_search, text_search
from core.kb.table import (
    FactFilter,
    SortedIds,
    TablePage,
    fact_rows,
    first_table_page,
    sorted_fact_ids,
)
from core.model import SourceSpec

__all__ = [
    "ErasureReport", "FactFilter", "FactVersion", "FieldChange", "Filters", "Hit", "NewFact", "Overview", "Part",
    "Passage", "SortedIds", "SourceSpec", "TablePage", "approve", "build_graph", "bulk_edit", "bulk_insert_facts",
    "create_fact", "delete_facts", "diff_snapshots", "diff_versions", "edit_fact", "erase_document", "erase_documents",
    "erase_everything", "erase_facts", "fact_history", "fact_rows", "first_table_page", "hide", "link",
    "merge_facts", "overview", "provenance", "reject", "revert_fact", "search_facts",
    "semantic_search", "sorted_fact_ids", "split_fact", "supporting", "text_search", "unhide",
    "unlink",
]
