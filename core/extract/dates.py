"""Dates and date ranges as resumes write them (en/fr/es/de month names, numeric forms, 'Present')."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MONTHS: dict[str, int] = {}
_NAMES = {  # en, fr, es, de, it, pt, nl (folded: accents removed)
    1: "january jan janv janvier enero ene januar jän jaen gennaio gen janeiro januari",
    2: "february feb fev fevr fevrier febrero februar febbraio fevereiro februari",
    3: "march mar mars marzo marz maerz marco maart mrt",
    4: "april apr avr avril abril abr aprile",
    5: "may mai mayo maggio mag maio mei",
    6: "june jun juin junio juni giugno giu junho",
    7: "july jul juil juillet julio juli luglio lug julho",
    8: "august aug aout agosto ago augustus",
    9: "september sep sept septembre septiembre set settembre setembro",
    10: "october oct octobre octubre okt oktober ottobre ott outubro",
    11: "november nov novembre noviembre novembro",
    12: "december dec decembre diciembre dic dez dezember dicembre dezembro",
}
for _m, _words in _NAMES.items():
    for _w in _words.split():
        MONTHS[_w] = _m
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12, "printemps": 3, "ete": 6,
           "automne": 9, "hiver": 12}

PRESENT_WORDS = (
    r"(?:(?:a|la|o)\s+)?(?:data|fecha)\s+(?:atual|actual)|(?:a|hasta)\s+la\s+fecha|present|current(?:ly)?|(?:till|until|up\s*to)\s*(?:date|now|today)|now|today|ongoing|date|aujourd'?hui|aujourd’hui|actuel(?:lement)?|en cours|"
    r"actualidad|presente|hoy|heute|aktuell|derzeit|jetzt|oggi|atualmente|atual|momento|in corso|attuale|"
    r"huidig|heden|nu"
)
_MONTH_RE = "|".join(sorted((re.escape(k) for k in MONTHS), key=len, reverse=True))
_SEASON_RE = "|".join(SEASONS)
YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
DATE = (
    rf"(?:(?:(?:{_MONTH_RE}|{_SEASON_RE})\.?,?\s*(?:de\s+|del\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?'?{YEAR})"
    rf"|(?:\d{{1,2}}\.?\s*(?:{_MONTH_RE})\.?\s+{YEAR})"
    rf"|(?:{YEAR}[-/.](?:0?[1-9]|1[0-2])(?![\d]))"
    rf"|(?:(?:0?[1-9]|1[0-2])\s*[/.-]\s*{YEAR})"
    rf"|(?:\d{{1,2}}[/.](?:0?[1-9]|1[0-2])[/.]{YEAR})"
    rf"|(?:(?:{_MONTH_RE})\.?\s*['’]\d\d)"
    rf"|(?:'\d\d)"
    rf"|(?:{YEAR}))"
)
SEP = r"\s*(?:-|‐|‑|–|—|‒|―|−|~|to|until|till|through|thru|à|a|al|au|bis|hasta|jusqu'?à|até|ate|tot|→|>|/)\s*"
PRESENT = rf"(?:{PRESENT_WORDS})"
RANGE_RE = re.compile(  # "from"-words open a range, but ", DE" before the dates is a country code
    rf"(?<![\w/])(?:(?<!,\s)(?:from|de|desde|von|du|since|depuis|seit)\s+)?(?P<start>{DATE})(?:{SEP}(?P<end>{DATE}|{PRESENT}))?(?![\w/])",
    re.I,
)
PRESENT_RE = re.compile(rf"^(?:{PRESENT})$", re.I)


def fold(text: str) -> str:
    """Lowercase ASCII folding (accents removed) keeping string length where possible."""
    if text.isascii():
        return text.lower()
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)) or ch
        out.append(base[0] if len(base) >= 1 else ch)
    return "".join(out).lower()


@dataclass(frozen=True, slots=True)
class DateRange:
    """A start/end pair found in a line; end None with present=True means ongoing."""

    start: str | None  # YYYY or YYYY-MM
    end: str | None
    present: bool
    pos: tuple[int, int]  # character span in the line


def parse_date(text: str) -> str | None:
    """One date as 'YYYY-MM' or 'YYYY' at the precision shown; None if not a date."""
    t = fold(text).strip().strip(".,")
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})", t)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    m = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{4})", t)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    m = re.fullmatch(r"\d{1,2}[/.](\d{1,2})[/.](\d{4})", t)
    if m:
        return f"{m.group(2)}-{int(m.group(1)):02d}" if int(m.group(1)) <= 12 else m.group(2)
    m = re.fullmatch(r"(?:([a-z]+)\.?\s*)?['’](\d\d)", t)
    if m:
        y = int(m.group(2))
        year2 = str(2000 + y if y < 50 else 1900 + y)
        month = MONTHS.get(m.group(1) or "")
        return f"{year2}-{month:02d}" if month else year2
    ym = re.search(r"(\d{4})", t)
    if not ym:
        return None
    year: str = ym.group(1)
    for word in re.findall(r"[a-z]+", t):
        if word in MONTHS:
            return f"{year}-{MONTHS[word]:02d}"
    return year


_MONTH_BEFORE = re.compile(rf"(?<![\w/])({_MONTH_RE})\.?{SEP}$", re.I)
# the end month with no year of its own; a bare month never at the line's end, where the year may be wrapped
_MONTH_AFTER = re.compile(
    rf"{SEP}(?:\d{{1,2}}(?:st|nd|rd|th)?\s+({_MONTH_RE})|({_MONTH_RE})\b(?!\.?\s*$))\b\.?(?![\w/-]|\s*,?\s*['’]?\d)", re.I
)


def find_ranges(line: str) -> list[DateRange]:
    """Every date or date range in a line, left to right."""
    out = []
    folded = fold(line)
    for m in RANGE_RE.finditer(folded):
        start = parse_date(m.group("start"))
        if start is None:
            continue
        lead = _MONTH_BEFORE.search(folded[: m.start()]) if not m.group("end") and len(start) == 7 else None
        if lead and lead.group(1) in MONTHS:
            # "Avril - Juin 2017": the first month takes the year of the second
            first = f"{start[:4]}-{MONTHS[lead.group(1)]:02d}"
            if first <= start:
                out.append(DateRange(first, start, False, (lead.start(), m.end())))
                continue
        tail = _MONTH_AFTER.match(folded[m.end():]) if not m.group("end") and len(start) == 7 else None
        month = MONTHS.get((tail.group(1) or tail.group(2)) if tail else "", 0)
        if tail and month >= int(start[5:]):
            # "April 2022 until 30 August": the second month is in the first one's year
            out.append(DateRange(start, f"{start[:4]}-{month:02d}", False, (m.start(), m.end() + tail.end())))
            continue
        end_raw = m.group("end")
        present = bool(end_raw and PRESENT_RE.match(end_raw.strip()))
        if not end_raw and re.match(r"(?:since|depuis|seit|desde)\b", m.group(0)):
            present = True
        end = None if present or not end_raw else parse_date(end_raw)
        out.append(DateRange(start, end, present, (m.start(), m.end())))
    return out


def best_range(line: str) -> DateRange | None:
    """The date range of a line: a real range (with an end or 'present') wins over a lone date."""
    ranges = find_ranges(line)
    if not ranges:
        return None
    full = [r for r in ranges if r.end or r.present]
    return full[-1] if full else ranges[-1]
