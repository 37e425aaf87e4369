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


def run_parse(args: argparse.Namespace) -> int:
    """Print one JSON line per input, in input order; exit 1 if any input failed."""
    from core.errors import VitaError
    from core.intake import parse_files

    failed = False
    out = sys.stdout
    for source, result in parse_files(args.files, on_page=_page_progress if sys.stderr.isatty() else None):
        if isinstance(result, VitaError):
            failed = True
            line: dict[str, Any] = {"source": source, "error": result.to_dict()}
        else:
            meta = {
                "doc_type": str(result.doc_type),
                "confidence": result.doc_type_confidence,
                "pages": result.meta.get("pages"),
                "facts": len(result.facts),
                "parse_ms": result.meta.get("parse_ms"),
                "kind": result.meta.get("kind"),
                "sha256": result.sha256,
            }
            if args.format == "facts":
                line = {"source": source, "facts": [_fact_dict(f) for f in result.facts], "meta": meta}
            else:
                line = {"source": source, "resume": result.resume, "meta": meta}
        out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
        out.flush()
    return 1 if failed else 0
