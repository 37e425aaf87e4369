"""Education entries: institution, degree and field, dates, grade."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.extract.dates import DateRange, best_range
from core.extract.header_fields import location_tail, remove_dates, split_parts
from core.extract.lines import Item
from core.extract.vocab import DEGREE_RE, GRADE_RE, INSTITUTION_RE, org_score


@dataclass(slots=True)
class Study:
    institution: str = ""
    degree: str = ""
    area: str = ""
    dates: DateRange | None = None
    grade: str = ""
    location: str = ""
    items: list[Item] = field(default_factory=list)
    courses: list[str] = field(default_factory=list)
    guessed: bool = False  # the institution is a leftover line, not a recognised school
    columns: list[str] = field(default_factory=list)  # the head line's fields set apart by wide gaps


def _is_inst(text: str) -> bool:
    return bool(INSTITUTION_RE.search(text))


def _is_degree(text: str) -> bool:
    return bool(DEGREE_RE.search(text)) and not _is_inst(text.split(",")[0])


def _never(text: str) -> bool:
    return False


def _entry_starts(items: list[Item]) -> list[int]:
    """Where each education entry begins: institution (or degree, or bold) lines, else date lines."""
    if not items:
        return []
    if len(items) >= 2 and all(it.bullet and not it.indented for it in items):
        # a bulleted list of one-line entries ("• MSc Physics, Example University, 2019"): each dated
        # bullet naming a school or a degree opens an entry, the others belong to it
        marked = [i for i, it in enumerate(items)
                  if (_is_inst(it.text) or DEGREE_RE.search(it.text)) and best_range(it.text)]
        if len(marked) >= 2:
            return sorted({0, *marked})
    first = items[0].text
    if _is_degree(first) and (not _is_inst(first) or _unit_only(first)):
        key = _is_degree
    elif _is_inst(first) or items[0].bold:
        key = _is_inst if _is_inst(first) else _never
    else:
        key = _is_inst
    starts: list[int] = []
    # a marker on the first line too tells no entry from its details: then a marked line can open one
    marked_heads = items[0].bullet
    for i, it in enumerate(items):
        if it.bullet and (not marked_heads or _prose(it.text)) or not key(it.text):
            continue
        # consecutive institution lines ("University" / "Faculty of ...") are one entry, unless each
        # line names a degree too ("School, BSc Field" / "School, Diploma")
        if (starts and starts[-1] == i - 1 and key is _is_inst and not _is_degree(items[i - 1].text)
                and not (DEGREE_RE.search(items[i - 1].text) and DEGREE_RE.search(it.text))):
            continue
        starts.append(i)
    if items[0].bold:
        bold_starts = [i for i, it in enumerate(items) if it.bold and not it.bullet and best_range(it.text) is None]
        if len(bold_starts) >= len(starts):
            starts = bold_starts
    dated = [i for i, it in enumerate(items) if not it.bullet and best_range(it.text) is not None]
    if len(dated) > max(len(starts), 1) or (not starts and dated):
        if dated[0] == 0:
            starts = dated
        else:
            starts = [0]
            for d in dated[:-1]:
                k = d + 1
                while k < len(items) and (items[k].bullet or GRADE_RE.search(items[k].text) and len(items[k].text) < 30):
                    k += 1
                if k < len(items):
                    starts.append(k)
    starts = sorted(set(starts)) or [0]
    if starts[0] != 0:
        starts[0] = 0
    return starts


def _split_degree(text: str) -> tuple[str, str]:
    t = text.strip(" ,;-–—")
    for sep in (r",", r"\s+in\s+", r"\s*[:–—]\s*|\s+-\s+", r"\s+of\s+(?=[A-Z])"):
        m = re.match(rf"^(.*?)(?:{sep})\s*(.+)$", t)
        if m and DEGREE_RE.search(m.group(1)) and len(m.group(1)) >= 2:
            return m.group(1).strip(), m.group(2).strip()
    return t, ""


def parse_studies(items: list[Item]) -> list[Study]:
    """Education entries in document order."""
    starts = _entry_starts(items)
    out: list[Study] = []
    for n, s in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(items)
        chunk = items[s:end]
        st = Study(items=chunk)
        loose: list[str] = []
        loose_lines: list[str] = []
        for it in chunk:
            text = it.text
            dr = best_range(text)
            if dr and st.dates is None:
                st.dates = dr
                text = remove_dates(text, dr)
                text = re.sub(r"\s*(?:\(\s*\)|\[\s*\]|[\"“]\s*[\"”])", "", text)  # the brackets the dates were in
            g = GRADE_RE.search(text)
            if g and not st.grade:
                st.grade = next(x for x in g.groups() if x).strip()
                text = (text[: g.start()] + text[g.end():]).strip()
            if re.match(r"(?i)^(relevant )?(course ?work|courses|modules)\s*:", text):
                st.courses.append(text)
                continue
            if it.bullet and st.institution and st.degree:
                continue
            fields = _school_in_fields(text) if not st.institution else None
            if fields:
                st.institution, before, place = fields
                st.location = st.location or place
                if before and not st.degree:
                    st.degree, st.area = _split_degree(before)
                continue
            acro = re.fullmatch(r"(.+?),\s*([^,]+)", text.strip(" .")) if not st.institution else None
            if acro and _acronym(acro.group(1)) and _short_place(acro.group(2)) and not it.bullet:
                st.institution, st.location = acro.group(1), st.location or acro.group(2)  # "ABC, Town"
                continue
            head, sep, tail = text.partition(", ")
            if (sep and not st.institution and not st.degree and _is_inst(head) and DEGREE_RE.search(tail)
                    and not _is_inst(DEGREE_RE.sub(" ", tail)) and not re.search(r"\s{3,}|\|", text)):
                st.institution = head.strip(" ,;-–—")  # "University of X, BSc Logistics"
                st.degree, st.area = _split_degree(tail)
                continue
            prose = it.bullet and _prose(text)  # a sentence about the studies
            if (_is_inst(text) and not _is_degree(text) and not st.institution and not prose
                    and not re.search(r"\s{3,}|\|", text)):
                inst, place = location_tail(text)
                dashed = re.match(r"^(.*\S)\s+[-–—]\s+(\S.*)$", text)
                if not place and dashed and _is_inst(dashed.group(1)) and _short_place(dashed.group(2)):
                    inst, place = dashed.groups()  # "Example School — Town"
                st.institution = inst.strip(" ,;-–—")
                st.location = st.location or place
                continue
            if re.search(r"\S\s{3,}\S", text):  # fields set apart by wide gaps: "Degree   School, Town"
                parts = [p.strip(" .…-–—") for p in re.split(r"\s{3,}", text) if p.strip(" .…-–—")]
                if not it.bullet and not st.columns:
                    st.columns = list(parts)
            else:
                parts = split_parts(text) if not _is_degree(text) or _is_inst(text) else [text]
            named = [p for p in parts if _is_inst(p) and not DEGREE_RE.search(p)]
            if named and not st.institution and len(parts) > 1:
                # "High School   Example College, Town": the part that is only a school name is the school
                st.institution, place = _school_and_town(named[0])
                st.location = st.location or place
                parts.remove(named[0])
            unused = []
            for part in parts:
                if (not st.institution and _is_inst(part) and not prose
                        and not (_is_degree(part) and (st.degree or _unit_only(part)))):
                    st.institution = part
                elif not st.degree and (_is_degree(part) or st.institution and DEGREE_RE.search(part)):
                    if _is_inst(part) and _unit_only(part):  # "Degree in Field, Faculty of X": the faculty aside
                        part = ", ".join(f for f in part.split(", ") if not _UNIT.search(f)) or part
                    st.degree, st.area = _split_degree(part)
                else:
                    unused.append(part)
            if not prose:
                loose.extend(unused)
            if unused and len(unused) == len(parts) and text.strip():
                loose_lines.append(text.strip())
        if not st.institution and _acronym(st.area) and _names_field(st.degree) and any(
                re.search(rf"\s[-–—]\s+{re.escape(st.area)}\b", it.text) for it in chunk):
            st.institution, st.area = st.area, ""  # "BSc Field - ABC - 2019": the acronym after the field is the school
        if not st.institution and loose:
            st.institution = loose.pop(0)
            st.guessed = True
            st.institution, place = _school_and_town(st.institution)
            st.location = st.location or place
        if not st.degree:
            # an unlabelled line after the institution: "Courses, Freelance" -> type and field
            cand = next((t for t in loose_lines if t != st.institution and st.institution not in t), "")
            if cand and len(cand.split()) <= 12:
                head, _, tail = cand.partition(", ")
                st.degree, st.area = _split_degree(cand) if DEGREE_RE.search(cand) else (head.strip(), tail.strip())
        st.institution = _URL.sub("", st.institution).strip(" ,;-–—")
        if st.institution or st.degree:
            out.append(st)
    return _drop_unmarked(_join_split_rows(_school_column(out)))


_UNIT = re.compile(r"(?i)\b(?:facult\w*|facultad|faculdade|facolt[aà]|fakult\w*|department|dept)\b")


def _unit_only(text: str) -> bool:
    """"Degree in Field, Faculty of Sciences": the only school word names a unit of a school."""
    return all(_UNIT.fullmatch(m.group(0)) for m in INSTITUTION_RE.finditer(text))


def _prose(text: str) -> bool:
    """A sentence about the studies, not an entry's line: long, and written as sentences."""
    words = len(text.split())
    t = text.strip()
    return words > 12 and (words > 24 or t.endswith(".") or bool(re.search(r"[a-z]\. [A-Z]", t)))


def _acronym(text: str) -> bool:
    """A school written as its acronym ("ABC", "XYZ 38"): capitals only, no degree or grade word."""
    t = text.strip(" .")
    return (bool(re.fullmatch(r"[A-Z][A-Z&]{1,5}(?: \d{1,3})?", t)) and not DEGREE_RE.fullmatch(t.split()[0])
            and not GRADE_RE.search(t))


def _names_field(degree: str) -> bool:
    """Whether a degree's text names a field besides the degree's own words ("BSc Hons Game Design")."""
    rest = DEGREE_RE.sub(" ", degree)
    return bool(re.sub(r"(?i)\b(?:of|in|and|science|arts|the)\b|[^\w]", " ", rest).split())


_URL = re.compile(r"\s*(?:https?://|www\.)\S+")
_AT = re.compile(r"\s+(?:at|à|@|an der|am)\s+(?:l[’'])?|\s+à\s+l[’']|\s+@\s*", re.I)


def _school_in_fields(text: str) -> tuple[str, str, str] | None:
    """("School", "degree and field", "place") from a line that names the school in one of its
    comma fields after the degree ("Diploma in Design, Example College, Town"), or after
    "at"/"à" ("MSc Physics at Example University"); None when the line is not of that kind."""
    t = text.strip(" .;")
    if re.search(r"\s{3,}|\|", t):
        return None
    m = _AT.search(t)
    if m and DEGREE_RE.search(t[: m.start()]) and not _is_inst(t[: m.start()]):
        school, place = location_tail(t[m.end():].strip(" .,"))
        if school and len(school.split()) <= 8:
            return school.strip(" .,"), t[: m.start()].strip(" ,"), place
    parts = [p.strip(" .:\"'“”") for p in re.split(r",\s|;\s", t)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return None
    at = next((i for i, p in enumerate(parts) if _is_inst(p) and not _is_degree(p)), None)
    unit = False
    while at is not None and at + 1 < len(parts) and _is_inst(parts[at + 1]) and not DEGREE_RE.search(parts[at + 1]):
        del parts[at]  # "Degree, Faculty of Law, Example University": the faculty is a unit of the school named last
        unit = True
    if at is None and len(parts) == 2 and DEGREE_RE.search(parts[0]) and _names_field(parts[0]) and _acronym(parts[1]):
        at = 1  # "MSc Field; ABC": the school's acronym after the degree and its field
    if (at is None and len(parts) == 3 and DEGREE_RE.search(parts[0]) and not DEGREE_RE.search(parts[1])
            and not GRADE_RE.search(parts[1]) and parts[1][:1].isupper() and len(parts[1].split()) >= 2
            and len(parts[2].split()) <= 3):
        at = 1  # "Degree, School, Town": moderncv-style entries name the school second
    if at is None:
        return None
    before, after = parts[:at], parts[at + 1:]
    if at > 0 and ((len(parts[at].split()) < 2 and not parts[at].isupper()) or re.fullmatch(r"[A-Z]{2,6}", before[0])):
        return None  # an adjective ("Universitario") or the school's own acronym ("ABC, Example School")
    if at == 0:
        # "School, Degree, Field": only when what follows is not simply the school's town
        if len(after) < 2 or any(_is_inst(p) for p in after) or not DEGREE_RE.search(after[0]):
            return None
        return parts[0], ", ".join(after), ""
    if not DEGREE_RE.search(parts[0]) and (at > 1 or org_score(parts[0]) > 0 and not unit):
        return None
    rest = ", ".join(after)
    place = rest if rest and len(rest.split()) <= 4 and not DEGREE_RE.search(rest) else ""
    if rest and not place:
        return None
    return parts[at], ", ".join(before), place


def _school_column(studies: list[Study]) -> list[Study]:
    """Head lines laid out "Course   School, Town": when the recognised schools of a section sit in
    the last column, an entry whose school was only guessed takes its last column too
    ("AWS Architect   Example Learning" beside "MSc Statistics   Example University")."""
    def in_last(st: Study) -> bool:
        return len(st.columns) >= 2 and bool(st.institution) and st.institution in st.columns[-1]

    if not any(in_last(st) and not st.guessed for st in studies):
        return studies
    for st in studies:
        if st.guessed and len(st.columns) >= 2 and not in_last(st) and not DEGREE_RE.search(st.columns[-1]):
            st.institution, place = _school_and_town(st.columns[-1])
            st.location = st.location or place
            st.degree, st.area = _split_degree(" ".join(st.columns[:-1]))
    return studies


def _join_split_rows(studies: list[Study]) -> list[Study]:
    """Tables (Europass, Word) put the degree and the school on separate rows that split into two
    entries: a degree without a school followed by a school without a degree is one entry."""
    out: list[Study] = []
    for st in studies:
        prev = out[-1] if out else None
        if (prev is not None and st.institution and not st.guessed
                and not (st.degree and DEGREE_RE.search(st.degree))
                and _same_span(prev.dates, st.dates)):
            if not prev.institution and prev.degree:
                prev.institution, prev.location = st.institution, prev.location or st.location
            elif prev.guessed and not prev.degree:
                prev.degree, prev.institution = prev.institution, st.institution
            else:
                out.append(st)
                continue
            prev.guessed = False
            prev.dates = prev.dates or st.dates
            prev.items = prev.items + st.items
            continue
        out.append(st)
    return out


def _school_and_town(text: str) -> tuple[str, str]:
    """("Example College", "Town") from "Example College, Town"; else location_tail's split."""
    school, place = location_tail(text)
    town = re.match(r"^(.*\S),\s+(\S.*)$", text)
    if not place and town and _short_place(town.group(2)):
        school, place = town.groups()
    return school, place


def _short_place(text: str) -> bool:
    """A town after a dash: a few words that name neither a school nor a degree."""
    return len(text.split()) <= 3 and not _is_inst(text) and not DEGREE_RE.search(text) and text[:1].isupper()


def _same_span(a: DateRange | None, b: DateRange | None) -> bool:
    return a is None or b is None or (a.start, a.end, a.present) == (b.start, b.end, b.present)


def _drop_unmarked(studies: list[Study]) -> list[Study]:
    """Course lists and certificates caught in the section: an entry with no dates and neither a
    school nor a degree word goes when the section has dated entries."""
    studies = [st for st in studies if not _course_list(st)]
    if not studies:
        return studies
    if not any(st.dates for st in studies):
        # a list of course names under its own heading names no school, degree or date at all
        named = any(_is_inst(st.institution) or DEGREE_RE.search(f"{st.institution} {st.degree} {st.area}")
                    for st in studies)
        return studies if named or len(studies) > 1 or len(studies[0].items) < 4 else []
    return [st for st in studies if st.dates or _is_inst(st.institution)
            or DEGREE_RE.search(f"{st.institution} {st.degree} {st.area}")]


def _course_list(st: Study) -> bool:
    """"Data Structures, Algorithms, Calculus, ...": an undated run of four or more comma fields
    naming no school and no degree is a list of courses, not an entry."""
    text = " ".join(it.text for it in st.items)
    return (st.dates is None and not st.degree and text.count(",") >= 3 and not _is_inst(text)
            and not DEGREE_RE.search(text))
