"""`vita interview` and `vita interview --status --json` against a real profile (piped answers)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app.cli import main
from app.paths import app_paths
from core.vault import ProfileStore
from tests.core.kb_support import PASSPHRASE, TINY


@pytest.fixture
def home(vita_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ProfileStore(app_paths(vita_home).ensure().profiles).create("Cli", passphrase=PASSPHRASE, argon=TINY)
    monkeypatch.setenv("VITA_PASSPHRASE", PASSPHRASE)
    return vita_home


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_terminal_chat_confirms_and_stores_then_status_shows_it(
        home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, monkeypatch, "facts", "add", "role", "Data Engineer", "--attr", "title=Data Engineer",
        "--attr", "organisation=Northwind Traders", "--attr", "start=2019", "--attr", "end=2021")
    before = json.loads(run(capsys, monkeypatch, "--json", "interview", "--status"))
    assert 0 < before["completeness"] < 1 and before["next_questions"]
    first = before["next_questions"][0]
    assert "Northwind Traders (2019–2021)" in first["question"] and first["slot"] == "location"
    out = run(capsys, monkeypatch, "interview", stdin="We were based in Lyon, France.\nedit 1 Lyon\ny\nskip\ndone\n")
    assert "[1 of 8]" in out and "Location: Lyon, France" in out and "Saved." in out
    shown = json.loads(run(capsys, monkeypatch, "--json", "facts", "list", "--type", "role"))
    assert shown["attributes"]["location"] == "Lyon"
    after = json.loads(run(capsys, monkeypatch, "--json", "interview", "--status"))
    assert after["completeness"] > before["completeness"]
    assert all(q["key"] != first["key"] for q in after["next_questions"])
