"""Tell a file's kind from its bytes (magic numbers and structure), never from its name."""

from __future__ import annotations

import os
import re
from pathlib import Path

from core.errors import FileTooLarge, NotFound, UnsupportedFile

HEAD_BYTES = 8192

# Image formats we accept (and OCR); anything else is refused before a decoder sees it.
IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"BM", "bmp"),
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .doc, .xls, .ppt, .msg
_PDF_OBJECT = re.compile(rb"(?m)^\s*\d+\s+\d+\s+obj\b")
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<div", b"<p>", b"<h1")


def check_size(path: Path, max_bytes: int) -> int:
    """Return the file's size, or raise NotFound / FileTooLarge / UnsupportedFile (not a file)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise NotFound(f"File not found: {path.name}") from None
    except OSError as exc:
        raise UnsupportedFile(f"Cannot read {path.name} ({exc.strerror or 'OS error'}).") from None
    if not path.is_file():
        raise UnsupportedFile(f"{path.name} is not a regular file.")
    if st.st_size > max_bytes:
        raise FileTooLarge(
            f"{path.name} is {st.st_size / 1_048_576:.1f} MB; the limit is {max_bytes / 1_048_576:.0f} MB.",
            hint="Split the document or raise the size limit in settings.",
        )
    if st.st_size == 0:
        raise UnsupportedFile(f"{path.name} is empty.")
    return st.st_size


def sniff(path: Path, *, max_bytes: int = 10 * 1024 * 1024) -> str:
    """Return pdf | docx | zip | json | html | md | txt | image, or raise a typed error."""
    check_size(path, max_bytes)
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    if head.startswith(OLE_MAGIC):
        raise UnsupportedFile(
            f"{path.name} is an old-style Office file (Word 97-2003 .doc or similar), which Vita does not read.",
            hint="Open it in Word or LibreOffice and save it as DOCX (or PDF), then add that file.",
        )
    kind = sniff_bytes(head)
    if kind == "zip":
        return _zip_kind(path)
    if kind == "text":
        return _text_kind(path, head)
    if kind is None:
        raise UnsupportedFile(f"{path.name}: not a format Vita reads (PDF, DOCX, TXT, Markdown, HTML, JSON Resume, PNG/JPEG/TIFF/BMP/WebP image).")
    return kind


def sniff_bytes(head: bytes) -> str | None:
    """Kind from the first bytes: pdf, zip, image, json, html, text, or None."""
    # PDF readers accept the header anywhere in the first KB (leading junk is common).
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    for magic, _name in IMAGE_MAGIC:
        if head.startswith(magic) and (magic != b"BM" or _is_bmp(head)):
            return "image"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if head.lstrip().startswith(b"{\\rtf"):
        return None  # RTF: not read (yet); better refused than shown as markup
    if _PDF_OBJECT.search(head) and (b"endobj" in head or b"<<" in head):
        return "pdf"  # PDF syntax without its header (damaged): let the PDF checks decide
    text = _decode_text(head)
    if text is None:
        return None
    stripped = text.lstrip("\ufeff \t\r\n").lower()
    if stripped.startswith(("{", "[")):
        return "json"
    if stripped.startswith("<?xml") and "<html" not in stripped[:2048]:
        return None  # bare XML is not a document format we read
    lowered = stripped[:2048].encode("utf-8", "replace")
    if any(lowered.startswith(m) for m in HTML_MARKERS) or (
        lowered.startswith(b"<") and (b"<html" in lowered or b"<body" in lowered)
    ):
        return "html"
    return "text"


def _is_bmp(head: bytes) -> bool:
    """'BM' starts plenty of text ("BMW..."): also require a known DIB header size."""
    return len(head) >= 18 and int.from_bytes(head[14:18], "little") in (12, 40, 52, 56, 64, 108, 124)


def _decode_text(head: bytes) -> str | None:
    """Decode a head as text, or None when it looks binary (over 2% control bytes)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) & ~1].decode("utf-16", "replace") or None
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(head) // 50:
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a multi-byte character cut by the head limit
            return head[: exc.start].decode("utf-8", "replace")
    return head.decode("latin-1")  # legacy 8-bit text


def _zip_kind(path: Path) -> str:
    """docx when the archive names word/document.xml, else zip.

    Names are stored uncompressed, so a byte search finds them without parsing the archive in
    this (parent) process; the worker checks the directory before anything opens it.
    """
    marker = b"word/document.xml"
    tail = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            if marker in tail + chunk:
                return "docx"
            tail = chunk[-len(marker) :]
    return "zip"


def _text_kind(path: Path, head: bytes) -> str:
    """json / md / txt for a text file (JSON detected by content, md by content or suffix)."""
    suffix = os.path.splitext(path.name)[1].lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    text = _decode_text(head) or ""
    lines = text.splitlines()[:200]
    md_lines = sum(1 for ln in lines if ln.startswith(("# ", "## ", "### ", "* ", "- ", "> ")) or "**" in ln or "](" in ln)
    headings = sum(1 for ln in lines if ln.startswith("#"))
    return "md" if headings >= 1 and md_lines >= 3 else "txt"
