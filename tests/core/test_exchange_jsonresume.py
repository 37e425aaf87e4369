"""JSON Resume: import any variant, export valid JSON Resume equal on every schema field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core import kb
from core.errors import ImportFailed
from core.exchange.dates import iso_date
from core.exchange.jsonresume_export import export_jsonresume, schema, validation_errors
from core.exchange.jsonresume_import import import_jsonresume
from core.exchange.selection import Selection, get_variant, list_variants, save_variant
from core.model import EdgeKind, FactType, SourceKind
from core.workspace import Workspace
from tests.core.exchange_fixtures import drop_empty, legacy_resume, resume


def test_fixture_is_valid_and_schema_rejects_bad_dates() -> None:
    assert validation_errors(resume()) == []
    bad = resume()
    bad["work"][0]["startDate"] = "April 2021"
    assert any("startDate" in e for e in validation_errors(bad))
    assert set(schema()["properties"]) >= {"basics", "work", "skills", "projects", "meta"}


def test_import_then_export_is_equal_on_every_field(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(resume()), "utf-8")
    result = import_jsonresume(ws, path)
    out = export_jsonresume(ws)
    assert validation_errors(out) == []
    assert drop_empty(out) == drop_empty(resume())
    # provenance: imported, naming the file
    some = result.ids["work.0"]
    src = ws.fact_sources(some)[0]
    assert src.source_kind == SourceKind.imported and "mine.json" in src.note
    # promotions: two roles, one organisation
    orgs = ws.list_facts(type=FactType.organisation)
    assert [o.value for o in orgs] == ["Halcyon Freight Systems", "Brightwater Analytics"]
    g = kb.build_graph(ws)
    assert g.has_edge(result.ids["work.0"], result.ids["org.0"]) and g.has_edge(result.ids["work.1"], result.ids["org.0"])
    # one undo step removes the whole import
    ws.undo()
    assert ws.count_facts() == 0


def test_reimport_adds_provenance_not_duplicates(ws: Workspace) -> None:
    first = import_jsonresume(ws, resume(), name="a.json")
    n = ws.count_facts()
    second = import_jsonresume(ws, resume(), name="b.json")
    assert ws.count_facts() == n and second.ids == first.ids
    assert [s.note for s in ws.fact_sources(first.ids["work.0"])] == ["jsonresume: a.json", "jsonresume: b.json"]
    assert drop_empty(export_jsonresume(ws)) == drop_empty(resume())
    ws.undo()
    assert len(ws.fact_sources(first.ids["work.0"])) == 1


def test_legacy_variant_imports_like_1_0(ws: Workspace) -> None:
    import_jsonresume(ws, legacy_resume(), name="old.json")
    out = drop_empty(export_jsonresume(ws))
    want = drop_empty(resume())
    assert out["work"][0].get("endDate") is None
    assert out == want


def test_hidden_rejected_and_pending_are_not_exported(ws: Workspace) -> None:
    r = import_jsonresume(ws, resume())
    kb.hide(ws, [r.ids["work.2"]])
    kb.reject(ws, [r.ids["skills.0.0"]])
    kb.create_fact(ws, kb.NewFact(FactType.skill, "Pending Skill", {"name": "Pending Skill", "category": "Programming"}))
    out = export_jsonresume(ws)
    assert [w["name"] for w in out["work"]] == ["Halcyon Freight Systems"] * 2
    assert out["skills"][0]["keywords"] == ["Terraform", "Linux"]
    assert "Pending Skill" not in json.dumps(out)
    full = export_jsonresume(ws, Selection(include_hidden=True, include_rejected=True, include_pending=True))
    assert len(full["work"]) == 3 and "Pending Skill" in json.dumps(full)


def test_tailor_by_tag_date_and_skill_and_saved_variants(ws: Workspace) -> None:
    r = import_jsonresume(ws, resume())
    kb.bulk_edit(ws, [r.ids["work.2"], r.ids["projects.0"]], add_tags=["data"])
    by_tag = export_jsonresume(ws, Selection(tags=["data"]))
    assert [w["position"] for w in by_tag["work"]] == ["Software Engineer"]
    assert [p["name"] for p in by_tag["projects"]] == ["Tidewatch"]
    assert by_tag["basics"]["name"] == "Marisol Quenneville"
    recent = export_jsonresume(ws, Selection(date_from="2019", date_to="2030"))
    assert [w["position"] for w in recent["work"]] == ["Platform Engineering Lead", "Senior Site Reliability Engineer"]
    assert "education" not in recent
    kafka = export_jsonresume(ws, Selection(skills=["Kafka"]))
    assert [w["name"] for w in kafka["work"]] == ["Brightwater Analytics"]
    save_variant(ws, "data roles", Selection(tags=["data"]))
    assert list(list_variants(ws)) == ["data roles"]
    assert export_jsonresume(ws, get_variant(ws, "data roles")) == by_tag | {"meta": by_tag["meta"]}
    ws.undo()
    assert list_variants(ws) == {}


def test_skill_edges_drive_tailoring(ws: Workspace) -> None:
    r = import_jsonresume(ws, resume())
    kb.link(ws, EdgeKind.uses_skill, r.ids["work.1"], r.ids["skills.0.0"])  # SRE role uses Kubernetes
    out = export_jsonresume(ws, Selection(skills=["Kubernetes"]))
    assert [w["position"] for w in out["work"]] == ["Senior Site Reliability Engineer"]
    assert out["skills"] == [{"name": "Infrastructure", "level": "Expert", "keywords": ["Kubernetes"]}]


def test_bad_input_is_refused(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed):
        import_jsonresume(ws, {"work": "not a list"})
    p = tmp_path / "broken.json"
    p.write_text("{nope", "utf-8")
    with pytest.raises(ImportFailed):
        import_jsonresume(ws, p)
    assert ws.count_facts() == 0


@pytest.mark.parametrize("raw,want", [("2020-03", "2020-03"), ("Mar 2020", "2020-03"), ("03/2020", "2020-03"),
                                      ("circa 1999", "1999"), ("soon", None)])
def test_iso_date(raw: str, want: str | None) -> None:
    assert iso_date(raw) == want


def test_a_drop_and_an_import_of_one_file_give_the_same_skills(ws: Workspace, ws2: Workspace, tmp_path: Path) -> None:
    """One mapping (core.intake.jsonresume.skill_entries): groups are categories, keywords are skills,
    a group without keywords is a skill itself, and a bare string is a skill."""
    from core.ingest import ingest

    resume = {"basics": {"name": "Wren Alder"},
              "skills": [{"name": "Infrastructure", "level": "Expert", "keywords": ["Kubernetes", "Terraform"]},
                         {"name": "Rust", "level": "Beginner"}, "Go"]}
    path = tmp_path / "wren.json"
    path.write_text(json.dumps(resume), encoding="utf-8")
    ingest(ws, [path], embed=False, enrich=False).run()
    import_jsonresume(ws2, path)

    def skills(w: Workspace) -> set[tuple[str, object, object]]:
        return {(f.value, f.attributes.get("category"), f.attributes.get("level"))
                for f in w.list_facts(limit=1000) if f.type == FactType.skill}

    expected = {("Kubernetes", "Infrastructure", "Expert"), ("Terraform", "Infrastructure", "Expert"),
                ("Rust", None, "Beginner"), ("Go", None, None)}
    assert skills(ws) == expected
    assert skills(ws2) == expected


FULL_RESUME = {
    "basics": {"name": "Wren Alder", "label": "Platform Engineer", "email": "wren@example.org",
               "location": {"city": "Exampleton", "countryCode": "XX"},
               "profiles": [{"network": "GitHub", "url": "https://example.org/wren"}]},
    "work": [{"name": "Fictional Freight", "position": "Platform Engineer", "startDate": "2021-04",
              "endDate": "Present", "highlights": ["Cut deploy time by 40% with canary releases"]},
             {"company": "Fictional Freight", "title": "Junior Engineer", "startDate": "2019-01",
              "endDate": "2021-03"}],
    "volunteer": [{"organization": "Code Club Exampleton", "position": "Mentor", "startDate": "2020",
                   "highlights": ["Taught 25 pupils to program"]}],
    "education": [{"institution": "Example University", "studyType": "BSc", "area": "Physics", "endDate": "2018",
                   "courses": ["Optics"]}],
    "awards": [{"title": "Engineer of the Year", "awarder": "Fictional Freight", "date": "2023"}],
    "certificates": [{"name": "Cloud Practitioner", "issuer": "Example Cloud", "date": "2022-05"}],
    "publications": [{"name": "Canaries in Practice", "publisher": "Example Press", "releaseDate": "2024"}],
    "languages": [{"language": "French", "fluency": "Professional"}, "Welsh"],
    "interests": [{"name": "Sailing"}],
    "references": [{"name": "Ash Birch", "reference": "Wren led our platform team."}],
    "projects": [{"name": "Tidewatch", "description": "Tide alerts", "startDate": "2022",
                  "highlights": ["Served 3,000 users"]}],
}


def test_a_drop_and_an_import_of_one_file_give_the_same_facts(ws: Workspace, ws2: Workspace, tmp_path: Path) -> None:
    """One mapping for every section (core.intake.jsonresume_map): the same types, values and attributes,
    and the same links; the Import also keeps keys beyond the schema, the drop spans into its text."""
    from core.ingest import ingest

    path = tmp_path / "wren.json"
    path.write_text(json.dumps(FULL_RESUME), encoding="utf-8")
    ingest(ws, [path], embed=False, enrich=False).run()
    import_jsonresume(ws2, path)

    def facts(w: Workspace) -> list[tuple[str, str, str]]:
        return sorted((str(f.type), f.value, json.dumps({k: v for k, v in f.attributes.items() if k != "extra"},
                                                        sort_keys=True))
                      for f in w.list_facts(limit=1000))

    dropped, imported = facts(ws), facts(ws2)
    assert dropped == imported, (set(dropped) ^ set(imported))
    kinds = {("role", "Platform Engineer"), ("volunteer", "Mentor, Code Club Exampleton"),
             ("contact", "Platform Engineer"), ("contact", "Ash Birch"), ("metric", "40%"),
             ("achievement", "Served 3,000 users"), ("language", "Welsh")}
    assert kinds <= {(t, v) for t, v, _ in dropped}
    ended = {v: json.loads(a).get("end") for t, v, a in dropped if t == "role"}
    assert ended == {"Platform Engineer": None, "Junior Engineer": "2021-03"}  # "Present" is an open end
