"""Skill extraction over the starter lexicon: aliases, ambiguity guards, offsets, skill layer."""

from __future__ import annotations

import pytest

from core.skills import SkillExtractor, SkillSpan


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    # relevance filtering off: these tests check matching itself on short fictional sentences
    return SkillExtractor(relevance_threshold=0)


def _by_text(spans: list[SkillSpan]) -> dict[str, SkillSpan]:
    return {s.text: s for s in spans}


def test_aliases_link_to_canonical_entries(extractor: SkillExtractor) -> None:
    text = "Zorblax Ltd runs k8s clusters, writes JS and stores data in Postgres."
    spans = _by_text(extractor.extract(text))
    assert spans["k8s"].ontology_id == "lex:kubernetes" and spans["k8s"].label == "Kubernetes"
    assert spans["JS"].ontology_id == "lex:javascript"
    assert spans["Postgres"].label == "PostgreSQL"
    assert all(s.kind == "knowledge" for s in spans.values() if s.text in {"k8s", "JS", "Postgres"})


def test_offsets_are_exact(extractor: SkillExtractor) -> None:
    text = "Mira Quell built REST APIs in Node.js and C# on Microsoft Azure; she knows CI/CD."
    spans = extractor.extract(text)
    assert spans, "expected some spans"
    for s in spans:
        assert text[s.start : s.end] == s.text
    found = {s.text for s in spans}
    assert {"Node.js", "C#", "Microsoft Azure", "CI/CD"} <= found
    assert [s.start for s in spans] == sorted(s.start for s in spans)


def test_go_language_versus_verb(extractor: SkillExtractor) -> None:
    lang = _by_text(extractor.extract("Backend services are written in Go and Python."))
    assert lang["Go"].ontology_id == "lex:go"
    verb = extractor.extract("You will go to the customer site twice a week.")
    assert not any(s.text.lower() == "go" and s.kind == "knowledge" for s in verb)
    sentence_start = extractor.extract("Go through the checklist before every release.")
    assert not any(s.text == "Go" and s.kind == "knowledge" for s in sentence_start)


def test_excel_product_versus_excel_at(extractor: SkillExtractor) -> None:
    tool = _by_text(extractor.extract("Daily reporting in Excel and SQL is expected."))
    assert tool["Excel"].label == "Microsoft Excel"
    verb = extractor.extract("Our analysts excel at turning numbers into stories.")
    assert not any(s.ontology_id == "lex:microsoft-excel" for s in verb)


def test_single_letter_languages_need_context(extractor: SkillExtractor) -> None:
    lang = _by_text(extractor.extract("Statistical programming in R, Python or SAS."))
    assert lang["R"].ontology_id == "lex:r"
    c_lang = _by_text(extractor.extract("Embedded firmware in C, C++ and Rust."))
    assert c_lang["C"].ontology_id == "lex:c" and c_lang["C++"].ontology_id == "lex:c++"
    assert not any(s.ontology_id == "lex:c" for s in extractor.extract("Report to C-level executives weekly."))
    assert not any(s.ontology_id == "lex:r" for s in extractor.extract("Section R describes the parking rules."))


def test_spring_and_swift_words(extractor: SkillExtractor) -> None:
    assert any(s.ontology_id == "lex:spring" for s in extractor.extract("Microservices with Java and Spring."))
    assert not any(s.ontology_id == "lex:spring" for s in extractor.extract("The office party is in spring."))
    assert not any(s.ontology_id == "lex:swift" for s in extractor.extract("We value a swift response to clients."))
    assert any(s.ontology_id == "lex:swift" for s in extractor.extract("iOS apps in Swift and Objective-C."))


def test_short_acronyms_match_only_in_capitals(extractor: SkillExtractor) -> None:
    assert any(s.text == "SAP" for s in extractor.extract("Configured SAP modules for a fictional brewery."))
    assert not any(s.text.lower() == "sap" for s in extractor.extract("The tree sap is collected in March."))
    assert not any(s.text.lower() == "it" and s.kind == "knowledge"
                   for s in extractor.extract("Make it simple and ship it."))


def test_skill_layer_verb_phrases_and_soft_skills(extractor: SkillExtractor) -> None:
    text = "You will manage stakeholders across teams. Strong communication skills and a proactive attitude."
    spans = extractor.extract(text)
    skills = [s for s in spans if s.kind == "skill"]
    texts = {s.text for s in skills}
    assert any(t.startswith("manage stakeholders") for t in texts)
    assert "communication skills" in texts
    comm = next(s for s in skills if s.text == "communication skills")
    assert comm.ontology_id == "onet:element:2.A.1.d" and comm.label == "Speaking"
    assert all(0.0 < s.confidence <= 1.0 for s in spans)


def test_verb_phrase_stops_at_clause_boundary(extractor: SkillExtractor) -> None:
    text = "Able to work in a team, which keeps morale high."
    phrase = next(s for s in extractor.extract(text) if s.kind == "skill")
    assert phrase.text == "work in a team"


def test_fuzzy_catches_misspelt_tools(extractor: SkillExtractor) -> None:
    spans = _by_text(extractor.extract("Deployments run on Kubernets and Terrafrom."))
    assert spans["Kubernets"].ontology_id == "lex:kubernetes"
    assert spans["Kubernets"].confidence < 0.9


def test_extract_many_matches_extract(extractor: SkillExtractor) -> None:
    texts = ["Python and Docker.", "", "Scrum and Kanban teams."]
    many = list(extractor.extract_many(texts))
    assert many == [extractor.extract(t) for t in texts]
    assert many[1] == []


def test_relevance_prefers_requirement_sentences() -> None:
    from core.skills.relevance import load_relevance
    from core.skills.tokens import blank_nlp

    model = load_relevance()
    assert model is not None
    nlp = blank_nlp()

    def p(text: str) -> float:
        return model.probability([t.text for t in nlp.make_doc(text)])

    assert p("Experience with Python , Docker and Kubernetes is required .") > p(
        "Date posted : 2021-04-22")


def test_lowercase_tag_lists(extractor: SkillExtractor) -> None:
    spans = _by_text(extractor.extract("stack: java spring hibernate tdd, go / docker"))
    assert spans["spring"].ontology_id == "lex:spring"
    assert spans["tdd"].ontology_id == "lex:test-driven-development"
    assert spans["go"].ontology_id == "lex:go"
    assert not _by_text(extractor.extract("we will spring into action")).get("spring")


def test_resume_bullets_in_past_tense(extractor: SkillExtractor) -> None:
    text = "Designed and built streaming pipelines with Kafka. Mentored two junior analysts."
    skills = [s for s in extractor.extract(text) if s.kind == "skill"]
    texts = [s.text for s in skills]
    assert any(t.startswith("Designed and built streaming pipelines") for t in texts)
    assert any(t.startswith("Mentored two junior analysts") for t in texts)
    assert next(s for s in skills if s.text.startswith("Mentored")).ontology_id == "onet:element:2.A.2.c"
