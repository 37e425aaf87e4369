"""What enrichment will write, computed outside the write transaction (reads, title lookups, extraction)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from core.facts import fingerprint
from core.model import EdgeKind, FactStatus, FactType
from core.progress import CancelToken

if TYPE_CHECKING:
    from core.skills import SkillExtractor, SkillSpan
    from onet.store import OntologyStore

ROLE_MIN_CONFIDENCE = 0.5  # below this a title's best O*NET match is not recorded
MENTION_MIN_CONFIDENCE = 0.6  # weaker mentions (verb-phrase guesses at 0.55) do not become skill facts
SKILL_MIN_COVERAGE = 0.5  # a skill fact links to a span covering at least half of its name
OCCUPATION_PREFIX = "onet:occ:"
MENTION_TYPES = (FactType.achievement, FactType.project, FactType.contact, FactType.role)


@dataclass(slots=True)
class Row:
    """One stored fact as enrichment reads it."""

    id: int
    type: str
    value: str
    attributes: dict[str, Any]
    status: str


@dataclass(slots=True)
class NewSkill:
    """A skill fact to create (keyed by ontology id), with provenance copied from its first mention."""

    ontology_id: str
    label: str
    kind: str
    confidence: float
    first_user: int
    span_text: str


@dataclass(slots=True)
class Plan:
    role_attrs: dict[int, dict[str, Any]] = field(default_factory=dict)  # role id -> onet_* attributes to set
    skill_attrs: dict[int, dict[str, Any]] = field(default_factory=dict)  # skill id -> ontology_* to set
    maps_to: set[tuple[int | str, str]] = field(default_factory=set)  # (fact id or new-skill key, ontology ref)
    new_skills: dict[str, NewSkill] = field(default_factory=dict)
    uses: set[tuple[int, int | str]] = field(default_factory=set)  # (user fact id, skill id or new-skill key)
    mentions: int = 0

    def empty(self) -> bool:
        return not (self.role_attrs or self.skill_attrs or self.maps_to or self.new_skills or self.uses)


def read_targets(conn: Any, fact_ids: Iterable[int] | None) -> list[Row]:
    """Non-rejected facts to enrich: the given ids, or every fact of an enrichable type."""
    types = [t.value for t in (*MENTION_TYPES, FactType.skill)]
    sql = "SELECT id, type, value, attributes, status FROM facts WHERE status != :rej"
    params: dict[str, Any] = {"rej": FactStatus.rejected.value}
    if fact_ids is None:
        chunks: list[list[int]] = [[]]
    else:
        ids = sorted(set(fact_ids))
        chunks = [ids[i:i + 500] for i in range(0, len(ids), 500)]
    out: list[Row] = []
    for chunk in chunks:
        where = f" AND id IN ({', '.join(f':i{n}' for n in range(len(chunk)))})" if fact_ids is not None else ""
        rows = conn.execute(text(sql + where + " ORDER BY id"),
                            {**params, **{f"i{n}": v for n, v in enumerate(chunk)}}).all()
        out += [Row(r[0], r[1], r[2], json.loads(r[3] or "{}"), r[4]) for r in rows if r[1] in types]
    return out


def _mention_text(row: Row) -> str:
    a = row.attributes
    if row.type == FactType.achievement:
        return row.value
    if row.type == FactType.project:
        return ". ".join(s for s in (row.value, str(a.get("description") or "")) if s)
    if row.type == FactType.contact:
        return row.value if a.get("kind") == "summary" else ""
    if row.type == FactType.role:
        return str(a.get("summary") or "")
    return ""


class SkillIndex:
    """Every stored skill fact by ontology id and by fingerprint (rejected ones too, to respect them)."""

    def __init__(self, conn: Any) -> None:
        self.by_oid: dict[str, int] = {}
        self.by_fp: dict[str, int] = {}
        self.rejected: set[int] = set()
        self.oid_of: dict[int, str] = {}
        for fid, value, attrs, status in conn.execute(text(
                "SELECT id, value, attributes, status FROM facts WHERE type = :t ORDER BY id"),
                {"t": FactType.skill.value}):
            oid = json.loads(attrs or "{}").get("ontology_id")
            if oid:
                self.by_oid.setdefault(str(oid), fid)
                self.oid_of[fid] = str(oid)
            self.by_fp.setdefault(fingerprint(FactType.skill.value, value), fid)
            if status == FactStatus.rejected:
                self.rejected.add(fid)

    def find(self, span: SkillSpan) -> int | None:
        if span.ontology_id and span.ontology_id in self.by_oid:
            return self.by_oid[span.ontology_id]
        for name in (span.label, span.text):
            fid = self.by_fp.get(fingerprint(FactType.skill.value, name))
            if fid is not None:
                return fid
        return None


def _best_span(value: str, spans: list[SkillSpan]) -> SkillSpan | None:
    """The span that names the skill fact: the one covering most of its value (then the most confident)."""
    size = max(1, len(value.strip()))
    scored = [((s.end - s.start) / size, s.confidence, s) for s in spans if s.ontology_id]
    scored = [t for t in scored if t[0] >= SKILL_MIN_COVERAGE]
    return max(scored, key=lambda t: (t[0], t[1]))[2] if scored else None


def _map_roles(plan: Plan, roles: list[Row], store: OntologyStore | None, embed: Callable[..., Any] | None) -> None:
    for r in roles:
        code = r.attributes.get("onet_code")
        if code:  # mapped before (or chosen by the person): keep it, make sure the edge is there
            plan.maps_to.add((r.id, f"{OCCUPATION_PREFIX}{code}"))
            continue
        if store is None:
            continue
        from onet.titles import normalize_title

        title = str(r.attributes.get("title") or r.value)
        matches = normalize_title(store, title, embed=embed, limit=1)
        if matches and matches[0].confidence >= ROLE_MIN_CONFIDENCE:
            best = matches[0]
            plan.role_attrs[r.id] = {"onet_code": best.code, "onet_title": best.title,
                                     "onet_confidence": round(float(best.confidence), 4)}
            plan.maps_to.add((r.id, f"{OCCUPATION_PREFIX}{best.code}"))


def _link_skills(plan: Plan, skills: list[Row], index: SkillIndex, extractor: SkillExtractor) -> None:
    for r, spans in zip(skills, extractor.extract_many(r.value for r in skills), strict=True):
        oid = r.attributes.get("ontology_id")
        if oid:
            plan.maps_to.add((r.id, str(oid)))
            continue
        best = _best_span(r.value, spans)
        if best is None or best.ontology_id is None:
            continue
        _set_ontology(plan, index, r.id, best)


def _set_ontology(plan: Plan, index: SkillIndex, fid: int, span: SkillSpan) -> None:
    """Give a stored skill fact its ontology entry (attributes and a maps_to edge)."""
    assert span.ontology_id is not None
    plan.skill_attrs[fid] = {"ontology_id": span.ontology_id, "ontology_label": span.label}
    plan.maps_to.add((fid, span.ontology_id))
    index.by_oid.setdefault(span.ontology_id, fid)
    index.oid_of[fid] = span.ontology_id


def _roles_of(conn: Any, ids: list[int]) -> dict[int, list[int]]:
    """Achievement id -> the (non-rejected) roles it was achieved in."""
    out: dict[int, list[int]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join(f":p{n}" for n in range(len(chunk)))
        rows = conn.execute(text(
            f"SELECT e.src_id, e.dst_id FROM edges e JOIN facts f ON f.id = e.dst_id WHERE e.kind = :k "
            f"AND f.type = :role AND f.status != :rej AND e.src_id IN ({marks}) ORDER BY e.id"),
            {"k": EdgeKind.achieved_in.value, "role": FactType.role.value, "rej": FactStatus.rejected.value,
             **{f"p{n}": v for n, v in enumerate(chunk)}})
        for src, dst in rows:
            out.setdefault(src, []).append(dst)
    return out


def _mentions(plan: Plan, users: list[Row], roles_of: dict[int, list[int]], index: SkillIndex,
              extractor: SkillExtractor, cancel: CancelToken) -> None:
    texts = [_mention_text(r) for r in users]
    for r, spans in zip(users, extractor.extract_many(texts), strict=True):
        cancel.check()
        for span in spans:
            if not span.ontology_id or span.confidence < MENTION_MIN_CONFIDENCE:
                continue
            plan.mentions += 1
            target: int | str | None = index.find(span)
            if target is not None and target in index.rejected:
                continue  # the person rejected this skill: do not bring it back
            if target is None:
                target = span.ontology_id
                known = plan.new_skills.get(target)
                if known is None:
                    plan.new_skills[target] = NewSkill(target, span.label, span.kind, span.confidence, r.id,
                                                       span.text)
                    plan.maps_to.add((target, span.ontology_id))
                else:
                    known.confidence = max(known.confidence, span.confidence)
            elif isinstance(target, int) and target not in index.oid_of:
                _set_ontology(plan, index, target, span)  # found by name: link it too
            plan.uses.add((r.id, target))
            for role in roles_of.get(r.id, []):
                plan.uses.add((role, target))


@dataclass(slots=True)
class Inputs:
    """Everything enrichment reads from the vault (one short read; extraction happens afterwards)."""

    roles: list[Row]
    skills: list[Row]
    users: list[Row]
    index: SkillIndex
    roles_of: dict[int, list[int]]


def read_inputs(conn: Any, fact_ids: Iterable[int] | None) -> Inputs:
    targets = read_targets(conn, fact_ids)
    users = [r for r in targets if r.type in MENTION_TYPES and _mention_text(r).strip()]
    roles_of = _roles_of(conn, [r.id for r in users if r.type == FactType.achievement]) if users else {}
    return Inputs([r for r in targets if r.type == FactType.role], [r for r in targets if r.type == FactType.skill],
                  users, SkillIndex(conn), roles_of)


def make_plan(inputs: Inputs, *, store: OntologyStore | None, extractor: SkillExtractor,
              embed: Callable[..., Any] | None, cancel: CancelToken) -> Plan:
    """Compute every link to write (title lookups and extraction; nothing is read or written here)."""
    plan = Plan()
    _map_roles(plan, inputs.roles, store, embed)
    cancel.check()
    if inputs.skills:
        _link_skills(plan, inputs.skills, inputs.index, extractor)
    cancel.check()
    if inputs.users:
        _mentions(plan, inputs.users, inputs.roles_of, inputs.index, extractor, cancel)
    return plan
