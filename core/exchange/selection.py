"""Which facts an export includes: approved and exportable by default; "tailor" filters by tag,
date range or skill for a variant resume; variants are saved in the vault and re-exportable."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import text

from core.changes import Changes
from core.errors import InvalidInput, NotFound
from core.facts import now_iso
from core.kb.search import in_date_range
from core.model import EdgeKind, Fact, FactStatus, FactType, Visibility
from core.workspace import Workspace, fact_from_row

# Facts placed on a timeline: date filters apply to them; achievements and organisations follow roles.
ANCHORS = {FactType.role, FactType.education, FactType.volunteer, FactType.project, FactType.award,
           FactType.credential, FactType.publication}


@dataclass(slots=True)
class Selection:
    tags: list[str] = field(default_factory=list)  # keep entries carrying any of these tags
    date_from: str | None = None  # keep entries overlapping [date_from, date_to]
    date_to: str | None = None
    skills: list[str] = field(default_factory=list)  # keep entries using or mentioning these (in this order)
    include_hidden: bool = False
    include_pending: bool = False
    include_rejected: bool = False
    include_inferred_skills: bool = False  # skills Vita found in bullets or O*NET, not stated by the person

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> Selection:
        data = json.loads(raw or "{}")
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    @property
    def tailored(self) -> bool:
        return bool(self.tags or self.date_from or self.date_to or self.skills)


@dataclass(slots=True)
class Selected:
    """The chosen facts by id, and the edges among them (kind, src, dst)."""

    facts: dict[int, Fact]
    edges: list[tuple[str, int, int]]
    priority: list[str] = field(default_factory=list)  # skills in the order a tailored resume shows them

    def rank(self, f: Fact) -> int:
        """Where a fact goes in a tailored resume: the first priority skill it names (0 = most wanted)."""
        blob = (f.value + " " + json.dumps(f.attributes, ensure_ascii=False)).casefold()
        return next((n for n, s in enumerate(self.priority) if s.casefold() in blob), len(self.priority))

    def of_type(self, t: FactType) -> list[Fact]:
        return [f for f in self.facts.values() if f.type == t]

    def sources_of(self, dst: int, kind: EdgeKind) -> list[Fact]:
        return [self.facts[s] for k, s, d in self.edges if k == kind and d == dst and s in self.facts]

    def targets_of(self, src: int, kind: EdgeKind) -> list[Fact]:
        return [self.facts[d] for k, s, d in self.edges if k == kind and s == src and d in self.facts]


def _mentions(f: Fact, skills: list[str]) -> bool:
    blob = (f.value + " " + json.dumps(f.attributes, ensure_ascii=False)).casefold()
    return any(s.casefold() in blob for s in skills)


# Extractors that infer skills from other facts (bullets, titles, O*NET) rather than read them from a
# skills section the person wrote.
INFERRING_EXTRACTORS = ("vita.enrich",)


def _not_the_persons(conn: Any, facts: dict[int, Fact], sel: Selection) -> set[int]:
    """Facts a resume must not show: skills only inferred (unless asked for), and anything whose
    every source is a job description (an ad's URL or contact is not the person's)."""
    out: set[int] = set()
    sources: dict[int, list[tuple[str, str | None]]] = {}
    for fid, extractor, doc_type in conn.execute(text(
            "SELECT s.fact_id, s.extractor, d.doc_type FROM fact_sources s "
            "LEFT JOIN documents d ON d.id = s.document_id ORDER BY s.id")):
        sources.setdefault(int(fid), []).append((str(extractor or ""), doc_type))
    for fid, f in facts.items():
        rows = sources.get(fid)
        if not rows:
            continue
        if all(doc == "job_description" for _, doc in rows):
            out.add(fid)
        elif (f.type == FactType.skill and not sel.include_inferred_skills
              and all(ex.startswith(INFERRING_EXTRACTORS) for ex, _ in rows)):
            out.add(fid)
    return out


def select(ws: Workspace, selection: Selection | None = None) -> Selected:
    """Apply status/visibility rules, then the tailoring filters."""
    sel = selection or Selection()
    statuses = {FactStatus.approved} | ({FactStatus.pending} if sel.include_pending else set()) | (
        {FactStatus.rejected} if sel.include_rejected else set())
    with ws.reading() as conn:
        rows = conn.execute(text("SELECT * FROM facts ORDER BY id")).mappings().all()
        edges = [(str(k), int(s), int(d)) for k, s, d in conn.execute(
            text("SELECT kind, src_id, dst_id FROM edges WHERE dst_id IS NOT NULL ORDER BY id"))]
    facts = {r["id"]: fact_from_row(r) for r in rows}
    facts = {i: f for i, f in facts.items() if f.status in statuses
             and (sel.include_hidden or f.visibility == Visibility.exportable)}
    with ws.reading() as conn:
        drop = _not_the_persons(conn, facts, sel)
    facts = {i: f for i, f in facts.items() if i not in drop}
    out = Selected(facts, [e for e in edges if e[1] in facts and e[2] in facts])
    if not sel.tailored:
        return out
    role_of = {s: d for k, s, d in out.edges if k == EdgeKind.achieved_in}
    achievements_of: dict[int, list[int]] = {}
    for a, r in role_of.items():
        achievements_of.setdefault(r, []).append(a)
    uses = {(s, d) for k, s, d in out.edges if k in (EdgeKind.uses_skill, EdgeKind.evidence_for)}
    skill_ids = {f.id for f in out.of_type(FactType.skill) if sel.skills and _mentions(f, sel.skills)}

    def passes(f: Fact) -> bool:
        if sel.tags and not set(sel.tags) & set(f.tags):
            return False
        if (sel.date_from or sel.date_to) and f.type in ANCHORS and not in_date_range(
                f.attributes, sel.date_from, sel.date_to):
            return False
        return not (sel.skills and not (_mentions(f, sel.skills) or any((f.id, s) in uses for s in skill_ids)))

    keep: set[int] = set()
    for f in facts.values():
        if f.type in ANCHORS:
            own = passes(f)
            kids = [a for a in achievements_of.get(f.id, []) if a in facts and passes(facts[a])]
            dated = not (sel.date_from or sel.date_to) or in_date_range(f.attributes, sel.date_from, sel.date_to)
            if own:
                keep.add(f.id)
                keep.update(achievements_of.get(f.id, []) if not kids else kids)
            elif kids and dated:
                keep.add(f.id)
                keep.update(kids)
        elif f.type == FactType.skill:
            if not sel.skills or f.id in skill_ids:
                keep.add(f.id)
        elif f.type not in (FactType.achievement, FactType.organisation, FactType.metric):
            keep.add(f.id)  # contact, language, interest, preference: not tailored
    for k, s, d in out.edges:
        if k == EdgeKind.role_at and s in keep:
            keep.add(d)
    kept = {i: f for i, f in facts.items() if i in keep}
    return Selected(kept, [e for e in out.edges if e[1] in kept and e[2] in kept], list(sel.skills))


# -- saved variants -------------------------------------------------------------------------------


def save_variant(ws: Workspace, name: str, selection: Selection) -> Changes:
    """Save (or replace) a named tailoring, re-exportable later; undoable."""
    name = name.strip()
    if not name:
        raise InvalidInput("A variant needs a name.")
    with ws.mutation(f"Save variant {name}") as txn:
        row = txn.conn.execute(text("SELECT id FROM resume_variants WHERE name = :n"), {"n": name}).first()
        if row:
            txn.update("resume_variants", int(row[0]), {"selection": selection.to_json(), "updated_at": now_iso()})
        else:
            ts = now_iso()
            txn.insert("resume_variants", {"name": name, "selection": selection.to_json(), "created_at": ts,
                                           "updated_at": ts})
    return ws.changes_for(txn.step)


def list_variants(ws: Workspace) -> dict[str, Selection]:
    with ws.reading() as conn:
        rows = conn.execute(text("SELECT name, selection FROM resume_variants ORDER BY name")).all()
    return {r[0]: Selection.from_json(r[1]) for r in rows}


def get_variant(ws: Workspace, name: str) -> Selection:
    found = list_variants(ws)
    if name not in found:
        raise NotFound(f"No saved variant named {name!r}.")
    return found[name]


def delete_variant(ws: Workspace, name: str) -> Changes:
    with ws.mutation(f"Delete variant {name}") as txn:
        row = txn.conn.execute(text("SELECT id FROM resume_variants WHERE name = :n"), {"n": name}).first()
        if row is None:
            raise NotFound(f"No saved variant named {name!r}.")
        txn.delete("resume_variants", int(row[0]))
    return ws.changes_for(txn.step)


def selection_summary(sel: Selection) -> dict[str, Any]:
    return {k: v for k, v in asdict(sel).items() if v not in (None, [], False)}
