"""LinkedIn data-export ZIP (a fictional export in LinkedIn's CSV layout) -> facts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from core.errors import HostileFile, ImportFailed
from core.exchange.jsonresume_export import export_jsonresume, validation_errors
from core.exchange.linkedin import import_linkedin
from core.model import FactType, SourceKind
from core.profile import career_profile
from core.workspace import Workspace

FILES = {
    "Profile.csv": (
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
        "Twitter Handles,Websites,Instant Messengers\n"
        'Oswin,Talbridge,,,,"Data Engineer at Quillon Labs","Builds tidy data platforms.",Software,,'
        '"Lake Amberly, Westmarch",,"[PERSONAL:https://oswin.example.net]",\n'),
    "Positions.csv": (
        "Company Name,Title,Description,Location,Started On,Finished On\n"
        'Quillon Labs,Senior Data Engineer,"Owns the warehouse.\n- Cut nightly batch time by 70%\n'
        '- Introduced dbt to 5 teams","Lake Amberly",Mar 2021,\n'
        "Quillon Labs,Data Engineer,Built ingestion jobs.,Lake Amberly,Jun 2018,Feb 2021\n"
        "Fernhollow Bank,Analyst,,Port Cale,Sep 2015,May 2018\n"),
    "Education.csv": (
        "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
        "Westmarch Institute of Technology,2011,2015,,Bachelor of Engineering,Robotics club\n"),
    "Skills.csv": "Name\nPython\nApache Spark\nSQL\n",
    "Certifications.csv": (
        "Name,Url,Authority,Started On,Finished On,License Number\n"
        "Cloud Data Engineer,https://cert.example.com/x1,Example Cloud,Apr 2020,,X1-99\n"),
    "Projects.csv": "Title,Description,Url,Started On,Finished On\nLedgerLint,Linting for SQL,,Jan 2019,Dec 2019\n",
    "Languages.csv": "Name,Proficiency\nEnglish,Native or bilingual proficiency\nSpanish,Professional working proficiency\n",
    "Honors.csv": "Title,Description,Issued On\nHackathon Winner,Internal hackathon,Oct 2019\n",
    "Email Addresses.csv": (
        "Email Address,Confirmed,Primary,Updated On\n"
        "old@example.net,Yes,No,1/1/20\noswin@example.net,Yes,Yes,2/2/22\n"),
    "PhoneNumbers.csv": "Extension,Number,Type\n,+44 20 7946 0011,Mobile\n",
    "Connections.csv": "Notes:\n\"When exporting...\"\n\nFirst Name,Last Name,URL\nA,B,https://x\n",
}


def make_export(path: Path, files: dict[str, str] = FILES) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in files.items():
            zf.writestr(name, "\ufeff" + body if name == "Profile.csv" else body)
    return path


def test_linkedin_zip_becomes_facts(ws: Workspace, tmp_path: Path) -> None:
    result = import_linkedin(ws, make_export(tmp_path / "Basic_LinkedInDataExport_01-02-2025.zip"))
    roles = ws.list_facts(type=FactType.role)
    assert [(r.value, r.attributes.get("start"), r.attributes.get("end")) for r in roles] == [
        ("Senior Data Engineer", "2021-03", None), ("Data Engineer", "2018-06", "2021-02"),
        ("Analyst", "2015-09", "2018-05")]
    assert [o.value for o in ws.list_facts(type=FactType.organisation)] == ["Quillon Labs", "Fernhollow Bank"]
    assert [a.value for a in ws.list_facts(type=FactType.achievement)] == [
        "Cut nightly batch time by 70%", "Introduced dbt to 5 teams"]
    assert roles[0].attributes["summary"] == "Owns the warehouse."
    assert {s.value for s in ws.list_facts(type=FactType.skill)} == {"Python", "Apache Spark", "SQL"}
    assert ws.list_facts(type=FactType.credential)[0].attributes == {
        "name": "Cloud Data Engineer", "issuer": "Example Cloud", "url": "https://cert.example.com/x1",
        "date": "2020-04", "license": "X1-99"}
    src = ws.fact_sources(result.ids["position.0"])[0]
    assert src.source_kind == SourceKind.imported and "Basic_LinkedInDataExport" in src.note
    assert [r.employer for r in career_profile(ws).roles] == ["Fernhollow Bank", "Quillon Labs", "Quillon Labs"]
    resume = export_jsonresume(ws)
    assert validation_errors(resume) == []
    assert resume["basics"]["name"] == "Oswin Talbridge" and resume["basics"]["email"] == "oswin@example.net"
    assert resume["basics"]["url"] == "https://oswin.example.net"
    assert resume["work"][0]["highlights"] == ["Cut nightly batch time by 70%", "Introduced dbt to 5 teams"]
    assert [lang["language"] for lang in resume["languages"]] == ["English", "Spanish"]
    ws.undo()
    assert ws.count_facts() == 0


def test_not_a_linkedin_export(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed):
        import_linkedin(ws, make_export(tmp_path / "x.zip", {"readme.txt": "hello"}))
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(ImportFailed):
        import_linkedin(ws, bad)


def test_oversized_member_is_refused(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import core.exchange.linkedin as li

    monkeypatch.setattr(li, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(HostileFile):
        import_linkedin(ws, make_export(tmp_path / "big.zip", {"Skills.csv": "Name\n" + "Python\n" * 100}))
