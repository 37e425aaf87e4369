"""The slice of the person's record the interview reads: roles with their achievements, metrics,
skills and stories; education; skills with evidence; contact basics. Rejected facts do not count.

Interim read model: when `core.profile.career_profile` lands this module becomes an adapter over it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from core.workspace import Workspace


@dataclass(slots=True)
class RoleView:
    id: int
    title: str
    organisation: str
    location: str
    start: str
    end: str
    present: bool
    achievements: list[tuple[int, str]] = field(default_factory=list)
    metric_achievements: int = 0
    skills: set[int] = field(default_factory=set)
    team_size: bool = False
    stories: int = 0
    reason_for_leaving: str = ""

    def label(self) -> str:
        """'Acme (2019–2021)', 'Acme (2019–now)', or the title when the employer is unknown."""
        name = self.organisation or self.title or "this role"
        y0, y1 = self.start[:4], ("now" if self.present else self.end[:4])
        if y0 and y1:
            return f"{name} ({y0}–{y1})" if y0 != y1 else f"{name} ({y0})"
        return f"{name} ({y0 or y1})" if (y0 or y1) else name

    def sort_key(self) -> str:
        return "9999" if self.present else (self.end or self.start or "0000")


@dataclass(slots=True)
class EducationView:
    id: int
    institution: str
    degree: str
    field: str
    start: str
    end: str

    def label(self) -> str:
        return self.institution or self.degree or "this course"


@dataclass(slots=True)
class SkillView:
    id: int
    name: str
    evidence: int = 0  # achievements, roles or stories that use it


@dataclass(slots=True)
class Record:
    roles: list[RoleView] = field(default_factory=list)  # most recent first
    education: list[EducationView] = field(default_factory=list)
    skills: list[SkillView] = field(default_factory=list)
    contacts: dict[str, str] = field(default_factory=dict)


def _attrs(raw: str) -> dict[str, Any]:
    try:
        out = json.loads(raw or "{}")
    except ValueError:
        return {}
    return out if isinstance(out, dict) else {}


def _s(v: Any) -> str:
    return str(v).strip() if v not in (None, "") else ""


def read_record(ws: Workspace, conn: Any = None) -> Record:
    """One read of facts and edges into the record the slots are computed from (on `conn` when
    given: inside the caller's transaction)."""
    if conn is None:
        with ws.reading() as own:
            return read_record(ws, own)
    facts = conn.execute(text("SELECT id, type, value, attributes FROM facts WHERE status != 'rejected' "
                              "ORDER BY id")).all()
    edges = conn.execute(text("SELECT kind, src_id, dst_id FROM edges WHERE dst_id IS NOT NULL")).all()
    by_id = {r[0]: (r[1], r[2], _attrs(r[3])) for r in facts}
    rec = Record()
    roles: dict[int, RoleView] = {}
    skills: dict[int, SkillView] = {}
    for fid, (ftype, value, a) in by_id.items():
        if ftype == "role":
            roles[fid] = RoleView(fid, _s(a.get("title")) or (value if not a.get("organisation") else ""),
                                  _s(a.get("organisation")), _s(a.get("location")), _s(a.get("start")),
                                  _s(a.get("end")), bool(a.get("present")) or _s(a.get("end")).lower() == "present",
                                  reason_for_leaving=_s(a.get("reason_for_leaving")))
        elif ftype == "education":
            rec.education.append(EducationView(fid, _s(a.get("institution")), _s(a.get("degree")),
                                               _s(a.get("field")), _s(a.get("start")), _s(a.get("end"))))
        elif ftype == "skill":
            skills[fid] = SkillView(fid, value)
        elif ftype == "contact":
            kind = _s(a.get("kind")) or "other"
            rec.contacts.setdefault(kind, value)
    role_of: dict[int, int] = {}
    for kind, src, dst in edges:
        if kind == "achieved_in" and dst in roles and src in by_id:
            role_of[src] = dst
    for src, role_id in role_of.items():
        ftype, value, a = by_id[src]
        role = roles[role_id]
        if ftype == "story":
            role.stories += 1
            continue
        if ftype != "achievement":
            continue
        role.achievements.append((src, value))
        kinds = {m.get("kind") for m in a.get("metrics") or [] if isinstance(m, dict)}
        if kinds - {"team_size"}:
            role.metric_achievements += 1
        if "team_size" in kinds:
            role.team_size = True
    for kind, src, dst in edges:
        if kind not in ("uses_skill", "evidence_for") or dst not in skills:
            continue
        skills[dst].evidence += 1
        owner = src if src in roles else role_of.get(src)
        if owner is not None:
            roles[owner].skills.add(dst)
    for role in roles.values():
        if not role.team_size:
            team = by_id.get(role.id, ("", "", {}))[2].get("team_size")
            role.team_size = team not in (None, "")
    rec.roles = sorted(roles.values(), key=lambda r: (r.sort_key(), r.id), reverse=True)
    rec.skills = sorted(skills.values(), key=lambda s: s.id)
    return rec
