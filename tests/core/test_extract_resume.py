"""End-to-end extraction on fictional resumes in every format: fields, dates, metrics, provenance."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from core.intake.reader import parse_path
from core.model import DocumentType, EdgeKind, FactType
from tests.core import resume_fixtures as F

WRITERS: dict[str, Callable[[Path], Path]] = {
    "r.txt": F.write_txt,
    "r.md": F.write_md,
    "r.html": F.write_html,
    "r.docx": F.write_docx_table,
    "r.pdf": F.write_pdf,
    "r2.pdf": lambda p: F.write_pdf(p, two_column=True),
    "right.pdf": F.write_pdf_right_sidebar,
    "sidebar.docx": F.write_docx_sidebar,
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_resume_fields_in_every_format(tmp_path: Path, name: str) -> None:
    doc = parse_path(WRITERS[name](tmp_path / name))
    r = doc.resume
    assert doc.doc_type == DocumentType.resume and doc.doc_type_confidence >= 0.6
    assert r["basics"]["name"] == F.NAME
    assert r["basics"]["email"] == F.EMAIL
    assert r["basics"]["phone"].endswith("415 555 0142")
    assert r["basics"]["location"]["city"] == "Portland"
    if name not in ("right.pdf", "sidebar.docx"):  # these two carry no profile link
        assert any(p["url"] == F.LINKEDIN and p["network"] == "LinkedIn" for p in r["basics"]["profiles"])
    work = r["work"]
    assert [(w["name"], w["position"]) for w in work] == [(org, title) for title, org, *_ in F.ROLES]
    # promotion: two entries with the same organisation
    assert work[0]["name"] == work[1]["name"]
    assert work[0]["startDate"] == "2021-01" and "endDate" not in work[0]
    assert (work[1]["startDate"], work[1]["endDate"]) == ("2018-03", "2020-12")
    assert (work[2]["startDate"], work[2]["endDate"]) == ("2015-06", "2018-02")
    assert work[0]["highlights"][0] == F.ROLES[0][4][0]
    assert len(work[0]["highlights"]) == 3
    edu = r["education"]
    assert edu[0]["institution"] == "Cascadia State University"
    assert edu[0]["studyType"] == "Master of Science" and edu[0]["area"] == "Computer Science"
    assert edu[0]["endDate"] == "2015" and edu[1]["endDate"] == "2013"
    keywords = {k for s in r["skills"] for k in s.get("keywords", [])}
    assert {"Python", "SQL", "Spark", "Kafka"} <= keywords


def test_metrics_edges_and_provenance(tmp_path: Path) -> None:
    doc = parse_path(F.write_pdf(tmp_path / "r.pdf"))
    facts = {f.key: f for f in doc.facts}
    ach = next(f for f in doc.facts if f.type == FactType.achievement and "42%" in f.value)
    role = facts[ach.parent or ""]
    assert role.type == FactType.role and role.attributes["title"] == "Staff Data Engineer"
    assert role.attributes["present"] is True and role.attributes["start"] == "2021-01"
    assert (EdgeKind.achieved_in, role.key) in ach.links
    org = facts[next(k for kind, k in role.links if kind == EdgeKind.role_at)]
    assert org.type == FactType.organisation and org.value == "Brightwater Analytics Inc."
    metric_keys = [k for kind, k in ach.links if kind == EdgeKind.measured_by]
    metric = facts[metric_keys[0]]
    assert metric.attributes["kind"] == "percent" and metric.attributes["value"] == 42.0
    team = next(f for f in doc.facts if f.type == FactType.metric and f.attributes["kind"] == "team_size")
    assert team.attributes["value"] == 6.0
    money = next(f for f in doc.facts if f.type == FactType.metric and f.attributes["kind"] == "money")
    assert money.attributes["value"] == 250000.0 and money.attributes["unit"] == "USD"
    for f in doc.facts:
        assert f.span is not None and f.extractor and f.extractor_version and 0 < f.confidence <= 1
        assert 0 <= f.span.start < f.span.end <= len(doc.text)
    # spans point at the text they came from
    assert doc.text[ach.span.start : ach.span.end].endswith(ach.value)  # type: ignore[union-attr]
    assert doc.text[metric.span.start : metric.span.end] == "42%"  # type: ignore[union-attr]
    email = next(f for f in doc.facts if f.attributes.get("kind") == "email")
    assert doc.text[email.span.start : email.span.end] == F.EMAIL  # type: ignore[union-attr]


def test_two_page_resume_yields_at_least_50_facts(tmp_path: Path) -> None:
    doc = parse_path(F.write_pdf(tmp_path / "long.pdf", pages=3))
    assert doc.meta["pages"] >= 2
    assert len(doc.facts) >= 50
    assert {f.span.page for f in doc.facts if f.span} >= {1, 2}
    assert len(doc.resume["work"]) == 9


def test_certificates_and_languages_from_text(tmp_path: Path) -> None:
    doc = parse_path(F.write_txt(tmp_path / "r.txt"))
    certs = doc.resume["certificates"]
    assert certs[1] == {"name": "Certified Kubernetes Administrator", "date": "2020"}
    langs = {x["language"]: x.get("fluency") for x in doc.resume["languages"]}
    assert langs["English"] == "Native" and langs["German"] == "Basic"
    assert doc.resume["education"][0]["score"] == "3.8/4.0"


def test_timeline_layout_with_letter_spaced_headings(tmp_path: Path) -> None:
    doc = parse_path(F.write_pdf_timeline(tmp_path / "timeline.pdf"))
    assert doc.meta["sections"] == ["work", "education"]
    work = doc.resume["work"]
    assert [(w["name"], w["position"], w["startDate"]) for w in work] == [
        ("Brightwater Analytics Inc.", "Staff Data Engineer", "2021-01"),
        ("Brightwater Analytics Inc.", "Senior Data Engineer", "2018-03"),
        ("Harbor & Pine Logistics", "Software Developer", "2015-06"),
    ]
    assert work[2]["highlights"][1] == F.ROLES[2][4][1]
    assert [e["institution"] for e in doc.resume["education"]] == ["Cascadia State University", "Lakeshore College"]


def test_dates_drawn_out_of_order_rejoin_their_role(tmp_path: Path) -> None:
    work = parse_path(F.write_pdf_late_dates(tmp_path / "late.pdf")).resume["work"]
    assert [(w["position"], w["startDate"], w.get("endDate")) for w in work] == [
        ("Staff Data Engineer", "2021-01", None),
        ("Senior Data Engineer", "2018-03", "2020-12"),
        ("Software Developer", "2015-06", "2018-02"),
    ]
    assert len(work[0]["highlights"]) == 3
