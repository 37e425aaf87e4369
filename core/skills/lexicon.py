"""The starter lexicon shipped in `resources/lexicon`: knowledge terms, soft skills, ability verbs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

KNOWLEDGE_FILE = "knowledge.txt"
ABILITIES_FILE = "abilities.txt"
PRECISION_FILE = "term_precision.tsv"


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One concept with its surface forms; `guarded_forms` are also ordinary English words."""

    id: str
    label: str
    kind: str  # "knowledge" | "skill"
    category: str
    forms: tuple[str, ...]
    guarded_forms: tuple[str, ...] = ()
    element_id: str | None = None  # O*NET Content Model element for skill-layer entries


@dataclass(slots=True)
class Lexicon:
    """All starter entries plus the ability verbs (inflected form -> (base, O*NET element))."""

    entries: list[LexiconEntry] = field(default_factory=list)
    verbs: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # form -> (base, tense, element)
    element_names: dict[str, str] = field(default_factory=dict)
    form_precision: dict[str, float] = field(default_factory=dict)

    def by_id(self) -> dict[str, LexiconEntry]:
        return {e.id: e for e in self.entries}


def slug(text: str) -> str:
    """A stable id fragment: lowercase, runs of non-alphanumerics (except + and #) become '-'."""
    s = re.sub(r"[^a-z0-9+#]+", "-", text.lower()).strip("-")
    return s or "x"


def _read(name: str) -> str:
    return resources.files("resources").joinpath("lexicon", name).read_text(encoding="utf-8")


def _split_forms(line: str) -> list[str]:
    return [f.strip() for f in line.split("|") if f.strip()]


def parse_knowledge(text: str) -> list[LexiconEntry]:
    """Parse knowledge.txt ("## category" sections, "Label | alias ..." lines)."""
    out: list[LexiconEntry] = []
    seen: set[str] = set()
    category = "general"
    for raw in text.splitlines():
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("##")):
            continue
        if line.startswith("##"):
            category = line.lstrip("#").strip()
            continue
        raw_forms = _split_forms(line)
        guarded = tuple(f[1:] for f in raw_forms if f.startswith("!"))
        forms = [f.lstrip("!") for f in raw_forms]
        eid = "lex:" + slug(forms[0])
        if eid in seen:
            continue
        seen.add(eid)
        out.append(LexiconEntry(eid, forms[0], "knowledge", category, tuple(forms), guarded))
    return out


def inflect(base: str) -> dict[str, str]:
    """Regular English inflections of a (possibly multi-word) verb: form -> tense tag."""
    head, _, rest = base.partition(" ")
    tail = f" {rest}" if rest else ""
    out = {base: "base"}
    if head.endswith("e") and not head.endswith(("ee", "ye", "oe")):
        ing, ed = head[:-1] + "ing", head + "d"
    elif re.search(r"[^aeiou][aeiou][bdgmnpt]$", head) and len(head) <= 4:
        ing, ed = head + head[-1] + "ing", head + head[-1] + "ed"
    elif head.endswith("y") and len(head) > 2 and head[-2] not in "aeiou":
        ing, ed = head + "ing", head[:-1] + "ied"
    else:
        ing, ed = head + "ing", head + "ed"
    if head.endswith(("s", "sh", "ch", "x", "z")):
        third = head + "es"
    elif head.endswith("y") and len(head) > 2 and head[-2] not in "aeiou":
        third = head[:-1] + "ies"
    else:
        third = head + "s"
    irregular = {
        "build": "built", "lead": "led", "run": "ran", "write": "wrote", "take": "took",
        "drive": "drove", "teach": "taught", "seek": "sought", "meet": "met", "set": "set",
        "keep": "kept", "grow": "grew", "sell": "sold", "understand": "understood", "spend": "spent",
        "choose": "chose", "found": "founded", "stay": "stayed", "read": "read", "speak": "spoke",
        "undertake": "undertook", "oversee": "oversaw", "shape": "shaped", "head": "headed",
    }
    ed = irregular.get(head, ed)
    out[ing + tail] = "ing"
    out[ed + tail] = "past"
    out[third + tail] = "third"
    return out


def parse_abilities(text: str) -> tuple[list[LexiconEntry], dict[str, tuple[str, str, str]], dict[str, str]]:
    """Parse abilities.txt into soft-skill entries, verb forms and O*NET element names."""
    entries: list[LexiconEntry] = []
    verbs: dict[str, tuple[str, str, str]] = {}
    names: dict[str, str] = {}
    element = ""
    seen: set[str] = set()
    for raw in text.splitlines():
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("##")):
            continue
        if line.startswith("##"):
            element, _, name = line.lstrip("#").strip().partition(" ")
            names[element] = name.strip()
            continue
        if line.startswith(">"):
            for base in _split_forms(line[1:]):
                for form, tense in inflect(base.lower()).items():
                    verbs.setdefault(form, (base.lower(), tense, element))
            continue
        forms = _split_forms(line)
        for form in forms:
            eid = "lex:skill:" + slug(form)
            if eid in seen:
                continue
            seen.add(eid)
            entries.append(LexiconEntry(eid, form, "skill", names.get(element, "ability"), (form,), (), element))
    return entries, verbs, names


def parse_precision(text: str) -> dict[str, float]:
    """term_precision.tsv: lowercase form, times seen, times annotated -> smoothed precision."""
    out: dict[str, float] = {}
    for raw in text.splitlines():
        parts = raw.rstrip("\n").split("\t")
        if len(parts) != 3 or parts[0].startswith("#"):
            continue
        try:
            seen, hit = int(parts[1]), int(parts[2])
        except ValueError:
            continue
        out[parts[0]] = (hit + 1) / (seen + 2)
    return out


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The starter lexicon (cached; works from a frozen app via importlib.resources)."""
    knowledge = parse_knowledge(_read(KNOWLEDGE_FILE))
    skills, verbs, names = parse_abilities(_read(ABILITIES_FILE))
    try:
        precision = parse_precision(_read(PRECISION_FILE))
    except FileNotFoundError:
        precision = {}
    return Lexicon(knowledge + skills, verbs, names, precision)
