"""Dismissed insights (remembered in the vault, undoable) and the cached report, recomputed only
when the vault's facts, edges or dismissals changed."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from core.changes import Changes
from core.dates import PartialDate
from core.facts import now_iso
from core.insights.behaviour import BehaviourReader
from core.insights.recommend import PlanInput, Target
from core.insights.records import Insight, InsightReport
from core.insights.report import compute_insights
from core.profile import career_profile
from core.workspace import Workspace

if TYPE_CHECKING:
    from onet.store import OntologyStore


def dismissed_keys(ws: Workspace) -> frozenset[str]:
    with ws.reading() as conn:
        return frozenset(str(r[0]) for r in conn.execute(text("SELECT key FROM insight_dismissals")))


def dismiss_insight(ws: Workspace, insight: Insight) -> Changes:
    """Hide one insight from now on (one undo step)."""
    with ws.mutation("Dismiss insight") as txn:
        exists = txn.conn.execute(text("SELECT 1 FROM insight_dismissals WHERE key = :k"), {"k": insight.key}).first()
        if exists is None:
            txn.insert("insight_dismissals", {"key": insight.key, "kind": insight.kind,
                                              "statement": insight.statement, "dismissed_at": now_iso()})
    return ws.changes_for(txn.step)


def restore_insights(ws: Workspace) -> Changes:
    """Show every dismissed insight again (one undo step)."""
    with ws.mutation("Show dismissed insights") as txn:
        txn.delete_where("insight_dismissals", "1 = 1", {})
    return ws.changes_for(txn.step)


def vault_stamp(ws: Workspace) -> tuple[Any, ...]:
    """A cheap fingerprint of what insights read: changes whenever a fact, edge, dismissal, saved
    job, goal or task does."""
    with ws.reading() as conn:
        return tuple(conn.execute(text(
            "SELECT (SELECT count(*) FROM facts), (SELECT max(updated_at) FROM facts), (SELECT max(id) FROM facts), "
            "(SELECT count(*) FROM edges), (SELECT max(id) FROM edges), "
            "(SELECT count(*) FROM insight_dismissals), (SELECT max(id) FROM insight_dismissals), "
            "(SELECT count(*) FROM job_postings), (SELECT max(updated_at) FROM job_postings), "
            "(SELECT max(id) FROM job_postings), (SELECT count(*) FROM job_goals), "
            "(SELECT max(updated_at) FROM job_goals), (SELECT count(*) FROM job_goal_tasks), "
            "(SELECT total(done) FROM job_goal_tasks), (SELECT max(id) FROM job_goal_tasks)")).one())


PlanReader = Callable[[Workspace], PlanInput]  # reads the jobs side's gaps and goals (core.advice)


class Default:
    """The type of DEFAULT: "use the workspace's own O*NET store"."""


DEFAULT = Default()


def _store(ws: Workspace, ontology: OntologyStore | None | Default) -> OntologyStore | None:
    return ws.services.ontology() if isinstance(ontology, Default) else ontology


@dataclass(frozen=True, slots=True)
class TimedReport:
    report: InsightReport
    compute_ms: float
    cached: bool


class InsightCache:
    """The last report per workspace; `get` recomputes only when the vault stamp moved."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._report: InsightReport | None = None

    def get(self, ws: Workspace, *, ontology: OntologyStore | None | Default = DEFAULT,
            as_of: PartialDate | None = None, behaviour: BehaviourReader | None = None,
            plan: PlanReader | None = None) -> TimedReport:
        """The report for `ws` (O*NET: the workspace's services' store unless one is given;
        `behaviour` reads the interview's behavioural dimensions and `plan` the jobs side's gaps
        and goals, both called only on a recompute)."""
        t0 = time.perf_counter()
        ontology = _store(ws, ontology)
        key = (id(ws), id(ontology), as_of, behaviour, plan, vault_stamp(ws))
        with self._lock:
            if key == self._key and self._report is not None:
                return TimedReport(self._report, (time.perf_counter() - t0) * 1000, True)
        report = insights_for(ws, ontology=ontology, as_of=as_of, behaviour=behaviour, plan=plan)
        with self._lock:
            self._key, self._report = key, report
        return TimedReport(report, (time.perf_counter() - t0) * 1000, False)

    def forget(self) -> None:
        with self._lock:
            self._key, self._report = None, None


def insights_for(ws: Workspace, *, ontology: OntologyStore | None | Default = DEFAULT,
                 as_of: PartialDate | None = None, behaviour: BehaviourReader | None = None,
                 plan: PlanReader | None = None) -> InsightReport:
    """Read the profile and dismissals, and compute the report (no cache). O*NET: the workspace's
    services' store unless one is given (None: without O*NET). `behaviour`: the reader of the
    interview's behavioural dimensions (core.interview.behaviour_profile); `plan`: the reader of
    the saved jobs' gaps and the goals (core.advice.plan_for_insights), giving recommendations.
    Both are passed by the caller because insights, the interview and jobs sit on one floor and do
    not import each other."""
    ontology = _store(ws, ontology)
    profile = career_profile(ws, ontology=ontology, as_of=as_of)
    dimensions = behaviour(ws) if behaviour is not None else ()
    plan_input = plan(ws) if plan is not None else None
    today = as_of.iso() if as_of is not None else ""
    return compute_insights(profile, ontology=ontology, dismissed=dismissed_keys(ws), behaviour=dimensions,
                            plan=plan_input, targets=targets(ws) if plan is not None else (), today=today)


TARGET_KIND = "target_occupation"  # a preference fact: the occupation the person aims for


def targets(ws: Workspace) -> tuple[Target, ...]:
    """The occupations the person chose as targets, oldest first (one per code)."""
    with ws.reading() as conn:
        rows = conn.execute(text("SELECT id, value, attributes FROM facts WHERE type = 'preference' AND status "
                                 "!= 'rejected' ORDER BY id")).all()
    out: dict[str, Target] = {}
    for fid, value, raw in rows:
        attrs = json.loads(raw) if isinstance(raw, str) else (raw or {})
        code = str(attrs.get("onet_code") or "")
        if attrs.get("kind") == TARGET_KIND and code and code not in out:
            out[code] = Target(int(fid), code, str(attrs.get("value") or value))
    return tuple(out.values())


def add_target(ws: Workspace, *, code: str, title: str, job_zone: int | None = None) -> Changes:
    """Remember an occupation as the person's target (a preference fact the jobs gaps and plan read)."""
    from core.model import FactType

    return ws.add_fact(type=FactType.preference, value=title,
                       attributes={"kind": TARGET_KIND, "value": title, "onet_code": code, "job_zone": job_zone},
                       note="chosen on the Insights page")
