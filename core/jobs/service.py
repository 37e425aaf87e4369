"""Matching saved jobs against the open profile: one job, all jobs ranked, tailored resume variants."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from core.changes import Changes
from core.jobs.evidence import profile_from_career
from core.jobs.matcher import JobMatcher
from core.jobs.model import MatchProfile, MatchResult, ParsedPosting, RequirementKind, Status
from core.jobs.plan import Gap, aggregate_gaps
from core.jobs.score import ScoreWeights
from core.jobs.store import JobPosting, get_posting, list_postings
from core.services import Services
from core.workspace import Workspace

# one matcher per services owner (the session's, or a workspace's own), rebuilt when O*NET changes
_MATCHERS: weakref.WeakKeyDictionary[Services, tuple[Any, JobMatcher]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class JobMatch:
    posting: JobPosting
    parsed: ParsedPosting
    result: MatchResult


def job_matcher(ws: Workspace, weights: ScoreWeights | None = None) -> JobMatcher:
    """The workspace's matcher over its services' extractor, O*NET store and embedder."""
    services = ws.services
    store = services.ontology()
    cached = _MATCHERS.get(services)
    if cached is None or cached[0] is not store:
        embedder = services.embedder()
        cached = (store, JobMatcher(extractor=services.skill_extractor(), store=store, embed=embedder.embed))
        _MATCHERS[services] = cached
    matcher = cached[1]
    matcher.weights = weights or ScoreWeights()
    matcher.today = date.today()
    return matcher


def match_profile(ws: Workspace, matcher: JobMatcher) -> MatchProfile:
    """The person's MatchProfile from the career read model."""
    from core.profile import career_profile

    return profile_from_career(career_profile(ws, ontology=matcher.store), extractor=matcher.extractor,
                               today=matcher.today)


def _parsed(ws: Workspace, matcher: JobMatcher, postings: Sequence[JobPosting]) -> list[ParsedPosting]:
    """Parsed through the vault's per-job cache (the first ranking after start-up parses nothing unchanged)."""
    from core.jobs.match_cache import cached_parse

    return cached_parse(ws, matcher, postings)


def match_job(ws: Workspace, posting_id: int, *, weights: ScoreWeights | None = None) -> JobMatch:
    """One saved job, requirement by requirement."""
    matcher = job_matcher(ws, weights)
    posting = get_posting(ws, posting_id)
    parsed = _parsed(ws, matcher, [posting])[0]
    return JobMatch(posting, parsed, matcher.match(match_profile(ws, matcher), parsed))


def rank_key(m: JobMatch) -> tuple[Any, ...]:
    """Best first: a score before 'not enough information', then more must-haves met, then newer."""
    r = m.result
    share = r.musts_met / r.musts_total if r.musts_total else 0.0
    return (r.score is None, -(r.score or 0.0), -share, -r.occupation_fit, -m.posting.id)


def rank_jobs(ws: Workspace, *, weights: ScoreWeights | None = None,
              postings: Sequence[JobPosting] | None = None) -> list[JobMatch]:
    """Every saved job (archived and rejected ones left out unless given) matched and ranked."""
    matcher = job_matcher(ws, weights)
    jobs = list(postings) if postings is not None else [
        p for p in list_postings(ws) if p.status.value not in ("archived", "rejected")]
    parsed = _parsed(ws, matcher, jobs)
    results = matcher.match_many(match_profile(ws, matcher), parsed)
    out = [JobMatch(p, q, r) for p, q, r in zip(jobs, parsed, results, strict=True)]
    return sorted(out, key=rank_key)


def ranked_with_gaps(ws: Workspace, *, weights: ScoreWeights | None = None,
                     postings: Sequence[JobPosting] | None = None) -> tuple[list[JobMatch], list[Gap]]:
    """The saved jobs ranked (as `rank_jobs`) and their gaps aggregated, weighted by the workspace's O*NET."""
    matches = rank_jobs(ws, weights=weights, postings=postings)
    return matches, aggregate_gaps(matches, ws.services.ontology())


def tailored_selection(match: JobMatch) -> Any:
    """A resume selection keeping the entries that evidence the job's skills (met or partial), in the order
    the resume shows them: must-haves before nice-to-haves, met before partial, then the posting's order."""
    from core.exchange.selection import Selection

    shown = [r for r in match.result.results
             if r.requirement.kind is RequirementKind.skill and r.status in (Status.met, Status.partial)
             and r.step == "exact"]
    shown.sort(key=lambda r: (not r.requirement.must, r.status is not Status.met, r.requirement.start))
    return Selection(skills=list(dict.fromkeys(r.requirement.label for r in shown)))


def variant_name(posting: JobPosting) -> str:
    return f"Job {posting.id}: {posting.title}"[:120]


def save_tailored_variant(ws: Workspace, posting_id: int, *, weights: ScoreWeights | None = None) -> Changes:
    """Save the job's tailored resume as a named variant (re-exportable, listed with the job)."""
    from core.exchange.selection import save_variant

    match = match_job(ws, posting_id, weights=weights)
    return save_variant(ws, variant_name(match.posting), tailored_selection(match))


def export_tailored(ws: Workspace, posting_id: int, fmt: str, path: Path, *,
                    weights: ScoreWeights | None = None) -> Path:
    """Write the job's tailored resume as docx, pdf, md or jsonresume through the existing exporters."""
    from core.exchange.api import export_file

    match = match_job(ws, posting_id, weights=weights)
    export_file(ws, fmt, path, selection=tailored_selection(match))
    return path
