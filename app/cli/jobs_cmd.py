"""CLI: `vita jobs add|list|show|status|edit|delete|import-csv|tailor`, `vita gaps`, `vita plan`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import emit, open_session, open_workspace
from app.cli.match_cmd import profile_weights
from core.errors import InvalidInput

STATUSES = ("saved", "applied", "interview", "offer", "rejected", "archived")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita jobs ...`, `vita gaps` and `vita plan ...`."""
    jobs = sub.add_parser("jobs", help="saved job postings: add, list, status, import a CSV")
    js = jobs.add_subparsers(dest="jobs_command", metavar="ACTION")
    p = js.add_parser("add", help="save a job description from a text file, '-' (stdin) or --text")
    p.add_argument("file", nargs="?", help="a .txt/.md file with the posting ('-' = stdin)")
    p.add_argument("--text", help="the posting's text")
    p.add_argument("--title", default="")
    p.add_argument("--company", default="")
    p.add_argument("--location", default="")
    p.set_defaults(func=cmd_add)
    p = js.add_parser("list", help="saved jobs")
    p.add_argument("--status", choices=STATUSES)
    p.set_defaults(func=cmd_list)
    p = js.add_parser("show", help="one job with its history")
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_show)
    p = js.add_parser("status", help="move a job to a status, with an optional note")
    p.add_argument("id", type=int)
    p.add_argument("status", choices=STATUSES)
    p.add_argument("--note", default="")
    p.set_defaults(func=cmd_status)
    p = js.add_parser("edit", help="change a job's fields (the values before are kept)")
    p.add_argument("id", type=int)
    for name in ("title", "company", "location", "salary", "notes"):
        p.add_argument(f"--{name}")
    p.set_defaults(func=cmd_edit)
    p = js.add_parser("delete", help="delete a job and its history (`vita undo` brings it back)")
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_delete)
    p = js.add_parser("import-csv", help="import postings from a CSV (columns by header name)")
    p.add_argument("file")
    p.set_defaults(func=cmd_import_csv)
    p = js.add_parser("tailor", help="save (and optionally export) a resume tailored to a job")
    p.add_argument("id", type=int)
    p.add_argument("--format", choices=["docx", "pdf", "md", "jsonresume"])
    p.add_argument("--out", help="file to write (with --format)")
    p.set_defaults(func=cmd_tailor)

    g = sub.add_parser("gaps", help="what your saved jobs ask for that your record does not show")
    g.add_argument("--limit", type=int, default=20)
    g.set_defaults(func=cmd_gaps)
    pl = sub.add_parser("plan", help="learning plan from your gaps, and your goals")
    ps = pl.add_subparsers(dest="plan_command", metavar="ACTION")
    pl.set_defaults(func=cmd_plan)
    p = ps.add_parser("goal", help="turn learning item N (from `vita plan`) into a goal with tasks")
    p.add_argument("item", type=int)
    p.add_argument("--due", default="", help="YYYY-MM-DD")
    p.set_defaults(func=cmd_goal)
    p = ps.add_parser("task", help="mark a goal's task done (--undo: not done)")
    p.add_argument("task", type=int)
    p.add_argument("--undo", action="store_true")
    p.set_defaults(func=cmd_task)


def _job_row(j: Any) -> dict[str, Any]:
    return {"id": j.id, "title": j.title, "company": j.company, "location": j.location, "remote": j.remote.value,
            "salary": j.salary_text, "source": j.source, "status": j.status.value,
            "status_changed_at": j.status_changed_at, "created_at": j.created_at}


def cmd_add(args: argparse.Namespace) -> int:
    from core.jobs.tracking import add_posting_text

    if args.text is not None:
        body = args.text
    elif args.file == "-":
        body = sys.stdin.read()
    elif args.file:
        path = Path(args.file)
        if path.suffix.lower() not in (".txt", ".md", ""):
            raise InvalidInput("`vita jobs add` reads text files; drop PDF or DOCX postings with `vita ingest`.")
        try:
            from core.documents.text_reader import decode_text

            body = decode_text(path.read_bytes())
        except OSError as exc:
            raise InvalidInput(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    else:
        raise InvalidInput("Give a file, '-' for stdin, or --text.")
    with open_workspace(args) as ws:
        ch = add_posting_text(ws, body, title=args.title, company=args.company, location=args.location,
                              source=Path(args.file).name if args.file and args.file != "-" else "pasted")
    (pid,) = ch.job_ids
    emit(args, {"id": pid}, f"Saved job {pid}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from core.jobs import PostingStatus, list_postings

    with open_workspace(args) as ws:
        jobs = list_postings(ws, status=PostingStatus(args.status) if args.status else None)
    rows = [_job_row(j) for j in jobs]
    emit(args, rows, "\n".join(f"{j.id:>4}  {j.status.value:<9}  {j.title}" + (f" — {j.company}" if j.company else "")
                               for j in jobs) or "No saved jobs.")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from core.jobs import get_posting
    from core.jobs.tracking import history

    with open_workspace(args) as ws:
        job = get_posting(ws, args.id)
        events = history(ws, args.id)
    data = {**_job_row(job), "notes": job.notes, "text": job.text,
            "history": [{"at": e.at, "kind": e.kind, "status": e.status, "note": e.note, "before": e.before}
                        for e in events]}
    lines = [f"{job.title}" + (f" — {job.company}" if job.company else ""), f"Status: {job.status.value} since "
             f"{job.status_changed_at}"]
    lines += [f"  {e.at}  {e.kind} {e.status} {e.note}".rstrip() for e in events]
    emit(args, data, "\n".join(lines + ["", job.text]))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from core.jobs.tracking import set_status

    with open_workspace(args, undoable=True) as ws:
        set_status(ws, args.id, args.status, note=args.note)
    emit(args, {"id": args.id, "status": args.status}, f"Job {args.id}: {args.status}.")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from core.jobs.tracking import edit_posting

    values = {k: v for k, v in (("title", args.title), ("company", args.company), ("location", args.location),
                                ("salary_text", args.salary), ("notes", args.notes)) if v is not None}
    if not values:
        raise InvalidInput("Nothing to change: give --title, --company, --location, --salary or --notes.")
    with open_workspace(args, undoable=True) as ws:
        edit_posting(ws, args.id, **values)
    emit(args, {"id": args.id, **values}, f"Job {args.id} changed.")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from core.jobs.tracking import delete_job

    with open_workspace(args, undoable=True) as ws:
        delete_job(ws, args.id)
    emit(args, {"deleted": args.id}, f"Deleted job {args.id}.")
    return 0


def cmd_import_csv(args: argparse.Namespace) -> int:
    from core.jobs.tracking import import_postings_csv

    with open_workspace(args) as ws:
        report = import_postings_csv(ws, Path(args.file))
    data = {"added": len(report.added), "errors": [{"line": n, "message": m} for n, m in report.errors]}
    text = f"Imported {len(report.added)} jobs." + "".join(f"\n  line {n}: {m}" for n, m in report.errors)
    emit(args, data, text)
    return 0


def cmd_tailor(args: argparse.Namespace) -> int:
    from core.jobs.service import export_tailored, save_tailored_variant

    with open_session(args) as session:
        ws, weights = session.workspace, profile_weights(session)
        save_tailored_variant(ws, args.id, weights=weights)
        out = None
        if args.format:
            if not args.out:
                raise InvalidInput("Give --out FILE with --format.")
            out = export_tailored(ws, args.id, args.format, Path(args.out), weights=weights)
    emit(args, {"id": args.id, "written": str(out) if out else None},
         f"Saved the tailored variant for job {args.id}" + (f"; wrote {out}." if out else "."))
    return 0


def _gaps(session: Any) -> Any:
    from core.jobs.service import ranked_with_gaps

    return ranked_with_gaps(session.workspace, weights=profile_weights(session))[1]


def cmd_gaps(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        gaps = _gaps(session)[: args.limit]
    data = [{"label": g.label, "kind": g.kind.value, "status": g.status.value, "jobs": len(g.jobs),
             "must_jobs": g.must_jobs, "rank": g.rank, "hot": g.hot, "adjacent": g.adjacent} for g in gaps]
    text = "\n".join(f"{g.rank:6.2f}  {g.label} ({g.kind.value}, {g.status.value}): {len(g.jobs)} jobs, "
                     f"{g.must_jobs} must" + (" [hot]" if g.hot else "") +
                     (f"; you have {', '.join(g.adjacent[:3])}" if g.adjacent else "") for g in gaps)
    emit(args, data, text or "No gaps: add saved jobs first (`vita jobs add`).")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from core.jobs.plan import goal_summary, learning_plan, list_goals

    with open_session(args) as session:
        ws = session.workspace
        items = learning_plan(_gaps(session))
        goals = list_goals(ws)
    data = {"items": [{"n": i + 1, "what": it.what, "why": it.why, "unlocks": list(it.unlocks), "hot": it.hot,
                       "weeks": it.weeks, "add_evidence": it.add_evidence} for i, it in enumerate(items)],
            "goals": [goal_summary(g) for g in goals]}
    lines = ["Learning plan:"]
    for i, it in enumerate(items, 1):
        effort = "add the evidence" if it.add_evidence else f"~{it.weeks} weeks"
        lines.append(f"{i:>3}. {it.what} ({effort})" + (" [hot]" if it.hot else "") + f": {it.why}")
    if goals:
        lines.append("Goals:")
        for g in goals:
            lines.append(f"  [{g.status}] {g.title} {g.progress:.0%}" + (f" due {g.due}" if g.due else ""))
            lines += [f"      {'x' if t.done else ' '} {t.id}: {t.title}" for t in g.tasks]
    emit(args, data, "\n".join(lines))
    return 0


def cmd_goal(args: argparse.Namespace) -> int:
    from core.jobs.plan import add_goal, learning_plan

    with open_session(args) as session:
        ws = session.workspace
        items = learning_plan(_gaps(session))
        if not 1 <= args.item <= len(items):
            raise InvalidInput(f"No learning item {args.item}; `vita plan` lists {len(items)}.")
        add_goal(ws, items[args.item - 1], due=args.due)
    emit(args, {"goal": items[args.item - 1].what}, f"Goal added: learn {items[args.item - 1].what}.")
    return 0


def cmd_task(args: argparse.Namespace) -> int:
    from core.jobs.plan import set_task_done

    with open_workspace(args) as ws:
        set_task_done(ws, args.task, not args.undo)
    emit(args, {"task": args.task, "done": not args.undo}, f"Task {args.task} {'reopened' if args.undo else 'done'}.")
    return 0
