"""Numbers in answers as people type them: digits, words ("a dozen", "two hundred"), approximations,
money ("$1.2M"), percentages and fractions ("about a third"), team sizes, yes and no."""

from __future__ import annotations

import re

from core.extract.metrics import CURRENCY
from core.interview.values import Value

_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
WORD_UNITS: dict[str, float] = {w: float(i) for i, w in enumerate(_SMALL)}
WORD_TENS: dict[str, float] = {w: float(10 * (i + 2)) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
WORD_SCALES: dict[str, float] = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
SUFFIX_SCALES: dict[str, float] = {"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, **WORD_SCALES,
                                   "millions": 1e6, "thousands": 1e3, "billions": 1e9, "grand": 1e3}
FRACTIONS: dict[str, float] = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fourth": 0.25, "fifth": 0.2,
                               "tenth": 0.1, "thirds": 1 / 3, "quarters": 0.25, "fifths": 0.2, "tenths": 0.1}
FACTORS: dict[str, float] = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0}

_WORD = "|".join(sorted([*WORD_UNITS, *WORD_TENS, *WORD_SCALES, "dozen"], key=len, reverse=True))
APPROX = (r"(?:about|around|roughly|approximately|approx\.?|nearly|almost|close\s+to|some|maybe|perhaps|~|"
          r"over|more\s+than|just\s+over|just\s+under|under|less\s+than|at\s+least|up\s+to|circa|ca\.|"
          r"something\s+like|give\s+or\s+take)")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_WORDS = rf"(?:(?:a|an)\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*"
NUMBER = rf"(?:{_DIGITS}|\b{_WORDS}\b)"
NUMBER_RE = re.compile(rf"(?P<approx>\b{APPROX}\s+)?(?P<n>{NUMBER})(?:\s*(?P<scale>k|mm|mn|m|bn|b|grand)\b)?"
                       rf"(?:\s+(?P<wscale>millions?|thousands?|billions?)\b)?(?P<plus>\+|\s+or\s+so\b|\s*ish\b)?",
                       re.I)


def word_number(words: str) -> float | None:
    """'two hundred and five' -> 205, 'a dozen' -> 12; None when the words are not a number."""
    total, current, seen = 0.0, 0.0, False
    for w in re.split(r"[\s-]+", words.lower().strip()):
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            current = max(current, 1.0)
        elif w in WORD_UNITS:
            current += WORD_UNITS[w]
        elif w in WORD_TENS:
            current += WORD_TENS[w]
        elif w == "dozen":
            current = max(current, 1.0) * 12
        elif w == "hundred":
            current = max(current, 1.0) * 100
        elif w in WORD_SCALES:
            total += max(current, 1.0) * WORD_SCALES[w]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def to_number(raw: str) -> float | None:
    """Digits ('1,200', '1.5') or words ('twelve') as a float."""
    s = raw.strip()
    if re.fullmatch(_DIGITS, s):
        return float(s.replace(",", ""))
    return word_number(s)


def find_numbers(answer: str) -> list[Value]:
    """Every number with its scale and approximation words, left to right."""
    out = []
    for m in NUMBER_RE.finditer(answer):
        value = to_number(m.group("n"))
        if value is None:
            continue
        scale = (m.group("scale") or m.group("wscale") or "").lower()
        value *= SUFFIX_SCALES.get(scale, 1.0)
        approx = bool(m.group("approx") or m.group("plus"))
        out.append(Value("number", value, m.group(0), m.start(), m.end(), approx=approx))
    return out


def parse_number(answer: str) -> Value | None:
    """The first number in an answer ('about 40', 'a dozen', '1.5k')."""
    found = find_numbers(answer)
    return found[0] if found else None


# -- money -------------------------------------------------------------------------------------
_SYMBOL = r"[$€£¥₹]"
_CODE = r"(?:usd|eur|gbp|chf|cad|aud|dollars?|euros?|pounds?|bucks)"
MONEY_RE = re.compile(
    rf"(?P<approx>\b{APPROX}\s+)?(?:(?P<sym>{_SYMBOL})\s?|(?P<pre>usd|eur|gbp|chf|cad|aud)\s?)"
    rf"(?P<n>{NUMBER})(?:\s*(?P<scale>k|mm|mn|m|bn|b)\b|\s+(?P<wscale>millions?|thousands?|billions?|grand)\b)?"
    rf"|(?P<approx2>\b{APPROX}\s+)?(?P<n2>{NUMBER})(?:\s*(?P<scale2>k|mm|mn|m|bn|b)\b|\s+(?P<wscale2>millions?|"
    rf"thousands?|billions?|grand)\b)?\s*(?P<post>{_CODE}|{_SYMBOL})(?![a-z])",
    re.I)
_CODES = {**CURRENCY, "dollar": "USD", "euro": "EUR", "pound": "GBP", "bucks": "USD"}


def parse_money(answer: str, *, bare_scaled: bool = True) -> Value | None:
    """'$1.2M', '1.2 million dollars', '€300k', 'USD 2m'; with `bare_scaled` also '300k' (no currency)."""
    m = MONEY_RE.search(answer)
    if m is not None:
        raw = m.group("n") or m.group("n2")
        value = to_number(raw)
        if value is not None:
            scale = (m.group("scale") or m.group("wscale") or m.group("scale2") or m.group("wscale2") or "").lower()
            cur = (m.group("sym") or m.group("pre") or m.group("post") or "").lower()
            unit = _CODES.get(cur, _CODES.get(cur.rstrip("s"), cur.upper()))
            return Value("money", value * SUFFIX_SCALES.get(scale, 1.0), m.group(0).strip(), m.start(),
                         m.start() + len(m.group(0).strip()), unit=unit,
                         approx=bool(m.group("approx") or m.group("approx2")))
    if bare_scaled:
        for n in find_numbers(answer):
            if re.search(r"(?:\d\s*(?:k|mm|mn|m|bn|b|grand)|million|thousand|billion|grand)\b", n.text, re.I):
                return Value("money", n.value, n.text, n.start, n.end, approx=n.approx)
    return None


# -- percentages, fractions and factors ---------------------------------------------------------
PERCENT_RE = re.compile(rf"(?P<approx>\b{APPROX}\s+)?(?P<n>{NUMBER})\s?(?:%|percent\b|per\s*cent\b|pct\b)", re.I)
_FRAC = "|".join(sorted(FRACTIONS, key=len, reverse=True))
FRACTION_RE = re.compile(
    rf"(?P<approx>\b{APPROX}\s+)?(?:(?P<count>a|an|one|two|three|four|nine)\s+)(?P<frac>{_FRAC})\b"
    rf"|(?P<approx2>\b{APPROX}\s+)?\b(?P<half>half|halved)\b", re.I)
FACTOR_RE = re.compile(
    rf"(?P<approx>\b{APPROX}\s+)?(?:\b(?P<verb>doubled|tripled|trebled|quadrupled)\b|(?P<n>{NUMBER})\s*(?:x\b|×|-?fold\b|"
    rf"\s+times\b))", re.I)


def parse_percent(answer: str) -> Value | None:
    """'30%', 'thirty percent', 'about a third' (33.3, approximate), 'half' (50), 'doubled' (factor 2)."""
    m = PERCENT_RE.search(answer)
    if m is not None and (v := to_number(m.group("n"))) is not None:
        return Value("percent", v, m.group(0), m.start(), m.end(), unit="%", approx=bool(m.group("approx")))
    m = FRACTION_RE.search(answer)
    if m is not None:
        if m.group("half"):
            word = m.group("half").lower()
            pct, approx = 50.0, bool(m.group("approx2"))
            extra = {"direction": "decrease"} if word == "halved" else {}
            return Value("percent", pct, m.group(0), m.start(), m.end(), unit="%", approx=approx, extra=extra)
        count = word_number(m.group("count")) or 1.0
        pct = round(100 * count * FRACTIONS[m.group("frac").lower()], 1)
        return Value("percent", pct, m.group(0), m.start(), m.end(), unit="%", approx=True)
    m = FACTOR_RE.search(answer)
    if m is not None:
        factor = FACTORS[m.group("verb").lower()] if m.group("verb") else to_number(m.group("n") or "")
        if factor is not None:
            return Value("factor", factor, m.group(0), m.start(), m.end(), unit="x", approx=bool(m.group("approx")))
    return None


# -- team sizes ---------------------------------------------------------------------------------
_PEOPLE = (r"(?:people|persons|person|engineers?|developers?|devs|staff|employees|reports|direct\s+reports|designers?|"
           r"analysts?|interns?|members?|scientists?|researchers?|consultants?|agents?|nurses?|teachers?|"
           r"volunteers?|testers?|managers?|folks|colleagues|heads|FTEs?|contractors?|technicians?|reps|"
           r"salespeople|accountants?|writers?|students?)")
TEAM_RE = re.compile(
    rf"(?P<approx>\b{APPROX}\s+)?(?:(?:team|group|squad|crew|department|unit|staff)\s+of\s+(?:{APPROX}\s+)?(?P<n1>{NUMBER})"
    rf"(?:\s*(?:-|–|to|or)\s*(?P<hi1>{NUMBER}))?"
    rf"|(?P<n2>{NUMBER})(?:\s*(?:-|–|to|or)\s*(?P<hi2>{NUMBER}))?\+?\s*(?:-\s*|\s+)(?:[a-z]+\s+)?{_PEOPLE}\b"
    rf"|(?P<n3>{NUMBER})[- ](?:person|people|member|strong|headcount)\s+(?:team|group|department|squad|unit)\b"
    rf"|between\s+(?P<n4>{NUMBER})\s+and\s+(?P<hi4>{NUMBER})\s+(?:[a-z]+\s+)?{_PEOPLE}\b"
    rf"|\b(?:we|there)\s+were\s+(?:{APPROX}\s+)?(?P<n5>{NUMBER})\b(?:\s+of\s+us)?|(?P<n6>{NUMBER})\s+of\s+us\b)",
    re.I)
ALONE_RE = re.compile(r"\b(?:just\s+me|only\s+me|on\s+my\s+own|by\s+myself|myself\s+only|solo|alone|nobody|no\s+one|"
                      r"no\s+team|none|zero)\b", re.I)
BARE_NUMBER_RE = re.compile(rf"^\s*(?P<approx>{APPROX}\s+)?(?P<n>{NUMBER})\s*(?:\+|or\s+so|ish)?\s*[.!]?\s*$", re.I)


def parse_team_size(answer: str) -> Value | None:
    """'a team of 6', 'six engineers', 'a 5-person team', 'between 8 and 10 people', 'just me' (1)."""
    m = TEAM_RE.search(answer)
    if m is not None:
        raw = m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4") or m.group("n5") or m.group("n6")
        hi_raw = m.group("hi1") or m.group("hi2") or m.group("hi4")
        value = to_number(raw)
        if value is not None and value < 1e5:
            extra = {}
            hi = to_number(hi_raw) if hi_raw else None
            if hi is not None and hi > value:
                extra = {"high": hi}
            approx = bool(m.group("approx")) or bool(extra) or bool(re.search(APPROX, m.group(0), re.I))
            return Value("team_size", value, m.group(0).strip(), m.start(), m.start() + len(m.group(0).strip()),
                         unit="people", approx=approx, extra=extra)
    m = BARE_NUMBER_RE.match(answer)
    if m is not None and (v := to_number(m.group("n"))) is not None:
        return Value("team_size", v, m.group("n"), m.start("n"), m.end("n"), unit="people", approx=bool(m.group("approx")))
    m = ALONE_RE.search(answer)
    if m is not None:
        word = m.group(0).lower()
        value = 0.0 if word in ("nobody", "no one", "no team", "none", "zero") else 1.0
        return Value("team_size", value, m.group(0), m.start(), m.end(), unit="people")
    return None


# -- yes / no -----------------------------------------------------------------------------------
NO_RE = re.compile(r"^\W*(?:no\b|nope|nah|not\s+really|not\s+at\s+all|never|i\s+(?:did|do|was|have)\s*n[o']?t|"
                   r"i\s+(?:did|do|was|have)\s+not|negative|none|absolutely\s+not|not\s+(?:that\s+)?i\s+(?:know|recall))",
                   re.I)
YES_RE = re.compile(r"^\W*(?:yes|yeah|yep|yup|yea|sure|definitely|absolutely|of\s+course|correct|indeed|certainly|"
                    r"right|i\s+(?:did|do|was|have)\b|affirmative|ok(?:ay)?|that'?s\s+right|true|y\b)", re.I)


def parse_yes_no(answer: str) -> Value | None:
    """'yes', 'yep, twice', 'not really', 'I didn't' -> a bool; anything else None."""
    for rx, value in ((NO_RE, False), (YES_RE, True)):
        m = rx.match(answer)
        if m is not None:
            start = len(m.group(0)) - len(m.group(0).lstrip(" \t\n\"'([-*•"))
            return Value("yes_no", value, m.group(0)[start:], m.start() + start, m.end())
    return None
