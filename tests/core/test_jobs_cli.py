"""`vita jobs`, `vita match job|all`, `vita gaps`, `vita plan` through the real CLI on a fictional profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.paths import app_paths
from core.vault import ProfileStore
from core.vault.keys import Argon2Params

FIXTURES = Path(__file__).parent / "jobs_fixtures"


@pytest.fixture
def profile(vita_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ProfileStore(app_paths(vita_home).ensure().profiles).create(
        "Cli Jobs", passphrase="pw-cli-jobs", argon=Argon2Params(1, 1024, 1))
    monkeypatch.setenv("VITA_PASSPHRASE", "pw-cli-jobs")


def _json(capsys: pytest.CaptureFixture[str]) -> object:
    return json.loads(capsys.readouterr().out)


def test_jobs_match_gaps_and_plan(profile: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--no-embed", str(FIXTURES / "resume_fictional.txt")]) == 0
    capsys.readouterr()
    assert main(["--json", "jobs", "add", str(FIXTURES / "posting_data_engineer.txt")]) == 0
    pid = _json(capsys)["id"]  # type: ignore[index]
    assert main(["jobs", "add", "--text", "Barista\n\nRequirements:\nLatte art and espresso machines."]) == 0
    capsys.readouterr()
    assert main(["--json", "jobs", "status", str(pid), "applied", "--note", "via the careers page"]) == 0
    capsys.readouterr()
    assert main(["--json", "jobs", "show", str(pid)]) == 0
    shown = _json(capsys)
    assert shown["status"] == "applied" and shown["history"][0]["note"] == "via the careers page"  # type: ignore[index]

    assert main(["match", "job", str(pid), "--json"]) == 0
    m = _json(capsys)
    assert m["headline"].endswith("must-haves met")  # type: ignore[index]
    reqs = {r["label"]: r for r in m["requirements"]}  # type: ignore[index]
    assert reqs["Python"]["status"] == "met" and reqs["Python"]["fact_ids"]
    assert reqs["Authorized to work"]["status"] == "unknown"
    assert main(["match", "job", str(pid)]) == 0
    assert "must-haves met" in capsys.readouterr().out
    assert main(["match", str(pid), "--json"]) == 0  # the issue's form: `vita match JOB`
    assert _json(capsys) == m

    assert main(["--json", "match", "all"]) == 0
    ranked = _json(capsys)
    assert [r["id"] for r in ranked][0] == pid  # type: ignore[index]
    assert main(["--json", "match", "--all"]) == 0  # the issue's form: `vita match --all`
    assert _json(capsys) == ranked

    assert main(["--json", "gaps"]) == 0
    gaps = _json(capsys)
    assert any(g["label"] == "PostgreSQL" and g["adjacent"] for g in gaps)  # type: ignore[index,union-attr]
    assert main(["--json", "plan"]) == 0
    plan = _json(capsys)
    assert plan["items"] and plan["goals"] == []  # type: ignore[index]
    assert main(["plan", "goal", "1", "--due", "2027-03-01"]) == 0
    capsys.readouterr()
    assert main(["--json", "plan"]) == 0
    goals = _json(capsys)["goals"]  # type: ignore[index]
    assert len(goals) == 1 and goals[0]["progress"] == 0.0 and len(goals[0]["tasks"]) == 3
    assert main(["plan", "task", str(goals[0]["tasks"][0]["id"])]) == 0
    capsys.readouterr()
    assert main(["--json", "plan"]) == 0
    assert _json(capsys)["goals"][0]["progress"] == pytest.approx(1 / 3, abs=1e-3)  # type: ignore[index]

    assert main(["facts", "approve", *map(str, range(1, 26))]) == 0  # only approved facts are exported
    capsys.readouterr()
    out = tmp_path / "tailored.md"
    assert main(["jobs", "tailor", str(pid), "--format", "md", "--out", str(out)]) == 0
    tailored = out.read_text("utf-8")
    assert "Python ETL" in tailored and "Larkspur" in tailored  # the roles that evidence the job's skills

    # the tailored resume orders what it keeps by the job: must-haves first, then the nice-to-haves
    capsys.readouterr()
    assert main(["--json", "jobs", "add", "--text",
                 "Pipeline Engineer\n\nRequirements:\nApache Airflow.\nSQL.\n\nNice to have:\nPython.\n"]) == 0
    other = _json(capsys)["id"]  # type: ignore[index]
    docx_out = tmp_path / "tailored.docx"
    assert main(["jobs", "tailor", str(other), "--format", "docx", "--out", str(docx_out)]) == 0
    import docx

    paras = [p.text for p in docx.Document(str(docx_out)).paragraphs if p.text.strip()]
    airflow = next(i for i, t in enumerate(paras) if "Apache Airflow" in t and "nightly" in t)
    python = next(i for i, t in enumerate(paras) if "Python ETL" in t)
    assert airflow < python  # the Airflow bullet (a must) before the Python one (nice), unlike the resume
    skills = next(t for t in paras if "Airflow" in t and "Python" in t and "," in t)
    assert skills.index("Airflow") < skills.index("SQL") < skills.index("Python")
    assert main(["--json", "jobs", "delete", str(pid)]) == 0
    capsys.readouterr()
    assert main(["--json", "jobs", "list"]) == 0
    assert sorted(j["title"] for j in _json(capsys)) == ["Barista", "Pipeline Engineer"]  # type: ignore[union-attr,index]


def test_import_csv_reports_bad_rows(profile: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text("Job Title,Company Name,Job Description\nAnalyst,Fernhollow,SQL and Excel\n,,\nx,y\n", "utf-8")
    assert main(["--json", "jobs", "import-csv", str(path)]) == 0
    out = _json(capsys)
    assert out["added"] == 1 and [e["line"] for e in out["errors"]] == [4]  # type: ignore[index]


def test_match_pairs_contract(tmp_path: Path, vita_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    resume = (FIXTURES / "resume_fictional.txt").read_text("utf-8")
    job = (FIXTURES / "posting_data_engineer.txt").read_text("utf-8")
    cases = tmp_path / "pairs.jsonl"
    cases.write_text("\n".join(json.dumps(c) for c in [
        {"id": "a", "resume": resume, "job": job},
        {"id": "b", "resume": resume, "job": "Pastry Chef\n\nRequirements:\nLaminated doughs, sugar work."},
        {"nope": 1}]) + "\n", "utf-8")
    assert main(["match", "pairs", "--format", "jsonl", str(cases), "--no-semantic"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", None] and "error" in rows[2]
    assert 0 <= rows[1]["score"] < rows[0]["score"] <= 1


def test_issue_forms_rewrite_only_match() -> None:
    from app.cli.match_cmd import issue_forms

    assert issue_forms(["--home", "h", "match", "7"]) == ["--home", "h", "match", "job", "7"]
    assert issue_forms(["match", "--all", "--json"]) == ["match", "all", "--json"]
    assert issue_forms(["match", "pairs", "f.jsonl"]) == ["match", "pairs", "f.jsonl"]
    assert issue_forms(["jobs", "show", "7"]) == ["jobs", "show", "7"]


def test_match_weights_come_from_settings() -> None:
    from app.settings import Settings
    from core.jobs.score import ScoreWeights

    assert Settings().match_weights() == ScoreWeights()  # the seed plan: 50 / 25 / 15 / 10
    custom = Settings.from_dict({"match_weight_skills": 70, "match_weight_location": -5})
    assert custom.match_weights().skills == 70 and custom.match_weights().location == 0
