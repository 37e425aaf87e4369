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
        ("WICK TECHNICIAN   Feb. 2023. Present", "WICK TECHNICIAN   Feb. 2023 – Present"),
        ("Jul. 2022 .Feb. 2023", "Jul. 2022 – Feb. 2023"),
        ("Mar. 2022.Jun. 2022 | Glimmerton", "Mar. 2022 – Jun. 2022 | Glimmerton"),
        ("seρt. 2018 – dic. 2020", "sept. 2018 – dic. 2020"),
        ("jμn. 2023", "jun. 2023"),
        ("Robin QUILLl", "Robin QUILLI"),
        ("CIVlL ENGINEER", "CIVIL ENGINEER"),
        ("Robin MA\u0308RTl", "Robin MÄRTI"),
    ],
)
def test_date_ranges_and_mixed_scripts_are_repaired(read: str, fixed: str) -> None:
    assert repair_text(read) == fixed


@pytest.mark.parametrize("text", ["Team of 2020 = ten people", "Moved in May 2019. Now I mend lamps", "Left in 2019. June 2020 came", "Иван Петров", "Σωκράτης", "a = b + 2021", "SQL lite", "iOS"])
def test_bars_and_other_scripts_that_are_not_slips_stay(text: str) -> None:
    assert repair_text(text) == text


def test_a_word_with_accented_letters_is_one_word() -> None:
    # the 'I' ending an accented capitalised name is not a lone 'I' to be swapped for a lone 'l'
    assert repair_words(["Robin QUILLÄI", "by road l to the port"])[0] == "Robin QUILLÄI"


def test_a_bar_read_as_capital_i_is_a_bar_where_the_document_uses_bars() -> None:
    lines = [
        "Lamplighter Guild | SENIOR LANTERN ENGINEER",
        "Wickworks I WICK TECHNICIAN",
        "Glimmerton, GL I https://lamps.example.org",
        "After my apprenticeship I joined the guild",
    ]
    assert repair_words(lines) == [
        "Lamplighter Guild | SENIOR LANTERN ENGINEER",
        "Wickworks | WICK TECHNICIAN",
        "Glimmerton, GL | https://lamps.example.org",
        "After my apprenticeship I joined the guild",  # the pronoun stays
    ]
    assert repair_words(["Wickworks I WICK TECHNICIAN"]) == ["Wickworks I WICK TECHNICIAN"]  # no bars: no evidence


def test_a_speck_after_a_one_word_heading_is_dropped() -> None:
    from core.intake.ocr_geometry import OcrBox, lines_from_boxes

    def box(top: float, height: float, text: str) -> OcrBox:
        return OcrBox([(100, top), (100 + 12 * len(text), top), (100 + 12 * len(text), top + height), (100, top + height)], text, 0.95)

    body = [box(200 + 30 * n, 20, f"Kept {n} lamps lit along the harbour wall") for n in range(6)]
    boxes = [box(100, 44, "Recognitions."), *body, box(400, 20, "Watch.")]
    texts = [line.text for line in lines_from_boxes(boxes, page=1, scale=0.5, page_width=612)]
    assert "Recognitions" in texts  # a heading never ends in a full stop
    assert "Watch." in texts  # a body-size word ending a sentence keeps it


def test_a_row_of_boxes_a_little_out_of_line_keeps_the_body_size() -> None:
    from core.intake.ocr_geometry import OcrBox, lines_from_boxes

    def box(x: float, top: float, text: str) -> OcrBox:
        right = x + 12 * len(text)
        return OcrBox([(x, top), (right, top), (right, top + 20), (x, top + 20)], text, 0.95)

    body = [box(100, 200 + 30 * n, f"Kept {n} lamps lit along the harbour wall") for n in range(6)]
    title, place = box(100, 100, "Senior Lantern Engineer, Wickworks"), box(520, 106, "Glimmerton")  # a residual tilt
    lines = lines_from_boxes([title, place, *body], page=1, scale=0.5, page_width=612)
    row = next(line for line in lines if "Wickworks" in line.text)
    assert "Glimmerton" in row.text
    assert row.size == lines[-1].size  # the union of the two boxes is taller than either; the font is not
