"""A tiny fictional O*NET release (a few real occupation codes, made-up rows) and a fictional resume."""

from __future__ import annotations

from pathlib import Path

from core.model import ParsedDocument
from tests.core.ingest_docs import RoleSpec, resume

CODE = "O*NET-SOC Code"
OCCUPATIONS = [
    ("15-1252.00", "Software Developers", "Design and build computer applications."),
    ("15-1254.00", "Web Developers", "Build and maintain websites."),
    ("29-1141.00", "Registered Nurses", "Care for patients."),
]
ALT_TITLES = [
    ("15-1252.00", "Software Engineer"), ("15-1252.00", "Software Developer"),
    ("15-1254.00", "Web Developer"), ("29-1141.00", "Staff Nurse"),
]
TECH = [  # code, example, commodity code, commodity title, hot, in demand
    ("15-1252.00", "Python", "43232405", "Object or component oriented development software", "Y", "Y"),
    ("15-1252.00", "Kubernetes", "43233004", "Operating system software", "Y", "N"),
    ("15-1252.00", "PostgreSQL", "43232306", "Data base user interface and query software", "Y", "N"),
    ("15-1254.00", "Python", "43232405", "Object or component oriented development software", "Y", "Y"),
]


def _write(folder: Path, name: str, header: list[str], rows: list[tuple[object, ...]]) -> None:
    lines = ["\t".join(header)] + ["\t".join(str(v) for v in row) for row in rows]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_release(root: Path) -> Path:
    folder = root / "db_98_1_text"
    folder.mkdir(parents=True, exist_ok=True)
    titles = {c: t for c, t, _ in OCCUPATIONS}
    _write(folder, "Occupation Data.txt", [CODE, "Title", "Description"], OCCUPATIONS)
    _write(folder, "Alternate Titles.txt", [CODE, "Title", "Alternate Title", "Short Title", "Source(s)"],
           [(c, titles[c], a, "n/a", "08") for c, a in ALT_TITLES])
    _write(folder, "Technology Skills.txt",
           [CODE, "Title", "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand"],
           [(c, titles[c], *rest) for c, *rest in TECH])
    return folder


ROLE_NOW = RoleSpec("Sr. Software Engineer II", "Quillfeather Labs", "2019-03", "2022-06", bullets=[
    "Migrated the billing service to Kubernetes with Python and Terraform",
    "Cut query latency 40% by tuning Postgres indexes",
])
ROLE_BEFORE = RoleSpec("Software Developer", "Mossbank Studio", "2016-01", "2019-02", bullets=[
    "Wrote Python tooling for release automation",
])


def fictional_resume(variant: str = "") -> ParsedDocument:
    return resume("juniper-ashgrove.txt", "Juniper Ashgrove", [ROLE_NOW, ROLE_BEFORE],
                  skills=("Python", "Team leadership"), variant=variant)
