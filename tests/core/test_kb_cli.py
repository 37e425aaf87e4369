"""`vita facts ...`, `vita import`, `vita export` against a real profile under a temporary VITA_HOME."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.paths import app_paths
from core.vault import ProfileStore
from tests.core.exchange_fixtures import resume
from tests.core.kb_support import PASSPHRASE, TINY


@pytest.fixture
def home(vita_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ProfileStore(app_paths(vita_home).ensure().profiles).create("Cli", passphrase=PASSPHRASE, argon=TINY)
    monkeypatch.setenv("VITA_PASSPHRASE", PASSPHRASE)
    return vita_home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def jsonl(out: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_cli_import_edit_review_search_export(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "me.json"
    src.write_text(json.dumps(resume()), "utf-8")
    assert json.loads(run(capsys, "--json", "import", str(src)))["kind"] == "jsonresume"
    roles = jsonl(run(capsys, "--json", "facts", "list", "--type", "role"))
    assert [r["value"] for r in roles][:2] == ["Platform Engineering Lead", "Senior Site Reliability Engineer"]
    rid = roles[2]["id"]
    run(capsys, "facts", "edit", str(rid), "--value", "Software Engineer II", "--attr", "location=Remote", "--tag", "data")
    shown = json.loads(run(capsys, "--json", "facts", "show", str(rid)))
    assert shown["value"] == "Software Engineer II" and shown["attributes"]["location"] == "Remote"
    assert shown["tags"] == ["data"] and shown["sources"][0]["kind"] == "imported" and shown["versions"] == 3
    diff = json.loads(run(capsys, "--json", "facts", "history", str(rid), "--diff", "1", "2"))
    assert {d["field"] for d in diff} == {"value", "attributes.location"}
    run(capsys, "facts", "revert", str(rid), "1")
    reverted = json.loads(run(capsys, "--json", "facts", "show", str(rid)))
    assert (reverted["value"], reverted["tags"]) == ("Software Engineer", [])
    run(capsys, "facts", "edit", str(rid), "--tag", "data")
    hits = jsonl(run(capsys, "--json", "facts", "search", "kafka", "--semantic", "off"))
    assert hits and "Kafka" in hits[0]["value"]
    org_hits = jsonl(run(capsys, "--json", "facts", "search", "engineer", "--type", "role", "--org", "Halcyon"))
    assert {h["value"] for h in org_hits} == {"Platform Engineering Lead", "Senior Site Reliability Engineer"}
    run(capsys, "facts", "hide", str(roles[0]["id"]))
    out = tmp_path / "cv.json"
    run(capsys, "export", "--format", "jsonresume", "--out", str(out))
    exported = json.loads(out.read_text("utf-8"))
    assert [w["position"] for w in exported["work"]] == ["Senior Site Reliability Engineer", "Software Engineer"]
    run(capsys, "export", "--format", "md", "--out", str(tmp_path / "cv.md"), "--tag", "data", "--save-variant", "data")
    assert "Software Engineer" in (tmp_path / "cv.md").read_text("utf-8")
    assert "Senior Site Reliability" not in (tmp_path / "cv.md").read_text("utf-8")
    assert json.loads(run(capsys, "--json", "export", "--format", "md", "--list-variants")) == {"data": {"tags": ["data"]}}
    run(capsys, "export", "--format", "docx", "--variant", "data", "--out", str(tmp_path / "cv.docx"))
    assert (tmp_path / "cv.docx").stat().st_size > 1000
    run(capsys, "export", "--format", "csv", "--out", str(tmp_path / "facts.csv"))
    assert (tmp_path / "facts.csv").read_text("utf-8").count("\n") == 1 + len(jsonl(run(capsys, "--json", "facts", "list")))


def test_cli_merge_split_approve_and_errors(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = json.loads(run(capsys, "--json", "facts", "add", "skill", "Postgres", "--attr", "name=Postgres"))["id"]
    b = json.loads(run(capsys, "--json", "facts", "add", "skill", "PostgreSQL", "--attr", "level=expert"))["id"]
    merged = json.loads(run(capsys, "--json", "facts", "merge", str(a), str(b), "--value", "PostgreSQL"))
    assert merged["value"] == "PostgreSQL" and merged["attributes"]["level"] == "expert"
    c = json.loads(run(capsys, "--json", "facts", "add", "achievement", "Led A and B"))["id"]
    ids = json.loads(run(capsys, "--json", "facts", "split", str(c), "Led A", "Led B"))["ids"]
    assert len(ids) == 2
    run(capsys, "facts", "approve", *map(str, ids))
    assert {f["status"] for f in jsonl(run(capsys, "--json", "facts", "list", "--type", "achievement"))} == {"approved"}
    run(capsys, "facts", "delete", str(ids[0]), "--erase")
    assert len(jsonl(run(capsys, "--json", "facts", "list", "--type", "achievement"))) == 1
    assert "(no open conflicts)" in run(capsys, "facts", "conflicts")
    capsys.readouterr()
    assert main(["facts", "show", "9999"]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_cli_conflicts_listed_and_resolved(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from app.cli.common import open_workspace
    from core.facts import now_iso

    rid = json.loads(run(capsys, "--json", "facts", "add", "role", "Analyst", "--attr", "end=2020-01"))["id"]
    with open_workspace(argparse.Namespace(home=None, profile=None)) as ws, ws.mutation("conflict") as txn:
        txn.insert("conflicts", {"fact_id": rid, "field": "end", "created_at": now_iso(), "candidates": json.dumps(
            [{"value": "2020-01", "sources": []}, {"value": "2020-03", "sources": []}])})
    listed = json.loads(run(capsys, "--json", "facts", "conflicts"))
    assert [(c["field"], c["candidates"]) for c in listed] == [("end", ["2020-01", "2020-03"])]
    assert json.loads(run(capsys, "--json", "facts", "conflicts", "--resolve", str(listed[0]["id"]), "2020-03")) == []
    assert json.loads(run(capsys, "--json", "facts", "show", str(rid)))["attributes"]["end"] == "2020-03"
