"""Build the ontology database from a release into a temp file, then swap it in atomically."""

from __future__ import annotations

import contextlib
import csv
import os
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from onet.errors import ImportCancelled, ImportFailed, OnetError
from onet.importer.embedding import EmbedFn, embed_kinds
from onet.importer.loaders import FILE_SPECS
from onet.importer.progress import CancelFn, Checkpoint, ProgressFn
from onet.importer.release import MissingColumns, Release
from onet.records import FileReport
from onet.schema import ATTRIBUTION, DDL, LICENCE, SCHEMA_VERSION
from onet.store import EMBEDDING_KINDS, read_title_entries
from onet.titles import TITLE_KEY_VERSION, title_keys


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: per-file status, the release version and embedding rows per kind."""

    path: Path
    version: str
    files: tuple[FileReport, ...]
    embeddings: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def loaded(self) -> list[str]:
        return [f.name for f in self.files if f.status == "loaded"]

    @property
    def missing(self) -> list[str]:
        return [f.name for f in self.files if f.status == "missing"]

    @property
    def unusable(self) -> list[str]:
        return [f.name for f in self.files if f.status == "unusable"]


def import_release(
    source: str | os.PathLike[str],
    db_path: str | os.PathLike[str],
    *,
    embed: EmbedFn | None = None,
    embed_kinds_: Sequence[str] = EMBEDDING_KINDS,
    embedding_model: str = "",
    batch_size: int = 1024,  # texts per embed call: ~1 s on 2 cores, so progress and cancel stay prompt
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ImportReport:
    """Import an O*NET text release (folder or zip) into `db_path`, replacing it atomically.

    `embed` maps texts to vectors (None: no embeddings; semantic lookups then fall back).
    A failure or cancellation leaves any previous database at `db_path` untouched.
    """
    started = datetime.now(UTC)
    target = Path(db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    check = Checkpoint(progress, cancel)
    fd, tmp_name = tempfile.mkstemp(prefix=".onet-import-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with Release(Path(source)) as release:
            db = sqlite3.connect(tmp)
            try:
                reports, emb = _build(db, release, check, embed, embed_kinds_, embedding_model, batch_size,
                                      Path(source).name, started)
                db.commit()
            finally:
                db.close()
            version = release.version or "unknown"
        _finish(tmp, target)
    except ImportCancelled:
        _discard(tmp)
        raise
    except OnetError:
        _discard(tmp)
        raise
    except (sqlite3.Error, OSError, ValueError, KeyError, UnicodeError, EOFError, csv.Error,
            zipfile.BadZipFile, zlib.error) as exc:
        _discard(tmp)
        raise ImportFailed(f"Importing O*NET failed ({type(exc).__name__}); the previous ontology was kept.") from exc
    except BaseException:
        _discard(tmp)
        raise
    seconds = (datetime.now(UTC) - started).total_seconds()
    return ImportReport(target, version, reports, emb, seconds)


def _build(db: sqlite3.Connection, release: Release, check: Checkpoint, embed: EmbedFn | None,
           kinds: Sequence[str], model: str, batch_size: int, source_name: str,
           started: datetime) -> tuple[tuple[FileReport, ...], dict[str, int]]:
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.executescript(DDL)
    reports: list[FileReport] = []
    known = {s.name.lower() for s in FILE_SPECS}
    total = len(FILE_SPECS)
    for i, spec in enumerate(FILE_SPECS):
        check.step("files", i, total, spec.name)
        if not release.has(spec.name):
            reports.append(FileReport(spec.name, "missing"))
            continue
        db.execute("SAVEPOINT file")
        try:
            rows = spec.load(db, release.rows(spec.name, spec.required))
        except MissingColumns as exc:
            db.execute("ROLLBACK TO file")
            reports.append(FileReport(spec.name, "unusable", 0, f"missing columns: {exc}"))
        else:
            reports.append(FileReport(spec.name, "loaded", rows))
        db.execute("RELEASE file")
    for name in release.names:
        if name not in known:
            reports.append(FileReport(_display_name(release, name), "ignored"))
    check.step("files", total, total, "")
    if not db.execute("SELECT 1 FROM occupation LIMIT 1").fetchone():
        raise ImportFailed("The release holds no occupations; the previous ontology was kept.")
    check.step("index", 0, 1, "full-text indexes")
    _index(db)
    db.executemany("INSERT INTO title_key VALUES (?,?,?,?)", title_keys(read_title_entries(db)))
    db.execute("CREATE INDEX title_key_key ON title_key(key)")
    emb: dict[str, int] = {}
    if embed is not None and kinds:
        emb = embed_kinds(db, embed, kinds, model=model, batch_size=batch_size, check=check)
    meta = {
        "schema_version": str(SCHEMA_VERSION), "onet_version": release.version or "unknown",
        "attribution": ATTRIBUTION, "licence": LICENCE, "source": source_name,
        "imported_at": started.isoformat(timespec="seconds"), "embedding_model": model if emb else "",
        "title_key_version": TITLE_KEY_VERSION,
    }
    db.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    db.executemany("INSERT INTO import_file VALUES (?,?,?,?)",
                   [(r.name, r.status, r.rows, r.note or None) for r in reports])
    db.execute("ANALYZE")
    check.step("index", 1, 1, "")
    return tuple(reports), emb


def _index(db: sqlite3.Connection) -> None:
    """Full-text indexes: every title naming an occupation; technologies, tools, elements, commodities."""
    db.execute("INSERT INTO title_fts (title, code, source) SELECT title, code, 'occupation' FROM occupation")
    db.execute("INSERT INTO title_fts (title, code, source) SELECT title, code, 'alternate' FROM alt_title")
    db.execute("INSERT INTO title_fts (title, code, source) SELECT short_title, code, 'short' FROM alt_title "
               "WHERE short_title IS NOT NULL")
    db.execute("INSERT INTO skill_fts (name, kind, ref) SELECT name, 'tech_skill', id FROM tech_skill")
    db.execute("INSERT INTO skill_fts (name, kind, ref) SELECT name, 'tool', id FROM tool")
    db.execute("INSERT INTO skill_fts (name, kind, ref) SELECT name, 'element', element_id FROM element "
               "WHERE domain IS NOT NULL")
    db.execute("INSERT INTO skill_fts (name, kind, ref) SELECT DISTINCT commodity_title, 'commodity', "
               "commodity_code FROM tech_skill WHERE commodity_code IS NOT NULL AND commodity_title IS NOT NULL")
    db.execute("INSERT INTO title_fts(title_fts) VALUES ('optimize')")
    db.execute("INSERT INTO skill_fts(skill_fts) VALUES ('optimize')")


def _display_name(release: Release, lower: str) -> str:
    where = release._files.get(lower, lower)
    return Path(where).name


def _finish(tmp: Path, target: Path) -> None:
    """Make the new database read-only, flush it, and swap it in with one rename."""
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    if os.name == "posix":
        tmp.chmod(0o444)
    os.replace(tmp, target)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            dir_fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()
