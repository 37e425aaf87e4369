"""JSON Resume files: content kept as the resume, loosely validated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.errors import UnsupportedFile
from core.intake.jsonresume import parse_json_resume
from core.model import DocumentType

RESUME = {
    "basics": {
        "name": "Robin Fictional",
        "email": "robin@example.org",
        "location": {"city": "Exampleton", "countryCode": "XX"},
        "profiles": [{"network": "GitHub", "url": "https://github.com/robin-fictional"}],
    },
    "work": [
        {"name": "Example Ltd", "position": "Data Engineer", "startDate": "2019-03", "highlights": ["Cut costs by 30%"]}
    ],
    "education": [{"institution": "Example University", "studyType": "BSc", "area": "Physics", "endDate": "2016"}],
    "skills": [{"name": "Python", "keywords": ["pandas"]}],
}


def test_json_resume_content_is_the_resume(tmp_path: Path) -> None:
    path = tmp_path / "resume.json"
    path.write_text("\ufeff" + json.dumps(RESUME), encoding="utf-8")
    doc = parse_json_resume(path)
    assert doc.resume == RESUME
    assert doc.doc_type is DocumentType.resume
    assert len(doc.sha256) == 64 and doc.mime == "application/json"
    for needle in ("Robin Fictional", "Data Engineer", "Cut costs by 30%", "Example University", "Exampleton"):
        assert needle in doc.text
    assert doc.pages == [(0, len(doc.text))]


@pytest.mark.parametrize(
    "payload",
    [
        "[1, 2, 3]",
        '{"title": "not a resume"}',
        '{"basics": "Robin"}',
        '{"work": {"name": "Example"}}',
        "{not json",
        "[" * 100_000 + "]" * 100_000,
    ],
)
def test_other_json_is_unsupported(tmp_path: Path, payload: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(payload)
    with pytest.raises(UnsupportedFile):
        parse_json_resume(path)


def test_facts_carry_spans_into_the_rendered_text(tmp_path: Path) -> None:
    path = tmp_path / "resume.json"
    path.write_text(json.dumps(RESUME))
    doc = parse_json_resume(path)
    by_type: dict[str, list] = {}
    for fact in doc.facts:
        by_type.setdefault(str(fact.type), []).append(fact)
        assert fact.span is not None and fact.extractor == "vita.intake.jsonresume"
        assert fact.value in doc.text[fact.span.start : fact.span.end]
    contacts = {f.attributes["kind"]: f.value for f in by_type["contact"]}
    assert contacts["name"] == "Robin Fictional" and contacts["email"] == "robin@example.org"
    assert contacts["location"] == "Exampleton, XX" and "github.com" in contacts["profile"]
    (role,) = by_type["role"]
    assert (role.attributes["title"], role.attributes["organisation"], role.attributes["start"]) == (
        "Data Engineer",
        "Example Ltd",
        "2019-03",
    )
    assert role.links and role.links[0][0].value == "role_at"
    assert "end" not in role.attributes  # a missing endDate means present
    (achievement,) = by_type["achievement"]
    assert achievement.parent == role.key
    assert doc.text[achievement.span.start : achievement.span.end] == "Cut costs by 30%"
    (metric,) = by_type["metric"]
    assert metric.attributes["kind"] == "percent" and doc.text[metric.span.start : metric.span.end] == "30%"
    assert by_type["education"][0].attributes["degree"] == "BSc"
    # a skills entry with keywords is a group: its keywords are the skills (as an Import reads it)
    assert {(f.value, f.attributes.get("category")) for f in by_type["skill"]} == {("pandas", "Python")}
