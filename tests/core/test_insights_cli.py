"""`vita insights` and `vita paths` against a real profile under a temporary VITA_HOME."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.paths import app_paths
from core.vault import ProfileStore
from core.workspace import Workspace
from onet.importer import import_release
from tests.core.careers import CareerWriter, write_career
from tests.core.kb_support import PASSPHRASE, TINY
from tests.onet.fictional_release import write_fictional_release


@pytest.fixture
def home(vita_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    store = ProfileStore(app_paths(vita_home).ensure().profiles)
    profile, _ = store.create("Cli", passphrase=PASSPHRASE, argon=TINY)
    ws = Workspace(store.open_vault(profile, store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False).key))
    write_career(ws)
    ws.close()
    monkeypatch.setenv("VITA_PASSPHRASE", PASSPHRASE)
    return vita_home


def run(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> str:
    capsys.readouterr()
    assert main(list(argv)) == code
    return capsys.readouterr().out


def test_insights_json_and_text(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "--json", "insights", "--as-of", "2024-06"))
    assert len(data["insights"]) >= 8 and all(i["fact_ids"] for i in data["insights"])
    assert {"promotion", "hidden_strength", "leadership"} <= {i["kind"] for i in data["insights"]}
    # the interview's behavioural dimensions, with their evidence ("Aligned product and finance ...")
    together = next(i for i in data["insights"] if i["key"] == "behaviour:collaboration")
    assert len(together["fact_ids"]) == 1 and "Collaboration shows in 1 achievement" in together["statement"]
    text = run(capsys, "insights", "--as-of", "2024-06")
    assert "Promoted at Tallowmere Systems" in text and "Import O*NET" in text
    capsys.readouterr()
    assert main(["insights", "--as-of", "June"]) == 1  # a bad month is a clear error, not a crash
    assert "YYYY-MM" in capsys.readouterr().err


def test_paths_need_onet_then_list_options(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "O*NET is not imported" in run(capsys, "paths", code=1)
    import_release(write_fictional_release(home / "release"), app_paths(home).ensure().ontology_db)
    assert json.loads(run(capsys, "--json", "paths", "--as-of", "2024-06"))["paths"] == []  # codes unknown there
    store = ProfileStore(app_paths(home).profiles)
    profile = store.get("Cli")
    ws = Workspace(store.open_vault(profile, store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False).key))
    with ws.mutation("seed", undoable=False) as txn:
        w = CareerWriter(txn, 1)
        role = w.role("Spell Software Engineer", "Wandworks", "2024-01", None, present=True, onet_code="99-1003.00")
    ws.close()
    data = json.loads(run(capsys, "--json", "paths", "--as-of", "2024-06"))
    assert [p["code"] for p in data["paths"]] == ["99-1004.00", "99-1005.00"]
    assert data["paths"][0]["move"] == "similar" and data["paths"][0]["fact_ids"][0] == role
    assert "Potion Quality Inspectors" in run(capsys, "paths", "--as-of", "2024-06")


def test_insights_recommend_from_saved_jobs_with_actions_and_progress(home: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "--json", "insights", "--as-of", "2024-06"))
    assert not [i for i in data["insights"] if i["kind"] == "recommendation"]
    assert any("Save a job you want" in m for m in data["missing"])
    posting = Path(__file__).parent / "jobs_fixtures" / "posting_data_engineer.txt"
    job_id = json.loads(run(capsys, "--json", "jobs", "add", str(posting)))["id"]
    data = json.loads(run(capsys, "--json", "insights", "--as-of", "2024-06"))
    recs = [i for i in data["insights"] if i["kind"] == "recommendation"]
    assert recs and all(r["job_ids"] == [job_id] and r["actions"] for r in recs)
    assert not any("Save a job you want" in m for m in data["missing"])
    run(capsys, "plan", "goal", "1", "--due", "2025-01-31")
    data = json.loads(run(capsys, "--json", "insights", "--as-of", "2024-06"))
    tracked = [i for i in data["insights"] if i["kind"] == "recommendation" and i["goal"]]
    assert len(tracked) == 1 and tracked[0]["goal"]["progress"] == 0.0 and tracked[0]["goal"]["due"] == "2025-01-31"
    task = tracked[0]["actions"][0]["task_id"]
    run(capsys, "plan", "task", str(task))
    text = run(capsys, "insights", "--as-of", "2024-06")
    assert "1 of 3 tasks done, due 2025-01-31" in text and "[x] " in text and f"(task {task})" in text
