"""Repairs of OCR slips, each made only where the evidence confirms it.

Contact details have a grammar (an e-mail has one '@' and a dotted domain, a URL a scheme and no
spaces, a phone number only digits and separators), so slips inside them are fixed by shape; so
does a date range (a year, a bar, a date: the bar is a dash).
Look-alike letters in words (0/O, 1/l/I, rn/m, vv/w) are fixed only when the corrected word is
confirmed: it occurs elsewhere in the same document as read, or it is a term of the skill lexicon,
and the word as read occurs nowhere else.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

_AT_SPACES = re.compile(r"(?<=\w)\s*@\s*(?=\w)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:[.,][\w-]+)+")
_EMAIL_TLD = re.compile(r"(@[\w.-]+\.)([A-Za-z0-9]{2,6})\b")
_URL_SCHEME = re.compile(r"\bhttps?\s*[:;]\s*/\s*/?\s*", re.I)
_URL_GAPS = re.compile(r"\b((?:www|linkedin|github|gitlab|twitter|behance|dribbble)\s*[.,]\s*(?:com|io|org|net|in|me)\b(?:\s*/\s*[\w.-]+)*)", re.I)
_WWW = re.compile(r"\bwww\s*[.,]\s*(?=[a-z0-9])", re.I)
_PHONE = re.compile(r"(?<![\w@])\+?[\dOoIl|]{1,4}(?:[ .()-]{0,2}[\dOoIl|]{2,5}){2,5}(?![\w@])")
_WORD = re.compile(r"[^\W_][\w+#'-]*[\w+#]|[^\W\d_]")  # accented letters belong to their word
_RANGE_END = r"(?:(?:[A-Za-z]{2,9}\.?\s*)?(?:19|20)\d\d\b|\d{1,2}\s*[/.]\s*(?:19|20)?\d\d\b|present\b|now\b|current\b|today\b|heute\b|aujourd)"
_RANGE_BAR = re.compile(r"(?<=\b(?:19|20)\d\d)\s*(?:=|≈|_|一|—一)\s*(?=" + _RANGE_END + ")", re.I)
_MONTH_YEAR = r"\b[A-Za-z]{3,9}\.?\s*(?:19|20)\d\d"
# 'Feb. 2023. Present': the date after the dot ends the text or its cell, as a range's end does
_RANGE_DOT = re.compile(r"(" + _MONTH_YEAR + r")\s*\.\s*(?=" + _RANGE_END + r"(?:\s*$|\s*[^\w\s]|\s{2,}))", re.I)
_FOREIGN_LOOKALIKES = str.maketrans(
    "αορμνκτιυεγχΑΒΕΖΗΙΚΜΝΟΡΤΥΧаеорсухАВЕКМНОРСТХ", "aopuvktiueyxABEZHIKMNOPTYXaeopcyxABEKMHOPCTX"
)
_MIXED_WORD = re.compile(r"\w*[A-Za-z]\w*")
_LETTERS = re.compile(r"[^\W\d_]+")
_REAL_BAR = re.compile(r"\S\s*\|\s*\S")
_BAR_AS_I = re.compile(r"(?<=\S) I (?=[A-Z0-9]|https?:|www\.)")
_LOOKALIKES = (("0", "O"), ("0", "o"), ("1", "l"), ("1", "I"), ("l", "I"), ("I", "l"), ("rn", "m"), ("vv", "w"), ("5", "S"))


def repair_contacts(text: str) -> str:
    """E-mails, URLs and phone numbers made whole again where OCR broke their shape."""
    text = _AT_SPACES.sub("@", text)
    text = _EMAIL.sub(lambda m: m.group(0).split("@")[0] + "@" + m.group(0).split("@", 1)[1].replace(",", "."), text)
    text = _EMAIL_TLD.sub(lambda m: m.group(1) + (m.group(2).replace("0", "o") if re.search(r"[A-Za-z]", m.group(2)) else m.group(2)), text)
    text = _URL_SCHEME.sub(lambda m: "https://" if m.group(0).lower().startswith("https") else "http://", text)
    text = _URL_GAPS.sub(lambda m: re.sub(r"\s*([.,/])\s*", lambda g: "." if g.group(1) == "," else g.group(1), m.group(1)), text)
    text = _WWW.sub("www.", text)
    return _PHONE.sub(_phone_digits, text)


def repair_ranges(text: str) -> str:
    """A date range's dash read as another bar ('Nov 2024 = Present'): a year, a bar, then a date
    or 'present' is a range, so the bar becomes an en dash. A short dash read as a dot counts too
    where a month and year stand before it and the date after it ends the text or its cell
    ('Jul. 2022 .Feb. 2023'); 'in May 2019. Now I ...' ends a sentence."""
    return _RANGE_DOT.sub(r"\1 – ", _RANGE_BAR.sub(" – ", text))


def repair_scripts(text: str) -> str:
    """Greek or Cyrillic look-alikes inside a Latin word ('seρt', 'jμn') become Latin letters: a
    word never mixes scripts, so the recogniser confused two shapes."""
    return _MIXED_WORD.sub(lambda m: m.group(0).translate(_FOREIGN_LOOKALIKES), text)


def repair_capitals(text: str) -> str:
    """An 'l' inside a word written in capitals ('MATTHÄl', 'CIVlL') is an 'I': the recogniser
    confuses the two shapes, and no capitalised word holds a lone small l."""
    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        rest = word.replace("l", "")
        return word.replace("l", "I") if "l" in word and len(rest) >= 3 and rest.isupper() else word

    return _LETTERS.sub(fix, text)


def repair_text(text: str) -> str:
    """The shape repairs of one recognised line: mixed scripts, capitals, contact details, date ranges."""
    text = unicodedata.normalize("NFC", text)  # 'A' + combining diaeresis is one letter, 'Ä'
    return repair_ranges(repair_contacts(repair_capitals(repair_scripts(text))))


def _phone_digits(m: re.Match[str]) -> str:
    """Letters that look like digits inside a phone-shaped run become digits (when most are digits)."""
    raw = m.group(0)
    digits = sum(c.isdigit() for c in raw)
    lookalike = sum(c in "OoIl|" for c in raw)
    if lookalike == 0 or digits < 7 or lookalike > 2:
        return raw
    return raw.translate(str.maketrans("OoIl|", "00111"))


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """One-word terms of the starter lexicon (resources/lexicon/knowledge.txt), as evidence for a
    corrected word. Read as plain words here: the skill layer sits above intake."""
    from importlib import resources

    try:
        text = resources.files("resources").joinpath("lexicon", "knowledge.txt").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        return frozenset()
    words = set()
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        for form in line.split("|"):
            form = form.strip().lstrip("!").strip().lower()
            if form and " " not in form:
                words.add(form)
    return frozenset(words)


def _natural(word: str) -> bool:
    """A casing people write: lower, Capitalised, UPPER, or a known mixed form's shape (iOS)."""
    return word.islower() or word.isupper() or word[:1].isupper() and word[1:].islower()


def _variants(word: str) -> set[str]:
    out = set()
    for bad, good in _LOOKALIKES:
        start = word.find(bad)
        while start >= 0:
            out.add(word[:start] + good + word[start + len(bad):])
            start = word.find(bad, start + 1)
    out.discard(word)
    return out


def repair_bars(lines: list[str]) -> list[str]:
    """A separator bar read as a capital I ('SmugMug I SOFTWARE ENGINEER', 'Warsaw I https://')
    made a bar again, in documents that use bars elsewhere (read as such); the pronoun I is
    followed by a lower-case verb, so it stays."""
    if not any(_REAL_BAR.search(line) for line in lines):
        return lines
    return [_BAR_AS_I.sub(" | ", line) for line in lines]


def repair_words(lines: Iterable[str]) -> list[str]:
    """Look-alike slips fixed in each line where the document or the lexicon confirms the word,
    and separator bars read as 'I' where the document uses bars."""
    lines = repair_bars(list(lines))
    counts = Counter(w for line in lines for w in _WORD.findall(line))
    lexicon = _lexicon_words()

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if counts[word] > 1 or word.isdigit() or word.lower() in lexicon:
            return word  # the reading repeats, is a number, or is a known term: leave it
        if not any(bad in word for bad, _good in _LOOKALIKES):
            return word
        variants = _variants(word)
        seen = [v for v in variants if counts[v] >= 1]
        if not seen:
            seen = [v for v in variants if v.lower() in lexicon and _natural(v)]
        return seen[0] if len(seen) == 1 else word

    return [_WORD.sub(fix, line) for line in lines]
