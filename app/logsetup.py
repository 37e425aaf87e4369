"""Logging to a rotating file in the data dir. Never log document text or facts: ids and counts only."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers

from app.paths import AppPaths

_CONFIGURED = False


def setup_logging(paths: AppPaths, *, level: int = logging.INFO) -> None:
    global _CONFIGURED
    if _CONFIGURED:
        return
    paths.logs.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        paths.logs / "vita.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    with contextlib.suppress(OSError):
        (paths.logs / "vita.log").chmod(0o600)
    # Third-party loggers that print document content (fontTools logs glyph names) stay quiet.
    for noisy in ("pdfminer", "PIL", "urllib3", "sentence_transformers", "transformers", "httpx", "fontTools",
                  "fpdf", "docx", "pdfplumber", "pypdfium2"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _CONFIGURED = True
