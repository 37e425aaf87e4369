"""Education entries: institution, degree and field, dates, grade."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.extract.dates import DateRange, best_range
from core.extract.lines import Item
from core.extract.vocab import DEGREE_RE, GRADE_RE, INSTITUTION_RE
from core.extract.work import location_tail, remove_dates, split_parts


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
    first = items[0].text
    if _is_degree(first) and not _is_inst(first):
        key = _is_degree
    elif _is_inst(first) or items[0].bold:
        key = _is_inst if _is_inst(first) else _never
    else:
        key = _is_inst
    starts: list[int] = []
    for i, it in enumerate(items):
        if it.bullet or not key(it.text):
            continue
        # consecutive institution lines ("University" / "Faculty of ...") are one entry
        if starts and starts[-1] == i - 1 and key is _is_inst and not _is_degree(items[i - 1].text):
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
            g = GRADE_RE.search(text)
            if g and not st.grade:
                st.grade = next(x for x in g.groups() if x).strip()
                text = (text[: g.start()] + text[g.end():]).strip()
            if re.match(r"(?i)^(relevant )?(course ?work|courses|modules)\s*:", text):
                st.courses.append(text)
                continue
            if it.bullet and st.institution and st.degree:
                continue
            if _is_inst(text) and not _is_degree(text) and not st.institution and not re.search(r"\s{3,}|\|", text):
                inst, place = location_tail(text)
                st.institution = inst.strip(" ,;-–—")
                st.location = st.location or place
                continue
            parts = split_parts(text) if not _is_degree(text) or _is_inst(text) else [text]
            unused = []
            for part in parts:
                if not st.institution and _is_inst(part) and not (_is_degree(part) and st.degree):
                    st.institution = part
                elif not st.degree and _is_degree(part):
                    st.degree, st.area = _split_degree(part)
                else:
                    unused.append(part)
            loose.extend(unused)
            if unused and len(unused) == len(parts) and text.strip():
                loose_lines.append(text.strip())
        if not st.institution and loose:
            st.institution = loose.pop(0)
        if not st.degree:
            # an unlabelled line after the institution: "Courses, Freelance" -> type and field
            cand = next((t for t in loose_lines if t != st.institution and st.institution not in t), "")
            if cand and len(cand.split()) <= 12:
                head, _, tail = cand.partition(", ")
                st.degree, st.area = _split_degree(cand) if DEGREE_RE.search(cand) else (head.strip(), tail.strip())
        if st.institution or st.degree:
            out.append(st)
    return out
