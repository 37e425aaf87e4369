"""Where a line of a posting sits: which section, and whether its cue words make it must or nice."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Headings, by what the section asks of the applicant.
MUST_HEADINGS = re.compile(
    r"\b(requirements?|required|qualifications?|minimum|must[- ]haves?|what you(?:'ll)? (?:need|bring)|"
    r"you have|you(?:'ll)? bring|skills(?: required| and experience)?|experience|education|"
    r"who you are|what we(?:'re| are) looking for|about you|competenc(?:y|ies)|knowledge|abilities)\b", re.I)
NICE_HEADINGS = re.compile(
    r"\b(preferred|nice[- ]to[- ]haves?|bonus(?: points)?|pluses|desired|desirable|ideally|"
    r"additional|extra credit|good to have|would be great)\b", re.I)
DUTY_HEADINGS = re.compile(
    r"\b(responsibilities|duties|what you(?:'ll)? do|the role|role description|day to day|"
    r"job description|position summary|summary|overview|your impact|key accountabilities|tasks)\b", re.I)
SKIP_HEADINGS = re.compile(
    r"\b(about (?:us|the company|the team|[A-Z]\w+)|benefits|perks|we offer|what we offer|why (?:join|work)|"
    r"equal (?:opportunity|employment)|eeo|compensation|salary|company|culture|our (?:mission|values|story)|"
    r"who we are|how to apply|disclaimer|privacy)\b", re.I)

# Cue words inside a sentence override its section.
NICE_CUES = re.compile(
    r"\b(preferred|preferably|a plus|plus\b(?!\s+(?:years|\d))|nice[- ]to[- ]have|bonus|desired|desirable|"
    r"ideally|advantageous|an advantage|beneficial|helpful|would be great|is welcome)\b", re.I)
MUST_CUES = re.compile(r"\b(required|requires?|must|minimum|at least|mandatory|essential|need to have)\b", re.I)


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str
    section: str  # must | nice | duty | skip | intro
    heading: bool


def _is_heading(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 8:
        return False
    if text.endswith(":"):
        return True
    stripped = text.strip("*#•-– ").rstrip(":")
    return bool(stripped) and not stripped.endswith((".", ",", ";")) and (
        stripped.isupper() or stripped.istitle() or len(words) <= 4)


def heading_section(text: str) -> str | None:
    """The section a heading opens, or None when the line is no known heading."""
    t = text.strip("*#•-–: ")
    if SKIP_HEADINGS.search(t) and not MUST_HEADINGS.search(t.split(" ")[0]):
        return "skip"
    if NICE_HEADINGS.search(t):
        return "nice"
    if DUTY_HEADINGS.search(t):
        return "duty"
    if MUST_HEADINGS.search(t):
        return "must"
    return None


def split_lines(text: str) -> list[Line]:
    """Lines with their character spans, each labelled with the section it sits in."""
    out: list[Line] = []
    section = "intro"
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        heading = False
        if _is_heading(stripped):
            opened = heading_section(stripped)
            if opened is not None:
                section, heading = opened, True
        elif ":" in stripped[:40]:  # "Education Required: Bachelor's degree ..." is a heading and a line
            opened = heading_section(stripped.split(":", 1)[0])
            if opened is not None and len(stripped.split(":", 1)[0].split()) <= 4:
                out.append(Line(start + lead, start + lead + len(stripped), stripped, opened, False))
                continue
        out.append(Line(start + lead, start + lead + len(stripped), stripped, section, heading))
    return out


def is_must(line: Line, sentence: str, *, has_requirement_section: bool) -> bool | None:
    """True (must), False (nice), or None when the sentence asks nothing of the applicant."""
    if line.section == "skip":
        return None
    if NICE_CUES.search(sentence):
        return False
    if MUST_CUES.search(sentence):
        return True
    if line.section == "must":
        return True
    if line.section == "nice":
        return False
    # duties and the opening: asked for only when the posting has no requirement section
    return not has_requirement_section
