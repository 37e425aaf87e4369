"""Turn the parsed structures into provenance-carrying facts and a JSON Resume document."""

from __future__ import annotations

import re
from typing import Any

from core.extract.contact import Contact
from core.extract.dates import DateRange
from core.extract.education import Study
from core.extract.lines import Item
from core.extract.links import network_of
from core.extract.lists import Entry, SkillGroup
from core.extract.metrics import find_metrics
from core.extract.vocab import INSTITUTION_RE
from core.extract.work import Role, role_confidence
from core.model import EdgeKind, ExtractedFact, FactType, Span

EXTRACTOR = "vita.extract.rules"
VERSION = "1"


class FactBuilder:
    """Collects facts with spans into the document text."""

    def __init__(self, text: str, pages: list[tuple[int, int]]) -> None:
        self.text = text
        self.pages = pages
        self.facts: list[ExtractedFact] = []
        self._n = 0

    def page_of(self, offset: int) -> int:
        for i, (a, b) in enumerate(self.pages):
            if a <= offset <= b:
                return i + 1
        return 1

    def span(self, item: Item | None, part: str = "") -> Span | None:
        if item is None:
            return None
        start, end = item.start, item.end
        if part:
            k = self.text.find(part, item.start, item.end + 1)
            if k >= 0:
                start, end = k, k + len(part)
        return Span(self.page_of(start), start, end)

    def add(
        self,
        ftype: FactType,
        value: str,
        item: Item | None,
        /,
        *,
        part: str = "",
        confidence: float = 0.8,
        parent: str | None = None,
        links: list[tuple[EdgeKind, str]] | None = None,
        **attrs: Any,
    ) -> str:
        self._n += 1
        key = f"{ftype.value}:{self._n}"
        self.facts.append(
            ExtractedFact(
                key=key,
                type=ftype,
                value=value,
                attributes={k: v for k, v in attrs.items() if v not in (None, "", [])},
                span=self.span(item, part or value),
                confidence=confidence,
                extractor=EXTRACTOR,
                extractor_version=VERSION,
                parent=parent,
                links=list(links or []),
            )
        )
        return key


def _dates(dr: DateRange | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if dr is None:
        return out
    if dr.start:
        out["startDate"] = dr.start
    if dr.end:
        out["endDate"] = dr.end
    return out


def contact_facts(fb: FactBuilder, c: Contact, items: list[Item]) -> dict[str, Any]:
    basics: dict[str, Any] = {}

    def where(value: str) -> Item | None:
        hit = next((it for it in items if value and value in it.text), None)
        return hit or next((it for it in items if value and value in it.links), None)

    if c.name:
        basics["name"] = c.name
        fb.add(FactType.contact, c.name, c.name_item, confidence=0.85, kind="name")
    if c.label:
        basics["label"] = c.label
    if c.email:
        basics["email"] = c.email
        fb.add(FactType.contact, c.email, where(c.email), confidence=0.95, kind="email")
    if c.phone:
        basics["phone"] = c.phone
        fb.add(FactType.contact, c.phone, where(c.phone), confidence=0.85, kind="phone")
    if c.location:
        basics["location"] = dict(c.location)
        fb.add(FactType.contact, c.location_text, where(c.location_text), confidence=0.7, kind="location",
               city=c.location.get("city"), region=c.location.get("region"),
               countryCode=c.location.get("countryCode"), postalCode=c.location.get("postalCode"),
               address=c.location.get("address"))
    profiles = []
    for u in c.urls:
        net = network_of(u)
        it = where(u)
        if net:
            user = re.sub(r"^.*?/(?:in/|company/|u/|user/|users/\d+/)?", "", u.rstrip("/").split("?")[0]) if "/" in u else ""
            profiles.append({"network": net, "url": u, "username": user.split("/")[-1]})
            fb.add(FactType.contact, u, it, confidence=0.9 if it else 0.7, kind="profile", network=net)
        elif "url" not in basics:
            basics["url"] = u
            fb.add(FactType.contact, u, it, confidence=0.8 if it else 0.6, kind="url")
        else:
            profiles.append({"network": "", "url": u})
            fb.add(FactType.contact, u, it, confidence=0.6, kind="url")
    if profiles:
        basics["profiles"] = profiles
    return basics


def role_facts(fb: FactBuilder, roles: list[Role], ftype: FactType = FactType.role) -> list[dict[str, Any]]:
    work: list[dict[str, Any]] = []
    orgs: dict[str, str] = {}
    for r in roles:
        head = r.header[0] if r.header else None
        org_key = None
        if r.company:
            org_key = orgs.get(r.company.lower())
            if org_key is None:
                item = next((h for h in r.header if r.company in h.text), head)
                org_key = fb.add(FactType.organisation, r.company, item, confidence=0.75, name=r.company,
                                 location=r.location)
                orgs[r.company.lower()] = org_key
        d = _dates(r.dates)
        if r.dates is not None and r.dates.start and not r.dates.end and not r.dates.present:
            d["endDate"] = r.dates.start  # a single date shown ("2017") is the role's whole span, not "present"
        summary = " ".join(it.text for it in r.summary)
        titem = next((h for h in r.header if r.title and r.title in h.text), head)
        conf = role_confidence(r)
        role_key = fb.add(
            ftype, r.title or r.company, titem, part=r.title, confidence=conf,
            links=[(EdgeKind.role_at, org_key)] if org_key else None,
            title=r.title, organisation=r.company, location=r.location,
            start=d.get("startDate"), end=d.get("endDate"), present=bool(r.dates and r.dates.present),
            summary=summary,
        )
        for it in r.highlights + (r.summary if ftype == FactType.role else []):
            metrics = find_metrics(it.text)
            mkeys = []
            for m in metrics:
                mkeys.append(fb.add(FactType.metric, m.text, it, part=m.text, confidence=0.8, parent=None,
                                    kind=m.kind, value=m.value, unit=m.unit, text=m.text))
            akey = fb.add(
                FactType.achievement, it.text, it, confidence=0.8 if it.bullet else 0.65, parent=role_key,
                links=[(EdgeKind.achieved_in, role_key)] + [(EdgeKind.measured_by, k) for k in mkeys],
                text=it.text, metrics=[m.attributes() for m in metrics],
            )
            for f in fb.facts[-len(mkeys) - 1:-1] if mkeys else []:
                f.parent = akey
        entry: dict[str, Any] = {"name": r.company, "position": r.title}
        if r.location:
            entry["location"] = r.location
        entry.update(d)
        if summary:
            entry["summary"] = summary
        entry["highlights"] = [it.text for it in r.highlights]
        work.append(entry)
    return work


def study_facts(fb: FactBuilder, studies: list[Study]) -> list[dict[str, Any]]:
    out = []
    for s in studies:
        d = _dates(s.dates)
        end = d.get("endDate") or (d.get("startDate") if s.dates and not s.dates.present and not s.dates.end else None)
        start = d.get("startDate") if s.dates and (s.dates.end or s.dates.present) else None
        item = s.items[0] if s.items else None
        # a named school ("University", "Hochschule", "Lycée"...) is far more often right than a guess
        conf = 0.85 if s.institution and INSTITUTION_RE.search(s.institution) else 0.6
        fb.add(FactType.education, s.institution or s.degree, item, part=s.institution, confidence=conf,
               institution=s.institution, degree=s.degree, field=s.area, start=start, end=end, grade=s.grade)
        e: dict[str, Any] = {"institution": s.institution, "studyType": s.degree, "area": s.area}
        if start:
            e["startDate"] = start
        if end:
            e["endDate"] = end
        if s.grade:
            e["score"] = s.grade
        if s.courses:
            e["courses"] = s.courses
        out.append(e)
    return out


def skill_facts(fb: FactBuilder, groups: list[SkillGroup]) -> list[dict[str, Any]]:
    out = []
    for g in groups:
        for kw in g.keywords or [g.name]:
            fb.add(FactType.skill, kw, g.item, confidence=0.8, name=kw, category=g.name if g.keywords else "",
                   level=g.level)
        entry: dict[str, Any] = {"name": g.name or (g.keywords[0] if len(g.keywords) == 1 else "Skills")}
        if g.keywords:
            entry["keywords"] = g.keywords
        if g.level:
            entry["level"] = g.level
        out.append(entry)
    return out


def entry_facts(fb: FactBuilder, kind: str, entries: list[Entry]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for e in entries:
        desc = " ".join([e.detail] + [x.text for x in e.extra]).strip()
        if kind == "certificates":
            fb.add(FactType.credential, e.name, e.item, name=e.name, issuer=e.detail, date=e.date, url=e.url)
            out.append({k: v for k, v in {"name": e.name, "issuer": e.detail, "date": e.date, "url": e.url}.items() if v})
        elif kind == "languages":
            fb.add(FactType.language, e.name, e.item, language=e.name, fluency=e.detail)
            out.append({k: v for k, v in {"language": e.name, "fluency": e.detail}.items() if v})
        elif kind == "projects":
            fb.add(FactType.project, e.name, e.item, name=e.name, description=desc, start=e.date, end=e.end, url=e.url)
            out.append({k: v for k, v in {"name": e.name, "description": desc, "startDate": e.date,
                                          "endDate": e.end, "url": e.url}.items() if v})
        elif kind == "awards":
            fb.add(FactType.award, e.name, e.item, title=e.name, awarder=e.detail, date=e.date)
            out.append({k: v for k, v in {"title": e.name, "awarder": e.detail, "date": e.date}.items() if v})
        elif kind == "publications":
            fb.add(FactType.publication, e.name, e.item, name=e.name, publisher=e.detail, date=e.date, url=e.url)
            out.append({k: v for k, v in {"name": e.name, "publisher": e.detail, "releaseDate": e.date,
                                          "url": e.url}.items() if v})
        elif kind == "interests":
            fb.add(FactType.interest, e.name, e.item, name=e.name)
            out.append({"name": e.name})
    return out
