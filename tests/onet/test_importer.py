"""Importer: columns by name, optional files reported, idempotent and atomic re-import, zips."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import numpy as np
import pytest

from onet.errors import (
    ImportCancelled,
    ImportFailed,
    OntologyNotImported,
    OntologyUnreadable,
    ReleaseInvalid,
)
from onet.importer import ImportProgress, ImportReport, import_release
from onet.store import OntologyStore
from tests.onet.fictional_release import write_fictional_release


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Content of the main tables (not timestamps), for comparing two imports."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        for table in ("occupation", "alt_title", "tech_skill", "occupation_tech", "tool", "task",
                      "rating", "education", "related_occupation", "job_zone", "element", "import_file"):
            out[table] = conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        return out
    finally:
        conn.close()


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".onet-")]


def _zip_release(folder: Path, dest: Path, top: str | None = None) -> Path:
    top = top or folder.name
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(folder.iterdir()):
            zf.write(p, f"{top}/{p.name}")
    return dest


# -- the shared (real) release ---------------------------------------------------------------


def test_shared_release_loads_and_reports_missing_files(shared_import: ImportReport) -> None:
    assert shared_import.version == "30.0"
    assert {"Occupation Data.txt", "Alternate Titles.txt", "Technology Skills.txt", "Tools Used.txt",
            "Skills.txt", "Job Zones.txt", "Related Occupations.txt"} <= set(shared_import.loaded)
    assert {"Knowledge.txt", "Abilities.txt"} <= set(shared_import.missing)
    assert shared_import.unusable == []
    assert shared_import.embeddings == {}


def test_shared_store_contents(shared_store: OntologyStore) -> None:
    info = shared_store.info()
    assert info.counts["occupation"] > 900
    assert info.counts["alt_title"] > 40000
    assert "CC BY 4.0" in info.attribution and info.licence == "CC BY 4.0"
    assert info.embeddings == {}
    statuses = {f.name: f.status for f in info.files}
    assert statuses["Knowledge.txt"] == "missing"
    assert statuses["Skills.txt"] == "loaded"
    occ = shared_store.occupation("15-1252.00")
    assert occ is not None and occ.title == "Software Developers"
    techs = shared_store.technology_skills_for("15-1252.00")
    assert any(t.hot for t in techs) and any(not t.hot for t in techs)
    assert techs[0].hot  # hot first
    # Skills.txt (27.x) carries Importance and Level by name even with the extra Scale Name column
    ratings = shared_store.ratings("11-1011.00", "skill")
    assert ratings and ratings[0].importance is not None and ratings[0].level is not None
    assert ratings == sorted(ratings, key=lambda r: -(r.importance or 0))
    assert shared_store.job_zone("15-1252.00") is not None
    tiers = {r.tier for r in shared_store.related("15-1252.00")}
    assert "Primary-Short" in tiers


def test_store_iterators_for_skill_extraction(shared_store: OntologyStore) -> None:
    techs = list(shared_store.technology_skills())
    python = [t for t in techs if t.example == "Python"]
    assert python and "15-1252.00" in python[0].occupation_codes and python[0].hot
    assert python[0].ontology_id.startswith("onet:tech:")
    assert shared_store.resolve(python[0].ontology_id) == python[0]
    tools = list(shared_store.tools())
    assert len(tools) > 1000 and all(t.example for t in tools[:50])
    elements = list(shared_store.skill_elements())
    assert {e.name for e in elements} >= {"Reading Comprehension", "Programming"}
    assert all(e.domain == "skill" for e in elements)  # Knowledge/Abilities absent in this release
    assert shared_store.resolve(elements[0].ontology_id) == elements[0]
    assert shared_store.resolve(tools[0].ontology_id) == tools[0]
    assert shared_store.resolve("onet:tech:notanumber") is None
    assert shared_store.resolve("onet:element:9.9.9") is None
    entries = shared_store.title_entries()
    assert {e.source for e in entries} == {"occupation", "alternate", "short"}


def test_fts_is_injection_safe(shared_store: OntologyStore) -> None:
    assert shared_store.search_titles_fts('software "AND') != []  # "and" is a word, not an operator
    assert shared_store.search_titles_fts('NEAR( "x* OR') == []  # no FTS syntax error
    assert shared_store.search_skills_fts("c++")[0][2].lower().startswith("c")
    assert shared_store.search_titles_fts("   ") == []


# -- the fictional release (full path, with embeddings) ----------------------------------------


def test_fictional_import_reads_columns_by_name(fictional_store: OntologyStore) -> None:
    ratings = fictional_store.ratings("99-1003.00", "skill")
    by_name = {r.name: r for r in ratings}
    # Skills.txt has shuffled columns and no "Scale Name": values must land in the right fields
    assert set(by_name) == {"Reading Comprehension", "Critical Thinking", "Programming"}
    assert by_name["Reading Comprehension"].importance == pytest.approx(3.5)
    assert by_name["Programming"].level == pytest.approx(6.0)
    techs = {t.example: t for t in fictional_store.technology_skills()}
    assert techs["Python"].occupation_codes == ("99-1001.00", "99-1003.00")
    assert techs["Python"].hot and techs["Python"].in_demand
    assert not techs["Grimoire Studio"].hot
    alt = list(fictional_store.alternate_titles("99-1003.00"))
    assert any(a.short_title == "Incantation Programmer" for a in alt)
    edu = fictional_store.education("99-1001.00")
    assert [(e.category, e.percent) for e in edu] == [(2, 30.0), (6, 70.0)]


def test_fictional_embeddings_stored_and_loaded_lazily(fictional_import: ImportReport) -> None:
    assert fictional_import.embeddings == {"occupation_title": 5, "alt_title": 9, "tech_skill": 6}
    store = OntologyStore.open(fictional_import.path)
    try:
        assert not [k for k in store._cache if k.startswith("emb:")]  # nothing heavy at open
        texts, matrix = store.embeddings("alt_title")
        assert matrix.dtype == np.float32 and matrix.shape == (9, 384)
        assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-4)
        assert "Star Pilot" in texts and "Spell Software Developers" not in texts
        assert store.embeddings("alt_title")[1] is matrix  # cached
    finally:
        store.close()


def test_missing_store_and_damaged_store(tmp_path: Path) -> None:
    with pytest.raises(OntologyNotImported):
        OntologyStore.open(tmp_path / "none.sqlite")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(OntologyUnreadable):
        OntologyStore.open(bad)


def test_minimal_release_reports_every_other_file_missing(tmp_path: Path, fictional_dir: Path) -> None:
    folder = tmp_path / "db_1_0_text"
    folder.mkdir()
    (folder / "Occupation Data.txt").write_bytes((fictional_dir / "Occupation Data.txt").read_bytes())
    (folder / "Readme.txt").write_text("not a data file\n")
    report = import_release(folder, tmp_path / "o.sqlite")
    assert report.loaded == ["Occupation Data.txt"]
    assert "Technology Skills.txt" in report.missing and "Skills.txt" in report.missing
    assert any(f.name == "Readme.txt" and f.status == "ignored" for f in report.files)
    with OntologyStore.open(report.path) as store:
        assert len(list(store.occupations())) == 5
        assert list(store.technology_skills()) == []


def test_file_without_required_column_is_unusable_not_fatal(tmp_path: Path) -> None:
    folder = write_fictional_release(tmp_path)
    (folder / "Job Zones.txt").write_text("O*NET-SOC Code\tTitle\tZone Number\n99-1001.00\tX\t3\n")
    report = import_release(folder, tmp_path / "o.sqlite")
    assert report.unusable == ["Job Zones.txt"]
    note = next(f.note for f in report.files if f.name == "Job Zones.txt")
    assert "Job Zone" in note
    assert "Technology Skills.txt" in report.loaded


def test_not_a_release_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ReleaseInvalid):
        import_release(tmp_path / "empty", tmp_path / "o.sqlite")
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReleaseInvalid):
        import_release(junk, tmp_path / "o.sqlite")
    assert not (tmp_path / "o.sqlite").exists()


def test_zip_release_with_top_folder(tmp_path: Path, fictional_dir: Path) -> None:
    z = _zip_release(fictional_dir, tmp_path / "release.zip")
    report = import_release(z, tmp_path / "o.sqlite")
    assert report.version == "99.1"
    assert "Technology Skills.txt" in report.loaded


def test_zip_with_two_top_folders_is_rejected(tmp_path: Path, fictional_dir: Path) -> None:
    z = _zip_release(fictional_dir, tmp_path / "release.zip")
    with zipfile.ZipFile(z, "a") as zf:
        zf.writestr("other/Occupation Data.txt", "O*NET-SOC Code\tTitle\n")
    with pytest.raises(ReleaseInvalid):
        import_release(z, tmp_path / "o.sqlite")


def test_reimport_is_idempotent(tmp_path: Path, fictional_dir: Path) -> None:
    db = tmp_path / "onet.sqlite"
    import_release(fictional_dir, db)
    first = _dump(db)
    import_release(fictional_dir, db)
    assert _dump(db) == first
    assert _leftovers(tmp_path) == []


def test_failed_import_keeps_previous_database(tmp_path: Path, fictional_dir: Path) -> None:
    db = tmp_path / "onet.sqlite"
    import_release(fictional_dir, db)
    before = _dump(db)
    other = write_fictional_release(tmp_path / "other")
    (other / "Occupation Data.txt").write_text(
        "O*NET-SOC Code\tTitle\tDescription\n11-0000.00\tReplacement Title\tx\n")

    def broken_embed(texts: list[str]) -> np.ndarray:
        raise ValueError("embedding backend exploded")

    with pytest.raises(ImportFailed):
        import_release(other, db, embed=broken_embed)
    assert _dump(db) == before
    assert _leftovers(tmp_path) == []
    with OntologyStore.open(db) as store:
        assert store.occupation("99-1001.00") is not None
        assert store.occupation("11-0000.00") is None


def test_cancelled_import_keeps_previous_database_and_reports_progress(tmp_path: Path, fictional_dir: Path) -> None:
    db = tmp_path / "onet.sqlite"
    import_release(fictional_dir, db)
    before = _dump(db)
    seen: list[ImportProgress] = []

    def cancel() -> bool:
        return len(seen) >= 5

    with pytest.raises(ImportCancelled):
        import_release(fictional_dir, db, progress=seen.append, cancel=cancel)
    assert len(seen) == 5 and all(p.stage == "files" for p in seen)
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    assert _dump(db) == before
    assert _leftovers(tmp_path) == []


def test_cancel_while_embedding_stops_within_a_batch_and_keeps_previous_database(tmp_path: Path,
                                                                                  fictional_dir: Path) -> None:
    db = tmp_path / "onet.sqlite"
    import_release(fictional_dir, db)
    before = _dump(db)
    embedded: list[int] = []
    seen: list[ImportProgress] = []

    def tiny_embed(texts: list[str]) -> np.ndarray:  # a deterministic stand-in: mechanics only
        embedded.append(len(texts))
        return np.array([[len(t), t.count(" ") + 1, 1.0] for t in texts], dtype=np.float32)

    def cancel() -> bool:  # the person presses Cancel once the second batch is embedded
        return len(embedded) >= 2

    with pytest.raises(ImportCancelled):
        import_release(fictional_dir, db, embed=tiny_embed, batch_size=2, progress=seen.append, cancel=cancel)
    assert embedded == [2, 2]  # stopped before a third batch
    assert seen[-1].stage == "embeddings" and 0 < seen[-1].done < seen[-1].total
    assert _dump(db) == before
    with OntologyStore.open(db) as store:
        assert store.embedding_kinds() == {}  # the cancelled run's vectors never reached the database
    assert _leftovers(tmp_path) == []


def test_progress_covers_files_index_and_embeddings(tmp_path: Path, fictional_dir: Path) -> None:
    seen: list[ImportProgress] = []

    def tiny_embed(texts: list[str]) -> np.ndarray:  # a deterministic stand-in: mechanics only
        return np.array([[len(t), t.count(" ") + 1, 1.0] for t in texts], dtype=np.float32)

    report = import_release(fictional_dir, tmp_path / "o.sqlite", embed=tiny_embed, batch_size=4,
                            progress=seen.append)
    stages = [p.stage for p in seen]
    assert stages[0] == "files" and "index" in stages and stages[-1] in ("embeddings", "index")
    emb = [p for p in seen if p.stage == "embeddings"]
    assert emb[-1].done == emb[-1].total == sum(report.embeddings.values())
    assert len(emb) > 3  # batched


def test_damaged_zip_member_fails_cleanly_and_keeps_old_db(tmp_path: Path, fictional_dir: Path) -> None:
    db = tmp_path / "onet.sqlite"
    import_release(fictional_dir, db)
    before = _dump(db)
    z = _zip_release(fictional_dir, tmp_path / "release.zip")
    with zipfile.ZipFile(z) as zf:
        info = zf.getinfo(f"{fictional_dir.name}/Skills.txt")
    data = bytearray(z.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + 8  # inside the compressed bytes
    data[start:start + 40] = b"\xff" * 40
    z.write_bytes(bytes(data))
    with pytest.raises(ImportFailed):
        import_release(z, db)
    assert _dump(db) == before
    assert _leftovers(tmp_path) == []
