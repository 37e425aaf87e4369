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
    sim = ssub.add_parser("similar", help="skills similar to a skill (lexicon category, O*NET embeddings)")
    sim.add_argument("skill")
    sim.add_argument("--limit", type=int, default=10)
    sim.set_defaults(func=run_related, relation="similar")
    co = ssub.add_parser("cooccur", help="technologies listed by the same O*NET occupations")
    co.add_argument("skill")
    co.add_argument("--limit", type=int, default=10)
    co.set_defaults(func=run_related, relation="cooccurring")
    tr = ssub.add_parser("transfer", help="what carries over from one O*NET occupation to another")
    tr.add_argument("source", help="O*NET-SOC code held now, e.g. 15-1211.00")
    tr.add_argument("target", help="O*NET-SOC code aimed for")
    tr.set_defaults(func=run_transfer)


def _ontology_store(args: argparse.Namespace) -> Any:
    """The imported O*NET store, or None when there is no usable ontology database yet."""
    from app.cli.common import cli_session

    return cli_session(args).services.ontology()


def _build_extractor(args: argparse.Namespace) -> tuple[Any, bool]:
    from core.skills import SkillExtractor

    store = _ontology_store(args)
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
    rows: list[dict[str, Any] | None] = []
    with fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                row = None
            rows.append(row if isinstance(row, dict) else None)
    texts = (str(r.get("text") or "") if r is not None else "" for r in rows)
    out = sys.stdout
    for row, spans in zip(rows, extractor.extract_many(texts), strict=True):
        if row is None:
            out.write(json.dumps({"id": None, "skills": [], "error": {"message": "not a JSON object line"}}) + "\n")
            continue
        skills = [
            {"start": s.start, "end": s.end, "text": s.text, "ontology_id": s.ontology_id,
             "label": s.label, "kind": s.kind, "confidence": round(s.confidence, 3)}
            for s in spans
        ]
        out.write(json.dumps({"id": row.get("id"), "skills": skills}, ensure_ascii=False) + "\n")
    return 0


def run_related(args: argparse.Namespace) -> int:
    from core.skills.relations import SkillRelations

    store = _ontology_store(args)
    if store is None:
        print(ONET_HINT, file=sys.stderr)
    rel = SkillRelations(store)
    items = getattr(rel, args.relation)(args.skill, limit=args.limit)
    if getattr(args, "json", False):
        print(json.dumps([vars_of(r) for r in items], ensure_ascii=False))
        return 0
    if not items:
        print("Nothing related found." if rel.resolve(args.skill) else f"Unknown skill: {args.skill}")
    for r in items:
        print(f"{r.score:5.2f}  {r.label}  [{r.ontology_id}] ({r.reason})")
    return 0


def run_transfer(args: argparse.Namespace) -> int:
    from core.skills.relations import SkillRelations

    store = _ontology_store(args)
    if store is None:
        print("Transferable skills need O*NET: import it first (`vita onet download`).", file=sys.stderr)
        return 1
    t = SkillRelations(store).transferable(args.source, args.target)
    if getattr(args, "json", False):
        print(json.dumps(vars_of(t), ensure_ascii=False, default=vars_of))
        return 0
    print(f"{t.source} -> {t.target}: {t.overlap:.0%} of the target's important skills and tools already held")
    print("Shared technologies: " + _some(t.shared_technologies))
    print("Technologies to add: " + _some(t.missing_technologies))
    for title, elems in (("Shared skills", t.shared_elements), ("Skills to grow", t.missing_elements)):
        print(f"{title}: " + (", ".join(f"{e.name} ({e.target_importance:.1f})" for e in elems[:10]) or "none"))
    return 0


def _some(items: list[str], limit: int = 15) -> str:
    if not items:
        return "none"
    more = f" (+{len(items) - limit} more)" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more


def vars_of(obj: Any) -> Any:
    """Dataclass (slots) -> dict, recursively for lists."""
    from dataclasses import asdict, is_dataclass

    return asdict(obj) if is_dataclass(obj) and not isinstance(obj, type) else obj
