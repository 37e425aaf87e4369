"""The per-job match cache in the vault: a restart parses and embeds nothing unchanged; an edit or a new
parser/model version invalidates a row; the cache is left out of exports and emptied by erasure."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import text

from core.embed import Embedder
from core.jobs import get_posting, list_postings
from core.jobs.match_cache import cached_parse
from core.jobs.matcher import JobMatcher
from core.jobs.tracking import add_posting_text, delete_job, edit_posting
from core.skills import SkillExtractor
from core.workspace import Workspace
from tests.core.workspace_kit import open_test_workspace

FIXTURES = Path(__file__).parent / "jobs_fixtures"
TODAY = date(2026, 12, 1)
SECOND = """Analytics Engineer
Requirements
- 3+ years of experience with SQL and dbt
- Strong communication skills
Nice to have: Looker, Python
"""


class CountingExtractor(SkillExtractor):
    """The real extractor, counting the texts it is asked to read."""

    texts = 0

    def extract_many(self, texts: Iterable[str], *args: Any, **kwargs: Any) -> Any:
        items = list(texts)
        self.texts += len(items)
        return super().extract_many(items, *args, **kwargs)


class CountingEmbed:
    """The real embedder, remembering every text it embedded."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return Embedder.shared().encode(texts)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    w = open_test_workspace(tmp_path)
    try:
        add_posting_text(w, (FIXTURES / "posting_data_engineer.txt").read_text("utf-8"))
        add_posting_text(w, SECOND)
        yield w
    finally:
        w.close()


def _matcher() -> tuple[JobMatcher, CountingExtractor, CountingEmbed]:
    ex, emb = CountingExtractor(), CountingEmbed()
    return JobMatcher(extractor=ex, embed=emb, today=TODAY), ex, emb


def _rows(ws: Workspace) -> dict[int, tuple[str, str]]:
    with ws.reading() as conn:
        return {int(r[0]): (r[1], r[2]) for r in conn.execute(text(
            "SELECT posting_id, text_hash, version FROM job_match_cache"))}


def test_a_restart_parses_and_embeds_nothing_unchanged_and_matches_the_same(ws: Workspace) -> None:
    jobs = list_postings(ws)
    first, _, _ = _matcher()
    parsed = cached_parse(ws, first, jobs)
    assert set(_rows(ws)) == {j.id for j in jobs}

    again, extractor, embed = _matcher()  # a new process: nothing in memory
    profile = again.profile_from_text((FIXTURES / "resume_fictional.txt").read_text("utf-8"))
    extractor.texts, embed.seen = 0, []
    assert cached_parse(ws, again, jobs) == parsed
    results = again.match_many(profile, parsed)
    assert extractor.texts == 0  # no posting parsed again
    asked = {r.phrase or r.label for p in parsed for r in p.requirements}
    assert not asked & set(embed.seen)  # no requirement embedded again
    assert results == first.match_many(profile, parsed)


def test_an_edit_or_a_new_version_parses_again(ws: Workspace) -> None:
    jobs = list_postings(ws)
    matcher, extractor, _ = _matcher()
    cached_parse(ws, matcher, jobs)
    before = _rows(ws)
    second = next(j for j in jobs if j.title == "Analytics Engineer")
    edit_posting(ws, second.id, text=SECOND.replace("Looker", "Tableau"))

    fresh, extractor, _ = _matcher()
    parsed = cached_parse(ws, fresh, [get_posting(ws, j.id) for j in jobs])
    after = _rows(ws)
    assert after[second.id][0] != before[second.id][0]  # the edited posting's row was replaced
    assert "Tableau" in {r.label for r in parsed[[j.id for j in jobs].index(second.id)].requirements}
    assert 0 < extractor.texts  # only the edited posting was read again
    others = [j.id for j in jobs if j.id != second.id]
    assert all(after[i] == before[i] for i in others)

    other, extractor, _ = _matcher()
    other._cache_version = "a newer parser or model"  # type: ignore[attr-defined]
    cached_parse(ws, other, [get_posting(ws, j.id) for j in jobs])
    assert extractor.texts > 0 and {v for _, v in _rows(ws).values()} == {"a newer parser or model"}


def test_the_cache_is_not_exported_is_erased_and_goes_with_its_job(ws: Workspace) -> None:
    from core.exchange.vita_format import export_vita
    from core.jobs.service import rank_jobs
    from core.kb.erasure import erase_everything

    jobs = list_postings(ws)
    rank_jobs(ws)  # ranking saved jobs fills the cache
    assert set(_rows(ws)) == {j.id for j in jobs}
    assert "job_match_cache" not in export_vita(ws)["tables"]
    assert "job_postings" in export_vita(ws)["tables"]
    delete_job(ws, jobs[0].id)
    assert set(_rows(ws)) == {jobs[1].id}
    erase_everything(ws, backups=False)
    assert _rows(ws) == {}
