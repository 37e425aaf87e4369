"""Occupation-level n-gram evidence (`onet.title_bayes`) and its part in the fused title classifier."""

from __future__ import annotations

import pytest

import core.jobs.occupations as occupations
from core.jobs.occupations import OccupationClassifier
from onet.store import OntologyStore
from onet.title_bayes import title_bayes, word_ngrams
from onet.title_lexical import title_lexicon


def test_word_ngrams_stay_inside_words() -> None:
    grams = word_ngrams("ox keeper")
    assert grams[" ox "] == 1  # a word shorter than the n-gram counts once, whole
    assert {" ke", "kee", "keeper"[1:5], "per "} <= set(grams)
    assert not any(" " in g.strip() for g in grams)  # no n-gram spans two words


def test_posterior_is_a_share_among_the_best_occupations(fictional_store: OntologyStore) -> None:
    post = title_bayes(fictional_store).posterior("Senior Wyrm Caretaker")
    assert max(post, key=lambda c: post[c]) == "99-1002.00"
    assert sum(post.values()) == pytest.approx(1.0)
    assert title_bayes(fictional_store).posterior("Qqqq Zzzz") == {}


def test_posterior_reads_word_fragments_the_word_index_does_not_know(fictional_store: OntologyStore) -> None:
    # "Navig" is no title word, so the word match knows nothing; its n-grams are Starship Navigators'
    assert title_lexicon(fictional_store).scores("Navig") == {}
    post = title_bayes(fictional_store).posterior("Navig")
    assert max(post, key=lambda c: post[c]) == "99-1001.00"


def test_posterior_weighs_titles_by_how_many_sources_report_them(fictional_store: OntologyStore) -> None:
    post = title_bayes(fictional_store).posterior("Sky Castle Designer")  # four sources under 99-1005, one under 99-1001
    assert post["99-1005.00"] > post["99-1001.00"]


def test_occupation_evidence_breaks_a_tie_of_the_best_single_title(
        fictional_store: OntologyStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # "Spell Software Engineer" is an alternate title of 99-1003 and of 99-1005 alike, so the best single
    # title ties; only 99-1005's other titles (Cloud Castle Architects, Sky Castle Designer) hold "castle"
    title = "Castle Software Engineer"
    lexical = title_lexicon(fictional_store).scores(title)
    assert lexical["99-1003.00"] == pytest.approx(lexical["99-1005.00"])
    clf = OccupationClassifier(fictional_store)
    assert clf.classify([title])[0][0].code == "99-1005.00"
    monkeypatch.setattr(occupations, "W_OCCUPATION_NGRAMS", 0.0)
    assert clf.classify([title])[0][0].code == "99-1003.00"  # without it, the tie goes by code
