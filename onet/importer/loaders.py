"""One loader per release file: reads columns by name, writes rows into the ontology schema."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from onet.schema import RATING_FILES

CODE = "O*NET-SOC Code"
Rows = Iterator[dict[str, str]]


def _opt(value: str | None) -> str | None:
    """Empty and 'n/a' cells become NULL."""
    if value is None:
        return None
    v = value.strip()
    return None if not v or v.lower() == "n/a" else v


def _flag(value: str | None) -> int:
    return 1 if (value or "").strip().upper() in ("Y", "YES", "TRUE", "1") else 0


def _num(value: str | None) -> float | None:
    try:
        return float(value) if _opt(value) is not None else None  # type: ignore[arg-type]
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    n = _num(value)
    return int(n) if n is not None else None


def load_occupations(db: sqlite3.Connection, rows: Rows) -> int:
    data = [(r[CODE], r["Title"], r.get("Description", "")) for r in rows if r[CODE]]
    db.executemany("INSERT OR REPLACE INTO occupation VALUES (?,?,?)", data)
    return len(data)


def load_alt_titles(db: sqlite3.Connection, rows: Rows) -> int:
    data = [(r[CODE], r["Alternate Title"], _opt(r.get("Short Title")), _opt(r.get("Source(s)")))
            for r in rows if r["Alternate Title"]]
    db.executemany("INSERT INTO alt_title (code, title, short_title, sources) VALUES (?,?,?,?)", data)
    return len(data)


def load_unspsc(db: sqlite3.Connection, rows: Rows) -> int:
    data = [(r["Commodity Code"], r["Commodity Title"], _opt(r.get("Class Code")), _opt(r.get("Class Title")),
             _opt(r.get("Family Code")), _opt(r.get("Family Title")), _opt(r.get("Segment Code")),
             _opt(r.get("Segment Title"))) for r in rows if r["Commodity Code"]]
    db.executemany("INSERT OR REPLACE INTO commodity VALUES (?,?,?,?,?,?,?,?)", data)
    return len(data)


def _examples(db: sqlite3.Connection, rows: Rows, table: str, link: str, with_flags: bool) -> int:
    """Technology skills or tools: one entity per (example, commodity), linked to occupations."""
    ids: dict[tuple[str, str | None], int] = {}
    n = 0
    for r in rows:
        name = r["Example"]
        if not name:
            continue
        cc = _opt(r.get("Commodity Code"))
        key = (name, cc)
        if key not in ids:
            ids[key] = len(ids) + 1
            db.execute(f"INSERT INTO {table} (id, name, commodity_code, commodity_title) VALUES (?,?,?,?)",
                       (ids[key], name, cc, _opt(r.get("Commodity Title"))))
        if with_flags:
            db.execute(f"INSERT OR REPLACE INTO {link} VALUES (?,?,?,?)",
                       (r[CODE], ids[key], _flag(r.get("Hot Technology")), _flag(r.get("In Demand"))))
        else:
            db.execute(f"INSERT OR IGNORE INTO {link} VALUES (?,?)", (r[CODE], ids[key]))
        n += 1
    if with_flags:
        db.execute("UPDATE tech_skill SET hot=coalesce((SELECT max(hot) FROM occupation_tech WHERE tech_id=id),0),"
                   " in_demand=coalesce((SELECT max(in_demand) FROM occupation_tech WHERE tech_id=id),0)")
    db.execute(f"UPDATE {table} SET commodity_title=(SELECT title FROM commodity c "
               f"WHERE c.code={table}.commodity_code) WHERE commodity_title IS NULL")
    return n


def load_tech(db: sqlite3.Connection, rows: Rows) -> int:
    return _examples(db, rows, "tech_skill", "occupation_tech", True)


def load_tools(db: sqlite3.Connection, rows: Rows) -> int:
    return _examples(db, rows, "tool", "occupation_tool", False)


def _tasks(db: sqlite3.Connection, rows: Rows, emerging: int) -> int:
    data = [(_opt(r.get("Task ID")), r[CODE], r["Task"], _opt(r.get("Task Type") or r.get("Category")), emerging)
            for r in rows if r["Task"]]
    db.executemany("INSERT INTO task (task_id, code, task, task_type, emerging) VALUES (?,?,?,?,?)", data)
    return len(data)


def load_tasks(db: sqlite3.Connection, rows: Rows) -> int:
    return _tasks(db, rows, 0)


def load_emerging_tasks(db: sqlite3.Connection, rows: Rows) -> int:
    return _tasks(db, rows, 1)


def load_job_zones(db: sqlite3.Connection, rows: Rows) -> int:
    data = [(r[CODE], z) for r in rows if (z := _int(r["Job Zone"])) is not None]
    db.executemany("INSERT OR REPLACE INTO job_zone VALUES (?,?)", data)
    return len(data)


def load_job_zone_ref(db: sqlite3.Connection, rows: Rows) -> int:
    data = [(z, r.get("Name"), r.get("Experience"), r.get("Education"), r.get("Job Training"),
             r.get("Examples"), r.get("SVP Range")) for r in rows if (z := _int(r["Job Zone"])) is not None]
    db.executemany("INSERT OR REPLACE INTO job_zone_ref VALUES (?,?,?,?,?,?,?)", data)
    return len(data)


def load_related(db: sqlite3.Connection, rows: Rows) -> int:
    data = [(r[CODE], r["Related O*NET-SOC Code"], _opt(r.get("Relatedness Tier")), _int(r.get("Index")))
            for r in rows if r["Related O*NET-SOC Code"]]
    db.executemany("INSERT OR REPLACE INTO related_occupation VALUES (?,?,?,?)", data)
    return len(data)


def load_content_model(db: sqlite3.Connection, rows: Rows) -> int:
    data = [(r["Element ID"], r["Element Name"], r.get("Description")) for r in rows if r["Element ID"]]
    db.executemany("INSERT INTO element (element_id, name, description) VALUES (?,?,?) "
                   "ON CONFLICT(element_id) DO UPDATE SET name=excluded.name, "
                   "description=coalesce(excluded.description, description)", data)
    return len(data)


def rating_loader(domain: str) -> Callable[[sqlite3.Connection, Rows], int]:
    """Loader for a ratings file (Skills, Knowledge, Abilities, Work Styles, Interests...)."""

    def load(db: sqlite3.Connection, rows: Rows) -> int:
        data = []
        elements: dict[str, str] = {}
        for r in rows:
            eid = r["Element ID"]
            if not eid:
                continue
            elements.setdefault(eid, r.get("Element Name") or eid)
            data.append((r[CODE], domain, eid, r["Scale ID"], _num(r["Data Value"]),
                         _flag(r.get("Recommend Suppress")), _flag(r.get("Not Relevant"))))
        db.executemany("INSERT OR REPLACE INTO rating VALUES (?,?,?,?,?,?,?)", data)
        db.executemany("INSERT INTO element (element_id, name, domain) VALUES (?,?,?) "
                       "ON CONFLICT(element_id) DO UPDATE SET domain=excluded.domain",
                       [(e, n, domain) for e, n in elements.items()])
        return len(data)

    return load


def load_education_categories(db: sqlite3.Connection, rows: Rows) -> int:
    data = [(r["Element ID"], r["Scale ID"], c, r.get("Category Description"))
            for r in rows if (c := _int(r["Category"])) is not None]
    db.executemany("INSERT OR REPLACE INTO education_category VALUES (?,?,?,?)", data)
    return len(data)


def load_education(db: sqlite3.Connection, rows: Rows) -> int:
    data = [(r[CODE], r["Element ID"], r["Scale ID"], c, _num(r["Data Value"]))
            for r in rows if (c := _int(r["Category"])) is not None]
    db.executemany("INSERT OR REPLACE INTO education VALUES (?,?,?,?,?)", data)
    return len(data)


@dataclass(frozen=True, slots=True)
class FileSpec:
    name: str
    required: tuple[str, ...]
    load: Callable[[sqlite3.Connection, Rows], int]


RATING_COLUMNS = (CODE, "Element ID", "Scale ID", "Data Value")

# Order matters: references first so later files can fill names and titles from them.
FILE_SPECS: tuple[FileSpec, ...] = (
    FileSpec("Occupation Data.txt", (CODE, "Title"), load_occupations),
    FileSpec("Content Model Reference.txt", ("Element ID", "Element Name"), load_content_model),
    FileSpec("UNSPSC Reference.txt", ("Commodity Code", "Commodity Title"), load_unspsc),
    FileSpec("Alternate Titles.txt", (CODE, "Alternate Title"), load_alt_titles),
    FileSpec("Technology Skills.txt", (CODE, "Example"), load_tech),
    FileSpec("Tools Used.txt", (CODE, "Example"), load_tools),
    FileSpec("Task Statements.txt", (CODE, "Task"), load_tasks),
    FileSpec("Emerging Tasks.txt", (CODE, "Task"), load_emerging_tasks),
    FileSpec("Job Zone Reference.txt", ("Job Zone",), load_job_zone_ref),
    FileSpec("Job Zones.txt", (CODE, "Job Zone"), load_job_zones),
    FileSpec("Related Occupations.txt", (CODE, "Related O*NET-SOC Code"), load_related),
    *(FileSpec(name, RATING_COLUMNS, rating_loader(domain)) for name, domain in RATING_FILES.items()),
    FileSpec("Education, Training, and Experience Categories.txt", ("Element ID", "Scale ID", "Category"),
             load_education_categories),
    FileSpec("Education, Training, and Experience.txt", (CODE, "Element ID", "Scale ID", "Category", "Data Value"),
             load_education),
)
