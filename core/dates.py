"""Career dates as stored in facts: partial dates ("YYYY", "YYYY-MM", "YYYY-MM-DD"), "present",
spans with an open end, overlap, gaps and months of experience (overlapping roles counted once).

The one interpretation of stored partial dates; the recogniser of dates in free text lives in
`core.extract.dates`. Months are counted on a month index (year * 12 + month - 1)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import total_ordering
from typing import Any

PRESENT_WORDS = frozenset({"present", "current", "currently", "now", "today", "ongoing", "to date", "till date"})
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_PARTIAL = re.compile(r"^\s*([12]\d{3})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?")


def is_present(value: Any) -> bool:
    """True for the words people use for an open end ("Present", "current", "now"...)."""
    return isinstance(value, str) and value.strip().casefold() in PRESENT_WORDS


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day; a coarser date sorts before a finer one
    within the same year or month (2019 < 2019-01)."""

    year: int
    month: int | None = None
    day: int | None = None

    def sort_key(self) -> tuple[int, int, int]:
        return self.year, self.month or 0, self.day or 0

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    @classmethod
    def parse(cls, value: Any) -> PartialDate | None:
        """"2019", "2019-03", "2019/3", "2019-03-07" (anything after is ignored); None otherwise."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, int) and 1000 <= value <= 2999:
            return cls(value)
        if not isinstance(value, str):
            return None
        m = _PARTIAL.match(value)
        if not m:
            return None
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) and month else None
        if month is not None and not 1 <= month <= 12:
            return cls(int(m.group(1)))
        if day is not None and not 1 <= day <= 31:
            day = None
        return cls(int(m.group(1)), month, day)

    @classmethod
    def from_date(cls, d: date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    @property
    def precision(self) -> str:
        """"year", "month" or "day"."""
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """The ISO 8601 form at its own precision: "2019", "2019-03", "2019-03-07"."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_month(self) -> int:
        """Month index of the earliest month this date can mean (January for a bare year)."""
        return self.year * 12 + (self.month or 1) - 1

    def last_month(self) -> int:
        """Month index of the latest month this date can mean (December for a bare year)."""
        return self.year * 12 + (self.month or 12) - 1

    def display(self) -> str:
        """"Mar 2019" or "2019"."""
        return f"{MONTH_ABBR[self.month - 1]} {self.year}" if self.month else str(self.year)

    def agrees_with(self, other: PartialDate) -> bool:
        """Equal, or one is a coarser form of the other (2019 agrees with 2019-03)."""
        a, b = self.iso(), other.iso()
        return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def today() -> PartialDate:
    return PartialDate.from_date(date.today())


def month_index(d: date | PartialDate) -> int:
    return d.year * 12 + (d.month or 1) - 1


def date_key(value: Any) -> str | None:
    """A comparable ISO form of a stored date ("2019-03"); None when absent; other text folded."""
    if value in (None, ""):
        return None
    p = PartialDate.parse(value)
    return p.iso() if p else str(value).strip().casefold()


def dates_agree(a: Any, b: Any) -> bool:
    """Equal, or one is a coarser form of the other; an absent date agrees with anything."""
    ka, kb = date_key(a), date_key(b)
    if ka is None or kb is None or ka == kb:
        return True
    return ka.startswith(kb + "-") or kb.startswith(ka + "-")


def finer_date(a: Any, b: Any) -> Any:
    """Of two agreeing dates, the more precise one (the one given when the other is absent)."""
    ka, kb = date_key(a), date_key(b)
    if ka is None:
        return b
    if kb is None:
        return a
    return b if len(kb) > len(ka) else a


def display_date(value: Any) -> str:
    """"2021-04" -> "Apr 2021"; "2021" stays; "present" -> "Present"; unknown text unchanged."""
    if is_present(value):
        return "Present"
    p = PartialDate.parse(value)
    return p.display() if p else (str(value) if value else "")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """From a start to an end; `ongoing` when the end is "present". Either end may be unknown."""

    start: PartialDate | None = None
    end: PartialDate | None = None
    ongoing: bool = False

    @classmethod
    def from_attributes(cls, attrs: Mapping[str, Any]) -> DateSpan:
        """The span of a stored role/education/project fact (`start`, `end`, `present`).

        Open end: `present` is true, or `end` says "present", or there is a start, no end and no
        explicit `present: false` (JSON Resume leaves `endDate` out for a current role)."""
        start = PartialDate.parse(attrs.get("start"))
        raw_end = attrs.get("end")
        end = PartialDate.parse(raw_end)
        present = attrs.get("present")
        ongoing = bool(present) or is_present(raw_end) or (
            end is None and start is not None and present is None and raw_end in (None, ""))
        return cls(start, None if ongoing else end, ongoing)

    @property
    def known(self) -> bool:
        """Both ends known (an ongoing end counts as known)."""
        return self.start is not None and (self.end is not None or self.ongoing)

    def months_range(self, now: PartialDate | None = None) -> tuple[int, int] | None:
        """Half-open month indices [a, b) the span covers, or None without a start.

        A month end counts its month (Mar 2019 – Mar 2020 is 13 months, as LinkedIn counts); a
        bare-year end counts up to that year's start (2018 – 2020 is 24 months) unless it is the
        start's year; a start with no end and no "present" is that start alone."""
        if self.start is None:
            return None
        a = self.start.first_month()
        if self.ongoing:
            b = (now or today()).first_month() + 1
        elif self.end is None:
            b = (self.start.last_month() if self.start.month is None else a) + 1
        elif self.end.month is None:
            b = self.end.first_month()
            if b <= a:
                b = self.end.last_month() + 1
        else:
            b = self.end.first_month() + 1
        return a, max(b, a + 1)

    def months(self, now: PartialDate | None = None) -> int | None:
        r = self.months_range(now)
        return None if r is None else r[1] - r[0]

    def overlaps(self, other: DateSpan, now: PartialDate | None = None) -> bool:
        """True when both spans are dated and share at least one month."""
        a, b = self.months_range(now), other.months_range(now)
        return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]

    def disjoint(self, other: DateSpan) -> bool:
        """True only when both spans are fully known and cannot overlap at any precision."""
        if not (self.known and other.known):
            return False
        return _ends_before(self, other) or _ends_before(other, self)

    def label(self) -> str:
        """"Mar 2019 – Present", "2016 – 2019", "2019" or ""."""
        s = self.start.display() if self.start else ""
        e = "Present" if self.ongoing else (self.end.display() if self.end else "")
        return f"{s} – {e}" if s and e else s or e


def _ends_before(a: DateSpan, b: DateSpan) -> bool:
    if a.ongoing or a.end is None or b.start is None:
        return False
    return a.end.last_month() < b.start.first_month()


def merged_ranges(spans: Iterable[DateSpan], now: PartialDate | None = None) -> list[tuple[int, int]]:
    """The union of the spans' month ranges, sorted and merged (overlaps counted once)."""
    ranges = sorted(r for s in spans if (r := s.months_range(now)) is not None)
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def months_of_experience(spans: Iterable[DateSpan], now: PartialDate | None = None) -> int:
    """Months covered by at least one span: two overlapping roles are not counted twice."""
    return sum(b - a for a, b in merged_ranges(spans, now))


def gaps_between(spans: Iterable[DateSpan], now: PartialDate | None = None, *,
                 min_months: int = 1) -> list[tuple[int, int]]:
    """Uncovered month ranges [a, b) between dated spans, at least `min_months` long."""
    merged = merged_ranges(spans, now)
    return [(merged[i][1], merged[i + 1][0]) for i in range(len(merged) - 1)
            if merged[i + 1][0] - merged[i][1] >= min_months]


def months_since(d: PartialDate | None, now: PartialDate | None = None) -> int | None:
    """Whole months from a date (its latest possible month) to now; None without a date."""
    if d is None:
        return None
    return max(0, (now or today()).first_month() - d.last_month())


def month_label(index: int) -> str:
    """A month index as "Mar 2019"."""
    return f"{MONTH_ABBR[index % 12]} {index // 12}"


def years(months: int) -> float:
    return round(months / 12, 1)
