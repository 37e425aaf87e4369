"""Pure comparisons used by reconciliation: names, titles, dates and the numbers in bullets."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from rapidfuzz import fuzz

from core.dates import DateSpan, is_present

MERGE_SIMILARITY = 0.92  # cosine at or above which two bullets are one achievement reworded
SUGGEST_SIMILARITY = 0.85  # cosine at or above which a same_as edge marks a possible duplicate
NAME_SIMILARITY = 90.0  # rapidfuzz token_sort_ratio for "the same organisation / title"
STRICT_SIMILARITY = 95.0  # the same, when organisation and title are one string

_ABBREV = {
    "sr": "senior", "snr": "senior", "jr": "junior", "jnr": "junior", "mgr": "manager", "eng": "engineer",
    "engr": "engineer", "dev": "developer", "asst": "assistant", "assoc": "associate", "dir": "director",
    "vp": "vice president", "svp": "senior vice president", "mktg": "marketing", "admin": "administrator",
    "mgmt": "management", "ops": "operations", "intl": "international", "dept": "department",
}
_ORG_SUFFIXES = {
    "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "plc", "gmbh",
    "ag", "sa", "sas", "bv", "nv", "pty", "srl", "spa", "lp", "llp", "the",
}


def _words(value: str) -> list[str]:
    norm = unicodedata.normalize("NFKC", value or "").casefold().replace("&", " and ")
    return re.findall(r"[^\W_]+", norm)


def norm_title(value: str) -> str:
    return " ".join(_ABBREV.get(w, w) for w in _words(value))


def norm_org(value: str) -> str:
    return " ".join(w for w in _words(value) if w not in _ORG_SUFFIXES)


_RANKS = {"senior", "junior", "lead", "principal", "staff", "head", "chief", "associate", "assistant",
          "intern", "trainee", "vice", "deputy", "i", "ii", "iii", "iv", "1", "2", "3"}


Norms = dict[tuple[str, bool], str]  # (name, is an organisation) -> its normal form, kept by one caller


def _normal(value: str, org: bool, memo: Norms | None) -> str:
    if memo is None:
        return norm_org(value) if org else norm_title(value)
    got = memo.get((value, org))
    if got is None:
        got = memo[(value, org)] = norm_org(value) if org else norm_title(value)
    return got


def similar_names(a: str, b: str, *, org: bool = False, threshold: float = NAME_SIMILARITY,
                  memo: Norms | None = None) -> bool:
    """Fuzzy equality of two organisation names (org=True) or job titles; empty never matches.
    Titles of different rank (Engineer vs Senior Engineer: a promotion) never match. `memo` keeps
    normal forms across calls (one document's reconciliation compares the same stored names often)."""
    na, nb = _normal(a, org, memo), _normal(b, org, memo)
    if not na or not nb:
        return False
    if not org and set(na.split()) & _RANKS != set(nb.split()) & _RANKS:
        return False
    return na == nb or fuzz.token_sort_ratio(na, nb) >= threshold


def same_entity(org_a: str, name_a: str, org_b: str, name_b: str, *, memo: Norms | None = None) -> bool:
    """The same role (organisation + title) or study (institution + degree), fuzzily.

    With both parts on both sides each part must match; otherwise (a parser that left the
    organisation inside the title) the whole strings must match closely."""
    if org_a and org_b and name_a and name_b:
        return similar_names(org_a, org_b, org=True, memo=memo) and similar_names(name_a, name_b, memo=memo)
    if org_a and org_b and not name_a and not name_b:
        return similar_names(org_a, org_b, org=True, memo=memo)
    whole_a, whole_b = f"{name_a} {org_a}".strip(), f"{name_b} {org_b}".strip()
    return similar_names(whole_a, whole_b, threshold=STRICT_SIMILARITY, memo=memo)


# -- dates (interpreted by core.dates) -----------------------------------------------------------

def end_value(attrs: dict[str, Any]) -> str | None:
    """A role's end as compared: 'present', a date, or None when unknown."""
    if attrs.get("present") or is_present(attrs.get("end")):
        return "present"
    return attrs.get("end") or None


def ranges_disjoint(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True only when both date ranges are fully known and do not overlap (two separate stints)."""
    return DateSpan.from_attributes(a).disjoint(DateSpan.from_attributes(b))


# -- numbers in bullets -------------------------------------------------------------------------

_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*([kmb]\b|thousand|million|billion)?", re.IGNORECASE)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9}


def numbers_in(value: str) -> set[float]:
    out = set()
    for num, scale in _NUMBER.findall(value or ""):
        try:
            n = float(num.replace(",", ""))
        except ValueError:
            continue
        out.add(n * _SCALE.get(scale.casefold(), 1.0) if scale else n)
    return out


def numbers_compatible(a: str, b: str) -> bool:
    """False when both texts state numbers and share none (40% vs 25% are different results)."""
    na, nb = numbers_in(a), numbers_in(b)
    return not na or not nb or bool(na & nb)
