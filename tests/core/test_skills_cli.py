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


def test_relations_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from onet.importer import import_release
    from tests.onet.fictional_release import write_fictional_release

    home = tmp_path / "home"
    assert main(["--home", str(home), "skills", "similar", "React"]) == 0
    assert "Redux" in capsys.readouterr().out
    assert main(["--home", str(home), "skills", "transfer", "99-1001.00", "99-1003.00"]) == 1
    assert "O*NET" in capsys.readouterr().err
    import_release(write_fictional_release(tmp_path), home / "data" / "ontology" / "onet.sqlite")
    assert main(["--home", str(home), "--json", "skills", "cooccur", "Python"]) == 0
    labels = {r["label"] for r in json.loads(capsys.readouterr().out)}
    assert "StarChart Pro" in labels
    assert main(["--home", str(home), "skills", "transfer", "99-1001.00", "99-1003.00"]) == 0
    out = capsys.readouterr().out
    assert "Shared technologies: Python" in out and "Kubernetes" in out


def test_jsonl_bad_lines_do_not_stop_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "ok", "text": "Kotlin and Gradle"}\nnot json\n{"id": "no-text"}\n', encoding="utf-8")
    assert main(["--home", str(tmp_path / "home"), "skills", "extract", "--format", "jsonl", str(src)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["ok", None, "no-text"]
    assert {s["text"] for s in out[0]["skills"]} == {"Kotlin", "Gradle"}
    assert "error" in out[1] and out[2]["skills"] == []
