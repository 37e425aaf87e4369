"""CLI: `vita match pairs --format jsonl FILE` (stateless scoring) and `vita onet classify` helpers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_GLOBAL_WITH_VALUE = frozenset({"--home", "--profile"})
_MATCH_ACTIONS = frozenset({"pairs", "job", "all", "-h", "--help"})


def issue_forms(argv: list[str]) -> list[str]:
    """`vita match JOB` -> `vita match job JOB`, `vita match --all` -> `vita match all` (both forms work)."""
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        i += 2 if argv[i] in _GLOBAL_WITH_VALUE else 1
    if i >= len(argv) or argv[i] != "match":
        return argv
    rest = argv[i + 1:]
    if "--all" in rest and not any(a in _MATCH_ACTIONS for a in rest):
        rest = ["all"] + [a for a in rest if a != "--all"]
    else:
        first = next((n for n, a in enumerate(rest) if not a.startswith("-")), None)
        if first is not None and rest[first] not in _MATCH_ACTIONS and rest[first].isdigit():
            rest = ["job"] + rest
    return argv[: i + 1] + rest


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita match JOB|--all|pairs ...` (also `vita match job ID` and `vita match all`)."""
    p = sub.add_parser("match", help="match a person against jobs: `vita match JOB`, `vita match --all`",
                       usage="vita match JOB [--json] | vita match --all [--json] | vita match pairs FILE")
    msub = p.add_subparsers(dest="match_command", metavar="ACTION")
    pairs = msub.add_parser("pairs", help="score resume/job text pairs: JSONL {id, resume, job} -> {id, score}")
    pairs.add_argument("file", help="JSONL file of {id, resume, job} lines ('-' = stdin)")
    pairs.add_argument("--format", choices=["jsonl"], default="jsonl")
    pairs.add_argument("--no-semantic", action="store_true", help="do not load the embedding model")
    pairs.set_defaults(func=run_pairs)
    job = msub.add_parser("job", help="match your record against one saved job, requirement by requirement")
    job.add_argument("id", type=int)
    job.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output")
    job.set_defaults(func=run_job)
    every = msub.add_parser("all", help="rank every saved job (not archived or rejected)")
    every.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output")
    every.set_defaults(func=run_all)


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


STATUS_MARK = {"met": "✔", "partial": "◐", "missing": "✘", "unknown": "?"}


def result_json(match: Any) -> dict[str, Any]:
    """A JobMatch as plain JSON (requirements with statuses and the facts behind them)."""
    r = match.result
    return {
        "job": {"id": match.posting.id, "title": match.posting.title, "company": match.posting.company},
        "headline": r.headline, "score": r.score, "capped": r.capped, "musts_met": r.musts_met,
        "musts_total": r.musts_total, "occupation_fit": r.occupation_fit,
        "occupations": [{"code": o.code, "title": o.title, "score": o.score} for o in match.parsed.occupations[:3]],
        "job_zone": match.parsed.job_zone,
        "sections": [{"name": s.name, "weight": s.weight, "earned": s.earned, "counted": s.counted}
                     for s in r.sections],
        "requirements": [{"kind": x.requirement.kind.value, "label": x.requirement.label, "must": x.requirement.must,
                          "span": [x.requirement.start, x.requirement.end], "years": x.requirement.years,
                          "status": x.status.value, "step": x.step, "reason": x.reason, "fact_ids": list(x.fact_ids)}
                         for x in r.results],
    }


def result_text(match: Any) -> str:
    r = match.result
    lines = [f"{match.posting.title} (job {match.posting.id})", r.headline]
    if r.score is not None:
        parts = ", ".join(f"{s.name} {s.earned * 100:.0f}% of {s.weight:g}" if s.counted else f"{s.name} not known"
                          for s in r.sections)
        lines.append(f"Score {r.score:g}/100" + (" (capped: a must-have is missing)" if r.capped else "") + f" — {parts}")
    for x in r.results:
        req = x.requirement
        lines.append(f"  {STATUS_MARK[x.status.value]} {'must' if req.must else 'nice'}  {req.label}"
                     + (f" ({req.years:g}+ y)" if req.years and req.kind.value == "skill" else "")
                     + f" — {x.reason}" + (f" [facts {', '.join(map(str, x.fact_ids))}]" if x.fact_ids else ""))
    return "\n".join(lines)


def profile_weights(session: Any) -> Any:
    """The open profile's ScoreWeights (its own, saved in Settings, over the app's defaults)."""
    from core.jobs.score import ScoreWeights

    return ScoreWeights(**session.profile_match_weights())


def run_job(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_session
    from core.jobs.service import match_job

    with open_session(args) as session:
        match = match_job(session.workspace, args.id, weights=profile_weights(session))
    emit(args, result_json(match), result_text(match))
    return 0


def run_all(args: argparse.Namespace) -> int:
    from app.cli.common import emit, open_session
    from core.jobs.service import rank_jobs

    with open_session(args) as session:
        matches = rank_jobs(session.workspace, weights=profile_weights(session))
    rows = [{"id": m.posting.id, "title": m.posting.title, "score": m.result.score, "headline": m.result.headline}
            for m in matches]
    text = "\n".join(f"{m.posting.id:>4}  {'  n/a' if m.result.score is None else f'{m.result.score:5.1f}'}  "
                     f"{m.result.musts_met}/{m.result.musts_total} musts  {m.posting.title}" for m in matches)
    emit(args, rows, text or "No saved jobs.")
    return 0
