"""core.profile and core.gaps on a real vault with fictional careers."""

from __future__ import annotations

from core import kb
from core.dates import PartialDate
from core.gaps import profile_gaps
from core.model import FactType
from core.profile import Achievement, Role, career_profile
from core.workspace import Workspace
from tests.core.careers import write_career, write_one_role

NOW = PartialDate(2024, 6)


def test_profile_roles_skills_and_evidence(ws: Workspace) -> None:
    ids = write_career(ws)
    p = career_profile(ws, as_of=NOW)
    assert [r.fact_id for r in p.roles] == [ids["junior"], ids["senior"], ids["manager"]]
    junior, senior, manager = p.roles
    assert junior.employer == "Tallowmere Systems" and junior.onet_code == "15-1252.00"
    assert manager.span.ongoing and not senior.span.ongoing
    assert manager.team_size == 12 and junior.team_size is None
    assert [a.fact_id for a in manager.achievements] == [ids["a5"], ids["a6"], ids["a7"]]
    a1 = p.item(ids["a1"])
    assert isinstance(a1, Achievement) and a1.metrics[0].kind == "percent" and a1.metrics[0].fact_id is not None
    # experience: 2014-01..2020-12 (84 months) and 2021-03..2024-06 (40 months); a 2-month gap
    assert p.months_of_experience() == 84 + 40

    perl, python = p.skill_named("Perl"), p.skill_named("Python")
    assert perl is not None and python is not None
    assert perl.listed and perl.role_ids == (ids["junior"],) and perl.last == PartialDate(2017, 6)
    assert perl.months_since_used == (2024 * 12 + 5) - (2017 * 12 + 5) and not perl.current
    assert python.current and python.months_since_used == 0 and python.first == PartialDate(2014, 1)
    assert set(python.evidence_ids) == {ids["a2"], ids["a3"], ids["a6"]}
    assert python.ontology_id == "onet:tech:1"
    hidden = p.skill_named("Stakeholder management")
    assert hidden is not None and not hidden.listed and hidden.role_ids == (ids["senior"], ids["manager"])
    haskell = p.skill_named("Haskell")
    assert haskell is not None and haskell.evidence_ids == () and haskell.first is None
    assert [c.name for c in p.credentials] == ["Certified Scrum Master"]
    assert p.education[0].institution == "Fenwick University" and p.education[0].span.end == PartialDate(2013)
    assert p.contact("name") is not None and p.contact("name").value == "Robin Ferrowdale"  # type: ignore[union-attr]
    assert len(p.metrics) >= 6 and all(m.achievement_id in {a.fact_id for a in p.achievements} for m in p.metrics)


def test_rejected_facts_are_left_out_and_edits_show(ws: Workspace) -> None:
    ids = write_career(ws)
    kb.reject(ws, [ids["a1"]])
    ws.update_fact(ids["manager"], attributes={"title": "Head of Engineering", "organisation": "Quaystone Ltd",
                                                "start": "2021-03", "present": True})
    p = career_profile(ws, as_of=NOW)
    assert p.item(ids["a1"]) is None
    perl = p.skill_named("Perl")
    assert perl is not None and perl.evidence_ids == ()
    role = p.item(ids["manager"])
    assert isinstance(role, Role) and role.title == "Head of Engineering"


def test_gaps_slots_scores_and_checklist(ws: Workspace) -> None:
    ids = write_career(ws)
    gaps = profile_gaps(career_profile(ws, as_of=NOW))
    junior = gaps.entity(ids["junior"])
    assert junior is not None and junior.kind == "role"
    missing = {s.key for s in junior.missing}
    assert missing == {"achievements", "scope"}  # two achievements, no team size or money
    manager = gaps.entity(ids["manager"])
    assert manager is not None and manager.missing == () and manager.score == 1.0
    haskell = gaps.entity(ids["skill:Haskell"])
    assert haskell is not None and {s.key for s in haskell.missing} == {"evidence", "recency", "level"}
    check = dict(gaps.checklist())
    assert check["Name"] and check["Email or phone"] and not check["Summary"]
    assert check["Credentials or projects"] and not check["Languages"] and check["Achievements with numbers"]
    assert 0 < gaps.score < 1 and gaps.percent == round(100 * gaps.score)
    stories = gaps.of_kind("stories")[0]
    assert stories.score == 0.0
    # filling a slot raises the score and nothing else changes
    ws.add_fact(type=FactType.contact, value="Builds teams.", attributes={"kind": "summary", "value": "x"})
    after = profile_gaps(career_profile(ws, as_of=NOW))
    assert after.score > gaps.score and dict(after.checklist())["Summary"]


def test_empty_and_thin_profiles(ws: Workspace) -> None:
    p = career_profile(ws, as_of=NOW)
    assert p.empty and p.months_of_experience() == 0
    assert profile_gaps(p).score < 0.2
    ids = write_one_role(ws)
    p = career_profile(ws, as_of=NOW)
    role = p.item(ids["role"])
    assert isinstance(role, Role) and not role.span.known and p.months_of_experience() == 0
    gaps = profile_gaps(p).entity(ids["role"])
    assert gaps is not None and "dates" in {s.key for s in gaps.missing}
