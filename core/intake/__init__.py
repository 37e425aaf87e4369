"""Intake: sniff, check and parse untrusted files in sandboxed worker processes.

Flow per file: `sniff` (parent: size limit, kind from bytes) -> worker process (spawned, memory
cap, time budget) -> `safety.check_file` (zip directory, XML DTDs and nesting, PDF page and
stream budgets, image header) -> reader (`core.parsing.parse_path`, JSON Resume, or OCR for
images and scanned pages) -> ParsedDocument or a typed VitaError. A worker that hangs or dies
is killed and replaced; the file is quarantined with a reason.

`parse_files` is the one-shot entry point; `ParserPool` keeps workers alive across batches
(`core.services.Services` holds the app's). Imports stay light: parsers load only in the workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from core.errors import VitaError
from core.intake.limits import IntakeLimits
from core.intake.pool import DEFAULT_TARGET, ParserPool
from core.intake.process import QuarantineRecord
from core.intake.sniff import sniff
from core.model import ParsedDocument
from core.progress import CancelToken

__all__ = ["IntakeLimits", "ParserPool", "QuarantineRecord", "parse_files", "sniff"]


def parse_files(
    paths: Iterable[str | Path],
    *,
    limits: IntakeLimits | None = None,
    cancel: CancelToken | None = None,
    pool: ParserPool | None = None,
    quarantine: list[QuarantineRecord] | None = None,
    target: str = DEFAULT_TARGET,
    on_page: Callable[[str, int], None] | None = None,
) -> Iterator[tuple[str, ParsedDocument | VitaError]]:
    """Parse each path in worker processes, yielding (path as given, result or typed error) in order.

    Uses `pool` when given (kept running), else a pool for this call only. Files that timed out,
    crashed a worker or were refused as hostile are appended to `quarantine` when given.
    `on_page(source, page)` hears of each scanned page as OCR starts on it.
    """
    items = list(paths)
    own = pool is None
    limits = limits or (pool.limits if pool else IntakeLimits())
    active = pool or ParserPool(limits, workers=min(limits.workers, max(1, len(items))), target=target)
    seen = len(active.quarantine)
    before, active.on_page = active.on_page, on_page or active.on_page
    try:
        yield from active.parse(items, cancel=cancel)
    finally:
        active.on_page = before
        if quarantine is not None:
            quarantine.extend(active.quarantine[seen:])
        if own:
            active.shutdown()
