"""Fictional careers with known answers, written into a real vault: a promotion, a field change,
a fading skill, a hidden strength, a listed skill with no evidence, a gap between roles."""

from __future__ import annotations

import json
from typing import Any

from core.extract.metrics import find_metrics
from core.facts import insert_fact, now_iso
from core.model import FactStatus, FactType, SourceKind
from core.undo import RecordingTxn
from core.workspace import Workspace


class CareerWriter:
    """Writes facts, provenance and edges the way ingest and enrichment store them."""

    def __init__(self, txn: RecordingTxn, doc_id: int) -> None:
        self.txn, self.doc = txn, doc_id
        self.skills: dict[str, int] = {}
        self.orgs: dict[str, int] = {}

    def fact(self, ftype: FactType, value: str, attrs: dict[str, Any], *, enriched: bool = False,
             tags: list[str] | None = None) -> int:
        fid = insert_fact(self.txn, type=ftype, value=value, attributes=attrs, status=FactStatus.pending,
                          confidence=0.9, source_kind=SourceKind.document, tags=tags)
        self.txn.insert("fact_sources", {
            "fact_id": fid, "source_kind": "document", "document_id": self.doc, "page": 1, "start": None,
            "end": None, "extractor": "vita.enrich" if enriched else "vita.extract", "extractor_version": "1",
            "confidence": 0.9, "note": f"mentioned in fact {fid - 1}" if enriched else "", "created_at": now_iso()})
        return fid

    def edge(self, kind: str, src: int, dst: int | None = None, ref: str | None = None) -> None:
        self.txn.insert("edges", {"kind": kind, "src_id": src, "dst_id": dst, "dst_ref": ref, "weight": 1.0,
                                  "created_at": now_iso()})

    def contact(self, kind: str, value: str) -> int:
        return self.fact(FactType.contact, value, {"kind": kind, "value": value})

    def role(self, title: str, employer: str, start: str | None, end: str | None, *, present: bool | None = None,
             onet_code: str | None = None, location: str = "") -> int:
        if employer not in self.orgs:
            self.orgs[employer] = self.fact(FactType.organisation, employer, {"name": employer})
        attrs: dict[str, Any] = {"title": title, "organisation": employer, "start": start, "end": end,
                                 "location": location}
        if present is not None:
            attrs["present"] = present
        if onet_code:
            attrs["onet_code"] = onet_code
        rid = self.fact(FactType.role, title, attrs)
        self.edge("role_at", rid, self.orgs[employer])
        return rid

    def skill(self, name: str, *, listed: bool = True, ontology_id: str | None = None, level: str = "") -> int:
        if name not in self.skills:
            attrs: dict[str, Any] = {"name": name}
            if ontology_id:
                attrs["ontology_id"] = ontology_id
            if level:
                attrs["level"] = level
            self.skills[name] = self.fact(FactType.skill, name, attrs, enriched=not listed)
        return self.skills[name]

    def achievement(self, role: int | None, text: str, skills: tuple[str, ...] = ()) -> int:
        metrics = [{"kind": m.kind, "value": m.value, "unit": m.unit, "text": m.text} for m in find_metrics(text)]
        aid = self.fact(FactType.achievement, text, {"text": text, "metrics": metrics})
        if role is not None:
            self.edge("achieved_in", aid, role)
        for m in metrics:
            mid = self.fact(FactType.metric, str(m["text"]), m)
            self.edge("measured_by", aid, mid)
        for s in skills:
            self.edge("uses_skill", aid, self.skill(s, listed=False))  # new here: mentioned, not listed
        return aid


def _document(txn: RecordingTxn, name: str) -> int:
    return txn.insert("documents", {
        "sha256": name.ljust(64, "0")[:64], "source_name": name, "mime": "text/plain", "doc_type": "resume",
        "doc_type_confidence": 0.9, "status": "parsed", "text": "(fictional)", "pages": json.dumps([[0, 11]]),
        "meta": "{}", "added_at": now_iso()})


def write_career(ws: Workspace, name: str = "cv.txt") -> dict[str, int]:
    """A software career: promotion at one employer, then a manager role; a fading skill (Perl),
    a hidden strength (Stakeholder management), a listed skill with no evidence (Haskell)."""
    ids: dict[str, int] = {}
    with ws.mutation("Seed fictional career", undoable=False) as txn:
        w = CareerWriter(txn, _document(txn, name))
        ids["name"] = w.contact("name", "Robin Ferrowdale")
        ids["email"] = w.contact("email", "robin@example.invalid")
        for s in ("Python", "Perl", "Haskell", "SQL"):
            ids[f"skill:{s}"] = w.skill(s, ontology_id="onet:tech:1" if s == "Python" else None)
        ids["junior"] = w.role("Software Engineer", "Tallowmere Systems", "2014-01", "2017-06", present=False,
                               onet_code="15-1252.00", location="Leeds")
        ids["senior"] = w.role("Senior Software Engineer", "Tallowmere Systems", "2017-07", "2020-12",
                               present=False, onet_code="15-1252.00", location="Leeds")
        ids["manager"] = w.role("Engineering Manager", "Quaystone Ltd", "2021-03", None, present=True,
                                onet_code="11-3021.00", location="York")
        ids["a1"] = w.achievement(ids["junior"], "Rewrote the billing scripts in Perl, cutting run time by 40%",
                                  ("Perl",))
        ids["a2"] = w.achievement(ids["junior"], "Built a Python test harness adopted by 3 teams", ("Python",))
        ids["a3"] = w.achievement(ids["senior"], "Aligned product and finance on a roadmap through stakeholder "
                                  "management, saving $250,000 a year", ("Stakeholder management", "Python"))
        ids["a4"] = w.achievement(ids["senior"], "Mentored 4 engineers and led the migration to PostgreSQL",
                                  ("SQL",))
        ids["a5"] = w.achievement(ids["manager"], "Managed a team of 12 engineers across two product lines",
                                  ("Stakeholder management",))
        ids["a6"] = w.achievement(ids["manager"], "Grew platform revenue by 25% by shipping self-serve onboarding",
                                  ("Python",))
        ids["a7"] = w.achievement(ids["manager"], "Reduced incident count by 60% with an on-call rotation",
                                  ("Stakeholder management",))
        ids["skill:Stakeholder management"] = w.skills["Stakeholder management"]
        ids["edu"] = w.fact(FactType.education, "BSc Computing, Fenwick University",
                            {"institution": "Fenwick University", "degree": "BSc", "field": "Computing",
                             "end": "2013"})
        ids["cert"] = w.fact(FactType.credential, "Certified Scrum Master", {"name": "Certified Scrum Master",
                                                                             "date": "2019-05"})
    return ids


def write_field_change(ws: Workspace) -> dict[str, int]:
    """A nurse who became a data analyst after a six-month gap."""
    ids: dict[str, int] = {}
    with ws.mutation("Seed field change", undoable=False) as txn:
        w = CareerWriter(txn, _document(txn, "change.txt"))
        ids["nurse"] = w.role("Registered Nurse", "Harrowgate Infirmary", "2010-09", "2016-06", present=False,
                              onet_code="29-1141.00")
        ids["analyst"] = w.role("Data Analyst", "Pellucid Insights", "2017-01", None, present=True,
                                onet_code="15-2051.00")
        ids["a1"] = w.achievement(ids["nurse"], "Cared for 20 patients a shift on a surgical ward")
        ids["a2"] = w.achievement(ids["analyst"], "Built SQL dashboards used by 150 staff", ("SQL",))
    return ids


def write_one_role(ws: Workspace) -> dict[str, int]:
    """Thin: one undated role and one skill."""
    with ws.mutation("Seed one role", undoable=False) as txn:
        w = CareerWriter(txn, _document(txn, "thin.txt"))
        return {"role": w.role("Clerk", "Bramble Stores", None, None), "skill": w.skill("Typing")}
