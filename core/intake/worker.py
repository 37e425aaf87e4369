"""The worker process: checks then parses one file at a time under a memory cap.

Runs in a fresh interpreter (spawn); imports only what a parse needs. Talks to the pool over a
pipe with plain tuples: ("ready", pid), ("extend" | "grace", job, seconds), (job, "ok", ParsedDocument)
or (job, "error", type name, message, hint); the last item of a reply is True when the worker
exits after it (memory trouble, job quota), so the pool sends it nothing more.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.errors import NeedsOCR, ParseFailed, VitaError
from core.intake.limits import IntakeLimits
from core.model import LayoutDocument, ParsedDocument, TextLine

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


def exit_with_parent(poll_s: float = 0.5) -> None:
    """Stop this worker when the pool's process dies, even mid-parse (orphans are re-parented)."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(poll_s)
            if os.getppid() != parent:
                os._exit(3)

    threading.Thread(target=watch, name="vita-parent-watch", daemon=True).start()


def load_target(target: str) -> Callable[..., ParsedDocument]:
    """Import "package.module:function"."""
    module, _, name = target.partition(":")
    fn: Callable[..., ParsedDocument] = getattr(importlib.import_module(module), name or "parse_path")
    return fn


def worker_main(conn: Any, limits_dict: dict[str, Any], target: str, preload: bool) -> None:
    """Entry point of a worker process: serve jobs until the pipe closes or a None job arrives."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    exit_with_parent()
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

            doc = run_job(Path(path), kind, limits, parse, JobClock(conn.send, job_id, limits))
            reply: tuple[Any, ...] = (job_id, "ok", doc)
            recycle = recycle or bool(doc.meta.get("ocr_abandoned"))  # a stuck OCR thread still runs
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


class JobClock:
    """Tells the pool about a job's time: more for each OCR page, none charged for loading OCR."""

    def __init__(self, send: Callable[[tuple[Any, ...]], None], job_id: int, limits: IntakeLimits) -> None:
        self.send = send
        self.job_id = job_id
        self.limits = limits

    def extend(self, seconds: float) -> None:
        self.send(("extend", self.job_id, seconds))

    def grace(self, seconds: float) -> None:
        """Time spent on work independent of the file (loading the OCR models) is not charged."""
        if seconds > 0:
            self.send(("grace", self.job_id, seconds))

    def before_ocr_page(self, index: int) -> None:
        from core.intake.ocr import load_engine

        self.grace(load_engine())
        self.extend(self.limits.ocr_page_timeout_s + 2.0)  # the page's own budget plus rendering
        self.send(("page", self.job_id, index + 1))


def run_job(
    path: Path,
    kind: str,
    limits: IntakeLimits,
    parse: Callable[..., ParsedDocument],
    clock: JobClock,
) -> ParsedDocument:
    """Safety checks, then the right reader for `kind` (OCR for images and text-less PDFs)."""
    from core.intake.safety import check_file
    from core.intake.sniff import sniff

    if sniff(path, max_bytes=limits.max_bytes) != kind:  # swapped since the pool looked at it
        raise ParseFailed(f"{path.name} changed while it was being read; add it again.")
    checks = check_file(path, kind, limits)
    if kind == "json":
        from core.intake.jsonresume import InvalidJSON, parse_json_resume

        try:
            doc = parse_json_resume(path)
        except InvalidJSON:
            doc = parse(path, kind="txt")  # text that merely starts with a brace
            kind = "txt"
    elif kind == "image":
        from core.intake.ocr import ocr_image

        layout = ocr_image(path, on_page=clock.before_ocr_page, page_budget_s=limits.ocr_page_timeout_s)
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

            layout = ocr_pdf(path, max_pages=limits.max_ocr_pages, on_page=clock.before_ocr_page, page_budget_s=limits.ocr_page_timeout_s)
            parsed = document_from_layout(layout, path)
        elif kind == "pdf":
            parsed = add_scanned_pages(parsed, path, limits, clock)
        doc = parsed
    doc.meta.setdefault("kind", kind)
    doc.meta["checks"] = checks
    return doc


def add_scanned_pages(
    doc: ParsedDocument, path: Path, limits: IntakeLimits, clock: JobClock
) -> ParsedDocument:
    """A PDF mixing text pages with scanned ones: OCR the scanned pages and extract again."""
    count = doc.meta.get("pages")
    count = count if isinstance(count, int) else len(doc.pages)
    with_text = {i + 1 for i, (start, end) in enumerate(doc.pages) if doc.text[start:end].strip()}
    empty = [page for page in range(1, min(count, limits.max_ocr_pages) + 1) if page not in with_text]
    from core.intake.ocr import ocr_pdf, ocr_regions, picture_regions

    text_boxes = [(int(b[2]), float(b[3]), float(b[4]), float(b[5]), float(b[6])) for b in doc.meta.get("boxes") or []]
    try:
        pictures = {p: r for p, r in picture_regions(path, text_boxes, max_pages=limits.max_ocr_pages).items() if p in with_text}
    except Exception:  # an odd page object: the text layer stands
        pictures = {}
    if not empty and not pictures:
        return doc
    found: list[TextLine] = []
    meta: dict[str, Any] = {}
    for read in (
        (lambda: ocr_pdf(path, max_pages=limits.max_ocr_pages, pages=empty, on_page=clock.before_ocr_page,
                         page_budget_s=limits.ocr_page_timeout_s)) if empty else None,
        (lambda: ocr_regions(path, pictures, on_page=clock.before_ocr_page, page_budget_s=limits.ocr_page_timeout_s))
        if pictures else None,
    ):
        if read is None:
            continue
        try:
            scanned = read()
        except NeedsOCR:
            continue  # nothing readable there: keep the text layer
        found.extend(scanned.lines)
        meta = {**meta, **scanned.meta}
    if not found:
        return doc
    from core.documents import read_document
    from core.extract import extract

    layout = read_document(path, "pdf")
    layout.lines = merge_reading_order(layout.lines, found)
    merged = extract(layout, source=doc.source, sha256=doc.sha256)
    merged.meta = {**doc.meta, **merged.meta, **meta, "ocr_pages": sorted({ln.page for ln in found})}
    return merged


def merge_reading_order(text_lines: list[TextLine], ocr_lines: list[TextLine]) -> list[TextLine]:
    """OCR'd lines placed among a page's text lines: before the first text line that starts below
    them (a picture header goes first), pages kept in order."""
    out = list(text_lines)
    for line in sorted(ocr_lines, key=lambda ln: (ln.page, ln.top, ln.x0)):
        at = next((i for i, t in enumerate(out) if t.page > line.page or (t.page == line.page and t.top > line.top)), len(out))
        out.insert(at, line)
    return out


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
        result.meta.update({k: v for k, v in layout.meta.items() if k not in result.meta})
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
    return ParsedDocument(source=str(path), sha256=sha, mime=mime, text="".join(text_parts), pages=pages, meta=dict(layout.meta))
