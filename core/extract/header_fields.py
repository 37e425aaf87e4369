"""The fields of an entry's header line: separators, places, dates and durations, remarks, units."""

from __future__ import annotations

import re

from core.extract.contact import parse_location
from core.extract.dates import DateRange
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


FIELD_LABEL = re.compile(
    r"(?i)(?:period|duration|tenure|dates?|responsibilit(?:y|ies)|roles?(?: and responsibilities)?|client|"
    r"project(?: name| title)?|team size|environment|tools|technologies|(?:date of )?joining(?: date)?(?: from)?|"
    r"from|since|worked (?:from|since))"
)


def strong_location(text: str) -> bool:
    """A location beyond doubt: three parts, a country, a postal code or a short region code."""
    loc = parse_location(text)
    if not loc or title_score(text) > 0:
        return False
    region = loc.get("region", "")
    return (text.count(",") >= 2 or "countryCode" in loc or (region.isupper() and len(region) <= 3)
            or ("postalCode" in loc and "city" in loc and "address" not in loc))


def abbrev_end(t: str) -> bool:
    """Ends with an abbreviation ("Inc.", "S.A.", "Co.") rather than a sentence."""
    last = t.split()[-1] if t.split() else ""
    return len(t.split()) <= 12 and ("." in last[:-1] or (len(last) <= 5 and last[:1].isupper()))


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
    if "," in text and not re.search(r"\s{3,}", text) and strong_location(text.strip(" ·|•-–—")):
        return [text.strip(" ·|•-–—")]
    head, place = location_tail(text)
    if place:
        return split_parts(head) + [place]
    comma_tail = re.match(r"^(.*?\S),\s*([^,]+,\s*[^,]+)$", text)
    if comma_tail and "," not in comma_tail.group(1)[-6:] and strong_location(comma_tail.group(2)):
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
            if sub and strong_location(sub.group(2)):
                out.extend([sub.group(1).strip(), sub.group(2).strip()])
            else:
                out.append(p)
    return out


def non_location(parts: list[str]) -> list[str]:
    return [p for p in parts if not (parse_location(p) and title_score(p) <= 0)]


def fields_of(text: str) -> list[str]:
    """A header line's parts other than its location."""
    parts = non_location(split_parts(dashed_place(re.sub(r"\s+", " ", text).strip())[0]))
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


def join_title_runs(parts: list[str], text: str) -> list[str]:
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


def without_remark(text: str) -> str:
    """"DfE (mostly working in SQL)" -> "DfE": a closing aside of three or more words, mostly in
    lower case, is a remark about the job, not part of a name ("(Example Holdings GmbH)" stays)."""
    m = REMARK.search(text)
    words = m.group(1).split() if m else []
    if m and m.start() > 0 and len(words) >= 3 and sum(w[:1].islower() for w in words) * 2 > len(words):
        return text[: m.start()].rstrip()
    return text


def join_acronyms(parts: list[str], text: str) -> list[str]:
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


def without_unit(part: str) -> str:
    """"Analytical Lead, Pricing Team" -> "Analytical Lead": a team or department after the job
    title names where in the organisation the job was, not the job."""
    head, sep, tail = re.split(r"(,\s+)(?=[^,]*$)", part) if "," in part else ("", "", "")
    if sep and unit_score(tail) > 0 and title_score(tail) <= 0 and reads_as_title(head):
        return head
    return part


def reads_as_title(text: str) -> bool:
    return title_score(text) - org_score(text) > 0


def gap_fields(text: str) -> list[str]:
    """A header line's fields, wide gaps kept as separators, without places, labels and icon glyphs."""
    parts = [q.strip(" ,;") for p in split_parts(dashed_place(text)[0]) for q in re.split(r"\s{3,}", p)]
    return [p for p in parts if len(p) > 1 and not FIELD_LABEL.fullmatch(p) and non_location([p])]
