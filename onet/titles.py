"""Job title -> ranked O*NET-SOC codes: abbreviations expanded, seniority stripped, exact, fuzzy, semantic."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz import fuzz, process

from onet.errors import EmbeddingsMissing

if TYPE_CHECKING:
    import numpy as np

    from onet.records import TitleEntry
    from onet.store import OntologyStore

EmbedFn = Callable[[list[str]], "np.ndarray"]

ABBREVIATIONS: dict[str, str] = {
    "sr": "senior", "snr": "senior", "jr": "junior", "mgr": "manager", "mngr": "manager",
    "eng": "engineer", "engr": "engineer", "swe": "software engineer", "sde": "software development engineer",
    "sdet": "software development engineer in test", "vp": "vice president",
    "svp": "senior vice president", "evp": "executive vice president", "avp": "assistant vice president",
    "dir": "director", "assoc": "associate", "asst": "assistant", "admin": "administrator",
    "dev": "developer", "devs": "developers", "ops": "operations", "qa": "quality assurance",
    "hr": "human resources", "it": "information technology", "cto": "chief technology officer",
    "ceo": "chief executive officer", "cfo": "chief financial officer", "coo": "chief operating officer",
    "cio": "chief information officer", "cmo": "chief marketing officer", "pm": "project manager",
    "acct": "accountant", "rn": "registered nurse", "lpn": "licensed practical nurse",
    "ux": "user experience", "sw": "software", "hw": "hardware", "sys": "systems",
    "sysadmin": "systems administrator", "dba": "database administrator", "mktg": "marketing",
    "mgmt": "management", "tech": "technician", "spec": "specialist", "coord": "coordinator",
    "rep": "representative", "exec": "executive", "ml": "machine learning", "ai": "artificial intelligence",
    "em": "engineering manager", "ae": "account executive", "sdr": "sales development representative",
    "bdr": "business development representative", "csm": "customer success manager",
    "ba": "business analyst", "hrbp": "human resources business partner", "sre": "site reliability engineer",
    "mle": "machine learning engineer", "de": "data engineer", "ds": "data scientist",
    "gm": "general manager", "cpa": "certified public accountant",
    "np": "nurse practitioner", "md": "physician", "prof": "professor",
    "dept": "department", "fe": "front end", "fullstack": "full stack",
}
SENIORITY = {
    "senior", "junior", "principal", "staff", "lead", "entry", "level", "mid", "midlevel", "experienced",
    "associate", "grade", "band", "trainee", "apprentice", "intermediate", "sr", "jr",
}
ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}
_LEVEL = re.compile(r"^(?:l|g|p|e|ic|m)?\d{1,2}[a-z]?$")
_WORD = re.compile(r"[a-z0-9+#]+")


CONTEXT_ABBREVIATIONS = {"eng": "engineering", "engr": "engineering", "mktg": "marketing", "ops": "operations"}
ROLE_WORDS = {"president", "director", "head", "manager", "chief", "officer", "supervisor", "coordinator"}
STOPWORDS = {"of", "the", "and", "for", "in", "to", "a", "an", "at", "on", "with"}


def _words(title: str) -> list[str]:
    """Lower-cased words with abbreviations expanded; parentheses dropped."""
    text = re.sub(r"\([^)]*\)", " ", title.lower()).replace("&", " and ").replace("/", " ")
    raw = _WORD.findall(text.replace(".", " ").replace("-", " ").replace(",", " "))
    out: list[str] = []
    for i, w in enumerate(raw):
        if w in CONTEXT_ABBREVIATIONS and i + 1 < len(raw):  # "Eng Mgr" -> engineering manager
            out.append(CONTEXT_ABBREVIATIONS[w])
        else:
            out.extend(ABBREVIATIONS.get(w, w).split())
    return _field_first(out)


def _field_first(words: list[str]) -> list[str]:
    """ "vice president of engineering" -> "engineering vice president" (O*NET's word order)."""
    if "of" not in words:
        return words
    i = words.index("of")
    if 0 < i < len(words) - 1 and words[i - 1] in ROLE_WORDS:
        role = ["director" if w == "head" else w for w in words[:i]]
        return words[i + 1:] + role
    return words


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalize_text(title: str) -> str:
    """Comparable form of a title: lower case, abbreviations expanded, punctuation dropped."""
    return " ".join(_words(title))


def strip_seniority(title: str) -> str:
    """`normalize_text` without seniority/level/stop words, roman numerals, level codes (L5), plurals."""
    words = _words(title)
    kept = [w for w in words if w not in SENIORITY and w not in ROMAN and w not in STOPWORDS
            and not _LEVEL.match(w)]
    return " ".join(_singular(w) for w in (kept or words))


def stripped_titles(store: OntologyStore) -> dict[str, str]:
    """Every O*NET title text -> `strip_seniority` of it, computed once per store (the title indexes share it)."""

    def build() -> dict[str, str]:
        return {e.text: strip_seniority(e.text) for e in store.title_entries()}

    stripped: dict[str, str] = store.cached("stripped_titles", build)
    return stripped


SENIOR_ROLES = ("executive vice president", "senior vice president", "assistant vice president",
                "vice president", "director", "head", "chief", "manager")


def _role_variants(text: str) -> list[str]:
    """The same title with its leadership role swapped for the ones O*NET files it under."""
    for role in SENIOR_ROLES:
        if text.endswith(" " + role):
            field = text[: -len(role) - 1]
        elif text.startswith(role + " "):  # "vice president marketing"
            field = text[len(role) + 1:]
        else:
            continue
        return [f"{field} {r}" for r in ("director", "manager")]
    return []


class TitleMatch(NamedTuple):
    code: str
    title: str
    confidence: float


EXACT_CONF = {"occupation": 1.0, "alternate": 0.97, "short": 0.95}
STRIPPED_PENALTY = 0.05
ROLE_VARIANT_PENALTY = 0.1
FUZZY_CUTOFF = 80.0
FUZZY_WEIGHT = 0.85
SEMANTIC_FLOOR = 0.45
SEMANTIC_WEIGHT = 0.85
FUZZY_POOL = 3000
TIE_BREAK = 0.05


TITLE_KEY_VERSION = "2"  # bump when normalize_text/strip_seniority change (keys are stored at import)


def title_keys(entries: Iterable[TitleEntry]) -> Iterator[tuple[str, str, float, str]]:
    """(normalized key, code, exact-match confidence, title) for every title, full and stripped."""
    for e in entries:
        base = EXACT_CONF[e.source]
        for key, conf in ((normalize_text(e.text), base), (strip_seniority(e.text), base - STRIPPED_PENALTY)):
            if key:
                yield key, e.code, conf, e.text


class TitleIndex:
    """In-memory keys of every title in a store (built lazily once per store), plus a query cache."""

    def __init__(self, store: OntologyStore) -> None:
        self.store = store
        self.titles = store.occupation_titles()
        self.exact: dict[str, dict[str, float]] = {}  # normalized key -> code -> confidence
        self.by_text: dict[str, set[str]] = {}  # original title text -> codes (for semantic hits)
        self.key_text: dict[str, str] = {}  # normalized key -> one original title (for display)
        rows = store.title_keys(TITLE_KEY_VERSION)
        if rows is None:  # built by an older importer: compute the keys here
            rows = list(title_keys(store.title_entries()))
        for key, code, conf, text in rows:
            self.by_text.setdefault(text, set()).add(code)
            self.key_text.setdefault(key, text)
            codes = self.exact.setdefault(key, {})
            if conf > codes.get(code, 0.0):
                codes[code] = conf
        self.keys = list(self.exact)
        self.postings: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            for w in set(key.split()):
                self.postings.setdefault(w, []).append(i)
                if len(w) > 3:  # typo-tolerant: words sharing their first three letters
                    self.postings.setdefault(w[:3] + "~", []).append(i)
        self.own_keys = {c: strip_seniority(t) for c, t in self.titles.items()}
        self.lookup = lru_cache(maxsize=4096)(self._lookup)

    def _lookup(self, title: str, limit: int, embed: EmbedFn | None) -> tuple[TitleMatch, ...]:
        full, stripped = normalize_text(title), strip_seniority(title)
        if not stripped:
            return ()
        scores: dict[str, float] = {}

        def add(code: str, conf: float) -> None:
            if conf > scores.get(code, 0.0):
                scores[code] = conf

        for key, penalty in ((full, 0.0), (stripped, STRIPPED_PENALTY if stripped != full else 0.0)):
            for code, conf in self.exact.get(key, {}).items():
                add(code, conf - penalty)
        if not scores:  # "engineering vice president" -> "engineering director" / "... manager"
            for variant in _role_variants(stripped):
                for code, conf in self.exact.get(variant, {}).items():
                    add(code, conf - ROLE_VARIANT_PENALTY)
        if not scores:
            for key, score in self.fuzzy(stripped, limit * 2):
                for code, conf in self.exact[key].items():
                    add(code, FUZZY_WEIGHT * (score / 100.0) * conf)
        if embed is not None and (not scores or max(scores.values()) < 0.9):
            for code, sim, _ in self.semantic(stripped, embed, limit * 3):
                add(code, SEMANTIC_WEIGHT * sim)
        for code in scores:  # ties (one alt title, several occupations): prefer the closer own title
            sim = fuzz.token_set_ratio(stripped, self.own_keys.get(code, "")) / 100.0
            scores[code] -= TIE_BREAK * (1.0 - sim)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return tuple(TitleMatch(c, self.titles.get(c, ""), round(min(conf, 1.0), 4)) for c, conf in ranked)

    def fuzzy(self, text: str, limit: int) -> list[tuple[str, float]]:
        """Fuzzy matches among keys sharing a word with `text` (the most overlapping first)."""
        counts: dict[int, int] = {}
        for w in set(text.split()):
            for i in self.postings.get(w, ()):
                counts[i] = counts.get(i, 0) + 2
            for i in self.postings.get(w[:3] + "~", ()) if len(w) > 3 else ():
                counts[i] = counts.get(i, 0) + 1
        if not counts:
            return []
        best = sorted(counts, key=lambda i: -counts[i])[:FUZZY_POOL]
        pool = [self.keys[i] for i in best]
        hits = process.extract(text, pool, scorer=fuzz.token_sort_ratio, limit=limit, score_cutoff=FUZZY_CUTOFF)
        return [(key, float(score)) for key, score, _ in hits]

    def semantic(self, text: str, embed: EmbedFn, k: int) -> list[tuple[str, float, str]]:
        """(code, cosine similarity, matched title) for the `k` nearest titles of each kind."""
        import numpy as np

        query = np.asarray(embed([text]), dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(query)) or 1.0
        query = query / norm
        out: list[tuple[str, float, str]] = []
        for kind in ("occupation_title", "alt_title"):
            try:
                texts, matrix = self.store.embeddings(kind)
            except EmbeddingsMissing:
                continue
            # einsum's own loop, not BLAS: a memory-bound mat-vec where OpenBLAS's thread pool
            # fights torch's threads (measured 8 ms vs 15-60 ms for `@` on 49k x 384)
            sims = np.einsum("ij,j->i", matrix, query)
            top = np.argpartition(-sims, min(k, len(sims) - 1))[:k] if len(sims) > k else np.arange(len(sims))
            for i in top:
                sim = float(sims[i])
                if sim >= SEMANTIC_FLOOR:
                    for code in self.by_text.get(texts[i], ()):
                        out.append((code, sim, texts[i]))
        return out


def title_index(store: OntologyStore) -> TitleIndex:
    """The store's title index, built on first use and kept with the store."""
    index: TitleIndex = store.cached("title_index", lambda: TitleIndex(store))
    return index


def normalize_title(store: OntologyStore, title: str, *, embed: EmbedFn | None = None,
                    limit: int = 5) -> list[TitleMatch]:
    """Ranked (code, occupation title, confidence 0-1) for a job title such as "Sr. SWE II"."""
    if not title or not title.strip():
        return []
    return list(title_index(store).lookup(title.strip(), limit, embed))
