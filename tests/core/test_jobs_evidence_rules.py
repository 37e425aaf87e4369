"""Evidence rules of the dev set on the ladder: abilities met only when named and shown (implied: partial, silence: unknown), degree levels, products of the same kind."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from core.jobs.evidence import FactInput, profile_from_facts
from core.jobs.ladder import EvidenceLadder, LadderContext
from core.jobs.model import (
    MatchProfile,
    Passage,
    Requirement,
    RequirementKind,
    SkillEvidence,
    Status,
)
from core.skills import SkillExtractor

TODAY = date(2026, 12, 1)
SPEAKING = "onet:element:2.A.1.d"
WRITING = "onet:element:2.A.1.c"
CRITICAL = "onet:element:2.A.2.a"


def _ability(label: str, oid: str) -> Requirement:
    return Requirement(RequirementKind.ability, label, 0, len(label), ontology_id=oid, phrase=label)


def _check(profile: MatchProfile, *reqs: Requirement, embed: object = None) -> list:
    return EvidenceLadder(profile, LadderContext(embed=embed, today=TODAY)).check_all(list(reqs))  # type: ignore[arg-type]


def test_named_and_shown_is_met_named_only_or_implied_only_is_partial() -> None:
    tools = [SkillEvidence(n, None, 9, n) for n in ("Python", "SQL", "Git")]
    named_shown = MatchProfile(skills=[*tools, SkillEvidence("Speaking", SPEAKING, 1, "communication", last_year=2025)])
    named_only = MatchProfile(skills=[*tools, SkillEvidence("Speaking", SPEAKING, 1, "communication")])
    implied = MatchProfile(skills=[*tools, SkillEvidence("Speaking", SPEAKING, 2, "Presented results to the board",
                                                         last_year=2025, achieved=True, implied=True)])
    req = _ability("Speaking", SPEAKING)
    assert _check(named_shown, req)[0].status is Status.met
    got = _check(named_only, req)[0]
    assert got.status is Status.partial and "named" in got.reason
    got = _check(implied, req)[0]
    assert got.status is Status.partial and "implied" in got.reason and got.fact_ids == (2,)


def test_silence_about_an_ability_is_unknown_while_a_missing_tool_is_missing() -> None:
    profile = MatchProfile(skills=[SkillEvidence(n, None, 9, n) for n in ("Python", "SQL", "Git")])
    ability, tool = _check(profile, _ability("Critical Thinking", CRITICAL),
                           Requirement(RequirementKind.skill, "Kubernetes", 0, 10))
    assert ability.status is Status.unknown
    assert tool.status is Status.missing


def test_ability_close_in_meaning_is_only_partial() -> None:
    vecs = {"Speaking": [1.0, 0.0], "Gave talks at the regional user group": [0.9, 0.436]}

    def embed(texts: list[str]) -> np.ndarray:
        return np.asarray([vecs[t] for t in texts])

    profile = MatchProfile(passages=[Passage("Gave talks at the regional user group", 4)])
    got = _check(profile, _ability("Speaking", SPEAKING), embed=embed)[0]
    assert got.status is Status.partial and got.step == "semantic" and got.fact_ids == (4,)  # cosine 0.9, never met


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    return SkillExtractor()


def _profile(extractor: SkillExtractor, bullets: list[str], skills: tuple[str, ...] = ()) -> MatchProfile:
    facts = [FactInput(1, "role", "Analyst", {"title": "Analyst", "organisation": "Fernhollow Co",
                                                "start": "2021-01", "present": True})]
    facts += [FactInput(10 + i, "achievement", b, {"text": b}, 1) for i, b in enumerate(bullets)]
    facts += [FactInput(50 + i, "skill", s, {"name": s}) for i, s in enumerate(skills)]
    return profile_from_facts(facts, extractor=extractor, today=TODAY)


def _ids(profile: MatchProfile) -> dict[str, SkillEvidence]:
    return {s.ontology_id or s.name: s for s in profile.skills}


def test_writing_code_is_not_writing_prose(extractor: SkillExtractor) -> None:
    code = _profile(extractor, ["Wrote SQL queries against the sales warehouse"])
    prose = _profile(extractor, ["Wrote two grant applications for the clinic"])
    assert WRITING not in _ids(code)
    assert _ids(prose)[WRITING].implied


def test_a_word_inside_a_product_name_is_not_an_ability(extractor: SkillExtractor) -> None:
    prof = _profile(extractor, ["Built event pipelines with Spark Structured Streaming"])
    assert CRITICAL not in _ids(prof)


def test_named_in_skills_and_shown_in_a_role_is_met_end_to_end(extractor: SkillExtractor) -> None:
    req = _ability("Speaking", SPEAKING)
    both = _profile(extractor, ["Presented results to executives"], skills=("communication", "SQL", "Git"))
    listed = _profile(extractor, ["Kept the shelves in order"], skills=("communication", "SQL", "Git"))
    assert _check(both, req)[0].status is Status.met
    assert _check(listed, req)[0].status is Status.partial


def test_degree_level_comes_from_the_degree_not_the_university_name(extractor: SkillExtractor) -> None:
    facts = [FactInput(1, "education", "Larchmont University", {"institution": "Larchmont University",
                                                               "degree": "Ph.D. Ecology"}),
             FactInput(2, "education", "Brindle State University", {"degree": "M.S. Statistics"})]
    studies = profile_from_facts(facts, extractor=extractor, today=TODAY).studies
    assert [s.level for s in studies] == [4, 3]


def test_achievement_shapes_imply_abilities_never_name_them(extractor: SkillExtractor) -> None:
    prof = _profile(extractor, ["Reduced invoice errors by 30% for the billing office",
                                "Handed the new intake form over to the records team",
                                "Analysed waiting times across four clinics",
                                "Built billing services in Kotlin"])
    got = _ids(prof)
    for oid in ("onet:element:2.B.2.i", "onet:element:2.B.1.b", CRITICAL, "onet:element:1.C.7.b",
                "onet:element:2.B.3.e"):
        assert got[oid].implied, oid
    solve = _check(prof, _ability("Complex Problem Solving", "onet:element:2.B.2.i"))[0]
    assert solve.status is Status.partial and "implied" in solve.reason
    concept = _check(prof, Requirement(RequirementKind.skill, "programming", 0, 11))[0]
    assert concept.status is Status.met  # using a language in a role is programming shown


def test_shapes_count_only_in_roles_and_achievements(extractor: SkillExtractor) -> None:
    facts = [FactInput(1, "skill", "Kotlin", {"name": "Kotlin"}),
             FactInput(2, "contact", "Reduced costs by 10% wherever I went", {"kind": "summary"})]
    got = _ids(profile_from_facts(facts, extractor=extractor, today=TODAY))
    assert "onet:element:2.B.3.e" not in got and "onet:element:2.B.2.i" not in got


def test_score_silent_soft_skill_does_not_lower_it_and_an_implied_one_counts() -> None:
    from core.jobs.score import score_results

    tools = [SkillEvidence(n, None, 9, n, last_year=2025, achieved=True) for n in ("Python", "SQL", "Git")]
    implied = SkillEvidence("Speaking", SPEAKING, 2, "Presented results to executives", last_year=2025,
                            achieved=True, implied=True)
    named_only = SkillEvidence("Speaking", SPEAKING, 3, "communication")
    reqs = (Requirement(RequirementKind.skill, "Python", 0, 6), _ability("Critical Thinking", CRITICAL),
            _ability("Speaking", SPEAKING))

    def skills_share(profile: MatchProfile) -> float:
        sections, _, _ = score_results(_check(profile, *reqs), profile)
        return next(s.earned for s in sections if s.name == "skills")

    silent = MatchProfile(skills=list(tools))
    assert skills_share(silent) == 1.0  # Python met; two soft skills the record is silent on are not gaps
    assert skills_share(MatchProfile(skills=[*tools, implied])) == 1.0  # shown by what the person did
    assert skills_share(MatchProfile(skills=[*tools, named_only])) < 1.0  # a name with nothing behind it


def test_a_generic_doing_verb_implies_no_ability(extractor: SkillExtractor) -> None:
    generic = _ids(_profile(extractor, ["Performed soil sampling and water testing"]))
    specific = _ids(_profile(extractor, ["Maintained the county's water testing station"]))
    monitoring = "onet:element:2.B.3.g"
    assert monitoring not in generic
    assert specific[monitoring].implied


def test_another_product_of_the_same_kind_is_partial_nothing_related_is_missing() -> None:
    from core.jobs.matcher import JobMatcher

    matcher = JobMatcher(extractor=SkillExtractor(), today=TODAY)
    have = MatchProfile(skills=[SkillEvidence(n, None, 9, n, last_year=2025, achieved=True)
                                for n in ("PostgreSQL", "Amazon Web Services", "Python")])
    ladder = EvidenceLadder(have, matcher.context())
    mysql, azure, kotlin = ladder.check_all([Requirement(RequirementKind.skill, "MySQL", 0, 5),
                                             Requirement(RequirementKind.skill, "Microsoft Azure", 0, 5),
                                             Requirement(RequirementKind.skill, "Kotlin", 0, 6)])
    assert (mysql.status, mysql.step) == (Status.partial, "related") and "PostgreSQL" in mysql.reason
    assert azure.status is Status.partial and "Amazon Web Services" in azure.reason
    assert kotlin.status is Status.missing  # a language is not a stand-in for another language
