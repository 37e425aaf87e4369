"""CLI commands: `vita facts list|show|add|edit|approve|reject|hide|unhide|delete|merge|split|history|
revert|search|conflicts` (see app/cli/__init__.py for the registry)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.common import emit, open_workspace

TYPES = ("contact", "organisation", "role", "achievement", "metric", "skill", "education", "credential", "project",
         "language", "award", "publication", "volunteer", "interest", "preference")
STATUSES = ("pending", "approved", "rejected")


def _fact_dict(f: Any) -> dict[str, Any]:
    return {"id": f.id, "type": f.type.value, "value": f.value, "attributes": f.attributes, "status": f.status.value,
            "visibility": f.visibility.value, "confidence": f.confidence, "source_kind": f.source_kind.value,
            "tags": f.tags, "created_at": f.created_at, "updated_at": f.updated_at}


def _line(f: Any) -> str:
    flags = ("" if f.visibility.value == "exportable" else " [hidden]") + (f" #{' #'.join(f.tags)}" if f.tags else "")
    return f"{f.id:>6}  {f.type.value:<12} {f.status.value:<9} {f.value}{flags}"


def _attrs(pairs: list[str]) -> dict[str, Any]:
    """key=value pairs; values that parse as JSON (numbers, lists, null) are taken as JSON."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep:
            raise SystemExit(f"vita: --attr needs key=value, got {pair!r}")
        try:
            out[key] = json.loads(raw)
        except ValueError:
            out[key] = raw
    return out


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita facts ...`."""
    p = sub.add_parser("facts", help="list, edit, review, merge, split and search facts")
    fs = p.add_subparsers(dest="facts_command", metavar="ACTION", required=True)

    c = fs.add_parser("list", help="list facts")
    c.add_argument("--type", choices=TYPES)
    c.add_argument("--status", choices=STATUSES)
    c.add_argument("--tag")
    c.add_argument("--limit", type=int, default=1000)
    c.set_defaults(func=cmd_list)

    c = fs.add_parser("show", help="one fact with its provenance, links and history")
    c.add_argument("id", type=int)
    c.set_defaults(func=cmd_show)

    c = fs.add_parser("add", help="add a fact entered by you")
    c.add_argument("type", choices=TYPES)
    c.add_argument("value")
    c.add_argument("--attr", action="append", default=[], metavar="KEY=VALUE")
    c.add_argument("--tag", action="append", default=[])
    c.add_argument("--approve", action="store_true")
    c.set_defaults(func=cmd_add)

    c = fs.add_parser("edit", help="edit a fact's value, attributes or tags")
    c.add_argument("id", type=int)
    c.add_argument("--value")
    c.add_argument("--attr", action="append", default=[], metavar="KEY=VALUE")
    c.add_argument("--unset", action="append", default=[], metavar="KEY")
    c.add_argument("--tag", action="append", default=[])
    c.add_argument("--untag", action="append", default=[])
    c.set_defaults(func=cmd_edit)

    for name, helptext in (("approve", "approve facts"), ("reject", "reject facts"),
                           ("hide", "never export these facts"), ("unhide", "export these facts again")):
        c = fs.add_parser(name, help=helptext)
        c.add_argument("ids", type=int, nargs="+")
        c.set_defaults(func=cmd_status, action=name)

    c = fs.add_parser("delete", help="delete facts (--erase: with history and vectors, not undoable)")
    c.add_argument("ids", type=int, nargs="+")
    c.add_argument("--erase", action="store_true")
    c.set_defaults(func=cmd_delete)

    c = fs.add_parser("merge", help="merge OTHER into KEEP (provenance kept from both)")
    c.add_argument("keep", type=int)
    c.add_argument("other", type=int)
    c.add_argument("--value")
    c.set_defaults(func=cmd_merge)

    c = fs.add_parser("split", help="split a fact into several values")
    c.add_argument("id", type=int)
    c.add_argument("parts", nargs="+", metavar="VALUE")
    c.set_defaults(func=cmd_split)

    c = fs.add_parser("history", help="a fact's versions (with --diff A B: what changed)")
    c.add_argument("id", type=int)
    c.add_argument("--diff", type=int, nargs=2, metavar=("A", "B"))
    c.set_defaults(func=cmd_history)

    c = fs.add_parser("revert", help="put a fact back as it was at VERSION")
    c.add_argument("id", type=int)
    c.add_argument("version", type=int)
    c.set_defaults(func=cmd_revert)

    c = fs.add_parser("search", help="full-text and semantic search with filters")
    c.add_argument("text")
    c.add_argument("--type", action="append", choices=TYPES, default=[])
    c.add_argument("--status", action="append", choices=STATUSES, default=[])
    c.add_argument("--skill")
    c.add_argument("--org", dest="organisation")
    c.add_argument("--from", dest="date_from", metavar="YYYY[-MM]")
    c.add_argument("--to", dest="date_to", metavar="YYYY[-MM]")
    c.add_argument("--tag", action="append", default=[])
    c.add_argument("--semantic", choices=("auto", "off"), default="auto",
                   help="add semantic neighbours when fact vectors exist (default auto)")
    c.add_argument("--limit", type=int, default=20)
    c.set_defaults(func=cmd_search)

    c = fs.add_parser("conflicts", help="list open conflicts, or settle one with --resolve ID VALUE")
    c.add_argument("--resolve", nargs=2, metavar=("ID", "VALUE"))
    c.add_argument("--all", action="store_true", help="include resolved conflicts")
    c.set_defaults(func=cmd_conflicts)


def cmd_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        facts = ws.list_facts(type=args.type, status=args.status, limit=args.limit)
    if args.tag:
        facts = [f for f in facts if args.tag in f.tags]
    if getattr(args, "json", False):
        for f in facts:
            print(json.dumps(_fact_dict(f), ensure_ascii=False))
    else:
        print("\n".join(_line(f) for f in facts) if facts else "(no facts)")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from sqlalchemy import text

    from core.kb import fact_history

    with open_workspace(args) as ws:
        f = ws.get_fact(args.id)
        sources = ws.fact_sources(args.id)
        with ws.reading() as conn:
            edges = [dict(r) for r in conn.execute(text(
                "SELECT id, kind, src_id, dst_id, dst_ref FROM edges WHERE src_id = :f OR dst_id = :f ORDER BY id"),
                {"f": args.id}).mappings()]
        versions = len(fact_history(ws, args.id))
    data = _fact_dict(f) | {"sources": [{"kind": s.source_kind.value, "document_id": s.document_id, "page": s.page,
                                         "start": s.start, "end": s.end, "extractor": s.extractor,
                                         "note": s.note} for s in sources],
                            "edges": edges, "versions": versions}
    human = _line(f) + "\n" + json.dumps(f.attributes, ensure_ascii=False, indent=2) + "\nsources:\n" + "\n".join(
        f"  {s['kind']} doc={s['document_id']} page={s['page']} {s['note']}" for s in data["sources"]) + (
        "\nlinks:\n" + "\n".join(f"  {e['src_id']} -{e['kind']}-> {e['dst_id'] or e['dst_ref']}" for e in edges)
        if edges else "") + f"\nversions: {versions}"
    emit(args, data, human)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from core.kb import NewFact, create_fact
    from core.model import FactStatus, FactType

    with open_workspace(args, undoable=True) as ws:
        ch = create_fact(ws, NewFact(FactType(args.type), args.value, _attrs(args.attr), tags=args.tag,
                                     status=FactStatus.approved if args.approve else FactStatus.pending))
        fid = next(iter(ch.fact_ids))
    emit(args, {"id": fid}, f"added fact {fid}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from core.kb import bulk_edit, edit_fact

    changes = _attrs(args.attr) | {k: None for k in args.unset}
    with open_workspace(args, undoable=True) as ws:
        if args.value is not None or changes:
            edit_fact(ws, args.id, value=args.value, set_attributes=changes or None)
        if args.tag or args.untag:
            bulk_edit(ws, [args.id], add_tags=args.tag, remove_tags=args.untag)
        f = ws.get_fact(args.id)
    emit(args, _fact_dict(f), _line(f))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from core import kb

    fn = {"approve": kb.approve, "reject": kb.reject, "hide": kb.hide, "unhide": kb.unhide}[args.action]
    with open_workspace(args, undoable=True) as ws:
        ch = fn(ws, args.ids)
    emit(args, {"action": args.action, "ids": sorted(ch.fact_ids)}, f"{ch.undo_label}: done")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from core import kb

    with open_workspace(args, undoable=True) as ws:
        if args.erase:
            report = kb.erase_facts(ws, args.ids)
            emit(args, {"erased": report.facts, "backups_removed": report.backups_removed,
                        "leftovers_removed": list(report.leftovers_removed)},
                 f"erased {report.facts} facts; {report.backups_removed} old backups replaced by a fresh one"
                 + (f"; {len(report.leftovers_removed)} leftover files removed" if report.leftovers_removed else ""))
        else:
            kb.delete_facts(ws, args.ids)
            emit(args, {"deleted": args.ids}, f"deleted {len(args.ids)} facts")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from core.kb import merge_facts

    with open_workspace(args, undoable=True) as ws:
        merge_facts(ws, args.keep, args.other, value=args.value)
        f = ws.get_fact(args.keep)
    emit(args, _fact_dict(f), f"merged {args.other} into {args.keep}: {f.value}")
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    from core.kb import Part, split_fact

    with open_workspace(args, undoable=True) as ws:
        ch = split_fact(ws, args.id, [Part(v) for v in args.parts])
    emit(args, {"ids": sorted(ch.fact_ids)}, "split into facts " + ", ".join(map(str, sorted(ch.fact_ids))))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from core.kb import diff_versions, fact_history

    with open_workspace(args) as ws:
        if args.diff:
            changes = diff_versions(ws, args.id, *args.diff)
            emit(args, [{"field": c.field, "before": c.before, "after": c.after} for c in changes],
                 "\n".join(f"{c.field}: {c.before!r} -> {c.after!r}" for c in changes) or "(no differences)")
            return 0
        versions = fact_history(ws, args.id)
    emit(args, [{"version": v.version, "action": v.action, "at": v.created_at, "snapshot": v.snapshot}
                for v in versions],
         "\n".join(f"v{v.version}  {v.created_at}  {v.action:<16} {v.snapshot.get('value', '')}" for v in versions))
    return 0


def cmd_revert(args: argparse.Namespace) -> int:
    from core.kb import revert_fact

    with open_workspace(args, undoable=True) as ws:
        revert_fact(ws, args.id, args.version)
        f = ws.get_fact(args.id)
    emit(args, _fact_dict(f), f"reverted to version {args.version}: {_line(f)}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from core.kb import Filters, search_facts
    from core.model import FactStatus, FactType

    filters = Filters(types=[FactType(t) for t in args.type], statuses=[FactStatus(s) for s in args.status],
                      skill=args.skill, organisation=args.organisation, date_from=args.date_from,
                      date_to=args.date_to, tags=args.tag)
    with open_workspace(args) as ws:
        hits = search_facts(ws, args.text, filters=filters, limit=args.limit, semantic=args.semantic == "auto")
    if getattr(args, "json", False):
        for h in hits:
            print(json.dumps(_fact_dict(h.fact) | {"score": round(h.score, 4), "via": h.via}, ensure_ascii=False))
    else:
        print("\n".join(f"{_line(h.fact)}  ({h.via} {h.score:.3f})" for h in hits) if hits else "(no matches)")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from core.ingest.conflicts import list_conflicts, resolve_conflict

    with open_workspace(args) as ws:
        if args.resolve:
            cid, raw = args.resolve
            try:
                value: Any = json.loads(raw)
            except ValueError:
                value = raw
            resolve_conflict(ws, int(cid), value=value)
        found = list_conflicts(ws, status=None if args.all else "open")
    data = [{"id": c.id, "fact_id": c.fact_id, "field": c.field, "status": c.status, "resolution": c.resolution,
             "candidates": [cand.value for cand in c.candidates]} for c in found]
    emit(args, data, "\n".join(f"{d['id']:>4}  fact {d['fact_id']}  {d['field']}: {d['candidates']}  [{d['status']}]"
                               for d in data) or "(no open conflicts)")
    return 0
