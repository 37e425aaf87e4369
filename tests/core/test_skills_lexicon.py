"""The starter lexicon resource: loads through importlib.resources, ids unique, verbs inflected."""

from __future__ import annotations

from core.skills.lexicon import (
    inflect,
    load_lexicon,
    parse_abilities,
    parse_knowledge,
    parse_precision,
)


def test_starter_lexicon_loads_with_thousands_of_forms() -> None:
    lex = load_lexicon()
    ids = [e.id for e in lex.entries]
    assert len(ids) == len(set(ids))
    assert sum(len(e.forms) for e in lex.entries) > 3000
    by_id = lex.by_id()
    assert "k8s" in by_id["lex:kubernetes"].forms
    assert by_id["lex:go"].guarded_forms == ("Go",)
    assert {e.kind for e in lex.entries} == {"knowledge", "skill"}
    assert lex.verbs["managing"][0] == "manage"
    assert lex.element_names["2.A.1.d"] == "Speaking"


def test_parse_knowledge_sections_and_guards() -> None:
    entries = parse_knowledge("## language\n!Zed | zedlang\n# comment\n\n## tool\nFrobnicator | frob\n")
    assert [(e.id, e.category) for e in entries] == [("lex:zed", "language"), ("lex:frobnicator", "tool")]
    assert entries[0].guarded_forms == ("Zed",) and entries[0].forms == ("Zed", "zedlang")


def test_parse_abilities_links_elements() -> None:
    entries, verbs, names = parse_abilities("## 9.Z.1 Juggling\nball sense | juggling flair\n> juggle | set up\n")
    assert names == {"9.Z.1": "Juggling"}
    assert {e.element_id for e in entries} == {"9.Z.1"}
    assert verbs["juggling"] == ("juggle", "ing", "9.Z.1")
    assert verbs["setting up"][0] == "set up"


def test_inflections() -> None:
    assert inflect("manage") == {"manage": "base", "managing": "ing", "managed": "past", "manages": "third"}
    assert inflect("plan")["planning"] == "ing"
    assert inflect("lead")["led"] == "past"
    assert inflect("apply")["applied"] == "past" and inflect("apply")["applies"] == "third"


def test_parse_precision_smooths_counts() -> None:
    got = parse_precision("# header\npython\t8\t6\nbroken line\n")
    assert got == {"python": 0.7}
