"""Rows of a scanned two-column page are not joined across a narrow gutter: fictional pages
rendered here, OCR'd for real."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from core.intake.ocr import ocr_image
from tests.core.test_ocr_scans import PAGE, _font

SIDE = ["SKILLS", "Known: lamp oil, wick, glass, brass,", "Fluent: Welsh, English, Breton", "Trained: night watch, signals",
        "Tools: snuffer, ladder, flint,", "LANGUAGES", "Read: Latin, Cornish, Manx, Norn,", "Spoken: Welsh, English, Irish,",
        "Kept: logbooks, oil ledgers,"]
MAIN = ["EXPERIENCE", "Lamplighter Guild, Glimmerton", "Senior Lantern Engineer, 2019 - 2021",
        "Cut lamp oil use by a third on twelve streets", "Trained six apprentices in wick care",
        "Harbour Lights Company, Saltmere", "Wick Technician, 2016 - 2019", "Kept the pier lamps lit through storms",
        "Mended forty harbour lanterns"]


def _narrow_gutter_page() -> Any:
    """A sidebar whose long lines run up to within about a word space of the main column."""
    img = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(img)
    draw.text((90, 60), "Robin Quill", font=_font(56, True), fill="black")
    edge = 90 + max(draw.textlength(t, font=_font(26)) for t in SIDE) + 50  # the main column starts here
    for i, text in enumerate(SIDE):
        draw.text((90, 200 + 52 * i), text, font=_font(26, i in (0, 5)), fill="black")
    for i, text in enumerate(MAIN):
        draw.text((edge, 200 + 52 * i), text, font=_font(26, i in (0, 1, 5)), fill="black")
    return img


def test_sidebar_lines_are_not_joined_to_the_main_column_across_a_narrow_gutter(tmp_path: Path) -> None:
    path = tmp_path / "narrow-gutter.png"
    _narrow_gutter_page().save(path)
    texts = [line.text for line in ocr_image(path).lines]
    joined = [t for t in texts if any(s.split(":")[0] + ":" in t for s in SIDE if ":" in s)
              and any(m.split(",")[0] in t for m in MAIN[1:])]
    assert not joined, texts  # no sidebar line carries on into the main column's row
    assert any("Senior Lantern Engineer" in t for t in texts), texts  # words of one line still joined
    assert any("Spoken: Welsh, English" in t for t in texts), texts
    at = {t: n for n, t in enumerate(texts)}
    first = next(n for t, n in at.items() if "Kept: logbooks" in t)
    assert first < next(n for t, n in at.items() if "Lamplighter Guild" in t), texts  # the sidebar is read whole first


def test_dates_set_in_a_strip_beside_their_entries_stay_on_the_entries_rows(tmp_path: Path) -> None:
    img = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(img)
    draw.text((90, 60), "Robin Quill", font=_font(56, True), fill="black")
    entries = [("2020 - 2022", "Oil Lamp Makers of Glimmerton"), ("", "Cut lamp oil use by a third"),
               ("2016 - 2019", "Harbour Lights Company, Saltmere"), ("", "Kept the pier lamps lit"),
               ("2014 - 2016", "Candle Works of Saltmere"), ("", "Dipped ten thousand tapers"),
               ("2012 - 2014", "Glimmerton Night Watch"), ("", "Walked the harbour rounds")]
    edge = 90 + draw.textlength("2020 - 2022", font=_font(26)) + 50  # as near as the sidebar above
    for i, (when, what) in enumerate(entries):
        if when:
            draw.text((90, 240 + 52 * i), when, font=_font(26), fill="black")
        draw.text((edge, 240 + 52 * i), what, font=_font(26), fill="black")
    path = tmp_path / "date-strip.png"
    img.save(path)
    texts = [line.text for line in ocr_image(path).lines]
    for when, what in entries:
        if when:  # a timeline is one column: each date is read with its entry
            assert any(when.split()[0] in t and what.split(",")[0] in t for t in texts), texts
