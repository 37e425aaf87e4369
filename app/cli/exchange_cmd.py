"""CLI commands: `vita import FILE` and `vita export --format ... [--out PATH]` (see app/cli/__init__.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import emit, open_workspace

FORMATS = ("jsonresume", "csv", "docx", "pdf", "md", "vita")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita import` and `vita export`."""
    p = sub.add_parser("import", help="import a JSON Resume, a LinkedIn data-export ZIP or a Vita export")
    p.add_argument("file", type=Path)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export a resume (jsonresume, docx, pdf, md), the facts table (csv) "
                                      "or the whole vault (vita)")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", type=Path, help="output file (default: resume.<ext> in the current folder)")
    p.add_argument("--variant", help="use a saved tailoring")
    p.add_argument("--save-variant", metavar="NAME", help="save this tailoring under NAME")
    p.add_argument("--list-variants", action="store_true", help="print the saved variants and exit")
    p.add_argument("--tag", action="append", default=[], help="only entries with this tag (repeatable)")
    p.add_argument("--skill", action="append", default=[], help="only entries using this skill (repeatable)")
    p.add_argument("--from", dest="date_from", metavar="YYYY[-MM]")
    p.add_argument("--to", dest="date_to", metavar="YYYY[-MM]")
    p.add_argument("--include-hidden", action="store_true", help="also export hidden (private) facts")
    p.add_argument("--include-pending", action="store_true", help="also export facts not yet approved")
    p.add_argument("--include-rejected", action="store_true")
    p.add_argument("--include-inferred-skills", action="store_true",
                   help="also list skills Vita inferred from your bullets and O*NET (not in your skills section)")
    p.add_argument("--originals", action="store_true", help="vita format: include the original files")
    p.set_defaults(func=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    from core.exchange.api import import_file

    with open_workspace(args) as ws:
        summary = import_file(ws, args.file.expanduser())
    emit(args, {"kind": summary.kind, "facts": summary.facts, "rows": summary.rows},
         f"imported {summary.facts} facts from {args.file.name} ({summary.kind})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from core.exchange.api import SUFFIX, export_file
    from core.exchange.selection import (
        Selection,
        get_variant,
        list_variants,
        save_variant,
        selection_summary,
    )

    with open_workspace(args) as ws:
        if args.list_variants:
            variants = {name: selection_summary(s) for name, s in list_variants(ws).items()}
            emit(args, variants, "\n".join(f"{n}: {v}" for n, v in variants.items()) or "(no saved variants)")
            return 0
        selection = get_variant(ws, args.variant) if args.variant else Selection()
        if args.tag or args.skill or args.date_from or args.date_to:
            selection = Selection(tags=args.tag or selection.tags, skills=args.skill or selection.skills,
                                  date_from=args.date_from or selection.date_from,
                                  date_to=args.date_to or selection.date_to)
        selection.include_hidden = selection.include_hidden or args.include_hidden
        selection.include_pending = selection.include_pending or args.include_pending
        selection.include_rejected = selection.include_rejected or args.include_rejected
        selection.include_inferred_skills = selection.include_inferred_skills or args.include_inferred_skills
        if args.save_variant:
            save_variant(ws, args.save_variant, selection)
        out = args.out or Path(("vault" if args.format == "vita" else "resume") + SUFFIX[args.format])
        tailored = args.variant or selection != Selection()
        warnings: list[str] = []
        path = export_file(ws, args.format, out.expanduser(),
                           selection=selection if (tailored or args.format != "csv") else None,
                           include_originals=args.originals, warnings=warnings)
    for warning in warnings:
        print(f"vita: warning: {warning}", file=sys.stderr)
    emit(args, {"format": args.format, "path": str(path), "warnings": warnings}, f"wrote {path}")
    return 0
