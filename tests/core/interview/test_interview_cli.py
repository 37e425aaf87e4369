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
    for kind, value in (("name", "Robin Example"), ("email", "robin@example.org"), ("summary", "Builds pipelines.")):
        run(capsys, monkeypatch, "facts", "add", "contact", value, "--attr", f"kind={kind}")
    before = json.loads(run(capsys, monkeypatch, "--json", "interview", "--status"))
    assert 0 < before["completeness"] < 1 and before["next_questions"]
    first = before["next_questions"][0]
    assert "Northwind Traders (2019–2021)" in first["question"] and first["slot"] == "achievement"
    answer = "We cut the nightly batch time by 40% in 2020."
    out = run(capsys, monkeypatch, "interview", stdin=f"{answer}\nedit 2 about 45%\ny\nskip\ndone\n")
    assert "[1 of 8]" in out and "Percent: 40.0" in out and "Saved." in out
    shown = json.loads(run(capsys, monkeypatch, "--json", "facts", "list", "--type", "achievement"))
    assert shown["value"] == answer.rstrip(".") + "." and shown["attributes"]["metrics"][0]["value"] == 45.0
    hits = json.loads(run(capsys, monkeypatch, "--json", "interview", "--search", "nightly batch"))
    assert [h["role"] for h in hits] == ["person"] and hits[0]["text"] == answer
    after = json.loads(run(capsys, monkeypatch, "--json", "interview", "--status"))
    assert after["completeness"] > before["completeness"]
    assert all(q["key"] != first["key"] for q in after["next_questions"])


def test_model_setting_is_loopback_only_unless_allowed(
        home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = json.loads(run(capsys, monkeypatch, "--json", "interview", "--model", "http://127.0.0.1:8080/v1",
                         "--model-name", "tiny"))
    assert out == {"llm_endpoint": "http://127.0.0.1:8080/v1", "llm_model": "tiny", "llm_allow_remote": False}
    assert main(["interview", "--model", "http://192.168.1.10:8080/v1"]) == 1
    assert "this machine" in capsys.readouterr().err
    settings = json.loads((app_paths(home).settings_file).read_text("utf-8"))
    assert settings["llm_endpoint"] == "http://127.0.0.1:8080/v1"  # the refused address was not kept
    assert json.loads(run(capsys, monkeypatch, "--json", "interview", "--model", "off"))["llm_endpoint"] == ""
