"""One entry point per direction: `import_file` (sniffed by content) and `export_file` (by format)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from core.changes import Changes
from core.errors import ExportError, ImportFailed
from core.exchange.jsonresume_export import export_jsonresume
from core.exchange.jsonresume_import import import_jsonresume, load_json
from core.exchange.linkedin import import_linkedin
from core.exchange.selection import Selection
from core.exchange.vita_format import is_vita_export, restore_vita, write_vita
from core.exchange.writers import facts_csv, render_markdown, write_docx, write_pdf
from core.safe_write import atomic_path, write_atomic
from core.workspace import Workspace

FORMATS = ("jsonresume", "csv", "docx", "pdf", "md", "vita")
SUFFIX = {"jsonresume": ".json", "csv": ".csv", "docx": ".docx", "pdf": ".pdf", "md": ".md", "vita": ".vita.json"}


@dataclass(frozen=True, slots=True)
class ImportSummary:
    kind: str  # jsonresume | linkedin | vita
    facts: int
    rows: dict[str, int]
    changes: Changes  # what the import changed, with fact ids (the one broadcast)


def import_file(ws: Workspace, path: Path) -> ImportSummary:
    """Import a JSON Resume, a LinkedIn data-export ZIP or a Vita export, told apart by content."""
    if not path.is_file():
        raise ImportFailed(f"{path.name} does not exist.")
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(b"PK\x03\x04"):
        r = import_linkedin(ws, path)
        return ImportSummary("linkedin", r.count, {"facts": r.count}, r.changes)
    data = load_json(path)
    if is_vita_export(data):
        counts, changes = restore_vita(ws, data)
        return ImportSummary("vita", counts.get("facts", 0), counts, changes)
    r2 = import_jsonresume(ws, data, name=path.name)
    return ImportSummary("jsonresume", r2.count, {"facts": r2.count}, r2.changes)


def export_file(ws: Workspace, fmt: str, path: Path, *, selection: Selection | None = None,
                include_originals: bool = False, warnings: list[str] | None = None) -> Path:
    """Write one export; resume formats use the selection (approved + exportable by default).

    A resume with nothing to show is refused (ExportError saying what to approve); warnings about
    the resume (a name or contact not approved yet) are appended to `warnings`."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    # Every format lands all at once: an interrupted or failed export leaves the previous file.
    if fmt == "vita":
        return write_vita(ws, path, include_originals=include_originals)
    if fmt == "csv":
        write_atomic(path, facts_csv(ws) if selection is None else facts_csv(ws, selection, everything=False))
        return path
    resume = export_jsonresume(ws, selection, warnings=warnings, require=True)
    if fmt == "jsonresume":
        write_atomic(path, json.dumps(resume, ensure_ascii=False, indent=2))
    elif fmt == "md":
        write_atomic(path, render_markdown(resume))
    else:
        with atomic_path(path) as tmp:
            (write_docx if fmt == "docx" else write_pdf)(resume, tmp)
    return path
