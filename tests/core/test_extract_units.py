"""Dates, metrics, headings and classification on small fictional inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.extract.dates import best_range
from core.extract.metrics import find_metrics
from core.extract.sections import heading_kind
from core.intake.reader import parse_path
from core.model import DocumentType
from tests.core import resume_fixtures as F


@pytest.mark.parametrize(
    ("text", "start", "end", "present"),
    [
        ("Jan 2019 – Present", "2019-01", None, True),
        ("January 2019 - Dec 2020", "2019-01", "2020-12", False),
        ("Jan. 2019 to Now", "2019-01", None, True),
        ("01/2019 - 03/2020", "2019-01", "2020-03", False),
        ("2019-01 — 2020-02", "2019-01", "2020-02", False),
        ("2015 – 2017", "2015", "2017", False),
        ("janv. 2019 – aujourd'hui", "2019-01", None, True),
        ("enero de 2019 – actualidad", "2019-01", None, True),
        ("Jan. 2019 – heute", "2019-01", None, True),
        ("Lead Engineer, Quillfeather Ltd   Sep 2017 - Current", "2017-09", None, True),
        ("July 2015 to till date.", "2015-07", None, True),
        ("(Mar 2016 – Tilldate)", "2016-03", None, True),
        ("June 2012 until now", "2012-06", None, True),
    ],
)
def test_date_ranges(text: str, start: str, end: str | None, present: bool) -> None:
    dr = best_range(text)
    assert dr is not None and (dr.start, dr.end, dr.present) == (start, end, present)


@pytest.mark.parametrize("mark", ["•", "♦", "➔", "→", "❑", "\uf0b7", "\uf0a7"])
def test_symbol_font_and_arrow_bullets(mark: str) -> None:
    from core.extract.lines import BULLET_RE

    m = BULLET_RE.match(f"{mark} Cut onboarding time by 30%")
    assert m is not None and f"{mark} Cut onboarding time by 30%"[m.end():] == "Cut onboarding time by 30%"
    assert BULLET_RE.match("Cut onboarding time by 30%") is None


def test_no_date_in_plain_numbers() -> None:
    assert best_range("Answered 350 tickets a week") is None


def test_metrics_kinds() -> None:
    got = [(m.kind, m.value, m.unit) for m in find_metrics("Grew revenue by 18% to €1.5M with 40 clients in 3 months")]
    assert got == [("percent", 18.0, "%"), ("money", 1500000.0, "EUR"), ("count", 40.0, "clients"),
                   ("duration", 3.0, "month")]
    assert [m.kind for m in find_metrics("Managed a team of 12 nurses")] == ["team_size"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("PROFESSIONAL EXPERIENCE", "work"), ("Career History", "work"), ("Employment History", "work"),
     ("Academic Background", "education"), ("Professional Summary", "summary"), ("Core Competencies", "skills"),
     ("Licenses & Certifications", "certificates"), ("Volunteer Experience", "volunteer"),
     ("Expérience professionnelle", "work"), ("Quillfeather Ltd", None), ("Senior Engineer", None),
     ("Experiencia laboral", "work"), ("Research Experience", "work"), ("Programming Languages", "skills"),
     ("Languages", "languages"), ("Centres d'intérêt", "interests"), ("Faculty of Information Technology", None),
     ("Infosys", None), ("Workday -", None), ("Careerbuilder", None), ("Skillset", "skills"), ("Biography", "summary"),
     ("Volunteering", "volunteer"), ("Technologies", "skills"), ("Personal Information", "contact")],
)
def test_heading_words(text: str, kind: str | None) -> None:
    assert heading_kind(text) == kind


def test_cover_letter_and_job_description_are_classified(tmp_path: Path) -> None:
    cl = tmp_path / "letter.txt"
    cl.write_text(F.COVER_LETTER, encoding="utf-8")
    jd = tmp_path / "posting.txt"
    jd.write_text(F.JOB_DESCRIPTION, encoding="utf-8")
    cl_doc = parse_path(cl)
    jd_doc = parse_path(jd)
    assert cl_doc.doc_type == DocumentType.cover_letter and cl_doc.doc_type_confidence > 0.5
    assert jd_doc.doc_type == DocumentType.job_description and jd_doc.doc_type_confidence > 0.5
    res = parse_path(F.write_txt(tmp_path / "r.txt"))
    assert res.doc_type == DocumentType.resume


@pytest.mark.parametrize("kind", list(F.OTHER_DOCUMENTS))
def test_other_document_types(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.txt"
    path.write_text(F.OTHER_DOCUMENTS[kind], encoding="utf-8")
    doc = parse_path(path)
    assert doc.doc_type == DocumentType(kind) and doc.doc_type_confidence >= 0.6


@pytest.mark.parametrize("degree", ["B-Tech", "B. Tech", "SSC", "H.S.C", "PG-DAC", "12th"])
def test_degree_forms_of_indian_resumes(tmp_path: Path, degree: str) -> None:
    path = tmp_path / "edu.txt"
    path.write_text(f"Dana Whitfield\ndana@example.net\n\nEDUCATION\n\n{degree} in Computer Science\n\n"
                    "Northgate Institute of Technology -  Nashik, Maharashtra\n\n2014\n", encoding="utf-8")
    edu = parse_path(path).resume["education"]
    assert [(e["institution"], e["studyType"], e.get("endDate")) for e in edu] == [
        ("Northgate Institute of Technology", degree, "2014")]
