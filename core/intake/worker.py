"""The worker process: checks then parses one file at a time under a memory cap.

Runs in a fresh interpreter (spawn); imports only what a parse needs. Talks to the pool over a
pipe with plain tuples: ("ready", pid), ("extend", job, seconds), (job, "ok", ParsedDocument)
or (job, "error", type name, message, hint); the last item of a reply is True when the worker
exits after it (memory trouble, job quota), so the pool sends it nothing more.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.errors import NeedsOCR, VitaError
from core.intake.limits import IntakeLimits
from core.model import LayoutDocument, ParsedDocument

MAX_JOBS_PER_WORKER = 200  # recycle to bound slow leaks in native parsers
# Warmed up before a worker reports ready (when present), so the first file is not charged for them.
PRELOAD_MODULES = (
    "pypdfium2",
    "core.documents.pdf_reader",
    "core.documents.docx_reader",
    "core.documents.html_reader",
    "core.documents.text_reader",
    "core.extract",
    "core.intake.safety",
    "core.intake.jsonresume",
)


def apply_memory_cap(memory_mb: int) -> None:
    """Cap this process's address space (Linux only; elsewhere the time budget still applies)."""
    if memory_mb <= 0 or not sys.platform.startswith("linux"):
        return
    import resource

    cap = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def load_target(target: str) -> Callable[..., ParsedDocument]:
    """Import "package.module:function"."""
    module, _, name = target.partition(":")
    fn: Callable[..., ParsedDocument] = getattr(importlib.import_module(module), name or "parse_path")
    return fn


def worker_main(conn: Any, limits_dict: dict[str, Any], target: str, preload: bool) -> None:
    """Entry point of a worker process: serve jobs until the pipe closes or a None job arrives."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    limits = IntakeLimits(**limits_dict)
    apply_memory_cap(limits.memory_mb)
    parse: Callable[..., ParsedDocument] | None = None
    if preload:
        try:
            parse = load_target(target)
        except Exception:
            parse = None
    conn.send(("ready", os.getpid()))
    for served in range(1, MAX_JOBS_PER_WORKER + 1):
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        job_id, path, kind = job
        recycle = served == MAX_JOBS_PER_WORKER
        try:
            if parse is None:
                parse = load_target(target)

            def extend(seconds: float, _job: int = job_id) -> None:
                conn.send(("extend", _job, seconds))

            doc = run_job(Path(path), kind, limits, parse, extend)
            reply: tuple[Any, ...] = (job_id, "ok", doc)
        except VitaError as err:
            reply = (job_id, "error", type(err).__name__, err.message, err.hint)
        except MemoryError:
            recycle = True
            reply = (job_id, "error", "ParseFailed", f"{Path(path).name}: reading it needed more memory than allowed.", None)
        except RecursionError:
            recycle = True
            reply = (job_id, "error", "ParseFailed", f"{Path(path).name}: structure nested too deeply to read.", None)
        except Exception as exc:
            reply = (job_id, "error", "ParseFailed", f"{Path(path).name}: could not be read ({type(exc).__name__}).", None)
        try:
            conn.send((*reply, recycle))
        except (EOFError, OSError):
            return
        except Exception as exc:
            conn.send((job_id, "error", "ParseFailed", f"{Path(path).name}: result could not be returned ({type(exc).__name__}).", None, recycle))
        if recycle:
            return


def run_job(
    path: Path,
    kind: str,
    limits: IntakeLimits,
    parse: Callable[..., ParsedDocument],
    extend: Callable[[float], None],
) -> ParsedDocument:
    """Safety checks, then the right reader for `kind` (OCR for images and text-less PDFs)."""
    from core.intake.safety import check_file

    checks = check_file(path, kind, limits)
    if kind == "json":
        from core.intake.jsonresume import parse_json_resume

        doc = parse_json_resume(path)
    elif kind == "image":
        from core.intake.ocr import ocr_image

        layout = ocr_image(path, on_page=lambda _i: extend(limits.ocr_page_timeout_s))
        doc = document_from_layout(layout, path)
    else:
        parsed: ParsedDocument | None = None
        try:
            parsed = parse(path, kind=kind)
        except NeedsOCR:
            if kind != "pdf":
                raise
        if parsed is None or (kind == "pdf" and not parsed.text.strip()):
            from core.intake.ocr import ocr_pdf

            layout = ocr_pdf(path, max_pages=limits.max_ocr_pages, on_page=lambda _i: extend(limits.ocr_page_timeout_s))
            parsed = document_from_layout(layout, path)
        doc = parsed
    doc.meta.setdefault("kind", kind)
    doc.meta["checks"] = checks
    return doc


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def document_from_layout(layout: LayoutDocument, path: Path) -> ParsedDocument:
    """Facts from an OCR layout via core.extract; plain text only when extraction is unavailable."""
    sha = sha256_file(path)
    try:
        from core.extract import extract
    except ImportError:  # extraction not installed: keep the text
        pass
    else:
        result = extract(layout, source=str(path), sha256=sha)
        result.meta.setdefault("ocr", layout.meta.get("ocr", "rapidocr"))
        return result
    text_parts: list[str] = []
    pages: list[tuple[int, int]] = []
    offset = 0
    for page in range(1, layout.page_count + 1):
        start = offset
        for line in (ln for ln in layout.lines if ln.page == page):
            text_parts.append(line.text + "\n")
            offset += len(line.text) + 1
        pages.append((start, offset))
    mime = "application/pdf" if layout.kind == "pdf" else "image/*"
    return ParsedDocument(source=str(path), sha256=sha, mime=mime, text="".join(text_parts), pages=pages, meta={"ocr": "rapidocr"})
