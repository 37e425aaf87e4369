"""Dates as JSON Resume wants them (ISO 8601 YYYY, YYYY-MM or YYYY-MM-DD) from what people write."""

from __future__ import annotations

import re
from typing import Any

from core.dates import PartialDate

_ISO = re.compile(r"^([12][0-9]{3})(-[01][0-9])?(-[0-3][0-9])?$")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                        "nov", "dec"), 1)}
DATE_KEYS = ("startDate", "endDate", "date", "releaseDate")


def iso_date(v: Any) -> str | None:
    """An ISO 8601 date (YYYY[-MM[-DD]]) from what a fact holds ("2020-03", "Mar 2020", "03/2020")."""
    if not isinstance(v, str) or not v.strip():
        return None
    s = v.strip()
    if _ISO.match(s) and (p := PartialDate.parse(s)) is not None:
        return p.iso()
    m = re.match(r"^([A-Za-z]{3})[a-z]*\.?\s+([12][0-9]{3})$", s)
    if m and m.group(1).lower() in _MONTHS:
        return f"{m.group(2)}-{_MONTHS[m.group(1).lower()]:02d}"
    m = re.match(r"^([01]?[0-9])[/.]([12][0-9]{3})$", s)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    m = re.search(r"\b([12][0-9]{3})\b", s)
    return m.group(1) if m else None
