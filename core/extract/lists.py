"""List-like sections: skills (with categories), languages, certifications, projects, awards."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.extract.dates import best_range
from core.extract.header_fields import split_parts
from core.extract.lines import Item

# separators between skills, never inside parentheses ("Node.js (Next.js, Express)" is one skill)
SKILL_SPLIT = re.compile(r"\s*(?:,|;|\||•|·|▪|◦|/(?=\s)|\s{3,}|\s-\s)\s*(?![^()]*\))")
# tag boxes set side by side on a row ("Python  Docker  Git"): a wide gap parts them when nothing else does
TAG_SPLIT = re.compile(r"\s*(?:\||•|·|▪|◦|/(?=\s)|\s{2,}|\s-\s)\s*(?![^()]*\))")


def _split_skills(text: str) -> list[str]:
    """The skills of one line; tags only when they look like tags (short names, more than a letter)."""
    if not re.search(r"[,;]", text):
        tags = [k.strip(" .") for k in TAG_SPLIT.split(text) if k.strip(" .")]
        if all(len(t) > 1 and len(t.split()) <= 4 for t in tags):
            return tags
    return [k.strip(" .") for k in SKILL_SPLIT.split(text) if k.strip(" .")]
FLUENCY_RE = re.compile(
    r"\b(native|mother tongue|bilingual|fluent|full professional|professional working|professional|"
    r"limited working|elementary|basic|beginner|intermediate|advanced|proficient|conversational|working|"
    r"courant|natif|native speaker|maternelle|langue maternelle|[ABC][12]|bilingue|"
    r"muttersprache|flie(?:ß|ss)end|verhandlungssicher|grundkenntnisse|gute kenntnisse|sehr gute?(?: kenntnisse)?|kenntnisse|"
    r"nativo|nativa|lengua materna|l[íi]ngua materna|fluido|fluida|fluente|avanzado|avan[çc]ado|"
    r"b[áa]sico|intermedio|intermedi[áa]rio|madrelingua|moedertaal|vloeiend|lu et parl[ée])\b.*",
    re.I,
)


@dataclass(slots=True)
class SkillGroup:
    name: str
    keywords: list[str]
    item: Item
    level: str = ""


@dataclass(slots=True)
class Entry:
    """A generic named entry (certificate, project, award, language...)."""

    name: str
    item: Item
    detail: str = ""
    date: str | None = None
    end: str | None = None
    url: str = ""
    extra: list[Item] = field(default_factory=list)


def parse_skills(items: list[Item]) -> list[SkillGroup]:
    out: list[SkillGroup] = []
    pending: SkillGroup | None = None
    previous = ""
    for it in items:
        text = it.text.strip()
        wrapped, previous = previous.endswith((",", ";")), text
        if wrapped and out and out[-1].keywords and not it.bullet:
            # a list that wrapped onto this line ("..., C," / "C++, Go") continues its group
            out[-1].keywords.extend(k.strip(" .") for k in SKILL_SPLIT.split(text) if k.strip(" ."))
            continue
        m = re.match(r"^([^:,]{2,40}):\s*(.*)$", text)
        if m:
            kws = [k.strip(" .") for k in SKILL_SPLIT.split(m.group(2)) if k.strip(" .")]
            g = SkillGroup(m.group(1).strip(), kws, it)
            out.append(g)
            pending = g if not kws else None
            continue
        label, gap, rest = (*re.split(r"(\s{2,})", text, maxsplit=1), "", "")[:3]
        if gap and "," in rest and "," not in label and 1 <= len(label.split()) <= 4 and not it.bullet:
            # a label cell and its list ("Bases de datos   MySQL, PostgreSQL"): the label is a category
            kws = _split_skills(rest.strip())
            out.append(SkillGroup(label.strip().rstrip(":"), kws, it))
            pending = None
            continue
        kws = _split_skills(text)
        if len(kws) == 2 and _spoken_or_level(kws[0]):
            continue  # "Mother tongue   Swedish": a spoken language set beside its level
        if len(kws) == 1 and len(text.split()) > 8:
            continue  # a sentence, not a skill
        if pending is not None and (it.bullet or len(kws) > 1):
            pending.keywords.extend(kws)
            continue
        if len(kws) == 1 and it.bold and not it.bullet and len(text) <= 40:
            pending = SkillGroup(text, [], it)
            out.append(pending)
            continue
        if len(kws) == 1 and " - " not in text:
            level = ""
            lm = FLUENCY_RE.search(text)
            if lm and lm.start() > 0:
                level = lm.group(0)
                out.append(SkillGroup(kws[0], [], it, level))
            elif out and out[-1].name == "" and out[-1].item.bullet == it.bullet:
                out[-1].keywords.append(kws[0])  # one skill per line: gather the run into one group
            else:
                out.append(SkillGroup("", [kws[0]], it))
        else:
            out.append(SkillGroup("", kws, it))
    for g in out:
        g.keywords = [k for k in g.keywords if not _spoken_or_level(k)]
    # a label line ("Frameworks", "Bases de datos") that never got items names a category, not a skill
    return [g for g in out if g.keywords or (g.name and g.level)]


def _spoken_or_level(keyword: str) -> bool:
    """A spoken language with its level ("Portuguese (Native", "English: C1") or a bare level
    ("sehr gute Kenntnisse", "Intermediate"): neither is a skill."""
    k = keyword.strip(" .()")
    full = FLUENCY_RE.match(k)
    if full and full.end() == len(k):
        return True
    m = FLUENCY_RE.search(k)
    return bool(m and m.start() > 0 and re.search(r"[(:–—-]\s*$", k[: m.start()]))


def parse_languages(items: list[Item]) -> list[Entry]:
    out: list[Entry] = []
    for it in items:
        for part in re.split(r"\s*(?:,|;|\||•|·)\s*(?![^()]*\))", it.text):
            part = part.strip(" .")
            if not part or len(part) > 60:
                continue
            m = re.match(r"^([^\W\d_][\w ]*?)\s*(?:[:(\-–—]\s*|\s+)(.*?)\)?$", part)
            if m and m.group(2) and FLUENCY_RE.search(m.group(2)):
                out.append(Entry(m.group(1).strip(), it, detail=m.group(2).strip(" ()")))
            elif len(part.split()) <= 3:
                out.append(Entry(part, it))
    return out


def parse_named(items: list[Item]) -> list[Entry]:
    """Certificates, projects, awards: a name line with optional issuer/date, then details."""
    out: list[Entry] = []
    for it in items:
        text = it.text.strip()
        dr = best_range(text)
        rest = text
        if dr:
            rest = (text[: dr.pos[0]] + "   " + text[dr.pos[1]:]).strip()
        parts = split_parts(rest) if rest else []
        if out and (it.bullet and not items[0].bullet or not parts):
            out[-1].extra.append(it)
            if dr and not out[-1].date:
                out[-1].date = dr.start
            continue
        if not parts:
            continue
        e = Entry(parts[0], it, detail=" — ".join(parts[1:]))
        m = re.search(r"\b(?:—|–|-|:)\s+(.+)$", rest)
        if m and len(parts) == 1:
            e.detail = m.group(1)
        if dr:
            e.date, e.end = dr.start, dr.end
        if it.links:
            e.url = it.links[0]
        out.append(e)
    return out
