"""Free-text answers: lists of skills (the skill extractor when given), achievements with their
metrics (the existing metric extraction), places and short names. Values are the person's words."""

from __future__ import annotations

import re
from typing import Any

from core.extract.metrics import find_metrics
from core.interview.numbers import parse_percent
from core.interview.values import Value
from core.interview.when import parse_duration

FILLER_RE = re.compile(
    r"(?:(?:well|so|um+|uh+|hmm+|oh|ok(?:ay)?|yes|yeah|mostly|mainly|mostly\s+just|just|also|plus|lots\s+of|"
    r"a\s+lot\s+of|a\s+bit\s+of|some|daily|every\s+day|heavily|primarily|things\s+like|stuff\s+like|"
    r"(?:i|we)\s+(?:mostly\s+|mainly\s+|also\s+)?(?:used|use|worked\s+with|work\s+with|relied\s+on|did|wrote|"
    r"programmed\s+in|coded\s+in|know|knew)|(?:it|that)\s+was|mostly\s+in|in)\b[\s,:]*)+", re.I)
TRAIL_RE = re.compile(r"[\s,.;:!]*(?:\b(?:etc|and\s+so\s+on|and\s+more|mostly|too|as\s+well)\b[\s.!]*)*$", re.I)
SPLIT_RE = re.compile(r"\s*(?:,|;|/|\n|\u2022|\band\b|\bplus\b|&|\s\+\s|\bas\s+well\s+as\b)\s*", re.I)
QUALIFIER_RE = re.compile(r"\s*\([^)]*\)?\s*$")  # "Excel (advanced)": the name is before the bracket
_CLEAN_EDGES = " \t\"'()[].,;:!-*•"


def _trimmed(answer: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past fillers and punctuation at both ends."""
    piece = answer[start:end]
    lead = len(piece) - len(piece.lstrip(_CLEAN_EDGES))
    start += lead
    m = FILLER_RE.match(answer, start, end)
    if m is not None:
        start = m.end()
    piece = answer[start:end]
    m2 = TRAIL_RE.search(piece)
    if m2 is not None:
        end = start + m2.start()
    piece = answer[start:end]
    q = QUALIFIER_RE.search(piece)
    if q is not None and q.start() > 0:
        end = start + q.start()
        piece = answer[start:end]
    end = start + len(piece.rstrip(_CLEAN_EDGES))
    return start, end


def parse_skill_list(answer: str, extractor: Any = None) -> list[Value]:
    """Skills named in an answer: the extractor's spans when one is given (ontology-linked), plus
    every list item it did not cover ('Python, dbt and a bit of Airflow' -> three skills)."""
    out: list[Value] = []
    covered: list[tuple[int, int]] = []
    if extractor is not None:
        for sp in extractor.extract(answer):
            if sp.kind != "knowledge" and sp.confidence < 0.6:
                continue
            out.append(Value("skill", answer[sp.start:sp.end], answer[sp.start:sp.end], sp.start, sp.end,
                             extra={"ontology_id": sp.ontology_id, "label": sp.label}))
            covered.append((sp.start, sp.end))
    if is_hedge(answer):
        return sorted(out, key=lambda v: v.start)  # "it varied": no list items, only named skills
    pos = 0
    for sep in [*SPLIT_RE.finditer(answer), None]:
        end = sep.start() if sep is not None else len(answer)
        s, e = _trimmed(answer, pos, end)
        pos = sep.end() if sep is not None else len(answer)
        if e <= s or any(a < e and s < b for a, b in covered):
            continue
        words = answer[s:e].split()
        if not words or len(words) > 4 or not any(ch.isalpha() for ch in answer[s:e]):
            continue  # a sentence, not a list item: only the extractor may read skills from it
        out.append(Value("skill", answer[s:e], answer[s:e], s, e))
    return sorted(out, key=lambda v: v.start)


def parse_achievement(answer: str) -> Value | None:
    """The answer (trimmed) as one achievement, with the metrics found in it."""
    s, e = trimmed_span(answer)
    if e - s < 8 or len(answer[s:e].split()) < 3:
        return None
    if is_hedge(answer) and len(answer.split()) < 8:
        return None  # "not sure, I'd have to check" is not an achievement
    text = answer[s:e]
    metrics: list[dict[str, Any]] = [{**m.attributes(), "start": s + m.start, "end": s + m.end}
                                      for m in find_metrics(text)]
    for kind, parser in (("percent", parse_percent), ("duration", parse_duration)):
        if any(m["kind"] == kind for m in metrics):
            continue
        extra = parser(text)  # words the metric extraction does not read: "about a third", "six months"
        if extra is not None and kind == "duration" and re.search(r"\d[\w$€£%]*\s*$", text[:extra.start]):
            continue  # "200k a year" is a rate, not a duration
        if extra is not None and not any(m["start"] < s + extra.end and s + extra.start < m["end"] for m in metrics):
            metrics.append({"kind": extra.kind, "value": extra.value, "unit": extra.unit, "text": extra.text,
                            "start": s + extra.start, "end": s + extra.end, "approx": extra.approx})
    return Value("achievement", text, text, s, e, extra={"metrics": sorted(metrics, key=lambda m: m["start"])})


def trimmed_span(answer: str) -> tuple[int, int]:
    """[start, end) of the answer without surrounding blanks and quotes."""
    s = len(answer) - len(answer.lstrip(_CLEAN_EDGES[:-3]))
    e = len(answer.rstrip())
    return s, e


HEDGE_RE = re.compile(r"\b(?:a\s+while(?:\s+ago)?|long\s+(?:time\s+)?ago|not\s+sure|hard\s+to\s+say|i'?d\s+have\s+to\s+"
                      r"check|can'?t\s+remember|don'?t\s+remember|it\s+(?:varied|depends)|no\s+idea|somewhere|"
                      r"something\s+like\s+that|whatever|i\s+forget|various|all\s+over)\b", re.I)


def is_hedge(answer: str) -> bool:
    """An answer that avoids the question ('a while ago', 'it varied'): no short value is read from it."""
    return HEDGE_RE.search(answer) is not None


PLACE_PREFIX_RE = re.compile(r"^\s*(?:(?:it\s+was|we\s+were|i\s+was|i\s+worked|the\s+office\s+was|they\s+are|"
                             r"it'?s)\s+)?(?:(?:based|located|mostly)\s+)?(?:in|at|from|out\s+of)\s+", re.I)
NAME_PREFIX_RE = re.compile(r"^\s*(?:(?:i\s+was|i\s+am|i'?m|my\s+title\s+was|my\s+title\s+is|the\s+title\s+was|"
                            r"it\s+was|they\s+called\s+me|officially|it'?s|the\s+company\s+was|i\s+worked\s+(?:for|at))"
                            r"\s+)*(?:(?:a|an|the)\s+)?", re.I)


def parse_place(answer: str) -> Value | None:
    """'We were based in Lyon, France.' -> 'Lyon, France'; 'remote' stays 'remote'."""
    if is_hedge(answer):
        return None
    m = PLACE_PREFIX_RE.match(answer)
    start = m.end() if m else 0
    s, e = _trimmed(answer, start, len(answer))
    if e <= s or len(answer[s:e].split()) > 6 or not any(ch.isalpha() for ch in answer[s:e]):
        return None
    return Value("location", answer[s:e], answer[s:e], s, e)


def parse_short_text(answer: str, *, max_words: int = 12) -> Value | None:
    """A title, an employer or a reason: the answer without 'I was a' and trailing punctuation."""
    if is_hedge(answer):
        return None
    m = NAME_PREFIX_RE.match(answer)
    start = m.end() if m else 0
    s, e = start, len(answer)
    s += len(answer[s:e]) - len(answer[s:e].lstrip(_CLEAN_EDGES))
    e = s + len(answer[s:e].rstrip(_CLEAN_EDGES))
    if e <= s or len(answer[s:e].split()) > max_words or not any(ch.isalpha() for ch in answer[s:e]):
        return None
    return Value("text", answer[s:e], answer[s:e], s, e)


LEVEL_RE = re.compile(r"\b(?:beginner|novice|basic|elementary|intermediate|working|conversational|competent|advanced|"
                      r"proficient|strong|expert|master|fluent|native|senior|junior)\b", re.I)


def parse_level(answer: str) -> Value | None:
    """A level word as the person wrote it ('advanced', 'expert', 'basic')."""
    if is_hedge(answer):
        return None
    m = LEVEL_RE.search(answer)
    return Value("level", m.group(0).lower(), m.group(0), m.start(), m.end()) if m else None
