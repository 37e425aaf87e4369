"""OCR slips are repaired only where the shape of a contact or the document itself confirms the fix."""

from __future__ import annotations

import pytest

from core.intake.ocr_repair import repair_contacts, repair_text, repair_words


@pytest.mark.parametrize(
    ("read", "fixed"),
    [
        ("robin.quill @ example.org", "robin.quill@example.org"),
        ("robin.quill@example,org", "robin.quill@example.org"),
        ("robin.quill@example.c0m", "robin.quill@example.com"),
        ("https: //lanterns.example.org", "https://lanterns.example.org"),
        ("http:/lanterns.example.org", "http://lanterns.example.org"),
        ("linkedin. com/in/robinquill", "linkedin.com/in/robinquill"),
        ("www, lanterns.example", "www.lanterns.example"),
        ("+1 555-O12-3456", "+1 555-012-3456"),
        ("(555) 4l2 7788", "(555) 412 7788"),
    ],
)
def test_contact_details_regain_their_shape(read: str, fixed: str) -> None:
    assert repair_contacts(read) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Grew sales 40% @ scale",  # an '@' in prose is not an e-mail
        "Led 10 lamplighters in 3 districts",
        "Order 10O1 shipped",  # not phone-shaped: too few digits
        "Ol' Lantern Co.",
    ],
)
def test_text_that_is_not_a_contact_is_left_alone(text: str) -> None:
    assert repair_contacts(text) == text


def test_look_alike_letters_are_fixed_only_with_evidence() -> None:
    lines = [
        "Lantern Engineer at Lamplighter Guild",
        "l am a lantern engineer",  # 'I' occurs elsewhere: fixed
        "I maintained Lamplighter lamps",
        "Wrote tooling in Pyth0n",  # 'Python' is a lexicon term: fixed
        "Improved the C0mpany wiki",  # nothing confirms 'Company': kept as read
        "Shipped the Lantern 1O release",  # '1O' confirms nothing: kept
        "Lamplighter Guild, 2019",
    ]
    out = repair_words(lines)
    assert out[1] == "I am a lantern engineer"
    assert out[3] == "Wrote tooling in Python"
    assert out[4] == "Improved the C0mpany wiki"
    assert out[5] == "Shipped the Lantern 1O release"
    assert out[0] == lines[0] and out[6] == lines[6]


def test_a_repeated_reading_is_trusted() -> None:
    lines = ["Worked with Fo0bar", "Fo0bar migration", "Foobar"]
    assert repair_words(lines)[:2] == lines[:2]


@pytest.mark.parametrize(
    ("read", "fixed"),
    [
        ("Nov 2024 = Present", "Nov 2024 – Present"),
        ("Apr 2023 = Aug 2023", "Apr 2023 – Aug 2023"),
        ("05/2019 _ 06/2020", "05/2019 – 06/2020"),
        ("seρt. 2018 – dic. 2020", "sept. 2018 – dic. 2020"),
        ("jμn. 2023", "jun. 2023"),
        ("Robin QUILLl", "Robin QUILLI"),
        ("CIVlL ENGINEER", "CIVIL ENGINEER"),
        ("Robin MA\u0308RTl", "Robin MÄRTI"),
    ],
)
def test_date_ranges_and_mixed_scripts_are_repaired(read: str, fixed: str) -> None:
    assert repair_text(read) == fixed


@pytest.mark.parametrize("text", ["Team of 2020 = ten people", "Иван Петров", "Σωκράτης", "a = b + 2021", "SQL lite", "iOS"])
def test_bars_and_other_scripts_that_are_not_slips_stay(text: str) -> None:
    assert repair_text(text) == text


def test_a_word_with_accented_letters_is_one_word() -> None:
    # the 'I' ending an accented capitalised name is not a lone 'I' to be swapped for a lone 'l'
    assert repair_words(["Robin QUILLÄI", "by road l to the port"])[0] == "Robin QUILLÄI"
