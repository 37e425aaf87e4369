"""Scanned pages of fictional resumes whose dates are set apart from their entries (rendered here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.intake.ocr import ocr_image, ocr_pdf
from core.intake.worker import document_from_layout
from tests.core.test_ocr_scans import PAGE, _font

ROLES = [
    ("2015 - 2019", "mar - dec", "Lamplighter Guild   Glimmerton", "Senior Lantern Engineer"),
    ("2011 - 2015", "jan - feb", "Harbour Lights Company   Saltmarsh", "Wick Technician"),
]


def _date_column_scan(tmp_path: Path, *, close: bool, picture: bool = False) -> Any:
    """A scanned page whose roles have the years over the months in a column left of the entry;
    `close` starts the entry a few letters' width after the dates instead of in its own column;
    `picture` saves the page as a PNG instead of a scanned PDF."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(img)
    draw.text((110, 90), "Robin Quill", font=_font(56, True), fill="black")
    draw.text((110, 200), "EXPERIENCE", font=_font(34, True), fill="black")
    y = 270
    for years, months, employer, title in ROLES:
        # set tight, as a date column is: the recognised boxes of the two lines overlap
        draw.text((110, y), years, font=_font(22), fill="black")
        draw.text((115, y + 25), months, font=_font(22), fill="black")
        beside = 110 + draw.textlength(years, font=_font(22)) + 18 if close else 330
        draw.text((beside, y), employer, font=_font(22, True), fill="black")
        draw.text((beside, y + 25), title, font=_font(22), fill="black")
        draw.text((beside, y + 50), "Kept every lamp of the old quarter lit through the winter storms.", font=_font(22), fill="black")
        y += 130
    if picture:
        path = tmp_path / "photo.png"
        img.save(path)
        return document_from_layout(ocr_image(path), path).resume
    path = tmp_path / "scan.pdf"
    img.save(path, format="PDF", resolution=150.0)
    return document_from_layout(ocr_pdf(path), path).resume


@pytest.mark.parametrize("close", [False, True], ids=["own-column", "close-to-the-entry"])
def test_a_date_column_with_years_over_months_is_read_as_one_range(tmp_path: Path, close: bool) -> None:
    # close: the recogniser joins the dates and the entry beside them into one row with one space
    work = _date_column_scan(tmp_path, close=close)["work"]
    spans = [(w.get("startDate"), w.get("endDate")) for w in work]
    assert spans == [("2015-03", "2019-12"), ("2011-01", "2015-02")], work
    assert [w.get("position") for w in work] == ["Senior Lantern Engineer", "Wick Technician"], work


def test_a_date_column_in_a_picture_is_read_as_one_range(tmp_path: Path) -> None:
    work = _date_column_scan(tmp_path, close=False, picture=True)["work"]
    spans = [(w.get("startDate"), w.get("endDate")) for w in work]
    assert spans == [("2015-03", "2019-12"), ("2011-01", "2015-02")], work
