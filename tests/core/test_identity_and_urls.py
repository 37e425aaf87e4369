"""Contacts compared as a person would: web addresses with or without a scheme, doubled prefixes,
skill lists with commas inside parentheses; whose document is this."""

from __future__ import annotations

from core import kb
from core.exchange.layout import resume_blocks
from core.extract.lists import SKILL_SPLIT
from core.facts import fingerprint
from core.kb.identity import identity_clash, unresolved_identity
from core.model import FactStatus, FactType
from core.vault.fingerprints import display_url, url_key
from core.workspace import Workspace


def test_web_addresses_are_one_contact_with_or_without_scheme() -> None:
    same = ["github.com/avery-x", "https://github.com/avery-x", "https://github.com/avery-x/",
            "http://www.github.com/avery-x", "https://https://github.com/avery-x"]
    assert {url_key(u) for u in same} == {"github.com/avery-x"}
    assert len({fingerprint("contact", u) for u in same}) == 1
    assert fingerprint("contact", "github.com/avery-x") != fingerprint("contact", "github.com/avery-y")
    for not_url in ("Avery Example", "avery@example.org", "+1 555 0100", "Lisbon, Portugal"):
        assert url_key(not_url) is None
    assert display_url("https://https://github.com/avery-x") == "https://github.com/avery-x"
    assert display_url("github.com/avery-x") == "github.com/avery-x"  # nothing added


def test_resume_prints_each_address_once_with_one_scheme() -> None:
    resume = {"basics": {"name": "Avery Example", "url": "https://https://avery.example.org",
                         "profiles": [{"url": "github.com/avery-x"}, {"url": "https://github.com/avery-x/"},
                                      {"url": "avery.example.org"}]}}
    links = [b.text for b in resume_blocks(resume) if b.kind == "contact"]
    assert links == ["https://avery.example.org | github.com/avery-x"]


def test_skill_lists_do_not_split_inside_parentheses() -> None:
    parts = [p for p in SKILL_SPLIT.split("Node.js (Next.js, Express), version control (Subversion, Git), C, C++")
             if p]
    assert parts == ["Node.js (Next.js, Express)", "version control (Subversion, Git)", "C", "C++"]


def write_text_resume(path, name: str, email: str, company: str = "Fernhill Group"):  # type: ignore[no-untyped-def]
    path.write_text(f"""{name}
{email}

Experience
Analyst, {company} — 2019 to 2022
- Built 12 weekly reports for the finance team.

Skills
Excel, SQL
""", "utf-8")
    return path


def test_identity_clash_and_unresolved_identity(ws: Workspace) -> None:
    kb.create_fact(ws, kb.NewFact(type=FactType.contact, value="Avery Example", attributes={"kind": "name"},
                                  status=FactStatus.approved))
    assert unresolved_identity(ws) == {}
    kb.create_fact(ws, kb.NewFact(type=FactType.contact, value="Casimir Dunleavy", attributes={"kind": "name"}))
    # one approved name settles it; a second approved one does not
    assert unresolved_identity(ws) == {}
    other = [f.id for f in ws.list_facts(type=FactType.contact) if f.value == "Casimir Dunleavy"]
    kb.approve(ws, other)
    assert unresolved_identity(ws) == {"name": ["Avery Example", "Casimir Dunleavy"]}
    assert identity_clash(ws, 999) is None  # no such document: nothing to compare


def test_identity_clash_for_a_dropped_document(ws: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from core.ingest import ingest

    ingest(ws, [write_text_resume(tmp_path / "mine.txt", "Avery Example", "avery@example.org")], embed=False).run()
    kb.approve(ws, [f.id for f in ws.list_facts(type=FactType.contact)])
    ingest(ws, [write_text_resume(tmp_path / "again.txt", "Avery Example", "avery@example.org",
                                                    "Harrow Mills")], embed=False).run()
    ingest(ws, [write_text_resume(tmp_path / "other.txt", "Casimir Dunleavy", "casimir@example.com")],
           embed=False).run()
    from core.library import list_documents

    docs = {d.source_name: d.id for d in list_documents(ws)}
    assert identity_clash(ws, docs["again.txt"]) is None
    clash = identity_clash(ws, docs["other.txt"])
    assert clash is not None and clash.theirs["name"] == ["Casimir Dunleavy"]
    assert "Casimir Dunleavy (your profile: Avery Example)" in clash.describe()


def test_document_confidence_says_what_parsing_found() -> None:
    import json

    from core.library import parse_quality

    text = "Avery Example\nAnalyst, Fernhill Group\n2019 - 2022\nUnplaced line one\nUnplaced line two\n"
    whole = [{"type": "role", "attributes": {"title": "Analyst", "organisation": "Fernhill Group", "start": "2019"},
              "span": [1, 14, 37]},
             {"type": "contact", "attributes": {"kind": "name"}, "span": [1, 0, 13]}]
    lost = [{"type": "role", "attributes": {"title": "Analyst"}, "span": [1, 14, 37]},
            {"type": "contact", "attributes": {"kind": "name"}, "span": [1, 0, 13]}]
    good, note = parse_quality(json.dumps(whole), text)
    poor, _ = parse_quality(json.dumps(lost), text)
    assert good is not None and poor is not None and poor < good < 1.0  # two lines were never used
    assert "1 of 1 roles" in note and "40% of the lines" in note
    assert parse_quality(None, text) == (None, "")
