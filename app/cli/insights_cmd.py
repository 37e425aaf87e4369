"""CLI commands: `vita insights` (what the career record shows) and `vita paths` (where next)."""

from __future__ import annotations

import argparse
import re
from dataclasses import asdict
from typing import Any

from app.cli.common import emit, open_workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita insights` and `vita paths`."""
    ins = sub.add_parser("insights", help="insights about your career, each with the facts that support it")
    ins.add_argument("--all", action="store_true", help="include dismissed insights")
    ins.add_argument("--as-of", help="compute as of this month (YYYY-MM; default: today)")
    ins.set_defaults(func=run_insights)
    pth = sub.add_parser("paths", help="occupations you could move to next (needs O*NET)")
    pth.add_argument("--as-of", help="compute as of this month (YYYY-MM; default: today)")
    pth.set_defaults(func=run_paths)


def _report(args: argparse.Namespace) -> tuple[Any, bool]:
    from core.advice import plan_for_insights
    from core.dates import PartialDate
    from core.errors import InvalidInput
    from core.insights import insights_for
    from core.interview.stories import behaviour_profile

    as_of = None
    if args.as_of:
        if not re.fullmatch(r"[12]\d{3}(-[01]\d)?", args.as_of):
            raise InvalidInput("--as-of takes a month as YYYY-MM (or a year).")
        as_of = PartialDate.parse(args.as_of)
    with open_workspace(args) as ws:
        return insights_for(ws, as_of=as_of, behaviour=behaviour_profile,
                            plan=plan_for_insights), ws.services.ontology() is not None


def run_insights(args: argparse.Namespace) -> int:
    report, _with_onet = _report(args)
    shown = list(report.insights) + (list(report.dismissed) if args.all else [])
    data = {"insights": [asdict(i) | {"dismissed": i in report.dismissed} for i in shown],
            "missing": list(report.missing), "notes": list(report.notes)}
    lines: list[str] = []
    for i in shown:
        jobs = f"; jobs {', '.join(map(str, i.job_ids))}" if i.job_ids else ""
        lines.append(f"{round(100 * i.strength):>3}%  [{i.kind}] {i.statement}  (facts {', '.join(map(str, i.fact_ids))}"
                     f"{jobs})" + ("  (dismissed)" if i in report.dismissed else ""))
        lines += [f"        [{'x' if a.done else ' '}] {a.text}" + (f" (due {a.due})" if a.due else "")
                  + (f" (task {a.task_id})" if a.task_id is not None else "") for a in i.actions]
    if not shown:
        lines.append("No insights yet.")
    lines += [f"  - {m}" for m in report.missing]
    emit(args, data, "\n".join(lines))
    return 0


def run_paths(args: argparse.Namespace) -> int:
    report, with_onet = _report(args)
    data = {"paths": [asdict(p) for p in report.paths], "missing": list(report.missing), "notes": list(report.notes)}
    if not with_onet:
        lines = ["O*NET is not imported: run `vita onet download` or `vita onet import PATH` first."]
    elif not report.paths:
        lines = ["No paths yet."] + [f"  - {m}" for m in report.missing]
    else:
        lines = [f"{round(100 * p.overlap):>3}%  {p.move:<11} {p.title} ({p.code}, job zone {p.job_zone or '?'})"
                 + (f"  to add: {', '.join(p.missing)}" if p.missing else "") for p in report.paths]
    emit(args, data, "\n".join(lines))
    return 0 if with_onet else 1
