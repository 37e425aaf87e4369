"""`vita skills extract`: the JSONL contract used by the benchmark, and the readable list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main


def test_jsonl_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        {"id": "a-1", "text": "Experience with Python, Docker and Kubernetes is required."},
        {"id": "a-2", "text": ""},
        {"id": 3, "text": "You will work in a team and write SQL daily."},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["--home", str(tmp_path / "home"), "skills", "extract", "--format", "jsonl", str(src)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["a-1", "a-2", 3]
    assert out[1]["skills"] == []
    first = {s["text"]: s for s in out[0]["skills"]}
    assert {"Python", "Docker", "Kubernetes"} <= set(first)
    for o, r in zip(out, rows, strict=True):
        for s in o["skills"]:
            assert {"start", "end", "text", "ontology_id", "label", "confidence"} <= set(s)
            assert r["text"][s["start"] : s["end"]] == s["text"]
    assert first["Python"]["ontology_id"] == "lex:python"


def test_text_mode_lists_and_hints(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(tmp_path / "home"), "skills", "extract", "Deployed Go services to AWS with Terraform."]) == 0
    cap = capsys.readouterr()
    assert "Terraform" in cap.out and "lex:terraform" in cap.out
    assert "O*NET" in cap.err  # says importing O*NET enables richer matching
