"""Roles in an experience section: header lines in every arrangement, dates, bullets, promotions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.extract.contact import parse_location
from core.extract.dates import DateRange, best_range
from core.extract.header_fields import (
    FIELD_LABEL,
    abbrev_end,
    dashed_place,
    fields_of,
    gap_fields,
    join_acronyms,
    join_title_runs,
    reads_as_title,
    remove_dates,
    split_parts,
    strong_location,
    without_remark,
    without_unit,
)
from core.extract.lines import Item
from core.extract.vocab import org_score, title_score, unit_score

MAX_HEADER_WORDS = 16


@dataclass(slots=True)
class Role:
    title: str = ""
    company: str = ""
    location: str = ""
    dates: DateRange | None = None
    summary: list[Item] = field(default_factory=list)
    highlights: list[Item] = field(default_factory=list)
    header: list[Item] = field(default_factory=list)
    inherited_company: bool = False


def dated(it: Item) -> DateRange | None:
    """The date range of a header-like line (bullets and long sentences do not count)."""
    glyph = it.bullet and not it.indented  # indentation alone does not make a dated line a bullet
    if it.words > 22 or (glyph and it.words > 8):
        return None
    dr = best_range(it.text)
    if dr is None or (it.bullet and not (dr.end or dr.present)):
        return None
    rest = (it.text[: dr.pos[0]] + " " + it.text[dr.pos[1]:]).strip()
    if not (dr.end or dr.present) and len(rest.split()) > 10:
        return None
    return dr


URL_IN_TEXT = re.compile(r"(?:https?://|www\.)\S+", re.I)
EMPLOYMENT_LABEL = re.compile(  # "Vollzeit: Monteur" — the kind of contract, written before the title
    r"(?i)^\s*(?:full[- ]?time|part[- ]?time|vollzeit|teilzeit|temps (?:plein|partiel)|tiempo (?:completo|parcial)|"
    r"meio per[ií]odo|tempo (?:integral|parziale|pieno)|voltijds|deeltijds)\s*:\s*"
)


def is_header_like(it: Item, *, after_date: bool = False) -> bool:
    """A line that can name a role: short, no glyph bullet, not a sentence. Right after a date
    line, an indented line and a "Title, Company, City." line ending in a full stop still qualify."""
    t = URL_IN_TEXT.sub("", it.text).strip()
    if not t:
        return False
    if after_date and t.endswith(".") and t.count(",") >= 1 and it.words <= 14 and "." not in t[:-1].replace(". ", ""):
        t = t[:-1]
    return (
        not (it.bullet and not (after_date and it.indented))
        and it.words <= MAX_HEADER_WORDS
        and not (t.endswith((";", ":")) or (t.endswith(".") and not abbrev_end(t)))
        and not (t[:1].islower() and it.words > 6 and not it.bold and not re.search(r",|—|–|\|", t))
    )


def _assign(role: Role, lines: list[tuple[str, Item]], order_votes: list[int]) -> None:
    """Decide which parts are the title, the organisation and the location."""
    _assign_parts(role, lines, order_votes)
    for name in ("title", "company", "location"):
        value = without_remark(getattr(role, name))
        if value.endswith(".") and not abbrev_end(value):  # "..., Company." ends a sentence, not a name
            value = value[:-1].rstrip()
        setattr(role, name, value)


def _assign_parts(role: Role, lines: list[tuple[str, Item]], order_votes: list[int]) -> None:
    parts: list[str] = []
    split_lines = []
    for text, it in lines:
        text = EMPLOYMENT_LABEL.sub("", URL_IN_TEXT.sub("   ", text))
        entry = re.fullmatch(r"\s*([^,]+),\s+([^,]+),\s+([^,.]+(?:\.[^,.\s]+)*)\.\s*", text)
        if entry and not role.location and all(len(g.split()) <= 6 for g in entry.groups()) and (
            title_score(entry.group(3)) <= 0 and org_score(entry.group(3)) <= 0
        ):
            # "Title, Employer, City." (an entry written as one sentence): the last part is the place
            role.location = entry.group(3).strip()
            text = f"{entry.group(1)}, {entry.group(2)}"
        head, place = dashed_place(re.sub(r"\s+", " ", text).strip())
        if place and not role.location:
            role.location, text = place, head
        split_lines.append((split_parts(text), it))
    # a wrapped header: "Title, Organisation" then the organisation's last word(s) alone
    merged: list[list[str]] = []
    prev_it: Item | None = None
    for ps, it in split_lines:
        if (
            merged
            and prev_it is not None
            and len(ps) == 1
            and len(merged[-1]) >= 2
            and it.bold == prev_it.bold
            and len(ps[0].split()) <= 3
            and best_range(it.text) is None
            and not parse_location(ps[0])
            and not re.search(r"\s[-–—]\s*$", it.text)  # "Company -" is a field of its own, not a wrap
            and not parse_location(merged[-1][-1])  # "Company   City, Country" ends where the place is
            and not title_score(ps[0]) - org_score(ps[0]) > 0  # a job title on its own line is no wrap
        ):
            merged[-1][-1] = f"{merged[-1][-1]} {ps[0]}"
        else:
            merged.append(list(ps))
        prev_it = it
    for ps in merged:
        for p in ps:
            n_parts = sum(len(x) for x in merged)
            if not role.location and (
                strong_location(p) or (parse_location(p) and title_score(p) <= 0 and n_parts >= 3)
            ):
                role.location = p
                continue
            if re.fullmatch(r"(?i)(remote|hybrid|on-?site|full[- ]time|part[- ]time|contract|freelance)", p):
                continue
            if FIELD_LABEL.fullmatch(p):  # "Duration: Jan 2017 - Present" names no organisation
                continue
            parts.append(p)
    if not parts:
        return
    joined = " ".join(text for text, _ in lines)
    parts = [without_unit(p) for p in join_acronyms(join_title_runs(parts, joined), joined)]
    if len(parts) > 2 and not any(reads_as_title(p) for p in parts[:2]):
        later = next((p for p in parts[2:] if reads_as_title(p)), None)
        if later is not None:  # "Unit | Organisation" then "Title   Dates": the title is the third part
            parts.remove(later)
            parts.insert(0, later)
    if len(parts) == 1:
        p = parts[0]
        if title_score(p) > 0 and org_score(p) <= 0:
            role.title = p
        else:
            role.company = p
        return
    a, b = parts[0], parts[1]
    da = title_score(a) - org_score(a)
    db = title_score(b) - org_score(b)
    if da > db:
        role.title, role.company = a, b
        order_votes.append(1)
    elif db > da:
        role.title, role.company = b, a
        order_votes.append(-1)
    else:
        vote = sum(order_votes)
        if vote < 0:
            role.title, role.company = b, a
        else:
            role.title, role.company = a, b
    if len(parts) > 2 and not role.location:
        rest = parts[2]
        if title_score(rest) <= 0 and rest.lower() not in role.company.lower():  # not "Infosphere" again
            role.location = rest


def _unbullet_role_lines(items: list[Item]) -> None:
    """A section where every line is a list item: the outermost items that carry a date range are
    the role lines ("• 2017 - 2019 : Developer at Company"), the items nested under them its bullets."""
    if not items or not all(it.bullet for it in items):
        return
    outer = min(it.x0 for it in items)
    nested = any(it.x0 > outer + 4 for it in items)
    for it in items:
        if it.x0 <= outer + 4 and (nested or it.words <= 22):
            dr = best_range(it.text)
            if dr is not None and (dr.end or dr.present) and it.words <= 22:
                it.bullet = False
                it.indented = False


def parse_roles(items: list[Item]) -> list[Role]:
    """Roles of a work section, in document order."""
    _unbullet_role_lines(items)
    anchors = [(i, dr) for i, it in enumerate(items) if (dr := dated(it)) is not None]
    if not anchors:
        return _undated_roles(items)
    roles: list[Role] = []
    votes: list[int] = []
    taken_until = -1
    bounds: list[tuple[int, int, int, DateRange]] = []  # header start, anchor, body start
    for n, (i, dr) in enumerate(anchors):
        start = i
        rest = remove_dates(items[i].text, dr)
        j = i - 1
        while j > taken_until and not re.search(r"\w", items[j].text):  # a lone "-" between header and dates
            j -= 1
        # the dated line already names the title and the organisation
        complete = not parse_location(rest.strip(" |·•-–—")) and len(fields_of(rest)) >= 2
        if not complete and j > taken_until and is_header_like(items[j]) and dated(items[j]) is None:
            start = j
            k = j - 1
            one_part = len(fields_of(items[j].text)) == 1 and not fields_of(rest)
            if (
                one_part
                and k > taken_until
                and is_header_like(items[k])
                and dated(items[k]) is None
                and not (items[j].bold and not items[k].bold)
                and not (
                    k - 1 > taken_until and items[k - 1].bullet and not items[k].bold and not items[k].gap_before
                )
            ):
                start = k
        body = i + 1
        if start == i and not split_parts(rest):
            # date first, header lines after it
            k = i + 1
            nxt = anchors[n + 1][0] if n + 1 < len(anchors) else len(items)
            while k < nxt and k - i <= 2 and is_header_like(items[k], after_date=True) and items[k].words <= 14:
                k += 1
            body = k
        if _title_above(items, start, i, rest, taken_until):
            start -= 1  # "Title" over "Unit, Organisation" over the dates: the job's name is above
        bounds.append((start, i, body, dr))
        taken_until = max(i, body - 1)
    for n, (start, i, body, dr) in enumerate(bounds):
        end = bounds[n + 1][0] if n + 1 < len(bounds) else len(items)
        role = Role(dates=dr)
        head = [(items[k].text, items[k]) for k in range(start, i)]
        head.append((remove_dates(items[i].text, dr), items[i]))
        head.extend((items[k].text, items[k]) for k in range(i + 1, body))
        head = [(t, it) for t, it in head if t.strip()]
        role.header = [it for _, it in head] or [items[i]]
        # header lines before a two-line header: "Company" line then "Title" line
        _assign(role, head, votes)
        _organisation_of_unit_pair(role, head)
        if role.title and not role.company and body < end and _second_header_line(items[body]):
            # "Title   Dates" then "Company   City" on the line below
            _assign(role, [*head, (items[body].text, items[body])], votes)
            role.header.append(items[body])
            body += 1
        elif role.company and not role.title and body < end and (title := _title_line(items[body])):
            # "Company   Dates" then "Title | Stack   City" on the line below
            role.title, place = title
            role.location = role.location or place
            role.header.append(items[body])
            body += 1
        for k in range(body, end):
            it = items[k]
            (role.highlights if it.bullet else role.summary).append(it)
        if not any(it.bullet for it in items[body:end]) and len(role.summary) >= 2:
            # unbulleted lines are achievements when they read like a list, a summary when they are prose
            prose = sum(it.words for it in role.summary) / len(role.summary) >= 20
            if not prose:
                role.highlights, role.summary = role.summary, []
        elif role.highlights and role.summary:
            _prose_points(role, items[body:end])
        if roles and role.title and not role.company:
            role.company = roles[-1].company
            role.inherited_company = True
        elif roles and role.company and not role.title and not roles[-1].title:
            pass
        roles.append(role)
    first = bounds[0][0] if bounds else len(items)
    lead = _leading_pair(items[:first])
    if lead is not None:
        roles.insert(0, lead)
    return [r for r in roles if r.title or r.company]


def _title_above(items: list[Item], start: int, i: int, rest: str, taken_until: int) -> bool:
    """Whether the line above a role's organisation line is the job title: a one-field line that
    reads as a title, over header lines of which no part does, with no title line under them."""
    k = start - 1
    if k <= taken_until or i + 1 > len(items):
        return False
    above = items[k]
    if above.bullet or dated(above) is not None or above.words > 10 or not is_header_like(above):
        return False
    fields = gap_fields(above.text)
    header = [f for it in items[start:i] for f in gap_fields(it.text)] + gap_fields(rest)
    below = items[i + 1] if i + 1 < len(items) else None
    # a title line under the header wins, unless the line above opens the section (no body before it)
    return (len(fields) == 1 and reads_as_title(fields[0]) and not any(reads_as_title(f) for f in header)
            and (below is None or _title_line(below) is None or k == 0))


def _organisation_of_unit_pair(role: Role, head: list[tuple[str, Item]]) -> None:
    """A title on its own line and "Unit, Organisation" (or "Organisation - Unit") on another: the
    organisation is the part that reads most like one, the unit is neither title nor place."""
    lines = [gap_fields(EMPLOYMENT_LABEL.sub("", t)) for t, _ in head]
    if not role.title or [role.title] not in lines:
        return
    pairs = [fs for fs in lines if len(fs) == 2]
    if len(pairs) != 1 or all(reads_as_title(f) for f in pairs[0]):
        return
    role.company = max(pairs[0], key=lambda f: org_score(f) - title_score(f) - unit_score(f))  # first of equals
    if role.location in pairs[0]:
        role.location = ""
    elif role.location.startswith(role.company):  # "Deloitte   Montreal, Canada" read as one place
        role.location = role.location[len(role.company):].strip(" ,|")


def _prose_points(role: Role, body: list[Item]) -> None:
    """Unbulleted lines between a role's bullets ("As lead I also…", "Stack: …") are points of the
    role, and so are several paragraphs before the first bullet; one opening paragraph stays the summary,
    and so do lines after the last bullet and short labels ("Tasks:")."""
    marks = [k for k, it in enumerate(body) if it.bullet]
    lead = [it for it in body[: marks[0]] if not it.bullet]
    if any(it.x1 > 0 for it in lead):
        lead = []  # lines re-joined from a page may be one paragraph; only a file's own paragraphs count
    points = [
        it for k, it in enumerate(body)
        if it.bullet or (not (it.text.endswith(":") and it.words <= 2) and (
            (marks[0] < k < marks[-1] and (it.words >= 6 or it.text.endswith(":")))  # not a project's name
            or (k < marks[0] and len(lead) >= 2)))
    ]
    if len(points) > len(role.highlights):
        chosen = {id(it) for it in points}
        role.summary = [it for it in body if id(it) not in chosen and not it.bullet]
        role.highlights = points


def role_confidence(role: Role) -> float:
    """How sure the title/organisation split of a role is, from the evidence it rests on."""
    conf = 0.25
    if role.dates is not None and (role.dates.end or role.dates.present):
        conf += 0.1
    if role.title and title_score(role.title) > 0:
        conf += 0.3
    if role.company and title_score(role.company) - org_score(role.company) <= 0:
        conf += 0.1
        if org_score(role.company) > 0 or parse_location(role.location or ""):
            conf += 0.1
    if role.title and role.company and not role.inherited_company:
        conf += 0.1
    if len(role.title.split()) > 10 or len(role.company.split()) > 8 or role.company[:1].islower():
        conf -= 0.25
    return round(max(0.1, min(conf, 0.95)), 2)


def _second_header_line(it: Item) -> bool:
    """The line under a dated title that names the organisation: short, no bullet glyph, no
    dates, not a sentence, and not itself a job title."""
    if (it.bullet and not it.indented) or it.words > 10 or best_range(it.text) is not None:
        return False
    if not is_header_like(it, after_date=True):
        return False
    fields = fields_of(it.text)
    first = fields[0] if fields else ""
    brand = bool(re.match(r"[a-z]{1,2}[A-Z]", first))  # "eVolt Systems", "iCloudly": a name, not a sentence
    return bool(fields) and title_score(first) - org_score(first) <= 0 and (not first[:1].islower() or brand)


def _title_line(it: Item) -> tuple[str, str] | None:
    """The line under a dated organisation that names the job: short, no bullet glyph, no dates,
    not a sentence, its first field a job title; returns (title, place written on the line)."""
    if (it.bullet and not it.indented) or it.words > 14 or best_range(it.text) is not None:
        return None
    if not is_header_like(it, after_date=True):
        return None
    fields = [p for p in split_parts(it.text) if not FIELD_LABEL.fullmatch(p)]
    if not fields or len(fields[0].split()) > 8 or title_score(fields[0]) - org_score(fields[0]) <= 0:
        return None
    place = next((p for p in fields[1:] if strong_location(p) or (parse_location(p) and title_score(p) <= 0)), "")
    return fields[0], place


def _leading_pair(items: list[Item]) -> Role | None:
    """An undated "Title / Organisation" pair opening the section (job-board exports drop the
    dates of some jobs); the lines after it, up to the next role, are its body."""
    if len(items) < 2 or any(it.bold for it in items[:2]):
        return None
    a, b = items[0], items[1]
    if not all(is_header_like(x) and not x.bullet and x.words <= 6 and dated(x) is None for x in (a, b)):
        return None
    if not any(title_score(x.text) > 0 for x in (a, b)):
        return None
    role = Role()
    _assign(role, [(a.text, a), (b.text, b)], [])
    if not (role.title and role.company) or title_score(role.company) - org_score(role.company) > 0:
        return None
    role.header = [a, b]
    for it in items[2:]:
        (role.highlights if it.bullet else role.summary).append(it)
    return role


def _undated_roles(items: list[Item]) -> list[Role]:
    """Roles without dates: bold/short header lines followed by bullets."""
    lead = _leading_pair(items)
    if lead is not None:
        rest = _undated_roles(items[2:])
        if rest:
            nxt = next((k for k, it in enumerate(items) if it is rest[0].header[0]), len(items)) if rest[0].header else 2
            lead.summary = [it for it in items[2:nxt] if not it.bullet]
            lead.highlights = [it for it in items[2:nxt] if it.bullet]
        return [lead, *rest]
    roles: list[Role] = []
    votes: list[int] = []
    i = 0
    while i < len(items):
        it = items[i]
        if is_header_like(it) and (it.bold or (i + 1 < len(items) and items[i + 1].bullet)):
            role = Role()
            head = [(it.text, it)]
            if i + 1 < len(items) and is_header_like(items[i + 1]) and not items[i + 1].bullet and items[i + 1].words <= 8:
                i += 1
                head.append((items[i].text, items[i]))
            role.header = [h for _, h in head]
            _assign(role, head, votes)
            i += 1
            while i < len(items) and not (is_header_like(items[i]) and items[i].bold):
                (role.highlights if items[i].bullet else role.summary).append(items[i])
                i += 1
            roles.append(role)
        else:
            i += 1
    return roles
