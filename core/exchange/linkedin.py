"""LinkedIn data-export ZIP import ("Get a copy of your data"): Profile, Positions, Education,
Skills, Certifications, Projects, Languages, Honors, Publications, Volunteering, Email Addresses,
PhoneNumbers and Recommendations_Received CSVs become facts with `imported` provenance.

The ZIP is untrusted: only known CSV names are read, each with a size cap, and CSV preambles
("Notes: ...") before the header row are skipped.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from core.errors import HostileFile, ImportFailed
from core.exchange.dates import iso_date
from core.exchange.plan import ImportPlan, ImportResult, imported_source, store_plan
from core.model import EdgeKind, FactStatus, FactType
from core.workspace import Workspace

MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 500
# file stem (lower case, no spaces/underscores) -> the first header column that marks the header row
KNOWN = {
    "profile": "First Name", "positions": "Company Name", "education": "School Name", "skills": "Name",
    "certifications": "Name", "projects": "Title", "languages": "Name", "honors": "Title",
    "publications": "Name", "volunteering": "Company Name", "emailaddresses": "Email Address",
    "phonenumbers": "Extension", "recommendationsreceived": "First Name",
}


def _stem(name: str) -> str:
    return re.sub(r"[\s_]+", "", Path(name).stem).lower()


def read_tables(path: Path) -> dict[str, list[dict[str, str]]]:
    """The known CSVs of the export as lists of row dicts, keyed by normalised stem."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ImportFailed(f"{path.name} is not a readable ZIP file.") from exc
    out: dict[str, list[dict[str, str]]] = {}
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise HostileFile(f"{path.name} has too many files to be a LinkedIn export.")
        for info in infos:
            stem = _stem(info.filename)
            if info.is_dir() or not info.filename.lower().endswith(".csv") or stem not in KNOWN:
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                raise HostileFile(f"{info.filename} in {path.name} is too large.")
            with zf.open(info) as fh:
                raw = fh.read(MAX_MEMBER_BYTES + 1)
            if len(raw) > MAX_MEMBER_BYTES:
                raise HostileFile(f"{info.filename} in {path.name} is too large.")
            out[stem] = _rows(raw.decode("utf-8-sig", errors="replace"), KNOWN[stem])
    if not out:
        raise ImportFailed(f"{path.name} does not look like a LinkedIn data export (no known CSV files).")
    return out


def _rows(text: str, first_col: str) -> list[dict[str, str]]:
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.lstrip('"').startswith(first_col):
            reader = csv.DictReader(io.StringIO("".join(lines[i:])))
            return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]
    return []


def _bullets(text: str) -> tuple[str, list[str]]:
    """Split a LinkedIn description into a summary and bullet highlights."""
    summary, bullets = [], []
    for line in text.splitlines():
        m = re.match(r"^\s*(?:[-*\u2022\u25aa\u25cf]|\d+[.)])\s+(.*)", line)
        if m:
            bullets.append(m.group(1).strip())
        elif line.strip():
            summary.append(line.strip())
    return " ".join(summary), bullets


def build_plan(tables: dict[str, list[dict[str, str]]], *, name: str,
               status: FactStatus = FactStatus.approved) -> ImportPlan:
    plan = ImportPlan(imported_source("linkedin", name), status=status)
    for p in tables.get("profile", [])[:1]:
        full = " ".join(x for x in (p.get("First Name"), p.get("Last Name")) if x)
        for kind, value in (("name", full), ("label", p.get("Headline")), ("summary", p.get("Summary"))):
            if value:
                plan.add(f"profile.{kind}", FactType.contact, value, {"kind": kind, "value": value})
        loc = p.get("Geo Location") or p.get("Address")
        if loc:
            plan.add("profile.location", FactType.contact, loc, {"kind": "location", "value": loc, "address": loc})
        for i, url in enumerate(re.findall(r"https?://[^\s,\]]+", p.get("Websites", ""))):
            plan.add(f"profile.url.{i}", FactType.contact, url, {"kind": "url" if i == 0 else "profile",
                                                                 "value": url, "url": url})
    emails = sorted(tables.get("emailaddresses", []), key=lambda r: r.get("Primary", "").lower() != "yes")
    for i, r in enumerate(emails):
        if r.get("Email Address"):
            plan.add(f"email.{i}", FactType.contact, r["Email Address"], {"kind": "email", "value": r["Email Address"]})
    for i, r in enumerate(tables.get("phonenumbers", [])):
        if r.get("Number"):
            plan.add(f"phone.{i}", FactType.contact, r["Number"], {"kind": "phone", "value": r["Number"],
                                                                  "label": r.get("Type")})
    _positions(plan, tables.get("positions", []))
    for i, r in enumerate(tables.get("education", [])):
        plan.add(f"education.{i}", FactType.education, r.get("School Name", ""), {
            "institution": r.get("School Name"), "degree": r.get("Degree Name"), "start": iso_date(r.get("Start Date")),
            "end": iso_date(r.get("End Date")), "summary": r.get("Notes"), "activities": r.get("Activities")})
    for i, r in enumerate(tables.get("skills", [])):
        if r.get("Name"):
            plan.add(f"skill.{i}", FactType.skill, r["Name"], {"name": r["Name"]})
    simple: list[tuple[str, FactType, str, dict[str, str]]] = [
        ("certifications", FactType.credential, "Name", {"name": "Name", "issuer": "Authority", "url": "Url",
                                                          "date": "Started On", "expires": "Finished On",
                                                          "license": "License Number"}),
        ("projects", FactType.project, "Title", {"name": "Title", "description": "Description", "url": "Url",
                                                 "start": "Started On", "end": "Finished On"}),
        ("languages", FactType.language, "Name", {"language": "Name", "fluency": "Proficiency"}),
        ("honors", FactType.award, "Title", {"title": "Title", "summary": "Description", "date": "Issued On"}),
        ("publications", FactType.publication, "Name", {"name": "Name", "publisher": "Publisher", "url": "Url",
                                                        "date": "Published On", "summary": "Description"}),
        ("volunteering", FactType.volunteer, "Role", {"organisation": "Company Name", "position": "Role",
                                                      "cause": "Cause", "start": "Started On", "end": "Finished On",
                                                      "summary": "Description"}),
    ]
    for stem, ftype, value_col, mapping in simple:
        for i, r in enumerate(tables.get(stem, [])):
            attrs: dict[str, Any] = {k: r.get(col) for k, col in mapping.items()}
            for k in ("start", "end", "date", "expires"):
                if k in attrs:
                    attrs[k] = iso_date(attrs[k])
            value = r.get(value_col) or ""
            if stem == "volunteering" and r.get("Company Name"):
                value = f"{value or 'Volunteer'}, {r['Company Name']}"
            if value:
                plan.add(f"{stem}.{i}", ftype, value, attrs)
    for i, r in enumerate(tables.get("recommendationsreceived", [])):
        who = " ".join(x for x in (r.get("First Name"), r.get("Last Name")) if x)
        if who and r.get("Text"):
            plan.add(f"reference.{i}", FactType.contact, who, {"kind": "reference", "name": who,
                                                               "reference": r["Text"]})
    return plan


def _positions(plan: ImportPlan, rows: list[dict[str, str]]) -> None:
    orgs: dict[str, str] = {}
    for i, r in enumerate(rows):
        org = r.get("Company Name", "")
        summary, bullets = _bullets(r.get("Description", ""))
        role = plan.add(f"position.{i}", FactType.role, r.get("Title") or org or "Role", {
            "title": r.get("Title"), "organisation": org or None, "location": r.get("Location"),
            "start": iso_date(r.get("Started On")), "end": iso_date(r.get("Finished On")), "summary": summary})
        if org:
            if org.casefold() not in orgs:
                orgs[org.casefold()] = plan.add(f"org.{len(orgs)}", FactType.organisation, org, {"name": org})
            plan.link(EdgeKind.role_at, role, orgs[org.casefold()])
        for j, b in enumerate(bullets):
            plan.add(f"position.{i}.{j}", FactType.achievement, b, {"text": b})
            plan.link(EdgeKind.achieved_in, f"position.{i}.{j}", role)


def import_linkedin(ws: Workspace, path: Path, *, status: FactStatus = FactStatus.approved) -> ImportResult:
    """Import a LinkedIn data-export ZIP as one undo step."""
    plan = build_plan(read_tables(path), name=path.name, status=status)
    return store_plan(ws, plan, label=f"Import {path.name}")
