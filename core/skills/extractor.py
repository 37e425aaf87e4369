"""SkillExtractor: knowledge and skill mentions in any text, linked to ontology entries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from core.skills.guards import guarded_form_ok
from core.skills.lexicon import Lexicon, load_lexicon
from core.skills.model import SkillSpan
from core.skills.phrases import verb_phrases
from core.skills.relevance import load_relevance
from core.skills.tokens import blank_nlp


@dataclass(frozen=True, slots=True)
class Term:
    """A matchable concept: the entry it links to and how much a bare match is trusted."""

    ontology_id: str
    label: str
    kind: str
    confidence: float


LABEL_CONFIDENCE = 0.9
ALIAS_CONFIDENCE = 0.85
GUARDED_CONFIDENCE = 0.75
PHRASE_CONFIDENCE = 0.55
RELEVANCE_THRESHOLD = 0.12  # chosen by 2-fold cross-validation on the training split
RELEVANCE_MIN_WORDS = 3  # shorter sentences (a bare "Python") are always kept
PRECISION_BONUS = 0.1  # confidence = learned precision + this (capped by the base confidence)


FOLD_STOP = frozenset("it as us or an at in on is do be we me no so to up c r".split())
LIST_GLUE = frozenset(", / & | ( ) - + and or".split())


def _near(edges: set[int], pos: int, doc: Any, direction: int) -> bool:
    """Is a knowledge span edge at `pos`, or across one list separator from it?"""
    if pos in edges:
        return True
    glue = pos if direction > 0 else pos - 1
    if 0 <= glue < len(doc) and doc[glue].lower_ in LIST_GLUE:
        return (glue + 1 if direction > 0 else glue) in edges
    return False


def _starts_clause(doc: Any, i: int) -> bool:
    return i == 0 or doc[i - 1].is_sent_end or doc[i - 1].text in {"-", "•", "*", ";", "–", ":"} or doc[i].is_sent_start


def _is_short_acronym(form: str) -> bool:
    letters = form.replace(".", "").replace("&", "").replace("/", "")
    return 1 < len(letters) <= 5 and letters.isalpha() and letters.isupper()


class SkillExtractor:
    """Starter lexicon (plus an O*NET store's terms when given) -> SkillSpans per text."""

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        store: Any = None,
        *,
        min_confidence: float = 0.4,
        skill_layer: bool = True,
        fuzzy: bool = True,
        relevance_threshold: float = RELEVANCE_THRESHOLD,
    ) -> None:
        self.nlp = blank_nlp()  # first: imports spaCy without its eager torch import
        from spacy.matcher import PhraseMatcher

        self.lexicon = lexicon or load_lexicon()
        self.min_confidence = min_confidence
        self.skill_layer = skill_layer
        self.element_names = dict(self.lexicon.element_names)
        self.relevance = load_relevance() if relevance_threshold > 0 else None
        self.relevance_threshold = relevance_threshold
        self._lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        # exact-case forms again, case-folded: "spring", "tdd" inside a lowercase list of tools
        self._folded = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._terms: dict[int, Term] = {}
        self._guarded_keys: set[int] = set()
        self._forms: dict[str, float] = {}  # lowercase form -> confidence of a bare match
        self._owner: dict[str, str] = {}  # lowercase form -> ontology id
        for entry in self.lexicon.entries:
            oid, label = entry.id, entry.label
            if entry.element_id:  # soft skills link to their O*NET Content Model element
                oid, label = f"onet:element:{entry.element_id}", self.element_names.get(entry.element_id, label)
            for n, form in enumerate(entry.forms):
                conf = LABEL_CONFIDENCE if n == 0 else ALIAS_CONFIDENCE
                self.add_form(form, Term(oid, label, entry.kind, conf), guarded=form in entry.guarded_forms)
        if store is not None:
            from core.skills.ontology_terms import add_store_terms

            add_store_terms(self, store)
        self._fuzzy = None
        if fuzzy:
            from core.skills.fuzzy import FuzzyMatcher

            self._fuzzy = FuzzyMatcher(self)

    def add_form(self, form: str, term: Term, *, guarded: bool = False, variants: bool = True) -> bool:
        """Register one surface form (first registration of a form wins); False if skipped."""
        text = form.strip()
        low = text.lower()
        if not low or low in self._forms:
            return False
        prec = self.lexicon.form_precision.get(low)
        conf = term.confidence if prec is None else min(term.confidence, PRECISION_BONUS + prec)
        forms = {text}
        if variants and " " in text and term.kind == "knowledge":
            forms.add(text.replace(" ", "-"))
        exact = guarded or _is_short_acronym(text)
        key_name = f"{'!' if guarded else ''}{term.ontology_id}"
        key = self.nlp.vocab.strings.add(key_name)
        self._terms[key] = term
        for f in forms:
            self._forms[f.lower()] = conf
            self._owner[f.lower()] = term.ontology_id
        if guarded:
            self._guarded_keys.add(key)
        docs = [self.nlp.make_doc(f) for f in forms]
        # exact case: ambiguous words ("Go") and short acronyms ("IT", "CV" must not match "it", "cv")
        (self._exact if exact else self._lower).add(key_name, docs)
        if exact and low not in FOLD_STOP:
            self._folded.add(key_name, docs)
        return True

    def _conf_at(self, doc: Any, start: int, end: int) -> float:
        return self._forms.get(doc[start:end].text.lower(), 0.0)

    def known(self, form: str) -> bool:
        return form.strip().lower() in self._forms

    def form_owner(self) -> dict[str, str]:
        """Lowercase form -> ontology id of the term that registered it."""
        return dict(self._owner)

    def relink(self, links: dict[str, tuple[str, str]]) -> None:
        """Point terms of an id at another ontology entry (lexicon id -> (O*NET id, label))."""
        for key, term in list(self._terms.items()):
            if term.ontology_id in links:
                oid, label = links[term.ontology_id]
                self._terms[key] = Term(oid, label, term.kind, term.confidence)
        for form, owner in list(self._owner.items()):
            if owner in links:
                self._owner[form] = links[owner][0]

    def relabel_elements(self, names: dict[str, str]) -> None:
        """Use the imported release's names for O*NET elements."""
        self.element_names.update(names)

    def extract(self, text: str) -> list[SkillSpan]:
        """Skill spans in `text`, sorted by start."""
        return next(iter(self.extract_many([text])))

    def extract_many(self, texts: Iterable[str], batch_size: int = 512) -> Iterator[list[SkillSpan]]:
        """Spans for each text (tokenised in batches with nlp.pipe)."""
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self._spans(doc)

    def _spans(self, doc: Any) -> list[SkillSpan]:
        from spacy.util import filter_spans

        plain = [(k, s, e) for k, s, e in self._lower(doc) if self._conf_at(doc, s, e) >= self.min_confidence]
        has_tech = any(self._terms[k].kind == "knowledge" for k, _, _ in plain)
        for k, s, e in self._exact(doc):
            if self._conf_at(doc, s, e) < self.min_confidence:
                continue
            if k not in self._guarded_keys or guarded_form_ok(doc, s, e, has_tech):
                plain.append((k, s, e))
        if len(plain) > 0:
            plain.extend(self._folded_in_lists(doc, plain))
        if self._fuzzy is not None:
            words = [t.text for t in doc]
            covered = {i for _, s, e in plain for i in range(s, e)}
            plain.extend(self._fuzzy.matches(doc, covered, words))
        spans = []
        for k, s, e in plain:
            span = doc[s:e]
            span.label = k  # keep the term key on the span through filter_spans
            spans.append(span)
        out: list[SkillSpan] = []
        for span in filter_spans(spans):
            term = self._terms[span.label]
            conf = self._conf_at(doc, span.start, span.end)
            if span.label in self._guarded_keys:
                conf = min(conf, GUARDED_CONFIDENCE)
            out.append(SkillSpan(span.start_char, span.end_char, span.text, term.ontology_id, term.label, term.kind, conf))
        if self.skill_layer:
            out.extend(self._phrase_spans(doc, out))
        if self.relevance is not None and out:
            out = self._drop_irrelevant(doc, out)
        out.sort(key=lambda sp: (sp.start, -sp.end))
        return out

    def _folded_in_lists(self, doc: Any, accepted: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Lower-case matches of exact-case forms, kept only right next to another tool in a list."""
        taken = {(s, e) for _, s, e in accepted}
        starts = {s for k, s, _ in accepted if self._terms[k].kind == "knowledge"}
        ends = {e for k, _, e in accepted if self._terms[k].kind == "knowledge"}
        out = []
        for k, s, e in self._folded(doc):
            if (s, e) in taken or doc[s:e].text == doc[s:e].text.upper() and not doc[s:e].text.islower():
                continue
            if self._conf_at(doc, s, e) < self.min_confidence:
                continue
            if not (_near(ends, s, doc, -1) or _near(starts, e, doc, +1)):
                continue
            if k in self._guarded_keys and not guarded_form_ok(doc, s, e, True):
                continue
            out.append((k, s, e))
        return out

    def _drop_irrelevant(self, doc: Any, spans: list[SkillSpan]) -> list[SkillSpan]:
        """Drop mentions in sentences that do not talk about skills (company blurbs, benefits)."""
        assert self.relevance is not None
        off: list[tuple[int, int]] = []
        all_words = [t.text for t in doc]
        for sent in doc.sents:
            words = [w for w in all_words[sent.start : sent.end] if not w.isspace()]
            if len(words) >= RELEVANCE_MIN_WORDS and self.relevance.probability(words) < self.relevance_threshold:
                off.append((sent.start_char, sent.end_char))
        if not off:
            return spans
        return [s for s in spans if not any(a <= s.start < b for a, b in off)]

    def _phrase_spans(self, doc: Any, found: list[SkillSpan]) -> list[SkillSpan]:
        names = self.element_names
        result: list[SkillSpan] = []
        for vp in verb_phrases(doc, self.lexicon.verbs, [t.text for t in doc]):
            if vp.end - vp.start < 2 and vp.tense == "base":
                continue
            prec = self.lexicon.form_precision.get(f"@verb {vp.base} {vp.tense}")
            if vp.tense == "past" and _starts_clause(doc, vp.start):
                prec = None  # resume bullets ("Designed ..."): job-ad statistics do not apply
            conf = PHRASE_CONFIDENCE if prec is None else min(0.8, PRECISION_BONUS + prec)
            if conf < self.min_confidence:
                continue
            span = doc[vp.start : vp.end]
            s, e = span.start_char, span.end_char
            head_end = doc[vp.start].idx + len(doc[vp.start])
            if any(f.start <= s and head_end <= f.end for f in found):
                continue  # the "verb" is itself a matched term ("Excel and ...")
            result.append(SkillSpan(s, e, span.text, f"onet:element:{vp.element}", names.get(vp.element, vp.base), "skill", conf))
        return result
