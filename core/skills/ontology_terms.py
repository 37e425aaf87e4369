"""O*NET terms for the extractor: technology examples linked to, or added beside, the lexicon."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from onet.errors import OnetError
from onet.store import OntologyStore

if TYPE_CHECKING:
    from core.skills.extractor import SkillExtractor

# Vendor prefixes O*NET writes that people usually drop ("Microsoft Excel" -> "Excel").
VENDOR_PREFIX = re.compile(
    r"^(microsoft|apache|oracle|ibm|adobe|amazon|google|atlassian|sap|autodesk|apple|"
    r"red hat|hashicorp|the)\s+(.+)$", re.IGNORECASE)
WORD = re.compile(r"[a-z]+")
ONET_EXAMPLE_CONFIDENCE = 0.7


def open_store_at(db: Path) -> OntologyStore | None:
    """The ontology store at `db`, or None when it is missing or unreadable."""
    try:
        return OntologyStore.open(db)
    except OnetError:
        return None


def open_store(home: str) -> OntologyStore | None:
    """The store under a VITA_HOME-style root (data/ontology/onet.sqlite)."""
    return open_store_at(Path(home) / "data" / "ontology" / "onet.sqlite")


def english_vocabulary(store: OntologyStore) -> set[str]:
    """Lowercase words O*NET uses in plain prose (descriptions, tasks): 'ordinary English'."""

    def build() -> frozenset[str]:
        words: set[str] = set()
        for occ in store.occupations():
            words.update(WORD.findall(occ.description.lower()))
            for task in store.tasks(occ.code):
                words.update(WORD.findall(task.text.lower()))
        for el in store.skill_elements(("skill", "knowledge", "ability", "work_activity")):
            words.update(WORD.findall(el.description.lower()))
        return frozenset(words)

    return set(store.cached("skills:english_vocabulary", build))


def example_forms(example: str) -> list[str]:
    """The example and its form without a vendor prefix."""
    forms = [example]
    m = VENDOR_PREFIX.match(example)
    if m and len(m.group(2)) > 2:
        forms.append(m.group(2))
    return forms


def add_store_terms(extractor: SkillExtractor, store: OntologyStore) -> int:
    """Link lexicon entries to O*NET technology examples and add the examples the lexicon lacks."""
    from core.skills.extractor import Term

    vocab = english_vocabulary(store) | set(extractor.lexicon.verbs)
    techs = sorted(store.technology_skills(), key=lambda t: (-len(t.occupation_codes), t.id))
    linked: dict[str, tuple[str, str]] = {}
    form_to_lex = extractor.form_owner()
    added = 0
    for tech in techs:
        for n, form in enumerate(example_forms(tech.example)):
            low = form.lower()
            owner = form_to_lex.get(low)
            if owner is not None:
                linked.setdefault(owner, (tech.ontology_id, tech.example))
                continue
            words = low.split()
            one_word = len(words) == 1
            plain_word = one_word and low.isalpha() and low in vocab
            if plain_word and not _has_inner_caps(form):
                guarded = True  # "Word", "Access", "Teams": ordinary words unless context says otherwise
            else:
                guarded = False
            if len(low) < 2 or (n > 0 and plain_word):
                continue
            conf = ONET_EXAMPLE_CONFIDENCE if n == 0 else ONET_EXAMPLE_CONFIDENCE - 0.05
            term = Term(tech.ontology_id, tech.example, "knowledge", conf)
            if extractor.add_form(form, term, guarded=guarded, variants=False):
                added += 1
    extractor.relink(linked)
    extractor.relabel_elements({el.element_id: el.name for el in store.skill_elements()})
    return added


def _has_inner_caps(form: str) -> bool:
    return any(c.isupper() for c in form[1:]) or any(c.isdigit() for c in form)
