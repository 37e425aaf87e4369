"""Rule-based requirement finders for one sentence: years, degrees, certifications, languages, place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15}
_NUM = r"(\d{1,2}(?:\.\d)?|" + "|".join(NUMBER_WORDS) + r")"
YEARS = re.compile(_NUM + r"\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*" + _NUM + r"\s*\+?\s*)?(?:\(\d+\)\s*)?"
                   r"(?:years?|yrs?)(?:['’]s?)?\b(?P<rest>[^.;\n]{0,90})", re.I)
EXPERIENCE_WORD = re.compile(r"\b(experience|experienced|working|work|background|track record)\b", re.I)

DEGREES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (4, re.compile(r"\b(ph\.?\s?d\.?|doctorate|doctoral|doctor of)\b", re.I)),
    (3, re.compile(r"\b(master['’]?s?|m\.s\.c?|msc|m\.?eng|mba|m\.a\.|graduate degree|advanced degree)(?=\W|$)"
                   r"|\bMS(?=\s*(?:/|or\b|in\b|degree))", re.I)),
    (2, re.compile(r"\b(bachelor['’]?s?|b\.?s\.?c?\.?(?=\W)|bsc|b\.a\.|ba/bs|bs/ba|b\.?tech|undergraduate degree|"
                   r"4[- ]year degree|four[- ]year degree|college degree|university degree)", re.I)),
    (1, re.compile(r"\b(associate['’]?s? degree|high school diploma|ged)\b", re.I)),
)
BARE_DEGREE = re.compile(r"\b(degree|diploma)\b", re.I)
DEGREE_FIELD = re.compile(r"\b(?:degree|bachelor['’]?s?|master['’]?s?|ph\.?d\.?|bs|ms|ba|ma|b\.s\.|m\.s\.)"
                          r"[^.;\n]{0,30}?\s(?:in|of)\s+(?:a\s+)?(?P<field>[^.;\n()]{3,160})", re.I)
FIELD_STOP = re.compile(r"\b(or equivalent|or related|and \d|with \d|plus|preferred|required|from an?|"
                        r"is required|strongly|and/or equivalent|\d+\+? years)\b", re.I)

CERT_NAMED = re.compile(
    r"\b(PMP|CPA|CFA|CISSP|CISM|CISA|CCNA|CCNP|CSM|PMI-ACP|Six Sigma(?: (?:Green|Black) Belt)?|ITIL|"
    r"AWS Certified(?: [A-Z][\w-]*){0,4}|Azure(?: [A-Z][\w-]*){0,3} Certified|"
    r"Google Cloud Certified(?: [A-Z][\w-]*){0,4}|Certified [A-Z][\w-]*(?: [A-Z][\w-]*){0,4}|RN|BLS|ACLS|Security\+|CompTIA [A-Z][\w+]*|CDL|FRM|SHRM-C?P)\b")
CERT_GENERIC = re.compile(r"\b([A-Z][\w+/-]*(?:\s[A-Z][\w+/-]*){0,3})\s+(certification|certificate|license|licence)\b")

HUMAN_LANGUAGES = ("English", "Spanish", "French", "German", "Mandarin", "Chinese", "Cantonese", "Japanese",
                   "Korean", "Portuguese", "Italian", "Russian", "Arabic", "Hindi", "Dutch", "Polish",
                   "Vietnamese", "Turkish", "Hebrew", "Swedish", "Tagalog")
LANGUAGE = re.compile(r"\b(?:fluen(?:t|cy)|bilingual|proficien(?:t|cy)|native|speak(?:s|ing)?|written and spoken|"
                      r"verbal and written)\b[^.;\n]{0,60}?\b(" + "|".join(HUMAN_LANGUAGES) + r")\b"
                      r"|\b(" + "|".join(HUMAN_LANGUAGES) + r")\b[^.;\n]{0,20}\b(?:fluency|speaking|required|proficiency)", re.I)

REMOTE = re.compile(r"\b(fully remote|100% remote|remote[- ]first|work from home|wfh|remote)\b", re.I)
HYBRID = re.compile(r"\bhybrid\b", re.I)
ONSITE = re.compile(r"\b(on[- ]?site|in[- ]office|in the office|office setting|relocat\w+)\b", re.I)
TRAVEL = re.compile(r"\b(?:travel\w*)\b[^.;\n]{0,40}?(\d{1,3})\s*%|(\d{1,3})\s*%[^.;\n]{0,20}\btravel", re.I)
TRAVEL_ANY = re.compile(r"\b(willing(?:ness)? to travel|travel (?:is )?required|ability to travel|must travel)\b", re.I)
CLEARANCE = re.compile(r"\b((?:top )?secret(?:/sci)? clearance|security clearance|clearance|"
                       r"u\.?s\.? citizen(?:ship)?|authori[sz]ed to work|work authori[sz]ation|visa sponsorship)\b", re.I)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # offsets inside the sentence
    end: int
    label: str
    value: str = ""
    number: float | None = None
    level: int | None = None
    fields: tuple[str, ...] = ()


def years_hits(sentence: str) -> Iterator[Hit]:
    """'5+ years of experience in X': the minimum and the rest of the clause (to find the skill)."""
    for m in YEARS.finditer(sentence):
        rest = m.group("rest") or ""
        before = sentence[max(0, m.start() - 40): m.start()]
        if not (EXPERIENCE_WORD.search(rest) or EXPERIENCE_WORD.search(before)):
            continue
        if re.search(r"\b(old|age|ago|history|founded|anniversary|credit|in business)\b", rest[:25], re.I):
            continue
        raw = m.group(1).lower()
        low = float(NUMBER_WORDS.get(raw, 0) or raw)
        if low <= 0 or low > 25:
            continue
        yield Hit(m.start(), m.end(), f"{low:g}+ years", rest, low)


def degree_hit(sentence: str) -> Hit | None:
    """The lowest degree level the sentence accepts ('Bachelor's or Master's' -> bachelor) with fields."""
    found: list[tuple[int, re.Match[str]]] = []
    for level, rx in DEGREES:
        m = rx.search(sentence)
        if m:
            found.append((level, m))
    if not found:
        m = BARE_DEGREE.search(sentence)
        if m is None or not re.search(r"\b(in|of)\b", sentence[m.end(): m.end() + 6]):
            return None
        found = [(2, m)]
    level, m = min(found, key=lambda lm: lm[0])
    start = min(mm.start() for _, mm in found)
    fields = degree_fields(sentence)
    end = max(mm.end() for _, mm in found)
    fm = DEGREE_FIELD.search(_no_abbrev_dots(sentence))
    if fields and fm is not None:  # the span covers the fields, so skills named there are not asked twice
        end = max(end, fm.end())
    names = {1: "Associate degree or diploma", 2: "Bachelor's degree", 3: "Master's degree", 4: "Doctorate"}
    return Hit(start, end, names[level], level=level, fields=fields)


def _no_abbrev_dots(sentence: str) -> str:
    """'e.g.' and 'i.e.' without dots (same length), so they do not end a field list."""
    return re.sub(r"\b(e)\.(g)\.|\b(i)\.(e)\.", lambda m: m.group(0).replace(".", ","), sentence)


def degree_fields(sentence: str) -> tuple[str, ...]:
    m = DEGREE_FIELD.search(_no_abbrev_dots(sentence))
    if m is None:
        return ()
    text = m.group("field")
    stop = FIELD_STOP.search(text)
    if stop:
        text = text[: stop.start()]
    parts = re.split(r"\be,g,|\bi,e,|,|/|\bor\b|\band\b|\bsuch as\b|\bincluding\b", text)
    out = []
    for p in parts:
        p = re.sub(r"^(?:a |an |the |related |relevant |quantitative )", "", p.strip().lower()).strip(" .:")
        if 3 <= len(p) <= 40 and p not in ("field", "related field", "similar", "equivalent", "discipline"):
            out.append(p)
    return tuple(dict.fromkeys(out))


def certification_hits(sentence: str) -> Iterator[Hit]:
    taken: list[tuple[int, int]] = []
    for rx in (CERT_NAMED, CERT_GENERIC):
        for m in rx.finditer(sentence):
            label = m.group(0).strip()
            if any(a < m.end() and m.start() < b for a, b in taken) or label.lower().startswith(("the ", "a ")):
                continue
            taken.append((m.start(), m.end()))
            yield Hit(m.start(), m.end(), label)


def language_hits(sentence: str) -> Iterator[Hit]:
    for m in LANGUAGE.finditer(sentence):
        name = (m.group(1) or m.group(2)).title()
        yield Hit(m.start(), m.end(), f"{name} language", value=name)


def place_hits(sentence: str) -> Iterator[Hit]:
    """Remote / hybrid / on-site, travel share, clearance or work authorisation."""
    for rx, value in ((HYBRID, "hybrid"), (REMOTE, "remote"), (ONSITE, "on-site")):
        m = rx.search(sentence)
        if m:
            yield Hit(m.start(), m.end(), f"Work {value}", value=value)
            break
    m = TRAVEL.search(sentence)
    if m:
        share = m.group(1) or m.group(2)
        yield Hit(m.start(), m.end(), f"Travel up to {share}%", value=f"{share}%", number=float(share))
    else:
        m2 = TRAVEL_ANY.search(sentence)
        if m2:
            yield Hit(m2.start(), m2.end(), "Willing to travel", value="yes")
    m3 = CLEARANCE.search(sentence)
    if m3:
        yield Hit(m3.start(), m3.end(), m3.group(0)[:1].upper() + m3.group(0)[1:], value=m3.group(0).lower())


SENIORITY_WORDS = (
    ("executive", re.compile(r"\b(chief|vp|vice president|head of|svp|evp|cto|ceo|cfo)\b", re.I)),
    ("manager", re.compile(r"\b(manager|director)\b", re.I)),
    ("principal", re.compile(r"\b(principal|distinguished|fellow)\b", re.I)),
    ("lead", re.compile(r"\b(lead|staff|architect)\b", re.I)),
    ("senior", re.compile(r"\b(senior|sr\.?|iii|iv)\b", re.I)),
    ("junior", re.compile(r"\b(junior|jr\.?|entry[- ]level|associate|graduate|i)\b", re.I)),
    ("intern", re.compile(r"\b(intern|internship|trainee|apprentice)\b", re.I)),
)


def seniority_of(title: str, years: float | None) -> str:
    """Seniority from the title's words, else from the years asked."""
    for name, rx in SENIORITY_WORDS:
        if rx.search(title):
            return name
    if years is None:
        return ""
    return "junior" if years < 2 else "mid" if years < 5 else "senior"
