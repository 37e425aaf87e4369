"""CLI commands: `vita skills extract` (see app/cli/__init__.py for the registry)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ONET_HINT = "Note: O*NET is not imported; using the starter lexicon. Import O*NET (`vita onet download`) for richer matching."


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita skills extract`."""
    skills = sub.add_parser("skills", help="skill extraction")
    ssub = skills.add_subparsers(dest="skills_command", metavar="SUBCOMMAND")
    ex = ssub.add_parser("extract", help="find skills in a text or a JSONL file of {id, text}")
    ex.add_argument("input", help="text to analyse, or (with --format jsonl) a JSONL file path ('-' = stdin)")
    ex.add_argument("--format", choices=["text", "jsonl"], default="text")
    ex.add_argument("--min-confidence", type=float, default=None, help="drop spans below this confidence")
    ex.set_defaults(func=run_extract)


def _ontology_store(home: str | None) -> Any:
    """The imported O*NET store, or None when there is no ontology database yet."""
    from app.paths import app_paths

    db = app_paths(home).ontology_db
    if not db.is_file():
        return None
    from core.skills.ontology_terms import open_store_at

    return open_store_at(db)


def _build_extractor(args: argparse.Namespace) -> tuple[Any, bool]:
    from core.skills import SkillExtractor

    store = _ontology_store(getattr(args, "home", None))
    kw = {} if args.min_confidence is None else {"min_confidence": args.min_confidence}
    return SkillExtractor(store=store, **kw), store is not None


def run_extract(args: argparse.Namespace) -> int:
    extractor, with_onet = _build_extractor(args)
    if args.format == "jsonl":
        return _extract_jsonl(extractor, args.input)
    if not with_onet:
        print(ONET_HINT, file=sys.stderr)
    spans = extractor.extract(args.input)
    if getattr(args, "json", False):
        print(json.dumps([s.to_json() for s in spans], ensure_ascii=False))
        return 0
    if not spans:
        print("No skills found.")
    for s in spans:
        print(f"{s.start:>4}-{s.end:<4} {s.kind:<9} {s.text!r:<32} -> {s.label} [{s.ontology_id}] {s.confidence:.2f}")
    return 0


def _extract_jsonl(extractor: Any, path: str) -> int:
    fh = sys.stdin if path == "-" else Path(path).open(encoding="utf-8")
    with fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    out = sys.stdout
    for row, spans in zip(rows, extractor.extract_many(str(r.get("text", "")) for r in rows), strict=True):
        skills = [
            {"start": s.start, "end": s.end, "text": s.text, "ontology_id": s.ontology_id,
             "label": s.label, "kind": s.kind, "confidence": round(s.confidence, 3)}
            for s in spans
        ]
        out.write(json.dumps({"id": row.get("id"), "skills": skills}, ensure_ascii=False) + "\n")
    return 0
