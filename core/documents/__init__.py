"""Format readers: every supported file becomes a LayoutDocument (lines in reading order with cues)."""

from __future__ import annotations

from pathlib import Path

from core.errors import UnsupportedFile
from core.model import LayoutDocument

KINDS = ("pdf", "docx", "txt", "md", "html")


def read_document(path: Path, kind: str) -> LayoutDocument:
    """Read `path` as `kind` (pdf|docx|txt|md|html); the text comes out normalised (see clean.py)."""
    from core.documents.clean import clean_layout

    return clean_layout(_read(path, kind))


def _read(path: Path, kind: str) -> LayoutDocument:
    if kind == "pdf":
        from core.documents.pdf_reader import read_pdf

        return read_pdf(path)
    if kind == "docx":
        from core.documents.docx_reader import read_docx

        return read_docx(path)
    if kind == "txt":
        from core.documents.text_reader import read_txt

        return read_txt(path)
    if kind == "md":
        from core.documents.text_reader import read_md

        return read_md(path)
    if kind == "html":
        from core.documents.html_reader import read_html

        return read_html(path)
    raise UnsupportedFile(f"Files of type '{kind}' are not supported.")
