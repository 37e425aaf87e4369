"""A fictional career record written straight into a vault (for views, benches and screenshots)."""

from __future__ import annotations

import json
from typing import Any

from core.facts import insert_fact, now_iso
from core.model import FactStatus, FactType, SourceKind
from core.workspace import Workspace

RESUME_TEXT = """Jordan Quill
jordan.quill@example.org · +1 555 0100 · Lisbon, Portugal

Summary
Data engineer who builds reliable pipelines and small, fast teams.

Experience
Senior Data Engineer, Northwind Analytics — 2021 to present
- Cut nightly batch runtime by 62% by moving ETL jobs to incremental Spark pipelines.
- Led a team of 5 engineers delivering a customer analytics platform used by 40 clients.
Data Engineer, Blue Harbor Logistics — 2017 to 2021
- Built a Kafka event pipeline handling 2 million shipment events per day.
- Saved $120,000 a year by replacing a vendor reporting tool with Python and PostgreSQL.

Education
MSc Computer Science, University of Porto, 2017

Skills
Python, SQL, Apache Spark, Kafka, PostgreSQL, Airflow, Docker, Kubernetes

Languages
Portuguese (native), English (fluent), Spanish (conversational)
"""


def _span(needle: str) -> tuple[int, int]:
    start = RESUME_TEXT.index(needle)
    return start, start + len(needle)


def seed_career(ws: Workspace) -> dict[str, int]:
    """One document and ~30 facts with provenance and edges; returns a few ids by name."""
    ids: dict[str, int] = {}
    with ws.mutation("Seed fictional record", undoable=False) as txn:
        doc = txn.insert("documents", {
            "sha256": "f" * 64, "source_name": "jordan-quill-resume.pdf", "mime": "application/pdf",
            "doc_type": "resume", "doc_type_confidence": 0.93, "status": "parsed", "text": RESUME_TEXT,
            "pages": json.dumps([[0, len(RESUME_TEXT)]]), "meta": "{}", "added_at": now_iso()})
        ids["doc"] = doc

        def fact(key: str, ftype: FactType, value: str, attrs: dict[str, Any], needle: str | None = None,
                 status: FactStatus = FactStatus.pending, conf: float = 0.9) -> int:
            fid = insert_fact(txn, type=ftype, value=value, attributes=attrs, status=status, confidence=conf,
                              source_kind=SourceKind.document)
            s, e = _span(needle or value) if (needle or value) in RESUME_TEXT else (None, None)
            txn.insert("fact_sources", {"fact_id": fid, "source_kind": "document", "document_id": doc, "page": 1,
                                        "start": s, "end": e, "extractor": "vita.extract", "extractor_version": "1",
                                        "confidence": conf, "note": "", "created_at": now_iso()})
            ids[key] = fid
            return fid

        def edge(kind: str, src: int, dst: int) -> None:
            txn.insert("edges", {"kind": kind, "src_id": src, "dst_id": dst, "weight": 1.0, "created_at": now_iso()})

        fact("name", FactType.contact, "Jordan Quill", {"kind": "name"}, status=FactStatus.approved, conf=0.99)
        fact("email", FactType.contact, "jordan.quill@example.org", {"kind": "email"}, status=FactStatus.approved)
        fact("phone", FactType.contact, "+1 555 0100", {"kind": "phone"})
        fact("location", FactType.contact, "Lisbon, Portugal", {"kind": "location"})
        fact("summary", FactType.contact, "Data engineer who builds reliable pipelines and small, fast teams.",
             {"kind": "summary"})
        nw = fact("org1", FactType.organisation, "Northwind Analytics", {"name": "Northwind Analytics"})
        bh = fact("org2", FactType.organisation, "Blue Harbor Logistics", {"name": "Blue Harbor Logistics"})
        r1 = fact("role1", FactType.role, "Senior Data Engineer", {"title": "Senior Data Engineer",
                  "organisation": "Northwind Analytics", "start": "2021", "end": None}, status=FactStatus.approved)
        r2 = fact("role2", FactType.role, "Data Engineer", {"title": "Data Engineer",
                  "organisation": "Blue Harbor Logistics", "start": "2017", "end": "2021"})
        edge("role_at", r1, nw)
        edge("role_at", r2, bh)
        bullets = [
            (r1, "Cut nightly batch runtime by 62% by moving ETL jobs to incremental Spark pipelines.",
             [{"kind": "percent", "value": 62}], ["Apache Spark"]),
            (r1, "Led a team of 5 engineers delivering a customer analytics platform used by 40 clients.",
             [{"kind": "team_size", "value": 5}, {"kind": "count", "value": 40}], []),
            (r2, "Built a Kafka event pipeline handling 2 million shipment events per day.",
             [{"kind": "count", "value": 2000000}], ["Kafka"]),
            (r2, "Saved $120,000 a year by replacing a vendor reporting tool with Python and PostgreSQL.",
             [{"kind": "money", "value": 120000, "unit": "USD"}], ["Python", "PostgreSQL"]),
        ]
        skills = {}
        for name in ("Python", "SQL", "Apache Spark", "Kafka", "PostgreSQL", "Airflow", "Docker", "Kubernetes"):
            skills[name] = fact(f"skill:{name}", FactType.skill, name, {"name": name, "category": "technology"},
                                status=FactStatus.approved if name in ("Python", "SQL") else FactStatus.pending)
        for i, (role, text, metrics, used) in enumerate(bullets):
            a = fact(f"ach{i}", FactType.achievement, text, {"text": text, "metrics": metrics,
                     "organisation": "Northwind Analytics" if role == r1 else "Blue Harbor Logistics"})
            edge("achieved_in", a, role)
            for s in used:
                edge("uses_skill", a, skills[s])
        fact("edu", FactType.education, "MSc Computer Science, University of Porto",
             {"institution": "University of Porto", "degree": "MSc", "field": "Computer Science", "end": "2017"})
        txn.insert("conflicts", {"fact_id": r2, "field": "end", "status": "open", "created_at": now_iso(),
                                 "candidates": json.dumps([{"value": "2021", "sources": [{"document_id": doc}]},
                                                           {"value": "2020-11", "sources": [{"document_id": doc}]}])})
        for lang, level in (("Portuguese", "native"), ("English", "fluent"), ("Spanish", "conversational")):
            fact(f"lang:{lang}", FactType.language, f"{lang} ({level})", {"language": lang, "fluency": level},
                 needle=f"{lang} ({level})")
    return ids
