"""A fictional record for interview tests: two roles, one thin, one with an achievement."""

from __future__ import annotations

from core.kb.editing import NewFact, create_fact
from core.model import EdgeKind, FactStatus, FactType
from core.workspace import Workspace


def seed_record(ws: Workspace) -> dict[str, int]:
    """Northwind Traders (2019–2021, thin) and Contoso Labs (2016–2019, one achievement, Python)."""
    ids: dict[str, int] = {}
    ch = create_fact(ws, NewFact(FactType.role, "Data Engineer", {"title": "Data Engineer",
                                                                   "organisation": "Northwind Traders",
                                                                   "start": "2019", "end": "2021"},
                                 status=FactStatus.approved))
    ids["northwind"] = next(iter(ch.fact_ids))
    ch = create_fact(ws, NewFact(FactType.role, "Analyst", {"title": "Analyst", "organisation": "Contoso Labs",
                                                             "start": "2016-02", "end": "2019-01",
                                                             "location": "Leeds"}, status=FactStatus.approved))
    ids["contoso"] = next(iter(ch.fact_ids))
    ch = create_fact(ws, NewFact(FactType.skill, "Python", {"name": "Python"}, status=FactStatus.approved))
    ids["python"] = next(iter(ch.fact_ids))
    ch = create_fact(ws, NewFact(FactType.achievement, "Built the weekly sales report in Python",
                                 {"text": "Built the weekly sales report in Python", "metrics": []}),
                     edges=[(EdgeKind.achieved_in, ids["contoso"]), (EdgeKind.uses_skill, ids["python"])])
    ids["report"] = next(iter(ch.fact_ids))
    for kind, value in (("name", "Robin Example"), ("email", "robin@example.org"),
                        ("summary", "Data engineer who likes tidy pipelines.")):
        create_fact(ws, NewFact(FactType.contact, value, {"kind": kind, "value": value}, status=FactStatus.approved))
    ws.undo_stack.clear()
    return ids
