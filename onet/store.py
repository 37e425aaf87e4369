"""Read API over the ontology database: cheap to open, heavy data (embeddings) loaded on demand."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onet.errors import EmbeddingsMissing, OntologyNotImported, OntologyUnreadable
from onet.records import (
    AlternateTitle,
    EducationLevel,
    ElementRating,
    FileReport,
    JobZone,
    Occupation,
    OccupationTechnology,
    OntologyInfo,
    RelatedOccupation,
    SkillElement,
    Task,
    TechnologySkill,
    TitleEntry,
    Tool,
)
from onet.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    import numpy as np

SKILL_DOMAINS = ("skill", "knowledge", "ability")
EMBEDDING_KINDS = ("occupation_title", "alt_title", "tech_skill")


def read_title_entries(conn: sqlite3.Connection) -> list[TitleEntry]:
    """Occupation titles, then alternate and short titles, from an ontology connection."""
    out = [TitleEntry(t, c, "occupation") for c, t in conn.execute("SELECT code, title FROM occupation")]
    for c, t, s, sources in conn.execute("SELECT code, title, short_title, sources FROM alt_title ORDER BY id"):
        reports = len([x for x in (sources or "").split(",") if x.strip()])
        out.append(TitleEntry(t, c, "alternate", reports))
        if s:
            out.append(TitleEntry(s, c, "short", reports))
    return out


def _split_codes(value: str | None) -> tuple[str, ...]:
    return tuple(sorted(value.split(","))) if value else ()


class OntologyStore:
    """One read-only connection to an imported O*NET database; safe to share between threads."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.RLock()
        self._cache: dict[str, Any] = {}

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> OntologyStore:
        """Open read-only; raises OntologyNotImported if absent, OntologyUnreadable if damaged."""
        p = Path(path)
        if not p.is_file():
            raise OntologyNotImported(f"No O*NET ontology has been imported yet ({p.name} not found).")
        try:
            conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise OntologyUnreadable("The O*NET ontology database is damaged; import it again.") from exc
        if row is None or int(row[0]) != SCHEMA_VERSION:
            conn.close()
            raise OntologyUnreadable(
                "The O*NET ontology database was built by another Vita version; import it again."
            )
        return cls(p, conn)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            self._cache.clear()

    def __enter__(self) -> OntologyStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def cached(self, key: str, build: Any) -> Any:
        """Memoise `build()` for the store's lifetime (indexes and matrices built lazily once)."""
        with self._lock:
            if key not in self._cache:
                self._cache[key] = build()
            return self._cache[key]

    # -- status ----------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        return dict(self._rows("SELECT key, value FROM meta"))

    def info(self) -> OntologyInfo:
        """Version, attribution, counts, per-file import report and embedding sets."""
        m = self.meta()
        counts = {}
        for table in ("occupation", "alt_title", "tech_skill", "tool", "task", "related_occupation",
                      "rating", "education", "job_zone"):
            counts[table] = int(self._rows(f"SELECT count(*) FROM {table}")[0][0])
        files = tuple(FileReport(n, s, r, nt or "") for n, s, r, nt in
                      self._rows("SELECT name, status, rows, note FROM import_file ORDER BY name"))
        emb = dict(self._rows("SELECT kind, count FROM embedding_set ORDER BY kind"))
        return OntologyInfo(
            path=str(self.path), version=m.get("onet_version", ""), attribution=m.get("attribution", ""),
            licence=m.get("licence", ""), imported_at=m.get("imported_at", ""),
            source=m.get("source", ""), schema_version=int(m.get("schema_version", "0")),
            counts=counts, files=files, embeddings=emb, embedding_model=m.get("embedding_model", ""),
        )

    # -- occupations -----------------------------------------------------------------------

    def occupation(self, code: str) -> Occupation | None:
        rows = self._rows("SELECT code, title, description FROM occupation WHERE code=?", (code,))
        return Occupation(*rows[0]) if rows else None

    def occupations(self) -> Iterator[Occupation]:
        for row in self._rows("SELECT code, title, description FROM occupation ORDER BY code"):
            yield Occupation(*row)

    def occupation_titles(self) -> dict[str, str]:
        """code -> title for every occupation (cached)."""
        return dict(self.cached("titles", lambda: dict(self._rows("SELECT code, title FROM occupation"))))

    def alternate_titles(self, code: str | None = None) -> Iterator[AlternateTitle]:
        sql = "SELECT code, title, short_title FROM alt_title"
        rows = self._rows(sql + " WHERE code=? ORDER BY id", (code,)) if code else self._rows(sql + " ORDER BY id")
        for c, t, s in rows:
            yield AlternateTitle(c, t, s)

    def title_entries(self) -> list[TitleEntry]:
        """Every title text naming an occupation (own, alternate and short titles); cached."""

        def build() -> list[TitleEntry]:
            with self._lock:
                return read_title_entries(self._conn)

        return list(self.cached("title_entries", build))

    def title_keys(self, version: str) -> list[tuple[str, str, float, str]] | None:
        """Precomputed (key, code, confidence, title) rows if built by title-key `version`, else None."""
        if self.meta().get("title_key_version") != version:
            return None
        try:
            return [(k, c, float(f), t) for k, c, f, t in self._rows("SELECT key, code, conf, text FROM title_key")]
        except sqlite3.OperationalError:
            return None

    def tasks(self, code: str) -> list[Task]:
        rows = self._rows("SELECT task_id, task, task_type, emerging FROM task WHERE code=? "
                          "ORDER BY emerging, CASE task_type WHEN 'Core' THEN 0 ELSE 1 END, id", (code,))
        return [Task(tid, t, tt, bool(e)) for tid, t, tt, e in rows]

    def job_zone(self, code: str) -> JobZone | None:
        rows = self._rows(
            "SELECT j.zone, r.name, r.experience, r.education, r.training, r.examples, r.svp_range "
            "FROM job_zone j LEFT JOIN job_zone_ref r ON r.zone=j.zone WHERE j.code=?", (code,))
        if not rows:
            return None
        zone, *rest = rows[0]
        return JobZone(int(zone), *(v or "" for v in rest))

    def education(self, code: str) -> list[EducationLevel]:
        """Required level of education (element 2.D.1, scale RL) as percent per category."""
        rows = self._rows(
            "SELECT e.category, coalesce(c.description, ''), e.value FROM education e "
            "LEFT JOIN education_category c ON c.element_id=e.element_id AND c.scale_id=e.scale_id "
            "AND c.category=e.category WHERE e.code=? AND e.element_id='2.D.1' AND e.scale_id='RL' "
            "ORDER BY e.category", (code,))
        return [EducationLevel(int(c), d, float(v or 0.0)) for c, d, v in rows]

    def related(self, code: str) -> list[RelatedOccupation]:
        rows = self._rows(
            "SELECT r.related_code, coalesce(o.title, ''), r.tier, r.idx FROM related_occupation r "
            "LEFT JOIN occupation o ON o.code=r.related_code WHERE r.code=? ORDER BY r.idx", (code,))
        return [RelatedOccupation(*row) for row in rows]

    # -- skills, technologies, tools -------------------------------------------------------

    def technology_skills(self) -> Iterator[TechnologySkill]:
        """Every technology example once per commodity, with the occupations that list it."""
        rows = self._rows(
            "SELECT t.id, t.name, t.commodity_code, t.commodity_title, t.hot, t.in_demand, "
            "group_concat(ot.code) FROM tech_skill t LEFT JOIN occupation_tech ot ON ot.tech_id=t.id "
            "GROUP BY t.id ORDER BY t.id")
        for i, n, cc, ct, hot, dem, codes in rows:
            yield TechnologySkill(i, n, cc, ct, bool(hot), bool(dem), _split_codes(codes))

    def technology_skill(self, tech_id: int) -> TechnologySkill | None:
        rows = self._rows(
            "SELECT t.id, t.name, t.commodity_code, t.commodity_title, t.hot, t.in_demand, "
            "group_concat(ot.code) FROM tech_skill t LEFT JOIN occupation_tech ot ON ot.tech_id=t.id "
            "WHERE t.id=? GROUP BY t.id", (tech_id,))
        if not rows:
            return None
        i, n, cc, ct, hot, dem, codes = rows[0]
        return TechnologySkill(i, n, cc, ct, bool(hot), bool(dem), _split_codes(codes))

    def tool(self, tool_id: int) -> Tool | None:
        rows = self._rows(
            "SELECT t.id, t.name, t.commodity_code, t.commodity_title, group_concat(ot.code) FROM tool t "
            "LEFT JOIN occupation_tool ot ON ot.tool_id=t.id WHERE t.id=? GROUP BY t.id", (tool_id,))
        if not rows:
            return None
        i, n, cc, ct, codes = rows[0]
        return Tool(i, n, cc, ct, _split_codes(codes))

    def element(self, element_id: str) -> SkillElement | None:
        rows = self._rows("SELECT element_id, name, coalesce(domain, ''), coalesce(description, '') "
                          "FROM element WHERE element_id=?", (element_id,))
        return SkillElement(*rows[0]) if rows else None

    def resolve(self, ontology_id: str) -> TechnologySkill | Tool | SkillElement | None:
        """The entry behind an `ontology_id` such as "onet:tech:12", "onet:tool:3", "onet:element:2.A.1.a"."""
        prefix, _, key = ontology_id.partition(":")[2].partition(":")
        try:
            if prefix == "tech":
                return self.technology_skill(int(key))
            if prefix == "tool":
                return self.tool(int(key))
        except ValueError:
            return None
        return self.element(key) if prefix == "element" else None

    def technology_skills_for(self, code: str) -> list[OccupationTechnology]:
        """One occupation's technologies, hot and in-demand first."""
        rows = self._rows(
            "SELECT t.id, t.name, t.commodity_code, t.commodity_title, ot.hot, ot.in_demand "
            "FROM occupation_tech ot JOIN tech_skill t ON t.id=ot.tech_id WHERE ot.code=? "
            "ORDER BY ot.hot DESC, ot.in_demand DESC, t.name", (code,))
        return [OccupationTechnology(i, n, cc, ct, bool(h), bool(d)) for i, n, cc, ct, h, d in rows]

    def tools(self) -> Iterator[Tool]:
        rows = self._rows(
            "SELECT t.id, t.name, t.commodity_code, t.commodity_title, group_concat(ot.code) "
            "FROM tool t LEFT JOIN occupation_tool ot ON ot.tool_id=t.id GROUP BY t.id ORDER BY t.id")
        for i, n, cc, ct, codes in rows:
            yield Tool(i, n, cc, ct, _split_codes(codes))

    def tools_for(self, code: str) -> list[Tool]:
        rows = self._rows(
            "SELECT t.id, t.name, t.commodity_code, t.commodity_title FROM occupation_tool ot "
            "JOIN tool t ON t.id=ot.tool_id WHERE ot.code=? ORDER BY t.name", (code,))
        return [Tool(i, n, cc, ct, (code,)) for i, n, cc, ct in rows]

    def skill_elements(self, domains: tuple[str, ...] = SKILL_DOMAINS) -> Iterator[SkillElement]:
        """Content-model elements rated in the release (skills, knowledge, abilities by default)."""
        marks = ",".join("?" * len(domains))
        rows = self._rows(f"SELECT element_id, name, domain, coalesce(description, '') FROM element "
                          f"WHERE domain IN ({marks}) ORDER BY element_id", tuple(domains))
        for row in rows:
            yield SkillElement(*row)

    def ratings(self, code: str, domain: str = "skill") -> list[ElementRating]:
        """An occupation's ratings in one domain, most important first (Importance IM, Level LV)."""
        rows = self._rows(
            "SELECT r.element_id, coalesce(e.name, r.element_id), "
            "max(CASE WHEN r.scale_id IN ('IM','OI') THEN r.value END), "
            "max(CASE WHEN r.scale_id='LV' THEN r.value END), max(r.not_relevant) "
            "FROM rating r LEFT JOIN element e ON e.element_id=r.element_id "
            "WHERE r.code=? AND r.domain=? GROUP BY r.element_id "
            "ORDER BY 3 DESC NULLS LAST, r.element_id", (code, domain))
        return [ElementRating(eid, n, domain, im, lv, bool(nr)) for eid, n, im, lv, nr in rows]

    def element_occupations(self, element_id: str, *, min_importance: float = 3.0) -> list[tuple[str, float]]:
        """Occupations rating an element at least `min_importance`, highest first."""
        rows = self._rows("SELECT code, value FROM rating WHERE element_id=? AND scale_id='IM' "
                          "AND value>=? ORDER BY value DESC", (element_id, min_importance))
        return [(c, float(v)) for c, v in rows]

    # -- full-text search ------------------------------------------------------------------

    def search_titles_fts(self, query: str, limit: int = 20) -> list[tuple[str, str, str, float]]:
        """(code, title, source, bm25 rank) for titles matching every word of `query`."""
        match = _fts_query(query)
        if not match:
            return []
        return self._rows("SELECT code, title, source, rank FROM title_fts WHERE title_fts MATCH ? "
                          "ORDER BY rank LIMIT ?", (match, limit))

    def search_skills_fts(self, query: str, limit: int = 20) -> list[tuple[str, str, str, float]]:
        """(kind, ref, name, bm25 rank): kind is tech_skill / tool / element / commodity."""
        match = _fts_query(query)
        if not match:
            return []
        return self._rows("SELECT kind, ref, name, rank FROM skill_fts WHERE skill_fts MATCH ? "
                          "ORDER BY rank LIMIT ?", (match, limit))

    # -- embeddings (lazy) -----------------------------------------------------------------

    def embedding_kinds(self) -> dict[str, int]:
        return dict(self._rows("SELECT kind, count FROM embedding_set"))

    def has_embeddings(self, kind: str) -> bool:
        return kind in self.embedding_kinds()

    def embeddings(self, kind: str) -> tuple[list[str], np.ndarray]:
        """(texts, float32 matrix with L2-normalised rows) for one kind; loaded once, then cached."""

        def build() -> tuple[list[str], np.ndarray]:
            import numpy as np

            rows = self._rows("SELECT dim, count, data FROM embedding_set WHERE kind=?", (kind,))
            if not rows:
                raise EmbeddingsMissing(f"The ontology was imported without '{kind}' embeddings.")
            dim, count, data = rows[0]
            # a fresh, aligned copy: BLAS reads the unaligned blob buffer at half speed
            matrix = np.frombuffer(data, dtype=np.float32).reshape(int(count), int(dim)).copy()
            del data
            texts = [t for (t,) in self._rows("SELECT text FROM embedding_key WHERE kind=? ORDER BY row", (kind,))]
            return texts, matrix

        texts, matrix = self.cached(f"emb:{kind}", build)
        return texts, matrix


def _fts_query(text: str) -> str:
    """Quote each word so user text cannot inject FTS5 syntax; prefix-match the last word."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)
