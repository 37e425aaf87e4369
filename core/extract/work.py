"""Roles in an experience section: header lines in every arrangement, dates, bullets, promotions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.extract.contact import parse_location
from core.extract.dates import DateRange, best_range
from core.extract.lines import Item
from core.extract.vocab import org_score, title_score, unit_score

SEP_TIERS = (
    re.compile(r"\s{3,}|\s*[|·•]\s*|\s+[—–]\s+|\t"),
    re.compile(r",\s+(?=[^,]*$)"),
    re.compile(r"\s+-\s+"),
    re.compile(r"\s+(?:@|at|chez|bei|en|bij|presso)\s+|\s+à\s+l['’]\s*|\s+à\s+"),
)
LEGAL = re.compile(
    r",\s*(?=(?:inc|llc|ltd|llp|plc|gmbh|corp|co|s\.?a|s\.?l|s\.?r\.?l|b\.?v|ag|pte|pty|limited|sas|sarl)\b\.?)", re.I
)
MAX_HEADER_WORDS = 16
FIELD_LABEL = re.compile(
    r"(?i)(?:period|duration|tenure|dates?|responsibilit(?:y|ies)|roles?(?: and responsibilities)?|client|"
    r"project(?: name| title)?|team size|environment|tools|technologies|(?:date of )?joining(?: date)?(?: from)?|"
    r"from|since|worked (?:from|since))"
)


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


def _strong_location(text: str) -> bool:
    """A location beyond doubt: three parts, a country, a postal code or a short region code."""
    loc = parse_location(text)
    if not loc or title_score(text) > 0:
        return False
    region = loc.get("region", "")
    return (text.count(",") >= 2 or "countryCode" in loc or (region.isupper() and len(region) <= 3)
            or ("postalCode" in loc and "city" in loc and "address" not in loc))


def _abbrev_end(t: str) -> bool:
    """Ends with an abbreviation ("Inc.", "S.A.", "Co.") rather than a sentence."""
    last = t.split()[-1] if t.split() else ""
    return len(t.split()) <= 12 and ("." in last[:-1] or (len(last) <= 5 and last[:1].isupper()))


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
        and not (t.endswith((";", ":")) or (t.endswith(".") and not _abbrev_end(t)))
        and not (t[:1].islower() and it.words > 6 and not it.bold and not re.search(r",|—|–|\|", t))
    )


_LOCATION_TAIL = re.compile(r"^(.*?)\s+[-–—|]\s+([^-–—|,]+,\s*[^-–—|,]+?)\s*([-–—|]?)\s*$")
_PLACE_WORDS = re.compile(r"^[^\W\d_][\w .'’]*,\s*[^\W\d_][\w .'’]*$")


def location_tail(text: str) -> tuple[str, str]:
    """("Northwind Ltd", "Pune, Maharashtra") from "Northwind Ltd - Pune, Maharashtra"; else (text, "")."""
    tail = _LOCATION_TAIL.match(text)
    if tail and title_score(tail.group(2)) <= 0 and parse_location(tail.group(2)):
        return tail.group(1), tail.group(2).strip()
    return dashed_place(text)


_DASHED = re.compile(r"^(.*?\S)\s+[-–—]\s+([^-–—|]+?)\s*[-–—]\s*$")
_ONE_PLACE = re.compile(r"^(?:[A-ZÀ-Þ][\w.'’]*)(?:\s[A-ZÀ-Þ][\w.'’]*){0,2}$")


def dashed_place(text: str) -> tuple[str, str]:
    """Job-board exports write "Company -  city, Region -" or "Company -  City -": the place
    between the two dashes is the location, even in lower case or misspelt; else (text, "")."""
    m = _DASHED.match(text)
    if not m:
        return text, ""
    place = m.group(2).strip()
    if not (_PLACE_WORDS.match(place) or _ONE_PLACE.match(place)):
        return text, ""
    if title_score(place) > 0 or org_score(place) > 0:
        return text, ""
    return m.group(1), place


def split_parts(text: str) -> list[str]:
    """A header line's fields, split at the strongest kind of separator the line uses."""
    text = re.sub(r"(?<=\S) {2}(?=\S)", " ", text).strip()
    if "," in text and not re.search(r"\s{3,}", text) and _strong_location(text.strip(" ·|•-–—")):
        return [text.strip(" ·|•-–—")]
    head, place = location_tail(text)
    if place:
        return split_parts(head) + [place]
    comma_tail = re.match(r"^(.*?\S),\s*([^,]+,\s*[^,]+)$", text)
    if comma_tail and "," not in comma_tail.group(1)[-6:] and _strong_location(comma_tail.group(2)):
        return split_parts(comma_tail.group(1)) + [comma_tail.group(2).strip()]
    protected = LEGAL.sub("\x00 ", text)
    parts = [protected]
    for tier in SEP_TIERS:
        pieces = [p for p in tier.split(protected) if p.strip(" ,;:–—-|·•")]
        if len(pieces) >= 2:
            parts = pieces
            break
        if len(pieces) == 1:
            protected = pieces[0].strip()
            parts = [protected]
    out = []
    for p in parts:
        p = p.replace("\x00", ",").strip(" ,;:–—-|")
        if p.startswith("(") and p.endswith(")"):
            p = p[1:-1]
        if p and re.search(r"\w", p):
            sub = re.match(r"^(.*?\S),\s*([^,]+,\s*[^,]+)$", p) if len(parts) > 1 else None
            if sub and _strong_location(sub.group(2)):
                out.extend([sub.group(1).strip(), sub.group(2).strip()])
            else:
                out.append(p)
    return out


def _non_location(parts: list[str]) -> list[str]:
    return [p for p in parts if not (parse_location(p) and title_score(p) <= 0)]


def _fields(text: str) -> list[str]:
    """A header line's parts other than its location."""
    parts = _non_location(split_parts(dashed_place(re.sub(r"\s+", " ", text).strip())[0]))
    return [p for p in parts if not FIELD_LABEL.fullmatch(p)]


DURATION = re.compile(
    r"\s*[(·•|,]?\s*\(?\s*(?:\d+\s*(?:yrs?|years?|mos?|months?|ans?|mois|jahre?|monate?|años?|meses|anos?)\b\.?\s*){1,2}\)?",
    re.I,
)


def remove_dates(text: str, dr: DateRange | None) -> str:
    """The line without its date range and a duration printed beside it ("(3 yrs 11 mos)")."""
    if dr is None:
        return text
    tail = text[dr.pos[1]:]
    dur = DURATION.match(tail)
    if dur:
        tail = tail[dur.end():]
    head = re.sub(r"\s*[~≈]\s*\d+\+?\s*(?:yrs?|years?|mos?|months?|ans?|jahre?|años?|anos?)\b\.?(?=[\s(\[]*$)", "", text[: dr.pos[0]],
                  flags=re.I)  # "Company ~ 7 years (2015 - Present)": the time spent there, before the dates
    out = (head + "   " + tail).strip()
    out = re.sub(r"[(\[]\s*[)\]]", " ", out)
    out = re.sub(r"\s*,\s*\.?\s*$", "", out)  # "Title, Company, April 2022 - May 2023." leaves no ", ."
    out = re.sub(r"^\s*:\s*", "", out)  # "Feb 2019 - present: Title, Company" leaves no ": "
    return re.sub(r"\s*[(\[]\s*$|^\s*[)\]]\s*", "", out).strip()


def _join_title_runs(parts: list[str], text: str) -> list[str]:
    """'Company — Team Lead | Engineering Manager': adjacent job titles are one title, as written."""
    if len(parts) < 3:
        return parts
    out = [parts[0]]
    for p in parts[1:]:
        prev = out[-1]
        if title_score(prev) - org_score(prev) > 0 and title_score(p) - org_score(p) > 0:
            i, j = text.find(prev), text.find(p)
            if 0 <= i < j:
                out[-1] = text[i : j + len(p)].strip()
                continue
        out.append(p)
    return out


REMARK = re.compile(r"\s*\(([^()]*)\)\s*$")


def _without_remark(text: str) -> str:
    """"DfE (mostly working in SQL)" -> "DfE": a closing aside of three or more words, mostly in
    lower case, is a remark about the job, not part of a name ("(Example Holdings GmbH)" stays)."""
    m = REMARK.search(text)
    words = m.group(1).split() if m else []
    if m and m.start() > 0 and len(words) >= 3 and sum(w[:1].islower() for w in words) * 2 > len(words):
        return text[: m.start()].rstrip()
    return text


def _join_acronyms(parts: list[str], text: str) -> list[str]:
    """"THG - The Hut Group": an acronym beside the words it stands for is one name, as written."""
    out: list[str] = []
    for p in parts:
        prev = out[-1] if out else ""
        short, long_ = (prev, p) if len(prev) < len(p) else (p, prev)
        initials = "".join(w[0] for w in re.findall(r"[^\W\d_][\w'’.-]*", long_)).upper()
        i, j = text.find(prev), text.find(p)
        if prev and re.fullmatch(r"[A-Z]{2,6}", short) and short == initials and 0 <= i < j:
            out[-1] = text[i : j + len(p)].strip()
            continue
        out.append(p)
    return out


def _assign(role: Role, lines: list[tuple[str, Item]], order_votes: list[int]) -> None:
    """Decide which parts are the title, the organisation and the location."""
    _assign_parts(role, lines, order_votes)
    for name in ("title", "company", "location"):
        value = _without_remark(getattr(role, name))
        if value.endswith(".") and not _abbrev_end(value):  # "..., Company." ends a sentence, not a name
            value = value[:-1].rstrip()
        setattr(role, name, value)


def _without_unit(part: str) -> str:
    """"Analytical Lead, Pricing Team" -> "Analytical Lead": a team or department after the job
    title names where in the organisation the job was, not the job."""
    head, sep, tail = re.split(r"(,\s+)(?=[^,]*$)", part) if "," in part else ("", "", "")
    if sep and unit_score(tail) > 0 and title_score(tail) <= 0 and _reads_as_title(head):
        return head
    return part


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
                _strong_location(p) or (parse_location(p) and title_score(p) <= 0 and n_parts >= 3)
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
    parts = [_without_unit(p) for p in _join_acronyms(_join_title_runs(parts, joined), joined)]
    if len(parts) > 2 and not any(_reads_as_title(p) for p in parts[:2]):
        later = next((p for p in parts[2:] if _reads_as_title(p)), None)
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
        complete = not parse_location(rest.strip(" |·•-–—")) and len(_fields(rest)) >= 2
        if not complete and j > taken_until and is_header_like(items[j]) and dated(items[j]) is None:
            start = j
            k = j - 1
            one_part = len(_fields(items[j].text)) == 1 and not _fields(rest)
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


def _reads_as_title(text: str) -> bool:
    return title_score(text) - org_score(text) > 0


def _title_above(items: list[Item], start: int, i: int, rest: str, taken_until: int) -> bool:
    """Whether the line above a role's organisation line is the job title: a one-field line that
    reads as a title, over header lines of which no part does, with no title line under them."""
    k = start - 1
    if k <= taken_until or i + 1 > len(items):
        return False
    above = items[k]
    if above.bullet or dated(above) is not None or above.words > 10 or not is_header_like(above):
        return False
    fields = _gap_fields(above.text)
    header = [f for it in items[start:i] for f in _gap_fields(it.text)] + _gap_fields(rest)
    below = items[i + 1] if i + 1 < len(items) else None
    # a title line under the header wins, unless the line above opens the section (no body before it)
    return (len(fields) == 1 and _reads_as_title(fields[0]) and not any(_reads_as_title(f) for f in header)
            and (below is None or _title_line(below) is None or k == 0))


def _gap_fields(text: str) -> list[str]:
    """A header line's fields, wide gaps kept as separators, without places, labels and icon glyphs."""
    parts = [q.strip(" ,;") for p in split_parts(dashed_place(text)[0]) for q in re.split(r"\s{3,}", p)]
    return [p for p in parts if len(p) > 1 and not FIELD_LABEL.fullmatch(p) and _non_location([p])]


def _organisation_of_unit_pair(role: Role, head: list[tuple[str, Item]]) -> None:
    """A title on its own line and "Unit, Organisation" (or "Organisation - Unit") on another: the
    organisation is the part that reads most like one, the unit is neither title nor place."""
    lines = [_gap_fields(EMPLOYMENT_LABEL.sub("", t)) for t, _ in head]
    if not role.title or [role.title] not in lines:
        return
    pairs = [fs for fs in lines if len(fs) == 2]
    if len(pairs) != 1 or all(_reads_as_title(f) for f in pairs[0]):
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
    fields = _fields(it.text)
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
    place = next((p for p in fields[1:] if _strong_location(p) or (parse_location(p) and title_score(p) <= 0)), "")
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
