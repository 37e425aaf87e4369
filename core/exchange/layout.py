"""A plain, ATS-friendly resume layout as a list of blocks, shared by the DOCX, PDF and Markdown
writers: one column, standard section headings, "Title | Organisation" entry lines, a date line,
bullets for highlights. No tables, text boxes, headers/footers or images."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from core.dates import PartialDate

BlockKind = Literal["name", "label", "contact", "heading", "entry", "degree", "meta", "text", "bullet", "skills"]


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str


def show_date(iso: str | None) -> str:
    """"2021-04" -> "Apr 2021"; "2021" stays; "2021-04-05" -> "Apr 2021"."""
    p = PartialDate.parse(iso)
    return p.display() if p else ""


def date_range(start: str | None, end: str | None, *, open_ended: bool = True) -> str:
    s, e = show_date(start), show_date(end)
    if s and not e:
        return f"{s} – Present" if open_ended else s
    if s and e:
        return f"{s} – {e}"
    return e


def _s(v: Any) -> str:
    return v.strip() if isinstance(v, str) else ""


def _join(*parts: Any, sep: str = " | ") -> str:
    return sep.join(p for p in (_s(x) for x in parts) if p)


def _key(text: str) -> str:
    """A paragraph's identity for "printed once": case, spacing and punctuation ignored."""
    return " ".join(re.sub(r"[^\w+#]+", " ", text.casefold()).split())  # "C" and "C++" stay apart


def skill_lines(skills: list[Any]) -> list[str]:
    """Skills as the person grouped them: "Group: a, b, c" per group, the ungrouped ones together
    on one comma-separated line (never one skill per line); each skill once."""
    lines: list[str] = []
    loose: list[str] = []
    seen: set[str] = set()

    def fresh(name: str) -> bool:
        k = _key(name) or name
        if k in seen:
            return False
        seen.add(k)
        return True

    for s in skills:
        if not isinstance(s, dict):
            continue
        kws = [k.strip() for k in s.get("keywords") or [] if isinstance(k, str) and k.strip()]
        name = _s(s.get("name"))
        if kws:
            kws = [k for k in kws if fresh(k)]
            if kws:
                lines.append(f"{name}: {', '.join(kws)}" if name else ", ".join(kws))
        elif name and fresh(name):
            loose.append(name)
    if loose:
        lines.append(", ".join(loose))
    return lines


def resume_blocks(resume: dict[str, Any]) -> list[Block]:
    """The resume's content in reading order, no paragraph printed twice."""
    return _once(_blocks(resume))


def _once(blocks: list[Block]) -> list[Block]:
    """Drop a text or bullet already printed (a role summary repeated as its last bullet)."""
    seen: set[str] = set()
    out: list[Block] = []
    for b in blocks:
        if b.kind in ("text", "bullet"):
            k = _key(b.text)
            if not k or k in seen:
                continue
            seen.add(k)
        out.append(b)
    return out


def _blocks(resume: dict[str, Any]) -> list[Block]:
    b = resume.get("basics") or {}
    out: list[Block] = []
    if _s(b.get("name")):
        out.append(Block("name", b["name"].strip()))
    if _s(b.get("label")):
        out.append(Block("label", b["label"].strip()))
    loc = b.get("location") or {}
    place = ", ".join(x for x in (_s(loc.get("city")), _s(loc.get("region")), _s(loc.get("countryCode"))) if x) \
        or _s(loc.get("address"))
    line = _join(b.get("email"), b.get("phone"), place)
    if line:
        out.append(Block("contact", line))
    links = _join(b.get("url"), *[p.get("url") for p in b.get("profiles") or [] if isinstance(p, dict)])
    if links:
        out.append(Block("contact", links))
    if _s(b.get("summary")):
        out += [Block("heading", "Summary"), Block("text", b["summary"].strip())]

    def section(title: str, items: list[Any]) -> None:
        if items:
            out.append(Block("heading", title))

    work = resume.get("work") or []
    section("Experience", work)
    for w in work:
        out.append(Block("entry", _join(w.get("position"), w.get("name"))))
        meta = _join(date_range(w.get("startDate"), w.get("endDate")), w.get("location"))
        if meta:
            out.append(Block("meta", meta))
        if _s(w.get("summary")):
            out.append(Block("text", w["summary"].strip()))
        out += [Block("bullet", h) for h in w.get("highlights") or []]
    edu = resume.get("education") or []
    section("Education", edu)
    for e in edu:
        # institution as the entry line, the degree on its own line: what resume parsers read best
        degree = ", ".join(x for x in (_s(e.get("studyType")), _s(e.get("area"))) if x)
        if _s(e.get("institution")):
            out.append(Block("entry", e["institution"].strip()))
            if degree:
                out.append(Block("degree", degree))
        elif degree:
            out.append(Block("entry", degree))
        meta = _join(date_range(e.get("startDate"), e.get("endDate"), open_ended=False),
                     f"Score: {e['score']}" if _s(e.get("score")) else "")
        if meta:
            out.append(Block("meta", meta))
        if e.get("courses"):
            out.append(Block("text", "Courses: " + ", ".join(e["courses"])))
    skills = resume.get("skills") or []
    section("Skills", skills)
    out += [Block("skills", line) for line in skill_lines(skills)]
    projects = resume.get("projects") or []
    section("Projects", projects)
    for p in projects:
        out.append(Block("entry", _join(p.get("name"), p.get("entity"))))
        meta = _join(date_range(p.get("startDate"), p.get("endDate"), open_ended=False), p.get("url"))
        if meta:
            out.append(Block("meta", meta))
        if _s(p.get("description")):
            out.append(Block("text", p["description"].strip()))
        out += [Block("bullet", h) for h in p.get("highlights") or []]
    certs = resume.get("certificates") or []
    section("Certifications", certs)
    for c in certs:
        out.append(Block("bullet", _join(c.get("name"), c.get("issuer"), show_date(c.get("date")), sep=", ")))
    awards = resume.get("awards") or []
    section("Awards", awards)
    for a in awards:
        out.append(Block("bullet", _join(a.get("title"), a.get("awarder"), show_date(a.get("date")), sep=", ")))
    pubs = resume.get("publications") or []
    section("Publications", pubs)
    for p in pubs:
        out.append(Block("bullet", _join(p.get("name"), p.get("publisher"), show_date(p.get("releaseDate")), sep=", ")))
    vol = resume.get("volunteer") or []
    section("Volunteering", vol)
    for v in vol:
        out.append(Block("entry", _join(v.get("position"), v.get("organization"))))
        meta = date_range(v.get("startDate"), v.get("endDate"))
        if meta:
            out.append(Block("meta", meta))
        if _s(v.get("summary")):
            out.append(Block("text", v["summary"].strip()))
        out += [Block("bullet", h) for h in v.get("highlights") or []]
    langs = resume.get("languages") or []
    section("Languages", langs)
    if langs:
        out.append(Block("text", ", ".join(_join(lang.get("language"), f"({lang['fluency']})" if _s(
            lang.get("fluency")) else "", sep=" ") for lang in langs)))
    interests = resume.get("interests") or []
    section("Interests", interests)
    if interests:
        out.append(Block("text", ", ".join(_s(i.get("name")) for i in interests if _s(i.get("name")))))
    return out
