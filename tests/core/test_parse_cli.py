"""`vita parse` contract: one JSON line per input in input order, typed errors, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.core import resume_fixtures as F


def test_parse_jsonresume_lines_in_order_with_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    txt = F.write_txt(tmp_path / "a.txt")
    docx = F.write_docx_table(tmp_path / "b.docx")
    locked = F.write_pdf(tmp_path / "c.pdf", encrypt=True)
    missing = tmp_path / "nope.pdf"
    code = main(["parse", "--format", "jsonresume", str(txt), str(locked), str(docx), str(missing)])
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert [x["source"] for x in lines] == [str(txt), str(locked), str(docx), str(missing)]
    assert lines[0]["resume"]["basics"]["name"] == F.NAME
    assert lines[0]["meta"]["doc_type"] == "resume" and lines[0]["meta"]["facts"] > 20
    assert lines[1]["error"]["type"] == "PasswordProtected"
    assert lines[2]["resume"]["work"][0]["position"] == "Staff Data Engineer"
    assert "error" in lines[3] and "resume" not in lines[3]


def test_parse_facts_format_carries_provenance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md = F.write_md(tmp_path / "a.md")
    assert main(["parse", "--format", "facts", str(md)]) == 0
    (line,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    facts = line["facts"]
    ach = next(f for f in facts if f["type"] == "achievement" and "42%" in f["value"])
    assert ach["span"]["end"] > ach["span"]["start"] and ach["extractor"] and ach["parent"]
    assert any(kind == "achieved_in" for kind, _ in ach["links"])
