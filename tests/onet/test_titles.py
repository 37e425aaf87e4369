"""Title normalisation and occupation search on the real release and the fictional one."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from onet.lookup import occupation_profile, search_occupations
from onet.store import OntologyStore
from onet.titles import normalize_text, normalize_title, strip_seniority


@pytest.mark.parametrize(("raw", "full", "stripped"), [
    ("Sr. SWE II", "senior software engineer ii", "software engineer"),
    ("Jr. Web Dev (Contract)", "junior web developer", "web developer"),
    ("Eng Mgr", "engineering manager", "engineering manager"),
    ("VP of Engineering", "engineering vice president", "engineering vice president"),
    ("Head of Sales", "sales director", "sale director"),
    ("Staff Data Scientist, L5", "staff data scientist l5", "data scientist"),
    ("Assoc. Dir. of Finance", "finance associate director", "finance director"),
    ("Bachelor of Science Tutor", "bachelor of science tutor", "bachelor science tutor"),
    ("Senior", "senior", "senior"),  # nothing left after stripping: keep the words
])
def test_normalize_text_and_strip_seniority(raw: str, full: str, stripped: str) -> None:
    assert normalize_text(raw) == full
    assert strip_seniority(raw) == stripped


@pytest.mark.parametrize(("title", "code"), [
    ("Sr. SWE II", "15-1252.00"),
    ("Senior Software Engineer", "15-1252.00"),
    ("Staff SDE", "15-1252.00"),
    ("Software Developer", "15-1252.00"),
    ("Jr. Web Dev", "15-1254.00"),
    ("Data Scientist III", "15-2051.00"),
    ("Registered Nurse", "29-1141.00"),
    ("Sr. Accountant", "13-2011.00"),
    ("Marketing Mgr", "11-2021.00"),
    ("HR Mgr", "11-3121.00"),
    ("Chief Executive Officer", "11-1011.00"),
    ("Lead Barista", "35-3023.01"),
    ("Director of Engineering", "11-9041.00"),
    ("VP of Sales", "11-2022.00"),
    ("VP of Engineering", "11-9041.00"),
    ("Head of HR", "11-3121.00"),
])
def test_normalize_title_on_real_release(shared_store: OntologyStore, title: str, code: str) -> None:
    matches = normalize_title(shared_store, title)
    assert matches, title
    assert matches[0].code == code
    assert 0.5 < matches[0].confidence <= 1.0
    assert matches == sorted(matches, key=lambda m: -m.confidence)


def test_normalize_title_edge_cases(shared_store: OntologyStore) -> None:
    assert normalize_title(shared_store, "   ") == []
    assert normalize_title(shared_store, "Software Developers")[0].confidence == 1.0
    assert len(normalize_title(shared_store, "Engineer", limit=3)) <= 3
    typo = normalize_title(shared_store, "Sofware Develper")  # fuzzy
    assert typo and typo[0].code == "15-1252.00" and typo[0].confidence < 0.95


def test_search_occupations_scores(shared_store: OntologyStore) -> None:
    hits = search_occupations(shared_store, "software engineer", limit=5)
    assert hits[0].code == "15-1252.00" and hits[0].exact == 1.0
    assert all(h.semantic is None for h in hits)  # no embeddings in the shared fixture
    assert any(h.fuzzy is not None and h.exact is None for h in hits[1:])
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_occupation_profile(shared_store: OntologyStore) -> None:
    p = occupation_profile(shared_store, "15-1252.00")
    assert p is not None
    assert p["title"] == "Software Developers" and p["job_zone"]["zone"] == 4
    assert p["education"]["typical"] == "Bachelor's Degree"
    assert p["tasks"] and p["related_occupations"]
    hot = [t for t in p["technology_skills"] if t["hot"]]
    assert hot and p["technology_skills"][0]["hot"]
    chief = occupation_profile(shared_store, "11-1011.00")
    assert chief is not None and chief["skills"][0]["importance"] >= chief["skills"][-1]["importance"]
    assert occupation_profile(shared_store, "00-0000.00") is None


def test_fictional_titles_exact_fuzzy_semantic(fictional_store: OntologyStore,
                                               embed_fn: Callable[[list[str]], np.ndarray]) -> None:
    assert normalize_title(fictional_store, "Sr. Star Pilot II")[0].code == "99-1001.00"
    assert normalize_title(fictional_store, "Dragon Handlr")[0].code == "99-1002.00"  # fuzzy
    # one alt title naming two occupations: both returned, the closer own title first
    both = normalize_title(fictional_store, "Spell Software Engineer")
    assert [m.code for m in both[:2]] == ["99-1003.00", "99-1005.00"]
    # no shared words: only the semantic step can find it
    assert normalize_title(fictional_store, "Spaceship route planner") == []
    semantic = normalize_title(fictional_store, "Spaceship route planner", embed=embed_fn)
    assert semantic and semantic[0].code == "99-1001.00"
    assert semantic[0].confidence < 0.9
    hits = search_occupations(fictional_store, "caretaker of dragons", embed=embed_fn)
    assert hits[0].code == "99-1002.00" and hits[0].semantic is not None
