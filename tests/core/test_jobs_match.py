"""Evidence ladder and score: each rung, unknown vs missing, caps, empty profile, determinism."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from core.jobs.evidence import FactInput, profile_from_facts
from core.jobs.matcher import JobMatcher
from core.jobs.model import MatchProfile, MatchResult, Requirement, RequirementKind, Status
from core.skills import SkillExtractor

FIXTURES = Path(__file__).parent / "jobs_fixtures"
TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def matcher() -> JobMatcher:
    return JobMatcher(extractor=SkillExtractor(), today=TODAY)


@pytest.fixture(scope="module")
def result(matcher: JobMatcher) -> MatchResult:
    posting = matcher.parse([("", (FIXTURES / "posting_data_engineer.txt").read_text("utf-8"))])[0]
    profile = matcher.profile_from_text((FIXTURES / "resume_fictional.txt").read_text("utf-8"))
    return matcher.match(profile, posting)


def _status(result: MatchResult, label: str) -> tuple[Status, str]:
    r = next(r for r in result.results if r.requirement.label.lower() == label.lower())
    return r.status, r.step


def test_exact_match_is_met_and_cites_facts(result: MatchResult) -> None:
    r = next(r for r in result.results if r.requirement.label == "Python")
    assert r.status is Status.met and r.step == "exact"
    assert r.fact_ids and r.evidence  # linked to the achievement that shows it


def test_related_skill_is_partial(result: MatchResult) -> None:
    assert _status(result, "PostgreSQL") == (Status.partial, "related")  # the person has MySQL


def test_old_evidence_is_partial(result: MatchResult) -> None:
    r = next(r for r in result.results if r.requirement.label == "SQL")
    assert r.status is Status.partial and "2019" in r.reason


def test_silence_is_unknown_never_met(result: MatchResult) -> None:
    assert _status(result, "Authorized to work")[0] is Status.unknown
    assert _status(result, "Work hybrid")[0] is Status.unknown
    unknown = [r for r in result.results if r.status is Status.unknown]
    assert all(r.credit == 0.0 for r in unknown)


def test_experience_and_education_rules(result: MatchResult) -> None:
    exp = next(r for r in result.results if r.requirement.kind is RequirementKind.experience)
    assert exp.status is Status.met and "10.6 years" in exp.reason
    edu = next(r for r in result.results if r.requirement.kind is RequirementKind.education)
    assert edu.status is Status.met and edu.fact_ids


def test_headline_and_sections(result: MatchResult) -> None:
    assert result.headline == f"{result.musts_met} of {result.musts_total} must-haves met"
    assert 0 < result.musts_met < result.musts_total
    names = [s.name for s in result.sections]
    assert names == ["skills", "experience", "education", "location"]
    loc = result.sections[3]
    assert loc.counted == 0  # every location requirement is unknown: reported, not scored
    assert result.score is not None and 0 < result.score <= 100


def test_missing_must_have_caps_the_score(matcher: JobMatcher) -> None:
    posting = matcher.parse([("Analyst", "Requirements:\nPython\nSQL\nExcel\nMust know COBOL.")])[0]
    facts = [FactInput(1, "role", "Analyst", {"title": "Analyst", "start": "2018-01", "summary":
                                             "Wrote Python and SQL reports, modelled budgets in Excel"}),
             FactInput(2, "skill", "Python", {"name": "Python"}), FactInput(3, "skill", "SQL", {"name": "SQL"}),
             FactInput(4, "skill", "Excel", {"name": "Excel"})]
    profile = profile_from_facts(facts, extractor=matcher.extractor, today=TODAY)
    res = matcher.match(profile, posting)
    cobol = next(r for r in res.results if r.requirement.label == "COBOL")
    assert cobol.status is Status.missing  # the record lists skills, and this one is not there
    assert res.capped and res.score == matcher.weights.missing_must_cap


def test_empty_profile_is_not_enough_information(matcher: JobMatcher) -> None:
    posting = matcher.parse([("", (FIXTURES / "posting_data_engineer.txt").read_text("utf-8"))])[0]
    res = matcher.match(MatchProfile(), posting)
    assert res.score is None
    assert res.headline.startswith("Not enough information")
    assert all(r.status in (Status.unknown, Status.missing) for r in res.results)


def test_same_inputs_same_score_bit_for_bit(matcher: JobMatcher) -> None:
    text = (FIXTURES / "posting_data_engineer.txt").read_text("utf-8")
    resume = (FIXTURES / "resume_fictional.txt").read_text("utf-8")
    first = None
    for _ in range(100):
        fresh = matcher.match(matcher.profile_from_text(resume), matcher.parse([("", text)])[0])
        got = (fresh.score, fresh.results, fresh.sections)
        first = first or got
        assert got == first


def test_paraphrase_found_by_meaning() -> None:
    from core.embed import Embedder
    from core.jobs.ladder import EvidenceLadder, LadderContext
    from core.jobs.model import Passage

    profile = MatchProfile(passages=[Passage("Served in the on-call rotation for the data platform", 7),
                                     Passage("Planted trees in the community garden", 8)])
    req = Requirement(RequirementKind.task, "Take part in the production support rotation", 0, 10, True,
                      phrase="Take part in the production support rotation")
    other = Requirement(RequirementKind.task, "Negotiate freight contracts with carriers", 0, 10, True,
                        phrase="Negotiate freight contracts with carriers")
    ladder = EvidenceLadder(profile, LadderContext(embed=Embedder.shared().encode, today=TODAY))
    got, none = ladder.check_all([req, other])
    # MiniLM puts this paraphrase at cosine 0.32: close in meaning (partial), never "missing"
    assert got.status is Status.partial and got.step == "semantic" and got.fact_ids == (7,)
    assert none.status is Status.unknown


def test_listed_skill_named_in_a_role_is_met_listed_only_is_partial() -> None:
    from core.jobs.ladder import EvidenceLadder, LadderContext
    from core.jobs.model import Passage, SkillEvidence

    profile = MatchProfile(
        skills=[SkillEvidence("R", None, 1, "Python, R, SQL, Git"), SkillEvidence("Git", None, 1, "Python, R, SQL, Git")],
        passages=[Passage("Python, R, SQL, Git", 1), Passage("Forecast weekly demand with time series models in R", 2)])
    r_req = Requirement(RequirementKind.skill, "R", 0, 1)
    git_req = Requirement(RequirementKind.skill, "Git", 0, 3)
    got_r, got_git = EvidenceLadder(profile, LadderContext(today=TODAY)).check_all([r_req, git_req])
    assert got_r.status is Status.met  # the skills list, and a role that uses it ("in R", case kept)
    assert got_git.status is Status.partial and "listed" in got_git.reason  # only in the list


def test_named_product_close_in_meaning_is_not_partial() -> None:
    from core.jobs.ladder import EvidenceLadder, LadderContext
    from core.jobs.model import Passage

    vecs = {"Google Analytics": [1.0, 0.0], "web analytics": [1.0, 0.0], "Tracked site traffic": [0.35, 0.94]}
    embed = lambda texts: __import__("numpy").asarray([vecs[t] for t in texts])  # noqa: E731
    profile = MatchProfile(passages=[Passage("Tracked site traffic", 3)])
    product = Requirement(RequirementKind.skill, "Google Analytics", 0, 5, phrase="Google Analytics")
    concept = Requirement(RequirementKind.skill, "web analytics", 0, 5, phrase="web analytics")
    got_product, got_concept = EvidenceLadder(profile, LadderContext(embed=embed, today=TODAY)).check_all(
        [product, concept])
    assert got_product.status is not Status.partial  # cosine 0.35: wording near a product is no evidence of it
    assert got_concept.status is Status.partial and got_concept.fact_ids == (3,)  # a concept can be partly shown
