"""CLI: `vita match pairs --format jsonl FILE` (stateless scoring) and `vita onet classify` helpers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita match pairs ...`."""
    p = sub.add_parser("match", help="match a person against jobs")
    msub = p.add_subparsers(dest="match_command", metavar="ACTION")
    pairs = msub.add_parser("pairs", help="score resume/job text pairs: JSONL {id, resume, job} -> {id, score}")
    pairs.add_argument("file", help="JSONL file of {id, resume, job} lines ('-' = stdin)")
    pairs.add_argument("--format", choices=["jsonl"], default="jsonl")
    pairs.add_argument("--no-semantic", action="store_true", help="do not load the embedding model")
    pairs.set_defaults(func=run_pairs)


def read_jsonl(path: str, fields: tuple[str, ...]) -> Iterator[tuple[dict[str, Any] | None, str]]:
    """(row, error) per non-empty line; a row lacking a field or not an object gives (None, message)."""
    fh = sys.stdin if path == "-" else Path(path).open(encoding="utf-8")
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                yield None, f"line {n}: not JSON"
                continue
            if not isinstance(row, dict) or any(not isinstance(row.get(f), str) for f in fields):
                yield None, f"line {n}: needs string fields {', '.join(fields)}"
                continue
            yield row, ""


def services(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    """(skill extractor, ontology store or None, embed function or None), each built once."""
    from app.paths import app_paths
    from core.skills import SkillExtractor
    from core.skills.ontology_terms import open_store_at

    db = app_paths(getattr(args, "home", None)).ontology_db
    store = open_store_at(db) if db.is_file() else None
    embed = None
    if not getattr(args, "no_semantic", False):
        from core.embed import Embedder

        embed = Embedder.shared().encode
    return SkillExtractor(store=store), store, embed


def run_pairs(args: argparse.Namespace) -> int:
    from core.jobs.matcher import JobMatcher

    rows = list(read_jsonl(args.file, ("resume", "job")))
    extractor, store, embed = services(args)
    matcher = JobMatcher(extractor=extractor, store=store, embed=embed)
    good = [r for r, _ in rows if r is not None]
    scores = iter(matcher.score_pairs([(r["resume"], r["job"]) for r in good]))
    out = sys.stdout
    for row, err in rows:
        if row is None:
            out.write(json.dumps({"id": None, "score": None, "error": {"message": err}}) + "\n")
        else:
            out.write(json.dumps({"id": row.get("id"), "score": next(scores)}) + "\n")
    return 0


def run_classify(args: argparse.Namespace) -> int:
    """`vita onet classify --format jsonl FILE`: {id, text} lines -> {id, codes: [{code, score}]}."""
    from core.errors import OntologyMissing
    from core.jobs.occupations import OccupationClassifier

    extractor, store, embed = services(args)
    if store is None:
        raise OntologyMissing("O*NET is not imported.", hint="Import it with `vita onet download` first.")
    clf = OccupationClassifier(store, embed=embed, extractor=extractor)
    rows = list(read_jsonl(args.input, ("text",)))
    good = [r for r, _ in rows if r is not None]
    results = iter(clf.classify([r["text"] for r in good], limit=args.limit))
    out = sys.stdout
    for row, err in rows:
        if row is None:
            out.write(json.dumps({"id": None, "codes": [], "error": {"message": err}}) + "\n")
            continue
        codes = [{"code": g.code, "title": g.title, "score": g.score} for g in next(results)]
        out.write(json.dumps({"id": row.get("id"), "codes": codes}, ensure_ascii=False) + "\n")
    return 0
