"""Imports (JSON Resume, LinkedIn export, Vita export) and exports (JSON Resume, CSV, DOCX, PDF,
Markdown, full Vita export), with tailoring and saved variants."""

from core.exchange.api import FORMATS, ImportSummary, export_file, import_file
from core.exchange.jsonresume_export import export_jsonresume, validation_errors
from core.exchange.jsonresume_import import import_jsonresume
from core.exchange.linkedin import import_linkedin
from core.exchange.selection import (
    Selection,
    delete_variant,
    get_variant,
    list_variants,
    save_variant,
    select,
)
from core.exchange.vita_format import export_vita, import_vita, write_vita
from core.exchange.writers import facts_csv, render_markdown, write_docx, write_pdf

__all__ = [
    "FORMATS", "ImportSummary", "Selection", "delete_variant", "export_file", "export_jsonresume", "export_vita",
    "facts_csv", "get_variant", "import_file", "import_jsonresume", "import_linkedin", "import_vita",
    "list_variants", "render_markdown", "save_variant", "select", "validation_errors", "write_docx", "write_pdf",
    "write_vita",
]
