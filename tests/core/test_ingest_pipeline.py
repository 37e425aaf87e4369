"""The ingest pipeline end to end: real files through the parser pool into a real vault."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.errors import Cancelled
from core.events import Event
from core.index import LAZY_TYPES, vector_count
from core.ingest import expand_paths, ingest, ingest_parsed
from core.ingest.store import DocumentWriter
from core.progress import CancelToken, Progress
from core.workspace import Workspace
from tests.core.ingest_docs import RoleSpec, assert_consistent, count, resume

RESUME_A = """Wren Halloway
wren.halloway@example.net | +1 555 0142 | Lowmere, VT

EXPERIENCE

Operations Analyst, Thistledown Logistics — Lowmere, VT
Apr 2018 – Present
- Reduced late deliveries by 22% by redesigning the dispatch schedule
- Trained 9 warehouse leads on the new inventory system

Inventory Clerk, Pebblebrook Supply — Ashcombe, VT
Jan 2015 – Mar 2018
- Reconciled monthly stock counts across 3 depots

EDUCATION
B.A. Economics, Green Hollow College, 2011 – 2015

SKILLS
Excel, SQL, Forecasting, Power BI
"""

RESUME_B = """# Idris Fenwick

idris.fenwick@example.com

## Experience

### Sous Chef, The Brass Lantern — Harrowgate
June 2017 – August 2021
- Cut food waste by 18% by introducing daily prep forecasts
- Supervised a kitchen brigade of 7 cooks

## Skills
Menu costing, HACCP, Team leadership
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    (d / "older").mkdir(parents=True)
    (d / ".git").mkdir()
    (d / "a-wren.txt").write_text(RESUME_A, encoding="utf-8")
    (d / "older" / "b-idris.md").write_text(RESUME_B, encoding="utf-8")
    (d / "c-broken.pdf").write_bytes(os.urandom(4096))
    (d / ".hidden-notes.txt").write_text("not for ingest", encoding="utf-8")
    (d / ".git" / "config.txt").write_text("not for ingest", encoding="utf-8")
    return d


def test_expand_paths_recurses_in_order_and_skips_hidden(folder: Path, tmp_path: Path) -> None:
    extra = tmp_path / "single.txt"
    extra.write_text("x", encoding="utf-8")
    got = expand_paths([folder, extra])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in got] == [
        "docs/a-wren.txt", "docs/c-broken.pdf", "docs/older/b-idris.md", "single.txt"]


def searched_by_meaning(ws: Workspace) -> int:
    """Facts ingest embeds: all but contact details (the summary excepted), metrics and organisations."""
    return sum(1 for f in ws.list_facts()
               if f.type.value not in LAZY_TYPES or f.attributes.get("kind") == "summary")


def test_folder_ingest_quarantines_broken_file_and_keeps_the_others(ws: Workspace, folder: Path) -> None:
    seen: list[Progress] = []
    changed: list[str] = []
    ws.events.subscribe(Event.ingest_did_progress, seen.append)
    ws.events.subscribe(Event.documents_did_change, lambda ch: changed.append("documents"))
    ws.events.subscribe(Event.facts_did_change, lambda ch: changed.append("facts"))
    run = ingest(ws, [folder], embed=True)
    progress = list(run)
    s = run.summary
    assert (s.inputs, s.documents, s.quarantined, s.skipped) == (3, 2, 1, 0)
    assert s.facts >= 15 and s.facts == ws.count_facts()
    assert s.embedded == vector_count(ws) == searched_by_meaning(ws) < ws.count_facts()
    stages = [(p.stage, p.item) for p in progress]
    assert stages == [
        ("start", ""),
        ("parse", "a-wren.txt"), ("reconcile", "a-wren.txt"), ("store", "a-wren.txt"), ("embed", "a-wren.txt"),
        ("quarantine", "c-broken.pdf"),
        ("parse", "b-idris.md"), ("reconcile", "b-idris.md"), ("store", "b-idris.md"), ("embed", "b-idris.md"),
        ("done", ""),
    ]
    assert [p.done for p in progress] == [0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 3]
    assert all(p.total == 3 for p in progress) and progress[-1].fraction == 1.0
    assert seen == progress  # every step also went out as an event
    # per document: the import, then the "Link skills and titles" step (core.enrich)
    assert changed.count("documents") >= 3 and changed.count("facts") == 4
    with ws.reading() as conn:
        from sqlalchemy import text
        q = conn.execute(text("SELECT source_name, sha256, code, reason FROM quarantine")).all()
        docs = conn.execute(text("SELECT source_name, doc_type, text, pages FROM documents ORDER BY id")).all()
    assert len(q) == 1 and q[0][0] == "c-broken.pdf" and len(q[0][1]) == 64 and q[0][2] and q[0][3]
    assert [d[0] for d in docs] == ["a-wren.txt", "b-idris.md"]
    assert docs[0][1] == "resume" and "Thistledown" in docs[0][2] and docs[0][3].startswith("[[")
    # Provenance points into the stored text.
    wren = next(f for f in ws.list_facts() if f.value == "Wren Halloway")
    [src] = ws.fact_sources(wren.id)
    assert docs[0][2][src.start:src.end] == "Wren Halloway" and src.extractor and src.extractor_version
    assert_consistent(ws)
    # The whole folder again: nothing new; the broken file is not quarantined twice.
    again = ingest(ws, [folder], embed=False).run()
    assert (again.documents, again.skipped, again.facts, again.quarantined) == (0, 2, 0, 1)
    assert count(ws, "SELECT count(*) FROM quarantine") == 1


def _three() -> list[tuple[str, object]]:
    return [(f"r{i}.txt", resume(f"r{i}.txt", f"Person {n}", [RoleSpec("Cartographer", f"Atlas Guild {n}",
                                                                       "2012", "2014", bullets=[f"Mapped {n} coasts"])]))
            for i, n in enumerate(["Ash", "Birch", "Cedar"])]


@pytest.mark.parametrize("stop_at", ["reconcile", "store", "embed"])
def test_cancel_mid_ingest_leaves_whole_documents(ws: Workspace, stop_at: str) -> None:
    token = CancelToken()
    run = ingest_parsed(ws, _three(), cancel=token, embed=True)  # type: ignore[arg-type]
    with pytest.raises(Cancelled):
        for p in run:
            if p.stage == stop_at and p.item == "r1.txt":
                token.cancel()
    assert run.summary.cancelled
    stored = 1 if stop_at != "embed" else 2  # embedding comes after the document's transaction
    assert run.summary.documents == stored
    assert count(ws, "SELECT count(*) FROM documents") == stored
    assert_consistent(ws)
    names = {f.value for f in ws.list_facts()}
    assert "Person Ash" in names and "Person Cedar" not in names
    # A later run picks up where it stopped.
    rest = ingest_parsed(ws, _three(), embed=True).run()  # type: ignore[arg-type]
    assert rest.documents == 3 - stored and rest.skipped == stored
    assert vector_count(ws) == searched_by_meaning(ws)


def test_a_failure_inside_a_document_rolls_back_only_that_document(ws: Workspace,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real = DocumentWriter._edges

    def failing(self: DocumentWriter, suggestions: list[tuple[str, int, float]]) -> None:
        if self.doc.source == "r1.txt":
            raise RuntimeError("disk went away")
        real(self, suggestions)

    monkeypatch.setattr(DocumentWriter, "_edges", failing)
    run = ingest_parsed(ws, _three(), embed=False)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError):
        run.run()
    assert count(ws, "SELECT count(*) FROM documents") == 1
    assert {f.value for f in ws.list_facts()} >= {"Person Ash"}
    assert "Person Birch" not in {f.value for f in ws.list_facts()}
    assert_consistent(ws)


def test_cancel_while_parsing_real_files(ws: Workspace, folder: Path) -> None:
    token = CancelToken()
    run = ingest(ws, [folder], cancel=token, embed=False)
    with pytest.raises(Cancelled):
        for p in run:
            if p.stage == "parse":
                token.cancel()
    assert run.summary.cancelled and run.summary.documents == 0
    assert count(ws, "SELECT count(*) FROM documents") == 0
    assert_consistent(ws)


def test_missing_path_is_reported_but_not_kept(ws: Workspace, tmp_path: Path) -> None:
    s = ingest(ws, [tmp_path / "no-such-file.pdf"], embed=False).run()
    assert s.quarantined == 1 and s.outcomes[0].code == "not_found"
    assert count(ws, "SELECT count(*) FROM quarantine") == 0


def test_a_first_drop_reports_as_many_new_facts_as_the_documents_table_shows(ws: Workspace, tmp_path: Path) -> None:
    """The row's "Read: N new facts" and the Documents table's count agree: skills that linking
    creates after the parse are the document's new facts too."""
    from core.library import get_document

    src = tmp_path / "wren.txt"
    bullet = "- Built Python and Tableau dashboards for the regional managers\n"
    src.write_text(RESUME_A.replace("- Trained 9", bullet + "- Trained 9"), encoding="utf-8")
    run = ingest(ws, [src])
    summary = run.run()
    (outcome,) = summary.outcomes
    assert outcome.status == "stored" and outcome.document_id is not None
    shown = get_document(ws, outcome.document_id).fact_count
    assert outcome.new_facts == shown
    assert summary.facts == shown
    assert outcome.new_facts > outcome.facts - outcome.duplicates  # linking found skills the parse did not list


def test_vectors_written_after_the_store_surface_their_failure_and_a_later_run_catches_up(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document's vectors are written while the next document goes on; when that fails, the run
    raises the failure, every stored document stays whole, and the next run embeds what is missing."""
    real = ws.services.embedder()

    class FailsOnBirchRole:
        def embed(self, texts: list[str]):  # type: ignore[no-untyped-def]
            if any(t.startswith("Cartographer") and "Birch" in t for t in texts):
                raise RuntimeError("embedding process went away")
            return real.embed(texts)

    monkeypatch.setattr(ws.services, "embedder", FailsOnBirchRole)
    run = ingest_parsed(ws, _three(), embed=True)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="went away"):
        run.run()
    stored = count(ws, "SELECT count(*) FROM documents")
    assert stored >= 2 and run.summary.documents == stored
    assert_consistent(ws)
    assert vector_count(ws) < searched_by_meaning(ws)  # Birch's role has no vector
    monkeypatch.undo()
    rest = ingest_parsed(ws, _three(), embed=True).run()  # type: ignore[arg-type]
    assert rest.documents + stored == 3
    assert vector_count(ws) == searched_by_meaning(ws)
