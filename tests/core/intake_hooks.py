"""Parser targets for intake tests: misbehave on command, else read text with the real libraries.

A text file whose first line is EXIT / SLEEP / ALLOC / SEGV makes the worker exit, hang, blow
its memory cap or crash (MODULES lists what the worker imported), so the pool's recovery can be tested with real processes.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from pathlib import Path

from core.errors import NeedsOCR, UnsupportedFile
from core.model import ParsedDocument

HOOK = "tests.core.intake_hooks:parse"
BASIC = "tests.core.intake_hooks:basic_parse"


def parse(path: Path, kind: str | None = None) -> ParsedDocument:
    """Obey a command on the first line of a text file, else behave like `basic_parse`."""
    if kind in ("txt", "md"):
        command = path.read_text(errors="replace").split("\n", 1)[0].strip()
        if command == "EXIT":
            os._exit(7)
        if command == "SLEEP":
            time.sleep(600)
        if command == "ALLOC":
            block = bytearray(3 * 1024**3)  # 3 GB: over the 1 GB test cap, refused at once
            return _doc(path, str(len(block)))
        if command == "SEGV":
            os.kill(os.getpid(), signal.SIGSEGV)
        if command == "MODULES":
            import sys

            return _doc(path, "\n".join(sorted(sys.modules)))
    return basic_parse(path, kind)


def basic_parse(path: Path, kind: str | None = None) -> ParsedDocument:
    """Plain text with pypdfium2 / python-docx / reading the file: the libraries the app uses."""
    if kind == "pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            texts = []
            for page in pdf:
                textpage = page.get_textpage()
                texts.append(textpage.get_text_range())
                textpage.close()
                page.close()
        finally:
            pdf.close()
        text = "\n".join(texts)
        if not text.strip():
            raise NeedsOCR(f"{path.name} has no text layer.")
        return _doc(path, text)
    if kind == "docx":
        import docx

        document = docx.Document(str(path))
        return _doc(path, "\n".join(p.text for p in document.paragraphs))
    if kind in ("txt", "md", "html"):
        return _doc(path, path.read_text(errors="replace"))
    raise UnsupportedFile(f"{path.name}: kind {kind} is not read by the test parser.")


def _doc(path: Path, text: str) -> ParsedDocument:
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return ParsedDocument(source=str(path), sha256=sha, mime="text/plain", text=text, pages=[(0, len(text))])
