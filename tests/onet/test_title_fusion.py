"""Lexical title index and the fused title classifier, on the fictional release (real embedder)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from core.jobs.occupations import OccupationClassifier
from onet.records import TitleEntry
from onet.store import OntologyStore
from onet.title_lexical import head_noun, title_lexicon, typicality

KNOWN_HEADS = frozenset({"director", "tutor", "handler"})


@pytest.mark.parametrize(("title", "head"), [
    ("Senior Dragon Handler II", "handler"),
    ("Keeper, Dragon Sanctuary", "keeper"),
    ("Lead Potion Tester - Night Shift", "tester"),
    ("Head of Starship Navigation", "director"),  # "head of X" reads as "X director"
    ("Star Pilot/Instructor", "pilot"),
    ("Associate Professor of Wyrm Studies", "professor"),  # in "A of B" the head is A's ...
    ("Bachelor of Spellcraft Tutor", "tutor"),  # ... unless B ends in a known job noun
    ("", ""),
])
def test_head_noun_is_the_last_word_of_the_first_part(title: str, head: str) -> None:
    assert head_noun(title, KNOWN_HEADS) == head


def test_head_noun_without_known_heads_takes_the_words_before_of() -> None:
    assert head_noun("Bachelor of Spellcraft Tutor") == "bachelor"


@pytest.mark.parametrize(("title", "code"), [
    ("Senior Wyrm Caretaker II", "99-1002.00"),
    ("Lead Potion Tester", "99-1004.00"),
    ("Star Pilot (Contract)", "99-1001.00"),
    ("Castle Designer, Sky Division", "99-1005.00"),
])
def test_lexicon_ranks_the_occupation_whose_title_shares_the_words(
        fictional_store: OntologyStore, title: str, code: str) -> None:
    scores = title_lexicon(fictional_store).scores(title)
    assert max(scores, key=lambda c: scores[c]) == code
    assert 0.0 < scores[code] <= 1.0


def test_lexicon_prefers_the_same_head_noun(fictional_store: OntologyStore) -> None:
    scores = title_lexicon(fictional_store).scores("Dragon Software Tester")
    # "tester" is the head: the potion tester outranks the occupation that only shares "software"
    assert scores["99-1004.00"] > scores.get("99-1003.00", 0.0)


def test_lexicon_knows_nothing_of_unknown_words(fictional_store: OntologyStore) -> None:
    assert title_lexicon(fictional_store).scores("Zzyzx Qwerty") == {}


def test_classifier_embeds_a_batch_of_titles_once(
        fictional_store: OntologyStore, embed_fn: Callable[[list[str]], np.ndarray]) -> None:
    calls: list[int] = []

    def counting(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        return embed_fn(texts)

    clf = OccupationClassifier(fictional_store, embed=counting)
    out = clf.classify(["Sr. Dragon Handler", "Star Pilot III", "Potion Testing Lead", "", "Wyrm Caretaker"])
    assert [r[0].code if r else None for r in out] == [
        "99-1002.00", "99-1001.00", "99-1004.00", None, "99-1002.00"]
    assert len(calls) == 1 and calls[0] == 4  # one batch of the distinct stripped titles
    for guesses in out:
        scores = [g.score for g in guesses]
        assert scores == sorted(scores, reverse=True) and all(0.0 <= s <= 1.0 for s in scores)


def test_meaning_finds_a_title_that_shares_no_word(
        fictional_store: OntologyStore, embed_fn: Callable[[list[str]], np.ndarray]) -> None:
    clf = OccupationClassifier(fictional_store, embed=embed_fn)
    [guesses] = clf.classify(["Spaceship Navigation Officer"])
    assert guesses and guesses[0].code == "99-1001.00"


def test_classifier_without_embedder_still_ranks_by_words(fictional_store: OntologyStore) -> None:
    [guesses] = OccupationClassifier(fictional_store).classify(["Junior Potion Tester"])
    assert guesses[0].code == "99-1004.00"


def test_title_entries_carry_how_many_sources_report_an_alternate_title(fictional_store: OntologyStore) -> None:
    reports = {(e.text, e.code, e.source): e.reports for e in fictional_store.title_entries()}
    assert reports["Sky Castle Designer", "99-1005.00", "alternate"] == 4
    assert reports["Sky Castle Designer", "99-1001.00", "alternate"] == 1
    assert reports["Incantation Programmer", "99-1003.00", "short"] == 1
    assert reports["Starship Navigators", "99-1001.00", "occupation"] == 0


@pytest.mark.parametrize(("source", "reports", "expected"), [
    ("occupation", 0, 1.0), ("alternate", 4, 1.0), ("alternate", 7, 1.0),
    ("alternate", 2, 0.94), ("alternate", 1, 0.91), ("short", 0, 0.91),
])
def test_typicality_grows_with_the_sources_reporting_a_title(source: str, reports: int, expected: float) -> None:
    entry = TitleEntry("Moon Miner", "99-1009.00", source, reports)
    assert typicality(entry) == pytest.approx(expected)


def test_a_title_shared_by_two_occupations_goes_to_the_one_more_sources_report(
        fictional_store: OntologyStore, embed_fn: Callable[[list[str]], np.ndarray]) -> None:
    # "Sky Castle Designer" names both; four sources report it for the castle architects, one for navigators
    lexical = title_lexicon(fictional_store).scores("Sky Castle Designer")
    assert lexical["99-1005.00"] > lexical["99-1001.00"]
    meaning = OccupationClassifier(fictional_store, embed=embed_fn)._title_meaning(["Sky Castle Designer"])
    assert meaning["sky castle designer"]["99-1005.00"] > meaning["sky castle designer"]["99-1001.00"]
    for clf in (OccupationClassifier(fictional_store, embed=embed_fn), OccupationClassifier(fictional_store)):
        [guesses] = clf.classify(["Senior Sky Castle Designer"])
        assert [g.code for g in guesses[:2]] == ["99-1005.00", "99-1001.00"]


JOB_NOUNS = frozenset({"brewer", "handler", "administrator", "tutor", "coordinator", "professor"})


@pytest.mark.parametrize(("title", "head"), [
    ("Potion Brewer in Charge", "brewer"),  # "charge" is no job noun
    ("Dragon Handler-Night Track", "handler"),
    ("Grimoire/Runebook Administrator", "administrator"),  # the first part names a product, not the job
    ("Bilingual (Elvish and Dwarvish) Tutor", "tutor"),
    ("Assistant Professor of Wyrm Studies", "professor"),
    ("Tutor Coordinator", "coordinator"),  # a last word that is a job noun stays the head
    ("Moon Quarry Foreman", "foreman"),  # no job noun anywhere: the last word of the first part
])
def test_head_noun_prefers_a_job_noun_over_a_trailing_field(title: str, head: str) -> None:
    assert head_noun(title, KNOWN_HEADS, JOB_NOUNS) == head


def test_job_nouns_are_words_that_mostly_end_the_titles_they_are_in(shared_store: OntologyStore) -> None:
    nouns = title_lexicon(shared_store).job_nouns
    assert {"professor", "teacher", "pharmacist", "administrator", "advisor"} <= nouns
    assert not {"research", "system", "medicine", "senior"} & nouns


def test_lexicon_reads_a_misspelled_title_word_as_the_title_word(fictional_store: OntologyStore) -> None:
    lexicon = title_lexicon(fictional_store)
    assert lexicon.spelled("programer") == "programmer"
    assert lexicon.spelled("zzyzxq") == "zzyzxq"  # nothing close: left as it is
    assert lexicon.spelled("pilot") == "pilot"  # a known word is never changed
    scores = lexicon.scores("Senior Incantaton Programer")
    assert scores and max(scores, key=lambda c: scores[c]) == "99-1003.00"
