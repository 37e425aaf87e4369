"""`vita ingest` through the real CLI entry point, into a real profile under VITA_HOME."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.paths import app_paths
from core.vault import ProfileStore
from core.vault.keys import Argon2Params

RESUME = """Marisol Okonkwo-Vance
marisol.ov@example.org

EXPERIENCE

Museum Registrar, Saltmarsh Heritage Trust — Eddington
Sep 2016 – Present
- Catalogued 4,000 objects into the new collections database
- Cut loan paperwork turnaround from 6 weeks to 2 weeks

SKILLS
Collections management, Conservation, Archival research
"""


@pytest.fixture
def profile(vita_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ProfileStore(app_paths(vita_home).ensure().profiles).create(
        "Cli Ingest", passphrase="pw-cli-ingest", argon=Argon2Params(1, 1024, 1))
    monkeypatch.setenv("VITA_PASSPHRASE", "pw-cli-ingest")


def test_ingest_json_summary_and_second_run(profile: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "cv.txt").write_text(RESUME, encoding="utf-8")
    (d / "scan.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    assert main(["--json", "ingest", "--no-embed", str(d)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["inputs"], out["documents"], out["quarantined"]) == (2, 1, 1)
    assert out["facts"] >= 6 and out["conflicts"] == 0
    assert main(["ingest", "--json", "--no-embed", str(d / "cv.txt")]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["documents"], again["skipped"], again["facts"]) == (0, 1, 0)


def test_ingest_text_summary_and_failure_status(profile: None, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    assert main(["ingest", "--no-embed", str(bad)]) == 1  # nothing could be stored
    captured = capsys.readouterr()
    assert "Documents: 0 stored, 0 already in the vault, 1 quarantined" in captured.out
    assert "quarantined" in captured.err and "broken.docx" in captured.err  # plain lines: no terminal
    assert "\r" not in captured.err


def test_ingest_a_job_ad_reports_a_posting_and_no_facts(profile: None, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from tests.core.job_ad_fixtures import write_ad_txt

    ad = write_ad_txt(tmp_path / "ad.txt")
    assert main(["ingest", "--no-embed", str(ad)]) == 0
    out = capsys.readouterr().out
    assert "Job postings: 1" in out and "Facts: 0 new" in out
