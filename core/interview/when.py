"""Dates, date ranges and durations as people type them in a chat: 'spring 2019', 'from 3/2018 to
now', 'March of 2017', 'since 2020', 'two and a half years'. Values keep the precision shown."""

from __future__ import annotations

import re

from core.extract.dates import MONTHS, SEASONS, fold
from core.interview.numbers import APPROX, NUMBER, to_number
from core.interview.values import Value

YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_MONTH = "|".join(sorted((re.escape(k) for k in MONTHS if len(k) >= 3), key=len, reverse=True))
_SEASON = "|".join(SEASONS)
_EDGE = r"(?:early|late|mid|middle\s+of|end\s+of|the\s+end\s+of|beginning\s+of|the\s+beginning\s+of|start\s+of|the\s+start\s+of)"
DATE_RX = (
    rf"(?:(?P<edge>{_EDGE})[\s-]*)?(?:(?:the\s+)?(?P<season>{_SEASON})(?:\s+of)?,?\s+'?(?P<sy>{YEAR})"
    rf"|(?P<month>{_MONTH})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+of|,)?\s*(?:(?P<my>{YEAR})|['’](?P<my2>\d\d))"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH})\.?,?\s+(?P<my3>{YEAR})"
    rf"|(?P<ny>{YEAR})\s*[-/.]\s*(?P<nm>0?[1-9]|1[0-2])(?![\d])"
    rf"|(?:\d{{1,2}}[/.])?(?P<nm2>0?[1-9]|1[0-2])\s*[/.-]\s*(?P<ny2>{YEAR})"
    rf"|(?P<nm3>0?[1-9]|1[0-2])\s*/\s*(?P<ny3>\d\d)(?![\d/])"
    rf"|(?P<year>{YEAR})|['’](?P<y2>\d\d))"
)
PRESENT_RX = (r"(?:the\s+)?(?:present|now|today|current(?:ly)?|ongoing|to\s+date|this\s+day|still(?:\s+(?:there|here|"
              r"working\s+there|going|on))?|(?:i\s+(?:am|'m)\s+)?still\s+there|right\s+now|nowadays)")
DATE_RE = re.compile(rf"(?<![\w/]){DATE_RX}(?![\w/])", re.I)
PRESENT_RE = re.compile(rf"(?<!\w){PRESENT_RX}(?!\w)", re.I)
SINCE_RE = re.compile(r"\b(?:since|ever\s+since|starting\s+(?:in|from)|still\b|currently|to\s+this\s+day|"
                      r"(?:am|'m|are|is)\s+(?:still\s+)?(?:there|working))", re.I)


def _two_digit(yy: str) -> str:
    y = int(yy)
    return str(2000 + y if y < 50 else 1900 + y)


def _date_value(m: re.Match[str]) -> tuple[str, bool]:
    """(YYYY or YYYY-MM, approximate?) of one DATE_RE match."""
    g = m.groupdict()
    approx = bool(g["edge"])
    if g["season"]:
        return f"{g['sy']}-{SEASONS[g['season'].lower()]:02d}", True
    if g["month"]:
        year = g["my"] or _two_digit(g["my2"])
        return f"{year}-{MONTHS[fold(g['month']).rstrip('.')]:02d}", approx
    if g["month2"]:
        return f"{g['my3']}-{MONTHS[fold(g['month2'])]:02d}", approx
    if g["ny"]:
        return f"{g['ny']}-{int(g['nm']):02d}", approx
    if g["nm2"]:
        return f"{g['ny2']}-{int(g['nm2']):02d}", approx
    if g["nm3"]:
        return f"{_two_digit(g['ny3'])}-{int(g['nm3']):02d}", approx
    return (g["year"] or _two_digit(g["y2"])), approx


def find_dates(answer: str) -> list[Value]:
    """Every date in an answer, left to right, at the precision the person gave."""
    folded = fold(answer) if len(fold(answer)) == len(answer) else answer.lower()
    out = []
    for m in DATE_RE.finditer(folded):
        if m.group("y2") and folded[:m.start()].strip() and \
                not re.search(r"(?:\b(?:in|since|from|until|till|to|and)|-|–)\s*$", folded[:m.start()]):
            continue  # a lone '19 is a year only after a date word
        value, approx = _date_value(m)
        out.append(Value("date", value, answer[m.start():m.end()], m.start(), m.end(), approx=approx))
    return out


def parse_date(answer: str) -> Value | None:
    """The first date in the answer ('spring 2019' -> 2019-03, approximate)."""
    found = find_dates(answer)
    return found[0] if found else None


def parse_date_range(answer: str) -> Value | None:
    """'from 3/2018 to now', '2016-2019', 'since spring 2020', 'May 2015 until June 2017'.

    The value is {'start', 'end', 'present'}; a lone date gives a start (or an end when the answer
    says 'until'/'left in'). Spans cover the first to the last word used.
    """
    dates = find_dates(answer)
    present = next((m for m in PRESENT_RE.finditer(answer) if not dates or m.start() > dates[0].start), None)
    if not dates:
        return None
    first = dates[0]
    if len(dates) >= 2:
        second = dates[1]
        start_v, end_v = first.value, second.value
        if end_v < start_v and len(end_v) == len(start_v):
            start_v, end_v = end_v, start_v
        value = {"start": start_v, "end": end_v, "present": False}
        return Value("date_range", value, answer[first.start:second.end], first.start, second.end,
                     approx=first.approx or second.approx)
    if present is not None or SINCE_RE.search(answer):
        end = present.end() if present is not None else first.end
        start = min(first.start, present.start()) if present is not None else first.start
        return Value("date_range", {"start": first.value, "end": None, "present": True}, answer[start:end],
                     start, end, approx=first.approx)
    before = answer[:first.start].lower()
    if re.search(r"\b(?:until|till|up\s+to|left(?:\s+in)?|ended(?:\s+in)?|finished(?:\s+in)?|to)\s*$", before):
        return Value("date_range", {"start": None, "end": first.value, "present": False}, first.text,
                     first.start, first.end, approx=first.approx)
    return Value("date_range", {"start": first.value, "end": None, "present": False}, first.text, first.start,
                 first.end, approx=first.approx)


# -- durations ----------------------------------------------------------------------------------
_UNIT_MONTHS = {"year": 12.0, "yr": 12.0, "month": 1.0, "mo": 1.0, "week": 12 / 52, "wk": 12 / 52,
                "day": 12 / 365, "decade": 120.0}
_UNIT = r"(?P<unit>years?|yrs?|months?|mos?|weeks?|wks?|days?|decades?)"
DURATION_RE = re.compile(
    rf"(?P<approx>\b{APPROX}\s+)?(?:(?P<half_a>half\s+a)|(?P<n>{NUMBER}|a|an)(?P<and_half>\s+and\s+a\s+half)?)"
    rf"\+?\s*-?\s*{_UNIT}\b(?P<tail>\s+and\s+a\s+half)?", re.I)


def parse_duration(answer: str) -> Value | None:
    """'18 months', 'two and a half years', 'a year and a half', '2 years and 3 months' -> months."""
    total, first, last, approx = 0.0, None, None, False
    for m in DURATION_RE.finditer(answer):
        if first is not None and not re.fullmatch(r"\s*(?:,|and|,\s*and)?\s*", answer[last.end():m.start()]):  # type: ignore[union-attr]
            break
        if m.group("half_a"):
            n = 0.5
        else:
            raw = m.group("n")
            n = 1.0 if raw.lower() in ("a", "an") else (to_number(raw) or 0.0)
            if m.group("and_half") or m.group("tail"):
                n += 0.5
        unit = m.group("unit").lower().rstrip("s") or "mo"
        total += n * _UNIT_MONTHS.get(unit, _UNIT_MONTHS.get(unit[:2], 1.0))
        approx = approx or bool(m.group("approx"))
        first = first or m
        last = m
    if first is None or last is None or total <= 0:
        return None
    return Value("duration", round(total, 2), answer[first.start():last.end()], first.start(), last.end(),
                 unit="months", approx=approx)
