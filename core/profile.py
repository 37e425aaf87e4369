"""The career profile: one read model of the person's record that the Skills page, gaps, jobs,
the interview and insights all read. Every item carries the fact ids that support it.

`career_profile(ws)` reads the vault once (facts that are not rejected, their edges and sources)
and, given an ontology store, adds O*NET job zones and hot technologies. Plain frozen data."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from core.dates import DateSpan, PartialDate, months_of_experience, months_since, today
from core.model import EdgeKind, FactType
from core.workspace import Workspace

if TYPE_CHECKING:
    from onet.store import OntologyStore

ENRICH_EXTRACTOR = "vita.enrich"  # skills this extractor created were mentioned, not listed


@dataclass(frozen=True, slots=True)
class Metric:
    """A number in an achievement: percent, money, count, duration or team size."""

    fact_id: int | None  # the metric fact, when it was stored as one
    achievement_id: int
    kind: str
    value: float | None
    unit: str
    text: str


@dataclass(frozen=True, slots=True)
class Achievement:
    fact_id: int
    text: str
    role_id: int | None
    metrics: tuple[Metric, ...] = ()
    skill_ids: tuple[int, ...] = ()

    @property
    def has_metric(self) -> bool:
        return bool(self.metrics)


@dataclass(frozen=True, slots=True)
class Role:
    """A position held: title at employer over a span, with its O*NET link and achievements."""

    fact_id: int
    title: str
    employer: str
    employer_id: int | None
    location: str
    span: DateSpan
    summary: str = ""
    onet_code: str | None = None
    onet_title: str | None = None
    job_zone: int | None = None
    achievements: tuple[Achievement, ...] = ()
    skill_ids: tuple[int, ...] = ()  # skills used by the role or any of its achievements
    team_size: int | None = None  # the largest team size stated in its achievements or attributes
    reason_for_leaving: str = ""
    onet_confidence: float | None = None  # of an automatic O*NET link; None when the person chose the code

    @property
    def evidence_ids(self) -> tuple[int, ...]:
        """The role and its achievements: the facts to open for this role."""
        return (self.fact_id, *(a.fact_id for a in self.achievements))


@dataclass(frozen=True, slots=True)
class Skill:
    """A skill with its evidence: the facts that use it, the roles they belong to, and when."""

    fact_id: int
    name: str
    ontology_id: str | None
    ontology_label: str | None
    category: str
    level: str
    listed: bool  # the person listed it (a skills section, an import, typed in), not only mentioned
    evidence_ids: tuple[int, ...]  # achievements, roles and projects that use it
    role_ids: tuple[int, ...]
    document_ids: tuple[int, ...]
    first: PartialDate | None
    last: PartialDate | None  # None when still used in an ongoing role
    current: bool
    months_since_used: int | None  # 0 when current; None when undated
    hot: bool = False  # an O*NET hot technology

    @property
    def evidence_count(self) -> int:
        return len(self.evidence_ids) + len(self.document_ids)


@dataclass(frozen=True, slots=True)
class Education:
    fact_id: int
    institution: str
    degree: str
    field: str
    span: DateSpan
    grade: str = ""


@dataclass(frozen=True, slots=True)
class Credential:
    """A certificate, licence or award."""

    fact_id: int
    kind: str  # credential | award
    name: str
    issuer: str
    date: PartialDate | None


@dataclass(frozen=True, slots=True)
class Project:
    fact_id: int
    name: str
    description: str
    span: DateSpan
    skill_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Contact:
    fact_id: int
    kind: str  # name | email | phone | location | url | profile | summary
    value: str


@dataclass(frozen=True, slots=True)
class CareerProfile:
    """The person's career as one read model; roles in date order (undated last)."""

    as_of: PartialDate
    roles: tuple[Role, ...] = ()
    skills: tuple[Skill, ...] = ()
    achievements: tuple[Achievement, ...] = ()  # every achievement, with or without a role
    education: tuple[Education, ...] = ()
    credentials: tuple[Credential, ...] = ()
    projects: tuple[Project, ...] = ()
    languages: tuple[Contact, ...] = ()  # kind = fluency
    contacts: tuple[Contact, ...] = ()
    stories: tuple[int, ...] = ()  # facts tagged "story" (interview answers kept as STAR stories)
    _by_id: dict[int, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def metrics(self) -> tuple[Metric, ...]:
        return tuple(m for a in self.achievements for m in a.metrics)

    def item(self, fact_id: int) -> Any:
        """The role, skill, achievement... built from this fact, or None."""
        return self._by_id.get(fact_id)

    def skill_named(self, name: str) -> Skill | None:
        key = name.casefold()
        return next((s for s in self.skills if s.name.casefold() == key), None)

    def months_of_experience(self) -> int:
        """Months in dated roles, overlapping roles counted once."""
        return months_of_experience((r.span for r in self.roles), self.as_of)

    def contact(self, kind: str) -> Contact | None:
        return next((c for c in self.contacts if c.kind == kind), None)

    @property
    def empty(self) -> bool:
        return not (self.roles or self.skills or self.education or self.achievements)


def _s(v: Any) -> str:
    return v.strip() if isinstance(v, str) else ""


def _float(v: Any) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


class _Rows:
    """The vault rows one profile is built from, read in one transaction."""

    def __init__(self, ws: Workspace) -> None:
        with ws.reading() as conn:
            self.facts = {int(r[0]): (str(r[1]), str(r[2]), json.loads(r[3] or "{}"), json.loads(r[4] or "[]"))
                          for r in conn.execute(text(
                              "SELECT id, type, value, attributes, tags FROM facts WHERE status != 'rejected'"))}
            self.edges = [(str(k), int(s), None if d is None else int(d), ref) for k, s, d, ref in conn.execute(text(
                "SELECT kind, src_id, dst_id, dst_ref FROM edges"))]
            self.sources: dict[int, list[tuple[int | None, str, str]]] = defaultdict(list)
            for fid, did, extractor, note in conn.execute(text(
                    "SELECT fact_id, document_id, extractor, note FROM fact_sources")):
                self.sources[int(fid)].append((did, str(extractor or ""), str(note or "")))

    def of_type(self, t: FactType) -> list[tuple[int, str, dict[str, Any], list[str]]]:
        return [(fid, v, a, tags) for fid, (ty, v, a, tags) in sorted(self.facts.items()) if ty == t.value]

    def refs(self, kind: EdgeKind) -> dict[int, list[str]]:
        """Ontology references by source fact (edges that point at an ontology entry)."""
        m: dict[int, list[str]] = defaultdict(list)
        for k, s, d, ref in self.edges:
            if k == kind.value and d is None and ref:
                m[s].append(str(ref))
        return m

    def out(self, kind: EdgeKind) -> dict[int, list[int]]:
        m: dict[int, list[int]] = defaultdict(list)
        for k, s, d, _ref in self.edges:
            if k == kind.value and d is not None and s in self.facts and d in self.facts:
                m[s].append(d)
        return m


def _listed(sources: Iterable[tuple[int | None, str, str]]) -> bool:
    srcs = list(sources)
    return not srcs or any(ext != ENRICH_EXTRACTOR and not note.startswith("mentioned in fact")
                           for _d, ext, note in srcs)


def _hot_ids(ontology: OntologyStore | None) -> frozenset[str]:
    if ontology is None:
        return frozenset()

    def build() -> frozenset[str]:
        return frozenset(t.ontology_id for t in ontology.technology_skills() if t.hot)

    hot: frozenset[str] = ontology.cached("vita.profile.hot_ids", build)
    return hot


def career_profile(ws: Workspace, *, ontology: OntologyStore | None = None,
                   as_of: PartialDate | None = None) -> CareerProfile:
    """The person's career profile from the vault (and O*NET job zones when a store is given)."""
    return _build(_Rows(ws), ontology=ontology, as_of=as_of or today())


def _build(rows: _Rows, *, ontology: OntologyStore | None, as_of: PartialDate) -> CareerProfile:
    by_id: dict[int, Any] = {}
    achieved_in = rows.out(EdgeKind.achieved_in)
    uses = rows.out(EdgeKind.uses_skill)
    for src, dsts in rows.out(EdgeKind.evidence_for).items():
        if rows.facts[src][0] in (FactType.achievement.value, FactType.project.value, FactType.role.value):
            uses[src].extend(d for d in dsts if rows.facts[d][0] == FactType.skill.value)
    role_at = rows.out(EdgeKind.role_at)
    measured = rows.out(EdgeKind.measured_by)

    achievements: list[Achievement] = []
    for fid, value, a, _t in rows.of_type(FactType.achievement):
        role_id = next((d for d in achieved_in.get(fid, []) if rows.facts[d][0] == FactType.role.value), None)
        metrics = [Metric(None, fid, _s(m.get("kind")), _float(m.get("value")), _s(m.get("unit")), _s(m.get("text")))
                   for m in a.get("metrics") or [] if isinstance(m, dict)]
        for mid in measured.get(fid, []):
            _ty, mv, ma, _ = rows.facts[mid]
            hit = next((i for i, m in enumerate(metrics) if m.fact_id is None and m.text == _s(ma.get("text") or mv)), None)
            if hit is not None:
                metrics[hit] = Metric(mid, fid, metrics[hit].kind, metrics[hit].value, metrics[hit].unit, metrics[hit].text)
            elif rows.facts[mid][0] == FactType.metric.value:
                metrics.append(Metric(mid, fid, _s(ma.get("kind")), _float(ma.get("value")), _s(ma.get("unit")),
                                      _s(ma.get("text")) or mv))
        ach = Achievement(fid, _s(a.get("text")) or value, role_id, tuple(metrics),
                          tuple(sorted({d for d in uses.get(fid, []) if rows.facts[d][0] == FactType.skill.value})))
        achievements.append(ach)
        by_id[fid] = ach
    by_role: dict[int, list[Achievement]] = defaultdict(list)
    for ach in achievements:
        if ach.role_id is not None:
            by_role[ach.role_id].append(ach)

    roles: list[Role] = []
    for fid, value, a, _t in rows.of_type(FactType.role):
        org_id = next(iter(role_at.get(fid, [])), None)
        employer = _s(a.get("organisation"))
        if org_id is not None:
            employer = _s(rows.facts[org_id][2].get("name")) or rows.facts[org_id][1] or employer
        achs = tuple(by_role.get(fid, []))
        code = _s(a.get("onet_code")) or None
        zone = ontology.job_zone(code) if ontology is not None and code else None
        used = {d for d in uses.get(fid, []) if rows.facts[d][0] == FactType.skill.value}
        used.update(s for ach in achs for s in ach.skill_ids)
        teams = [int(m.value) for ach in achs for m in ach.metrics if m.kind == "team_size" and m.value]
        if isinstance(a.get("team_size"), (int, float)):
            teams.append(int(a["team_size"]))
        role = Role(fid, _s(a.get("title")) or value, employer, org_id, _s(a.get("location")),
                    DateSpan.from_attributes(a), _s(a.get("summary")), code, _s(a.get("onet_title")) or None,
                    zone.zone if zone else None, achs, tuple(sorted(used)), max(teams) if teams else None,
                    _s(a.get("reason_for_leaving")), onet_confidence=_float(a.get("onet_confidence")))
        roles.append(role)
        by_id[fid] = role
    roles.sort(key=lambda r: (r.span.start is None, r.span.start or PartialDate(0), r.fact_id))
    role_by_id = {r.fact_id: r for r in roles}

    projects: list[Project] = []
    for fid, value, a, _t in rows.of_type(FactType.project):
        p = Project(fid, _s(a.get("name")) or value, _s(a.get("description")), DateSpan.from_attributes(a),
                    tuple(sorted(d for d in uses.get(fid, []) if rows.facts[d][0] == FactType.skill.value)))
        projects.append(p)
        by_id[fid] = p
    project_by_id = {p.fact_id: p for p in projects}

    users: dict[int, set[int]] = defaultdict(set)
    for src, dsts in uses.items():
        for d in dsts:
            if rows.facts[d][0] == FactType.skill.value:
                users[d].add(src)
    hot = _hot_ids(ontology)
    maps_to = rows.refs(EdgeKind.maps_to)
    skills: list[Skill] = []
    for fid, value, a, _t in rows.of_type(FactType.skill):
        ev = sorted(users.get(fid, set()))
        role_ids: set[int] = set()
        spans: list[DateSpan] = []
        for u in ev:
            item = by_id.get(u)
            rid = u if u in role_by_id else (item.role_id if isinstance(item, Achievement) else None)
            if rid is not None and rid in role_by_id:
                role_ids.add(rid)
                spans.append(role_by_id[rid].span)
            elif u in project_by_id:
                spans.append(project_by_id[u].span)
        starts = [s.start for s in spans if s.start]
        current = any(s.ongoing for s in spans)
        lasts = [e for s in spans if (e := s.end or s.start) is not None]
        last = None if current else (max(lasts) if lasts else None)
        oid = _s(a.get("ontology_id")) or next(iter(maps_to.get(fid, [])), None)
        sk = Skill(fid, _s(a.get("name")) or value, oid, _s(a.get("ontology_label")) or None,
                   _s(a.get("category")), _s(a.get("level")), _listed(rows.sources.get(fid, [])), tuple(ev),
                   tuple(sorted(role_ids, key=lambda r: roles.index(role_by_id[r]))),
                   tuple(sorted({d for d, _e, _n in rows.sources.get(fid, []) if d is not None})),
                   min(starts) if starts else None, last, current,
                   0 if current else months_since(last, as_of), bool(oid and oid in hot))
        skills.append(sk)
        by_id[fid] = sk
    skills.sort(key=lambda s: (-s.evidence_count, s.name.casefold(), s.fact_id))

    education = [Education(fid, _s(a.get("institution")) or v, _s(a.get("degree")), _s(a.get("field")),
                           DateSpan.from_attributes({**a, "present": a.get("present", False)}), _s(a.get("grade")))
                 for fid, v, a, _t in rows.of_type(FactType.education)]
    credentials = [Credential(fid, "credential", _s(a.get("name")) or v, _s(a.get("issuer")),
                              PartialDate.parse(a.get("date"))) for fid, v, a, _t in rows.of_type(FactType.credential)]
    credentials += [Credential(fid, "award", _s(a.get("title")) or v, _s(a.get("awarder")),
                               PartialDate.parse(a.get("date"))) for fid, v, a, _t in rows.of_type(FactType.award)]
    contacts = [Contact(fid, _s(a.get("kind")) or "other", _s(a.get("value")) or v)
                for fid, v, a, _t in rows.of_type(FactType.contact)]
    languages = [Contact(fid, _s(a.get("fluency")), _s(a.get("language")) or v)
                 for fid, v, a, _t in rows.of_type(FactType.language)]
    stories = tuple(fid for fid, (_ty, _v, _a, tags) in sorted(rows.facts.items()) if "story" in tags)
    by_id.update((x.fact_id, x) for x in education)
    by_id.update((x.fact_id, x) for x in credentials)
    by_id.update((x.fact_id, x) for x in (*contacts, *languages))
    return CareerProfile(as_of, tuple(roles), tuple(skills), tuple(achievements), tuple(education),
                         tuple(credentials), tuple(projects), tuple(languages), tuple(contacts), stories, by_id)
