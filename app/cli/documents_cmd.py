"""CLI commands: `vita documents list / remove / erase` (see app/cli/__init__.py for the registry)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import emit, open_workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita documents list|remove|erase`."""
    p = sub.add_parser("documents", help="the documents in the vault: list, remove, erase permanently")
    ds = p.add_subparsers(dest="documents_command", metavar="ACTION", required=True)
    ls = ds.add_parser("list", help="list stored documents with their id, type and fact count")
    ls.set_defaults(func=cmd_list)
    rm = ds.add_parser("remove", help="remove documents: facts only they support go, others lose their passages",
                       description="Remove documents added by mistake. Facts that only these documents support "
                                   "are removed; facts that other sources also support are kept and detached. "
                                   "Undo it with `vita undo` (in the app: Edit > Undo).")
    rm.add_argument("documents", nargs="+", metavar="ID_OR_NAME", help="document id or file name")
    rm.set_defaults(func=cmd_remove)
    er = ds.add_parser("erase", help="erase documents permanently (text, original, facts; not undoable)",
                       description="Erase documents so no trace is left in the vault: their text, original file "
                                   "and the facts only they support. Not undoable.")
    er.add_argument("documents", nargs="+", metavar="ID_OR_NAME", help="document id or file name")
    er.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    er.set_defaults(func=cmd_erase)


def _resolve(ws: Any, wanted: list[str]) -> list[Any]:
    """Documents by id or exact file name, in the order given; a name matching several is an error."""
    from core.errors import InvalidInput, NotFound
    from core.library import list_documents

    docs = list_documents(ws)
    out = []
    for w in wanted:
        hits = [d for d in docs if (w.isdigit() and d.id == int(w)) or d.source_name == w]
        if not hits:
            raise NotFound(f"No document {w!r} in this vault.", hint="`vita documents list` shows them.")
        if len(hits) > 1:
            raise InvalidInput(f"Several documents are called {w!r}.", hint="Give the id from `vita documents list`.")
        out.append(hits[0])
    return out


def cmd_list(args: argparse.Namespace) -> int:
    from core.library import list_documents

    with open_workspace(args) as ws:
        docs = list_documents(ws)
    rows = [{"id": d.id, "name": d.source_name, "type": d.doc_type.value, "facts": d.fact_count,
             "added_at": d.added_at} for d in docs]
    emit(args, rows, "\n".join(f"{r['id']:>4}  {r['name']}  ({str(r['type']).replace('_', ' ')}, "
                               f"{r['facts']} facts)" for r in rows) or "(no documents)")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from core.library import remove_document

    with open_workspace(args, undoable=True) as ws:
        done = [remove_document(ws, d.id) for d in _resolve(ws, args.documents)]
    rows = [{"name": r.source_name, "facts_removed": r.facts_removed, "facts_detached": r.facts_detached}
            for r in done]
    emit(args, rows, "\n".join(f"removed {r['name']}: {r['facts_removed']} facts removed, "
                               f"{r['facts_detached']} kept (other sources support them)" for r in rows)
         + "\nUndo with `vita undo`.")
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    import sys

    from core.errors import Cancelled, InvalidInput
    from core.kb.erasure import erase_document

    with open_workspace(args) as ws:
        docs = _resolve(ws, args.documents)
        if not args.yes:
            names = ", ".join(d.source_name for d in docs)
            if not sys.stdin.isatty():
                raise InvalidInput(f"Erasing {names} cannot be undone.", hint="Pass --yes to confirm.")
            answer = input(f"Erase {names} permanently? This cannot be undone. [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise Cancelled("Nothing erased.")
        reports = [(d.source_name, erase_document(ws, d.id)) for d in docs]
    rows = [{"name": n, "facts_erased": r.facts, "backups_removed": r.backups_removed} for n, r in reports]
    emit(args, rows, "\n".join(f"erased {r['name']}: {r['facts_erased']} facts erased" for r in rows))
    return 0
