"""Job posting parsing: must vs nice, skills, years, degree, certifications, languages, place, spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.jobs.model import RequirementKind
from core.jobs.posting import parse_posting
from core.skills import SkillExtractor

FIXTURES = Path(__file__).parent / "jobs_fixtures"


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    return SkillExtractor()


@pytest.fixture(scope="module")
def posting(extractor: SkillExtractor):
    text = (FIXTURES / "posting_data_engineer.txt").read_text("utf-8")
    return parse_posting(text, "Senior Data Engineer", extractor=extractor)


def _by_label(posting, label):
    return next(r for r in posting.requirements if r.label.lower() == label.lower())


def test_every_requirement_keeps_its_span(posting) -> None:
    for r in posting.requirements:
        assert 0 <= r.start < r.end <= len(posting.text)
        if r.kind in (RequirementKind.skill, RequirementKind.ability):
            assert posting.text[r.start:r.end] == r.phrase


def test_must_and_nice_come_from_headings_and_cue_words(posting) -> None:
    assert _by_label(posting, "Python").must
    assert _by_label(posting, "PostgreSQL").must
    assert not _by_label(posting, "Snowflake").must  # "is a plus" under "Nice to have"
    # the company blurb names Python too, but "About us" asks nothing: the requirement's span is the real one
    py = _by_label(posting, "Python")
    assert "Requirements" in posting.text[:py.start]


def test_years_overall_and_per_skill(posting) -> None:
    assert _by_label(posting, "Python").years == 3
    overall = [r for r in posting.requirements if r.kind is RequirementKind.experience]
    assert len(overall) == 1 and overall[0].years == 5 and overall[0].must


def test_degree_level_and_fields(posting) -> None:
    edu = [r for r in posting.requirements if r.kind is RequirementKind.education]
    assert len(edu) == 1
    assert edu[0].level == 2 and edu[0].must
    assert "computer science" in edu[0].fields and "statistics" in edu[0].fields
    # fields of the degree are not asked again as skills
    assert not any(r.kind is RequirementKind.skill and r.label.lower() == "statistics" for r in posting.requirements)


def test_certification_language_place_and_clearance(posting) -> None:
    kinds = {r.kind: r for r in posting.requirements}
    cert = kinds[RequirementKind.certification]
    assert cert.label == "AWS Certified Data Engineer" and not cert.must
    assert kinds[RequirementKind.language].value == "English"
    assert kinds[RequirementKind.location].value == "hybrid"
    assert kinds[RequirementKind.travel].years == 10
    assert kinds[RequirementKind.clearance].must
    assert posting.remote == "hybrid" and posting.seniority == "senior"


def test_duty_without_a_skill_is_a_task(posting) -> None:
    tasks = [r for r in posting.requirements if r.kind is RequirementKind.task]
    assert any("production support rotation" in t.label for t in tasks)
    assert all(not t.must for t in tasks)


def test_no_requirement_section_makes_duties_musts(extractor: SkillExtractor) -> None:
    text = "Junior Analyst\n\nYou will write SQL reports and build dashboards in Tableau every week."
    p = parse_posting(text, "Junior Analyst", extractor=extractor)
    sql = next(r for r in p.requirements if r.label == "SQL")
    assert sql.must and p.seniority == "junior"


def test_cue_words_beat_the_section(extractor: SkillExtractor) -> None:
    text = "Qualifications:\nExperience with Kubernetes preferred.\nMinimum of two years of experience with Java."
    p = parse_posting(text, "", extractor=extractor)
    assert not next(r for r in p.requirements if r.label == "Kubernetes").must
    java = next(r for r in p.requirements if r.label == "Java")
    assert java.must and java.years == 2


def test_empty_posting_has_no_requirements(extractor: SkillExtractor) -> None:
    assert parse_posting("", extractor=extractor).requirements == ()
