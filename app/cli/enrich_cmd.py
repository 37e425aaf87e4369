"""CLI command: `vita enrich` links stored facts to the ontology (see app/cli/__init__.py for the registry)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita enrich [FACT_ID...] [--json]`."""
    p = sub.add_parser(
        "enrich", help="link roles to O*NET occupations and skill mentions to skill facts",
        description="Map role titles to O*NET-SOC occupations (when O*NET is imported), turn skills "
                    "mentioned in achievements, projects and summaries into skill facts linked to their "
                    "roles, and link skill facts to ontology entries. Running it again adds nothing; "
                    "`vita` undo reverts it as one step.")
    p.add_argument("fact_ids", nargs="*", type=int, metavar="FACT_ID", help="only these facts (default: all)")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print the summary as JSON")
    p.set_defaults(func=run_enrich)


def run_enrich(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_workspace
    from core.enrich import enrich_facts

    with open_workspace(args) as ws:
        store = ws.services.ontology()
        summary = enrich_facts(ws, args.fact_ids or None, ontology=store)
    note = "" if store is not None else "\n(O*NET is not imported: skills link to the starter lexicon, roles stay unmapped; run `vita onet download`.)"
    emit(args, summary.to_dict(), summary.line() + note)
    return 0
