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
