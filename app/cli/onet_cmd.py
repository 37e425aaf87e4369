"""CLI commands: `vita onet status|import|download|search|occupation|title` (O*NET ontology)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from core.ontology import ImportProgress, ImportReport, OntologyStore

from core.ontology import EMBEDDING_MODEL, MISSING_HINT, translated_errors


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita onet ...`."""
    onet = sub.add_parser("onet", help="O*NET ontology: import, status, occupation lookups")
    cmds = onet.add_subparsers(dest="onet_command", metavar="ACTION")

    p = cmds.add_parser("status", help="is O*NET imported? version, counts, attribution")
    p.set_defaults(func=cmd_status)

    p = cmds.add_parser("import", help="import an O*NET text release (folder or zip)")
    p.add_argument("path", help="release folder (e.g. db_30_0_text) or its zip")
    p.add_argument("--no-embed", action="store_true", help="skip embeddings (no semantic lookups)")
    p.set_defaults(func=cmd_import)

    p = cmds.add_parser("download", help="download the O*NET text release zip, then import it")
    p.add_argument("--url", help="release zip address (default: the official O*NET 30.0 text release)")
    p.add_argument("--no-embed", action="store_true", help="skip embeddings (no semantic lookups)")
    p.set_defaults(func=cmd_download)

    p = cmds.add_parser("search", help="find occupations by title (exact, fuzzy, semantic)")
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--no-semantic", action="store_true", help="do not load the embedding model")
    p.set_defaults(func=cmd_search)

    p = cmds.add_parser("occupation", help="show one occupation by O*NET-SOC code")
    p.add_argument("code", help="e.g. 15-1252.00")
    p.set_defaults(func=cmd_occupation)

    p = cmds.add_parser("title", help="normalise a job title to ranked O*NET-SOC codes")
    p.add_argument("text", nargs="+")
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--no-semantic", action="store_true", help="do not load the embedding model")
    p.set_defaults(func=cmd_title)

    p = cmds.add_parser("classify", help="ranked O*NET-SOC codes for titles, postings or resumes (JSONL in and out)")
    p.add_argument("input", help="JSONL file of {id, text} lines ('-' = stdin)")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--no-semantic", action="store_true", help="do not load the embedding model")
    p.set_defaults(func=_classify)


def _classify(args: argparse.Namespace) -> int:
    from app.cli.match_cmd import run_classify

    with translated_errors():
        return run_classify(args)


# -- plumbing ------------------------------------------------------------------------------


def ontology_path(args: argparse.Namespace) -> Path:
    from app.paths import app_paths

    return app_paths(getattr(args, "home", None)).ontology_db


def open_store(args: argparse.Namespace) -> OntologyStore:
    from core.ontology import OntologyStore

    return OntologyStore.open(ontology_path(args))


def _embedder(args: argparse.Namespace) -> Callable[[list[str]], np.ndarray]:
    from app.cli.common import cli_session

    return cli_session(args).embedding().embed  # type: ignore[no-any-return]


def _semantic_embed(args: argparse.Namespace, store: OntologyStore) -> Callable[[list[str]], np.ndarray] | None:
    """The embedder, unless switched off or the ontology has no title embeddings."""
    if getattr(args, "no_semantic", False) or not store.embedding_kinds():
        return None
    return _embedder(args)


def emit(args: argparse.Namespace, data: Any, text: Callable[[], str]) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(text())


def _progress_printer(args: argparse.Namespace) -> Callable[[ImportProgress], None]:
    last: dict[str, Any] = {"key": None}

    def show(p: ImportProgress) -> None:
        pct = int(100 * p.fraction)
        key = (p.stage, pct // 2)
        if key == last["key"]:
            return
        last["key"] = key
        print(f"\r{p.stage}: {pct:3d}% {p.item[:50]:<50}", end="", file=sys.stderr, flush=True)

    return show


# -- commands ------------------------------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    from core.ontology import OntologyNotImported

    path = ontology_path(args)
    with translated_errors():
        try:
            store = open_store(args)
        except OntologyNotImported:
            data = {"imported": False, "path": str(path), "hint": MISSING_HINT}
            emit(args, data, lambda: f"O*NET is not imported ({path}).\n{MISSING_HINT}")
            return 0
        with store:
            info = store.info()
    data = {"imported": True, **asdict(info)}

    def text() -> str:
        lines = [f"O*NET {info.version} imported {info.imported_at} from {info.source}", f"Database: {info.path}"]
        lines.append("Counts: " + ", ".join(f"{k} {v}" for k, v in info.counts.items()))
        emb = ", ".join(f"{k} {v}" for k, v in info.embeddings.items()) or "none (no semantic lookups)"
        lines.append(f"Embeddings: {emb}")
        missing = [f.name for f in info.files if f.status in ("missing", "unusable")]
        if missing:
            lines.append("Not in this release: " + ", ".join(missing))
        lines.append(f"Licence: {info.licence}. {info.attribution}")
        return "\n".join(lines)

    emit(args, data, text)
    return 0


def _run_import(args: argparse.Namespace, source: Path) -> ImportReport:
    from core.ontology import import_release

    embed = None if args.no_embed else _embedder(args)
    show = None if args.json else _progress_printer(args)
    report = import_release(source, ontology_path(args), embed=embed,
                            embedding_model=EMBEDDING_MODEL if embed else "", progress=show)
    if show is not None:
        print(file=sys.stderr)
    return report


def _report_import(args: argparse.Namespace, report: ImportReport) -> None:
    data = {"path": str(report.path), "version": report.version, "seconds": round(report.seconds, 2),
            "loaded": report.loaded, "missing": report.missing, "unusable": report.unusable,
            "embeddings": report.embeddings, "files": [asdict(f) for f in report.files]}

    def text() -> str:
        lines = [f"Imported O*NET {report.version} in {report.seconds:.1f} s into {report.path}"]
        lines += [f"  {f.name}: {f.status}" + (f" ({f.rows} rows)" if f.rows else "") + (f" - {f.note}" if f.note else "")
                  for f in report.files]
        lines.append("Embeddings: " + (", ".join(f"{k} {v}" for k, v in report.embeddings.items()) or "none"))
        return "\n".join(lines)

    emit(args, data, text)


def cmd_import(args: argparse.Namespace) -> int:
    with translated_errors():
        report = _run_import(args, Path(args.path).expanduser())
    _report_import(args, report)
    return 0


def cmd_download(args: argparse.Namespace) -> int:
    from core.ontology import DEFAULT_URL, download_release

    url = args.url or DEFAULT_URL
    target_dir = ontology_path(args).parent
    target_dir.mkdir(parents=True, exist_ok=True)
    with translated_errors(), tempfile.TemporaryDirectory(dir=target_dir, prefix=".download-") as tmp:
        show = None if args.json else _progress_printer(args)
        zip_path = download_release(url, Path(tmp) / "onet_release.zip", progress=show)
        if show is not None:
            print(file=sys.stderr)
        report = _run_import(args, zip_path)
    _report_import(args, report)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from core.ontology import search_occupations

    query = " ".join(args.text)
    with translated_errors(), open_store(args) as store:
        hits = search_occupations(store, query, embed=_semantic_embed(args, store), limit=args.limit)
    data = [asdict(h) for h in hits]

    def text() -> str:
        if not hits:
            return f"No occupation matches {query!r}."
        rows = []
        for h in hits:
            how = ", ".join(f"{m} {v:.2f}" for m, v in (("exact", h.exact), ("fuzzy", h.fuzzy),
                                                        ("semantic", h.semantic)) if v is not None)
            rows.append(f"{h.score:.2f}  {h.code}  {h.title}  (matched {h.matched!r}; {how})")
        return "\n".join(rows)

    emit(args, data, text)
    return 0


def cmd_occupation(args: argparse.Namespace) -> int:
    from core.errors import NotFound
    from core.ontology import occupation_profile

    with translated_errors(), open_store(args) as store:
        data = occupation_profile(store, args.code.strip())
    if data is None:
        raise NotFound(f"No O*NET occupation has the code {args.code!r}.",
                       hint="Find codes with `vita onet search TITLE`.")
    emit(args, data, lambda: format_occupation(data))
    return 0


def format_occupation(d: dict[str, Any]) -> str:
    """Readable text for `vita onet occupation`."""
    lines = [f"{d['code']}  {d['title']}", "", d["description"], ""]
    if d["job_zone"]:
        lines.append(f"Job zone {d['job_zone']['zone']}: {d['job_zone']['name']}")
    if d["education"]["typical"]:
        lines.append(f"Typical education: {d['education']['typical']}")
    if d["tasks"]:
        lines += ["", "Tasks:"] + [f"  - {t['text']}" for t in d["tasks"][:10]]
    if d["technology_skills"]:
        techs = [t["example"] + (" [hot]" if t["hot"] else "") + (" [in demand]" if t["in_demand"] else "")
                 for t in d["technology_skills"][:25]]
        lines += ["", f"Technology skills ({len(d['technology_skills'])}):"] + [f"  - {t}" for t in techs]
    for key, label in (("skills", "Skills"), ("knowledge", "Knowledge"), ("abilities", "Abilities")):
        rated = [r for r in d[key] if r["importance"] is not None][:10]
        if rated:
            lines += ["", f"{label} by importance:"]
            lines += [f"  {r['importance']:.2f}  {r['name']}" + (f" (level {r['level']:.2f})" if r["level"] is not None else "")
                      for r in rated]
    if d["related_occupations"]:
        lines += ["", "Related occupations:"] + [f"  {r['code']}  {r['title']} ({r['tier']})"
                                                 for r in d["related_occupations"][:10]]
    return "\n".join(lines)


def cmd_title(args: argparse.Namespace) -> int:
    from core.ontology import normalize_title

    query = " ".join(args.text)
    with translated_errors(), open_store(args) as store:
        matches = normalize_title(store, query, embed=_semantic_embed(args, store), limit=args.limit)
    data = [m._asdict() for m in matches]
    emit(args, data, lambda: "\n".join(f"{m.confidence:.2f}  {m.code}  {m.title}" for m in matches)
         or f"No occupation found for {query!r}.")
    return 0
