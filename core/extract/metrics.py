"""Numbers that measure an achievement: percentages, money, counts, durations, team sizes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

NUM = r"\d[\d,.\s]*\d|\d"
SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "millions": 1e6, "b": 1e9, "bn": 1e9,
         "billion": 1e9}
CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP",
            "dollars": "USD", "euros": "EUR", "pounds": "GBP", "chf": "CHF", "cad": "CAD", "aud": "AUD"}
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("team_size", re.compile(
        rf"(?:team|group|staff|squad|crew) of (?P<n>{NUM})|(?:managed|led|leading|managing|supervised|mentored|"
        rf"coached|hired|built|trained)\s+(?:a\s+(?:team\s+of\s+)?)?(?P<n2>{NUM})\+?\s+(?:\w+\s+)?"
        rf"(?:engineers|developers|people|staff|employees|reports|designers|analysts|interns|members|"
        rf"scientists|researchers|consultants|agents|nurses|teachers|volunteers|direct reports)|"
        rf"(?P<n3>{NUM})[- ](?:person|people|member|strong)\s+team", re.I)),
    ("money", re.compile(
        rf"(?P<cur>[$€£¥₹])\s?(?P<n>{NUM})\s?(?P<scale>k|m|mm|bn|b|million|billion|thousand)?\b|"
        rf"(?P<n2>{NUM})\s?(?P<scale2>k|m|mm|bn|million|billion|thousand)?\s?(?P<cur2>usd|eur|gbp|chf|cad|aud|dollars|euros|pounds)\b",
        re.I)),
    ("percent", re.compile(rf"(?P<n>{NUM})\s?(?:%|percent\b|per cent\b|pct\b)", re.I)),
    ("duration", re.compile(
        rf"(?P<n>{NUM})\+?\s?(?P<unit>hours?|hrs?|days?|weeks?|months?|years?|yrs?|minutes?|mins?|seconds?|ms|milliseconds?)\b",
        re.I)),
    ("count", re.compile(rf"(?P<n>{NUM})\s?(?P<scale>k|m|million|thousand)?\+?\s+(?P<unit>[a-z][a-z-]+(?:\s[a-z]+)?)", re.I)),
]
STOP_UNITS = {"and", "or", "to", "of", "in", "the", "a", "an", "per", "by", "from", "with", "for", "on", "at"}


@dataclass(frozen=True, slots=True)
class Metric:
    kind: str
    value: float
    unit: str
    text: str
    start: int
    end: int

    def attributes(self) -> dict[str, Any]:
        """A metric fact's attributes (also kept in its achievement's `metrics` list)."""
        return {"kind": self.kind, "value": self.value, "unit": self.unit, "text": self.text}


def _num(s: str) -> float | None:
    s = s.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", s):
        s = s.replace(".", "").replace(",", ".")
    else:
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def find_metrics(text: str) -> list[Metric]:
    """Metrics in one achievement text, non-overlapping, left to right."""
    out: list[Metric] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            if any(m.start() < b and m.end() > a for a, b in taken):
                continue
            g = m.groupdict()
            raw = g.get("n") or g.get("n2") or g.get("n3") or ""
            value = _num(raw)
            if value is None:
                continue
            unit = ""
            if kind == "money":
                cur = g.get("cur") or g.get("cur2") or ""
                unit = CURRENCY.get(cur.lower(), cur)
                scale = (g.get("scale") or g.get("scale2") or "").lower()
                value *= SCALE.get(scale, 1)
            elif kind == "percent":
                unit = "%"
            elif kind == "duration":
                unit = (g.get("unit") or "").lower().rstrip("s")
            elif kind == "team_size":
                unit = "people"
            elif kind == "count":
                unit = (g.get("unit") or "").lower()
                if unit.split()[0] in STOP_UNITS or re.fullmatch(r"(19|20)\d\d", raw):
                    continue
                unit = unit.split()[0] if unit.split()[-1] in STOP_UNITS else unit
                value *= SCALE.get((g.get("scale") or "").lower(), 1)
            taken.append((m.start(), m.end()))
            out.append(Metric(kind, value, unit, m.group(0).strip(), m.start(), m.end()))
    return sorted(out, key=lambda x: x.start)
