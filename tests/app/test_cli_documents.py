"""`vita documents list / remove / erase` and the refused empty export, on a real profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.paths import app_paths
from core.vault import ProfileStore
from tests.core.kb_support import PASSPHRASE, TINY
from tests.core.resume_fixtures import write_txt

OTHER = """Casimir Dunleavy
casimir.d@example.com

Experience
Barista, Lantern Coffee — 2019 to 2021
- Trained 4 new staff on espresso preparation.

Skills
Latte art, Customer service, Python
"""


@pytest.fixture
def home(vita_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ProfileStore(app_paths(vita_home).ensure().profiles).create("Cli", passphrase=PASSPHRASE, argon=TINY)
    monkeypatch.setenv("VITA_PASSPHRASE", PASSPHRASE)
    return vita_home


def run(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> tuple[str, str]:
    capsys.readouterr()
    got = main(list(argv))
    out, err = capsys.readouterr()
    assert got == code, err
    return out, err


def facts(capsys: pytest.CaptureFixture[str]) -> list[dict]:  # type: ignore[type-arg]
    out, _ = run(capsys, "--json", "facts", "list")
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_remove_document_keeps_facts_other_sources_support(home: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    mine = write_txt(tmp_path / "mine.txt")
    other = tmp_path / "dropped-by-mistake.txt"
    other.write_text(OTHER, "utf-8")
    run(capsys, "ingest", "--no-embed", str(mine), str(other))
    out, _ = run(capsys, "--json", "documents", "list")
    docs = json.loads(out)
    assert sorted(d["name"] for d in docs) == ["dropped-by-mistake.txt", "mine.txt"]
    before = {f["value"] for f in facts(capsys)}
    assert {"Latte art", "Python"} <= before
    out, _ = run(capsys, "documents", "remove", "dropped-by-mistake.txt")
    assert out.startswith("removed dropped-by-mistake.txt:") and "kept" in out
    after = {f["value"] for f in facts(capsys)}
    assert "Latte art" not in after and "Barista" not in " ".join(after)
    assert "Python" in after  # also in mine.txt: detached, not removed
    out, _ = run(capsys, "--json", "documents", "list")
    assert [d["name"] for d in json.loads(out)] == ["mine.txt"]
    _, err = run(capsys, "documents", "remove", "no-such.txt", code=1)
    assert "No document 'no-such.txt'" in err


def test_erase_document_needs_confirmation(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = write_txt(tmp_path / "mine.txt")
    run(capsys, "ingest", "--no-embed", str(mine))
    _, err = run(capsys, "documents", "erase", "mine.txt", code=1)
    assert "cannot be undone" in err and "--yes" in err
    out, _ = run(capsys, "documents", "erase", "mine.txt", "--yes")
    assert out.startswith("erased mine.txt")
    assert facts(capsys) == []


def test_export_with_nothing_approved_is_refused(home: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "ingest", "--no-embed", str(write_txt(tmp_path / "mine.txt")))
    target = tmp_path / "cv.pdf"
    _, err = run(capsys, "export", "--format", "pdf", "--out", str(target), code=1)
    assert "Nothing to export yet" in err and "Approve" in err and "wrote" not in err
    assert not target.exists()
    out, err = run(capsys, "export", "--format", "pdf", "--out", str(target), "--include-pending")
    assert out.startswith("wrote") and target.stat().st_size > 1000
    assert "warning:" not in err  # pending facts were asked for: the name is not a surprise


def test_a_removal_is_undone_by_a_later_command(home: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    mine = write_txt(tmp_path / "mine.txt")
    other = tmp_path / "dropped-by-mistake.txt"
    other.write_text(OTHER, "utf-8")
    run(capsys, "ingest", "--no-embed", str(mine), str(other))
    before = sorted((f["id"], f["value"], f["status"]) for f in facts(capsys))
    out, _ = run(capsys, "documents", "remove", "dropped-by-mistake.txt")
    assert "vita undo" in out
    out, _ = run(capsys, "undo", "--show")
    assert "Remove document dropped-by-mistake.txt" in out
    out, _ = run(capsys, "undo")  # a new process: the step came from the vault, not from memory
    assert out.strip() == "Undone: Remove document dropped-by-mistake.txt"
    assert sorted((f["id"], f["value"], f["status"]) for f in facts(capsys)) == before
    out, _ = run(capsys, "--json", "documents", "list")
    assert sorted(d["name"] for d in json.loads(out)) == ["dropped-by-mistake.txt", "mine.txt"]
    _, err = run(capsys, "undo", code=1)
    assert "nothing to undo" in err.lower()


def test_an_undo_over_newer_work_is_refused_and_changes_nothing(home: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "dropped-by-mistake.txt"
    other.write_text(OTHER, "utf-8")
    run(capsys, "ingest", "--no-embed", str(other))
    ids = [f["id"] for f in facts(capsys)]
    run(capsys, "facts", "approve", str(ids[0]))
    run(capsys, "documents", "remove", "dropped-by-mistake.txt")
    run(capsys, "ingest", "--no-embed", str(other))  # the same rows come back (same ids), written anew
    now = sorted((f["id"], f["value"], f["status"]) for f in facts(capsys))
    _, err = run(capsys, "undo", code=1)
    assert "can no longer be undone" in err
    assert sorted((f["id"], f["value"], f["status"]) for f in facts(capsys)) == now
    _, err = run(capsys, "undo", code=1)  # the approval before it wrote fact 1, which is new now too
    assert "“Approve 1 fact” can no longer be undone" in err
    assert sorted((f["id"], f["value"], f["status"]) for f in facts(capsys)) == now
    _, err = run(capsys, "undo", code=1)
    assert "nothing to undo" in err.lower()
