"""Inputs and situations that once crashed the CLI end in a clear message or a quiet exit."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from app.paths import app_paths
from core.intake.jsonresume import InvalidJSON, parse_json_resume
from core.model import FactStatus, FactType
from core.vault import ProfileStore
from core.workspace import Workspace
from tests.core.kb_support import PASSPHRASE, TINY

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(vita_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    store = ProfileStore(app_paths(vita_home).ensure().profiles)
    profile, _ = store.create("Faults", passphrase=PASSPHRASE, argon=TINY)
    ws = Workspace(store.open_vault(profile, store.unlock(profile, passphrase=PASSPHRASE).key), profile=profile)
    for i in range(2000):  # well over a pipe's 64 KB of output, so `| head -1` closes it mid-write
        ws.add_fact(type=FactType.skill, value=f"Rope splicing technique {i}", status=FactStatus.approved)
    ws.close()
    monkeypatch.setenv("VITA_PASSPHRASE", PASSPHRASE)
    return vita_home


def test_a_closed_stdout_ends_quietly_without_a_crash_log(home: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "app", "facts", "list", "--limit", "5000"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # `| head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err and err == ""
    crashes = app_paths(home).crash_dir
    assert not crashes.exists() or not list(crashes.iterdir())


def test_an_argument_that_is_not_utf8_is_a_clear_error(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = b"bad\xffbyte".decode("utf-8", "surrogateescape")  # what Python makes of such argv bytes
    assert main(["facts", "add", "skill", bad]) == 2
    assert "not valid UTF-8" in capsys.readouterr().err


def test_import_of_json_nested_100000_deep_is_refused(home: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"basics": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert main(["import", str(deep)]) == 1
    assert "not readable JSON" in capsys.readouterr().err


def test_parse_and_import_read_odd_json_resumes_alike(home: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    nan = tmp_path / "nan.json"
    nan.write_text('{"basics": {"name": "Ines Varga-Holm"}, "work": [{"name": "Kelp Farm", "x": NaN}]}')
    with pytest.raises(InvalidJSON):
        parse_json_resume(nan)
    assert main(["import", str(nan)]) == 1
    assert "not readable JSON" in capsys.readouterr().err
    dup = tmp_path / "dup.json"
    dup.write_text('{"basics": {"name": "First Name", "name": "Ines Varga-Holm"}}')
    assert parse_json_resume(dup).resume["basics"]["name"] == "Ines Varga-Holm"
    assert main(["--json", "import", str(dup)]) == 0
    capsys.readouterr()
    assert main(["facts", "search", "Varga"]) == 0
    assert "Varga-Holm" in capsys.readouterr().out


def test_docx_export_of_a_fact_with_control_characters(home: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "add", "skill", "Tide\x0btables\x0cand\x1bcharts"]) == 0
    out = tmp_path / "resume.docx"
    assert main(["export", "--format", "docx", "--include-pending", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        body = zf.read("word/document.xml").decode("utf-8")
    assert "Tide tables and charts" in body
