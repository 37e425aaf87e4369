"""SkillExtractor: knowledge and skill mentions in any text, linked to ontology entries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from core.skills.guards import guarded_form_ok
from core.skills.lexicon import Lexicon, load_lexicon
from core.skills.model import SkillSpan
from core.skills.phrases import verb_phrases
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
PRECISION_BONUS = 0.1  # confidence = learned precision + this (capped by the base confidence)


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
    ) -> None:
        from spacy.matcher import PhraseMatcher

        self.lexicon = lexicon or load_lexicon()
        self.nlp = blank_nlp()
        self.min_confidence = min_confidence
        self.skill_layer = skill_layer
        self._lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._terms: dict[int, Term] = {}
        self._guarded_keys: set[int] = set()
        self._seen_forms: set[str] = set()
        for entry in self.lexicon.entries:
            for n, form in enumerate(entry.forms):
                conf = LABEL_CONFIDENCE if n == 0 else ALIAS_CONFIDENCE
                self.add_form(form, Term(entry.id, entry.label, entry.kind, conf), guarded=form in entry.guarded_forms)
        if store is not None:
            from core.skills.ontology_terms import add_store_terms

            add_store_terms(self, store)
        self._fuzzy = None
        if fuzzy:
            from core.skills.fuzzy import FuzzyMatcher

            self._fuzzy = FuzzyMatcher(self)

    def add_form(self, form: str, term: Term, *, guarded: bool = False) -> bool:
        """Register one surface form (first registration of a form wins); False if skipped."""
        low = form.strip().lower()
        if not low or low in self._seen_forms:
            return False
        prec = self.lexicon.form_precision.get(low)
        conf = term.confidence if prec is None else min(term.confidence, PRECISION_BONUS + prec)
        variants = {form.strip()}
        if " " in form.strip() and term.kind == "knowledge":
            variants.add(form.strip().replace(" ", "-"))
        self._seen_forms.add(low)
        key_name = f"{term.ontology_id}|{low}"
        key = self.nlp.vocab.strings.add(key_name)
        self._terms[key] = Term(term.ontology_id, term.label, term.kind, conf)
        docs = [self.nlp.make_doc(v) for v in variants]
        if guarded:
            self._guarded_keys.add(key)
            self._exact.add(key_name, docs)
        elif _is_short_acronym(form):
            self._exact.add(key_name, docs)  # "IT", "CV", "AD" must not match "it", "cv", "ad"
        else:
            self._lower.add(key_name, docs)
        return True

    def known(self, form: str) -> bool:
        return form.strip().lower() in self._seen_forms

    def extract(self, text: str) -> list[SkillSpan]:
        """Skill spans in `text`, sorted by start."""
        return next(iter(self.extract_many([text])))

    def extract_many(self, texts: Iterable[str], batch_size: int = 512) -> Iterator[list[SkillSpan]]:
        """Spans for each text (tokenised in batches with nlp.pipe)."""
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self._spans(doc)

    def _spans(self, doc: Any) -> list[SkillSpan]:
        from spacy.util import filter_spans

        matches = [(k, s, e) for k, s, e in self._lower(doc)]
        plain = [(k, s, e) for k, s, e in matches if self._terms[k].confidence >= self.min_confidence]
        has_tech = any(self._terms[k].kind == "knowledge" for k, _, _ in plain)
        for k, s, e in self._exact(doc):
            if self._terms[k].confidence < self.min_confidence:
                continue
            if k not in self._guarded_keys or guarded_form_ok(doc, s, e, has_tech):
                plain.append((k, s, e))
        if self._fuzzy is not None:
            covered = {i for _, s, e in plain for i in range(s, e)}
            plain.extend(self._fuzzy.matches(doc, covered))
        spans = []
        for k, s, e in plain:
            span = doc[s:e]
            span.label = k  # keep the term key on the span through filter_spans
            spans.append(span)
        out: list[SkillSpan] = []
        for span in filter_spans(spans):
            term = self._terms[span.label]
            conf = term.confidence if span.label not in self._guarded_keys else min(term.confidence, 0.75)
            out.append(SkillSpan(span.start_char, span.end_char, span.text, term.ontology_id, term.label, term.kind, conf))
        if self.skill_layer:
            out.extend(self._phrase_spans(doc, out))
        out.sort(key=lambda sp: (sp.start, -sp.end))
        return out

    def _phrase_spans(self, doc: Any, found: list[SkillSpan]) -> list[SkillSpan]:
        names = self.lexicon.element_names
        result: list[SkillSpan] = []
        for vp in verb_phrases(doc, self.lexicon.verbs):
            if vp.end - vp.start < 2 and vp.tense == "base":
                continue
            prec = self.lexicon.form_precision.get(f"@verb {vp.base} {vp.tense}")
            conf = PHRASE_CONFIDENCE if prec is None else min(0.8, PRECISION_BONUS + prec)
            if conf < self.min_confidence:
                continue
            span = doc[vp.start : vp.end]
            s, e = span.start_char, span.end_char
            head_end = doc[vp.start].idx + len(doc[vp.start])
            if any(f.start <= s and head_end <= f.end for f in found):
                continue  # the "verb" is itself a matched term ("Excel and ...")
            result.append(SkillSpan(s, e, span.text, f"onet:{vp.element}", names.get(vp.element, vp.base), "skill", conf))
        return result
