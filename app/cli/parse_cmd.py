"""CLI commands: `vita parse` (see app/cli/__init__.py for the registry)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita parse FILE... [--format jsonresume|facts]`."""
    p = sub.add_parser("parse", help="parse documents and print JSON lines (no vault needed)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("jsonresume", "facts"), default="jsonresume")
    p.set_defaults(func=run_parse)


def _fact_dict(f: Any) -> dict[str, Any]:
    d = asdict(f)
    d["type"] = str(f.type)
    d["links"] = [[str(k), other] for k, other in f.links]
    return d


def _page_progress(source: str, page: int) -> None:
    """Scans take seconds a page: say which page is being read (on a terminal only)."""
    from pathlib import Path

    sys.stderr.write(f"\rreading {Path(source).name}: page {page} (OCR)\x1b[K")
    sys.stderr.flush()


def _write_line(out: Any, line: dict[str, Any]) -> None:
    """One JSON line, valid UTF-8 whatever the text holds (a lone surrogate becomes U+FFFD)."""
    text = json.dumps(line, ensure_ascii=False, default=str)
    data = text.encode("utf-8", "replace") + b"\n"
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:  # a text-only stream (tests capture stdout this way)
        out.write(data.decode("utf-8"))
        out.flush()


def _result_line(source: str, result: Any, fmt: str) -> dict[str, Any]:
    meta = {
        "doc_type": str(result.doc_type),
        "confidence": result.doc_type_confidence,
        "pages": result.meta.get("pages"),
        "facts": len(result.facts),
        "parse_ms": result.meta.get("parse_ms"),
        "kind": result.meta.get("kind"),
        "sha256": result.sha256,
    }
    if fmt == "facts":
        return {"source": source, "facts": [_fact_dict(f) for f in result.facts], "meta": meta}
    return {"source": source, "resume": result.resume, "meta": meta}


def run_parse(args: argparse.Namespace) -> int:
    """Print one JSON line per input, in input order; exit 1 if any input failed.

    A file whose result cannot be turned into a line gets its own error line; the batch goes on.
    """
    from core.errors import ParseFailed, VitaError
    from core.intake import parse_files

    failed = False
    out = sys.stdout
    for source, result in parse_files(args.files, on_page=_page_progress if sys.stderr.isatty() else None):
        if isinstance(result, VitaError):
            failed = True
            _write_line(out, {"source": source, "error": result.to_dict()})
            continue
        try:
            _write_line(out, _result_line(source, result, args.format))
        except (TypeError, ValueError, AttributeError, OverflowError, RecursionError) as err:
            failed = True
            error = ParseFailed(f"{source}: the result could not be written ({type(err).__name__}).")
            _write_line(out, {"source": source, "error": error.to_dict()})
    return 1 if failed else 0
