"""core.enrich on a real vault: O*NET titles on roles, skill facts from achievements, idempotency, undo, graph."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from core.dates import PartialDate
from core.enrich import EXTRACTOR, STEP_LABEL, enrich_facts
from core.ingest import ingest_parsed
from core.model import EdgeKind, FactStatus, FactType, SourceKind
from core.profile import career_profile
from core.workspace import Workspace
from onet.importer import import_release
from tests.core.enrich_support import fictional_resume, write_release
from tests.core.ingest_docs import assert_consistent, count

TABLES = ("facts", "edges", "fact_sources", "fact_versions")


@pytest.fixture(scope="module")
def onet_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("enrich-release")
    db = root / "onet.sqlite"
    import_release(write_release(root), db)
    return db


def dump(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    with ws.reading() as conn:
        return {t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY id"))] for t in TABLES}


def facts_by_value(ws: Workspace, ftype: FactType) -> dict[str, Any]:
    return {f.value: f for f in ws.list_facts(type=ftype)}


def edges(ws: Workspace, kind: EdgeKind) -> set[tuple[int, Any]]:
    with ws.reading() as conn:
        rows = conn.execute(text("SELECT src_id, coalesce(dst_id, dst_ref) FROM edges WHERE kind = :k"),
                            {"k": kind.value}).all()
    return {(r[0], r[1]) for r in rows}


def test_ingest_maps_titles_and_links_skills(ws: Workspace, onet_db: Path) -> None:
    doc = fictional_resume()
    ws.services.use_ontology(onet_db)
    summary = ingest_parsed(ws, [(doc.source, doc)], embed=False).run()
    assert ws.undo_status().undo == f"Import {Path(doc.source).name}"  # the links joined the import's step
    assert summary.facts == ws.count_facts()  # created skill facts count as new facts
    roles = facts_by_value(ws, FactType.role)
    senior = roles["Sr. Software Engineer II"]
    assert senior.attributes["onet_code"] == "15-1252.00"
    assert senior.attributes["onet_title"] == "Software Developers"
    assert 0.5 < senior.attributes["onet_confidence"] <= 1.0
    assert senior.attributes["title"] == "Sr. Software Engineer II"  # the person's own title is kept
    maps = edges(ws, EdgeKind.maps_to)
    assert (senior.id, "onet:occ:15-1252.00") in maps
    assert (roles["Software Developer"].id, "onet:occ:15-1252.00") in maps

    skills = facts_by_value(ws, FactType.skill)
    assert {"Python", "Kubernetes", "Terraform", "PostgreSQL", "Team leadership"} <= set(skills)
    assert len([v for v in skills if v.lower() == "python"]) == 1  # the skills section's fact is reused
    python, k8s = skills["Python"], skills["Kubernetes"]
    assert python.attributes["ontology_id"].startswith("onet:tech:")  # linked to the O*NET example
    assert (python.id, python.attributes["ontology_id"]) in maps
    assert skills["Team leadership"].attributes["ontology_id"].startswith("onet:element:")
    assert (k8s.status, k8s.source_kind) == (FactStatus.pending, SourceKind.document)

    bullets = facts_by_value(ws, FactType.achievement)
    migrated = bullets["Migrated the billing service to Kubernetes with Python and Terraform"]
    wrote = bullets["Wrote Python tooling for release automation"]
    uses = edges(ws, EdgeKind.uses_skill)
    for user in (migrated.id, senior.id):
        assert {(user, k8s.id), (user, python.id), (user, skills["Terraform"].id)} <= uses
    assert {(wrote.id, python.id), (roles["Software Developer"].id, python.id)} <= uses
    assert (roles["Software Developer"].id, k8s.id) not in uses  # only the role it was achieved in

    # Provenance of a created skill: the mention's own characters in the document, by vita.enrich.
    [src] = ws.fact_sources(k8s.id)
    assert src.extractor == EXTRACTOR and src.document_id is not None
    with ws.reading() as conn:
        doc_text = conn.execute(text("SELECT text FROM documents WHERE id = :d"), {"d": src.document_id}).scalar_one()
    assert src.start is not None and src.end is not None
    assert doc_text[src.start:src.end] == "Kubernetes"
    assert_consistent(ws)


def test_enrich_is_idempotent_and_one_undo_step(ws: Workspace, onet_db: Path) -> None:
    doc = fictional_resume()
    ingest_parsed(ws, [(doc.source, doc)], embed=False, enrich=False).run()
    before = dump(ws)
    ws.services.use_ontology(onet_db)
    store = ws.services.ontology()
    first = enrich_facts(ws, ontology=store)
    assert first.roles_mapped == 2 and first.skills_created >= 3 and first.edges_added > 10
    assert first.skills_linked == 2  # the skills section's Python and Team leadership
    assert first.changes is not None and first.changes.facts and first.changes.edges
    assert ws.undo_status().undo == STEP_LABEL
    after = dump(ws)
    assert len(after["facts"]) == len(before["facts"]) + first.skills_created

    again = enrich_facts(ws, ontology=store)
    assert (again.roles_mapped, again.skills_created, again.skills_linked, again.edges_added) == (0, 0, 0, 0)
    assert again.changes is None and again.mentions == first.mentions
    assert dump(ws) == after
    ws.undo()  # the one step: everything it added goes, nothing else
    assert dump(ws) == before
    assert ws.undo_status().undo == f"Import {doc.source}"
    ws.redo()
    assert dump(ws) == after
    assert_consistent(ws)


def test_only_the_given_facts_are_enriched(ws: Workspace, onet_db: Path) -> None:
    doc = fictional_resume()
    ingest_parsed(ws, [(doc.source, doc)], embed=False, enrich=False).run()
    bullet = facts_by_value(ws, FactType.achievement)["Wrote Python tooling for release automation"]
    ws.services.use_ontology(onet_db)
    s = enrich_facts(ws, [bullet.id], ontology=ws.services.ontology())
    assert s.roles_mapped == 0 and s.skills_linked == 1  # Python (skills section) found by name, linked
    role = facts_by_value(ws, FactType.role)["Software Developer"]
    assert "onet_code" not in role.attributes
    python = facts_by_value(ws, FactType.skill)["Python"]
    assert {(bullet.id, python.id), (role.id, python.id)} <= edges(ws, EdgeKind.uses_skill)
    assert "Kubernetes" not in facts_by_value(ws, FactType.skill)
    assert enrich_facts(ws, [], ontology=ws.services.ontology()).mentions == 0


def test_graph_reports_evidence_and_first_last_used(ws: Workspace, onet_db: Path) -> None:
    doc = fictional_resume()
    ws.services.use_ontology(onet_db)
    ingest_parsed(ws, [(doc.source, doc)], embed=False).run()
    profile = career_profile(ws)
    python, k8s = profile.skill_named("Python"), profile.skill_named("Kubernetes")
    assert python is not None and k8s is not None
    # Python: two bullets and both roles use it, plus the skills section's passage.
    assert python.evidence_count >= 5 and len(python.evidence_ids) == 4
    assert (python.first, python.last, python.current) == (PartialDate(2016, 1), PartialDate(2022, 6), False)
    assert (k8s.first, k8s.last) == (PartialDate(2019, 3), PartialDate(2022, 6))
    assert len(k8s.evidence_ids) == 2 and k8s.evidence_count == 3  # bullet, role, the document


def test_without_onet_skills_link_to_the_starter_lexicon(ws: Workspace) -> None:
    doc = fictional_resume()
    s = ingest_parsed(ws, [(doc.source, doc)], embed=False).run()
    assert s.documents == 1
    roles = ws.list_facts(type=FactType.role)
    assert roles and all("onet_code" not in r.attributes for r in roles)
    skills = facts_by_value(ws, FactType.skill)
    assert skills["Kubernetes"].attributes["ontology_id"] == "lex:kubernetes"
    assert skills["Python"].attributes["ontology_id"] == "lex:python"
    maps = {ref for _, ref in edges(ws, EdgeKind.maps_to)}
    assert "lex:kubernetes" in maps and not any(str(r).startswith("onet:occ:") for r in maps)


def test_a_rejected_skill_is_not_brought_back(ws: Workspace, onet_db: Path) -> None:
    ws.add_fact(type=FactType.skill, value="Terraform", status=FactStatus.rejected)
    doc = fictional_resume()
    ws.services.use_ontology(onet_db)
    ingest_parsed(ws, [(doc.source, doc)], embed=False).run()
    terraform = [f for f in ws.list_facts(type=FactType.skill) if f.value == "Terraform"]
    assert len(terraform) == 1 and terraform[0].status == FactStatus.rejected
    assert count(ws, "SELECT count(*) FROM edges WHERE dst_id = :d", d=terraform[0].id) == 0
    assert "Kubernetes" in facts_by_value(ws, FactType.skill)


def test_a_failing_enrichment_never_loses_the_document(ws: Workspace, monkeypatch: pytest.MonkeyPatch,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    import core.enrich.run as run_mod

    def broken(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("fault injected")

    monkeypatch.setattr(run_mod, "make_plan", broken)
    doc = fictional_resume()
    with caplog.at_level(logging.WARNING, logger="core.enrich.hook"):
        s = ingest_parsed(ws, [(doc.source, doc)], embed=False).run()
    assert s.documents == 1 and s.facts == ws.count_facts() > 5
    assert "fault injected" in caplog.text
    assert ws.undo_status().undo == f"Import {doc.source}"
    assert count(ws, "SELECT count(*) FROM fact_sources WHERE extractor = :e", e=EXTRACTOR) == 0


def test_cli_enrich(vita_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main
    from app.paths import app_paths
    from core.vault import ProfileStore
    from tests.core.kb_support import PASSPHRASE, TINY

    store = ProfileStore(app_paths(vita_home).ensure().profiles)
    profile, _ = store.create("Cli", passphrase=PASSPHRASE, argon=TINY)
    w = Workspace(store.open_vault(profile, store.unlock(profile, passphrase=PASSPHRASE).key), profile=profile)
    doc = fictional_resume()
    ingest_parsed(w, [(doc.source, doc)], embed=False, enrich=False).run()
    w.close()
    monkeypatch.setenv("VITA_PASSPHRASE", PASSPHRASE)
    capsys.readouterr()
    assert main(["--json", "enrich"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["skills_created"] >= 3 and first["with_ontology"] is False and first["roles_mapped"] == 0
    assert main(["enrich"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 roles mapped to O*NET, 0 skills created") and "vita onet download" in out


def test_projects_and_summaries_entered_by_the_person(ws: Workspace) -> None:
    ws.add_fact(type=FactType.project, value="Lanternfly", attributes={"description": "A map viewer in Rust"})
    ws.add_fact(type=FactType.contact, value="Engineer who runs Kubernetes clusters", attributes={"kind": "summary"})
    ws.add_fact(type=FactType.contact, value="Docker Street 5", attributes={"kind": "location"})  # not a summary
    s = enrich_facts(ws)
    assert s.skills_created == 2 and not s.with_ontology
    skills = facts_by_value(ws, FactType.skill)
    assert set(skills) == {"Rust", "Kubernetes"}
    project = facts_by_value(ws, FactType.project)["Lanternfly"]
    summary = facts_by_value(ws, FactType.contact)["Engineer who runs Kubernetes clusters"]
    uses = edges(ws, EdgeKind.uses_skill)
    assert {(project.id, skills["Rust"].id), (summary.id, skills["Kubernetes"].id)} <= uses
    [src] = ws.fact_sources(skills["Rust"].id)  # provenance follows the project's: entered by the person
    assert src.source_kind == SourceKind.person and src.document_id is None and src.extractor == EXTRACTOR
    assert skills["Rust"].source_kind == SourceKind.person
    assert_consistent(ws)


def test_cached_ontology_is_released_and_reopened(onet_db: Path, tmp_path: Path) -> None:
    from core.services import Services

    services = Services(ontology_db=onet_db)
    first = services.ontology()
    assert first is not None and services.ontology() is first  # cached
    assert Services(ontology_db=tmp_path / "missing.sqlite").ontology() is None and Services().ontology() is None
    services.forget_ontology()  # e.g. before a re-import replaces the file
    with pytest.raises(sqlite3.ProgrammingError):
        first.occupation("15-1252.00")  # closed
    again = services.ontology()
    assert again is not None and again is not first
    occupation = again.occupation("15-1252.00")
    assert occupation is not None and occupation.title == "Software Developers"


def test_a_second_document_reuses_the_skill_facts(ws: Workspace, onet_db: Path) -> None:
    from tests.core.ingest_docs import RoleSpec, resume

    doc = fictional_resume()
    ws.services.use_ontology(onet_db)
    ingest_parsed(ws, [(doc.source, doc)], embed=False).run()
    n_skills = len(ws.list_facts(type=FactType.skill))
    later = resume("juniper-2024.txt", "Juniper Ashgrove", [RoleSpec(
        "Staff Software Engineer", "Tidewater Analytics", "2022-07", None, present=True,
        bullets=["Ran Kubernetes upgrades across 12 clusters"])])
    ws.services.use_ontology(onet_db)
    s = ingest_parsed(ws, [(later.source, later)], embed=False).run()
    assert s.documents == 1
    assert len(ws.list_facts(type=FactType.skill)) == n_skills  # Kubernetes again: the same fact
    k8s = facts_by_value(ws, FactType.skill)["Kubernetes"]
    staff = facts_by_value(ws, FactType.role)["Staff Software Engineer"]
    assert staff.attributes["onet_code"] == "15-1252.00"
    assert (staff.id, k8s.id) in edges(ws, EdgeKind.uses_skill)
    ev = career_profile(ws).skill_named("Kubernetes")
    assert ev is not None and ev.current and ev.last is None and ev.first == PartialDate(2019, 3)


def test_a_closed_ontology_is_a_clear_error(ws: Workspace, onet_db: Path) -> None:
    from core.errors import OntologyError
    from onet.store import OntologyStore

    doc = fictional_resume()
    ingest_parsed(ws, [(doc.source, doc)], embed=False, enrich=False).run()
    store = OntologyStore.open(onet_db)
    store.close()
    with pytest.raises(OntologyError, match="import it again"):
        enrich_facts(ws, ontology=store)
    assert ws.undo_status().undo == f"Import {doc.source}"  # nothing written


def test_ingest_falls_back_to_the_lexicon_when_onet_is_broken(ws: Workspace, tmp_path: Path,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    from onet.schema import SCHEMA_VERSION

    broken = tmp_path / "onet.sqlite"  # opens (right schema version) but has no tables to read
    with sqlite3.connect(broken) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    conn.close()
    doc = fictional_resume()
    with caplog.at_level(logging.WARNING, logger="core.enrich.hook"):
        ws.services.use_ontology(broken)
        s = ingest_parsed(ws, [(doc.source, doc)], embed=False).run()
    assert s.documents == 1 and "starter lexicon" in caplog.text
    assert facts_by_value(ws, FactType.skill)["Kubernetes"].attributes["ontology_id"] == "lex:kubernetes"
    assert all("onet_code" not in r.attributes for r in ws.list_facts(type=FactType.role))


def test_one_undo_removes_the_import_and_its_links(ws: Workspace) -> None:
    doc = fictional_resume()
    before = count(ws, "SELECT count(*) FROM facts"), count(ws, "SELECT count(*) FROM edges"), count(ws, "SELECT count(*) FROM documents")
    ingest_parsed(ws, [(doc.source, doc)], embed=False).run()
    assert count(ws, "SELECT count(*) FROM edges") > before[1]
    assert ws.undo_status().undo == f"Import {Path(doc.source).name}"
    ws.undo()
    assert (count(ws, "SELECT count(*) FROM facts"), count(ws, "SELECT count(*) FROM edges"), count(ws, "SELECT count(*) FROM documents")) == before
    assert ws.undo_status().undo is None
