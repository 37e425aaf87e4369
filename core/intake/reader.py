"""Parse one file in-process (inside a sandboxed worker): sniff its kind, read its layout, extract facts."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from core.errors import UnsupportedFile
from core.model import ParsedDocument

EXTENSIONS = {
    ".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html",
}


def guess_kind(path: Path, head: bytes) -> str:
    """The format from the first bytes, then the extension."""
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if path.suffix.lower() == ".docx" or b"word/" in head[:4096] or b"[Content_Types]" in head[:4096]:
            return "docx"
        raise UnsupportedFile("This archive is not a Word (.docx) document.")
    ext = EXTENSIONS.get(path.suffix.lower())
    low = head[:2048].lower()
    if ext in ("txt", "md", "html"):
        return ext
    if b"<html" in low or b"<!doctype html" in low or b"<body" in low:
        return "html"
    if ext:
        return ext
    if b"\x00" not in head[:4096]:
        return "txt"
    raise UnsupportedFile("This file type is not supported.")


def parse_path(path: Path, kind: str | None = None) -> ParsedDocument:
    """Read and extract one file; raises typed DocumentErrors."""
    from core.documents import read_document
    from core.extract import extract

    t0 = time.perf_counter()
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    kind = kind or guess_kind(path, data[:8192])
    layout = read_document(path, kind)
    doc = extract(layout, source=str(path), sha256=sha)
    doc.meta["kind"] = kind
    doc.meta["parse_ms"] = round((time.perf_counter() - t0) * 1000, 1)
    return doc
