"""Scanned pages of fictional resumes whose dates are set apart from their entries (rendered here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.intake.ocr import ocr_pdf
from core.intake.worker import document_from_layout

PAGE = (1275, 1650)  # US letter at 150 dpi


def _font(size: int, bold: bool = False) -> Any:
    from PIL import ImageFont

    names = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf") if bold else ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _scan(tmp_path: Path, draw_on: Any) -> Any:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", PAGE, "white")
    draw_on(ImageDraw.Draw(img))
    path = tmp_path / "scan.pdf"
    img.save(path, format="PDF", resolution=150.0)
    return document_from_layout(ocr_pdf(path), path).resume


ROLES = [
    ("2015 - 2019", "mar - dec", "Lamplighter Guild   Glimmerton", "Senior Lantern Engineer"),
    ("2011 - 2015", "jan - feb", "Harbour Lights Company   Saltmarsh", "Wick Technician"),
]


def test_a_date_column_with_years_over_months_is_read_as_one_range(tmp_path: Path) -> None:
    def draw_page(draw: Any) -> None:
        draw.text((110, 90), "Robin Quill", font=_font(56, True), fill="black")
        draw.text((110, 200), "EXPERIENCE", font=_font(34, True), fill="black")
        y = 270
        for years, months, employer, title in ROLES:
            # set tight, as a date column is: the recognised boxes of the two lines overlap
            draw.text((110, y), years, font=_font(22), fill="black")
            draw.text((130, y + 25), months, font=_font(22), fill="black")
            draw.text((330, y), employer, font=_font(22, True), fill="black")
            draw.text((330, y + 25), title, font=_font(22), fill="black")
            draw.text((330, y + 50), "Kept every lamp of the old quarter lit through the winter storms.", font=_font(22), fill="black")
            y += 130

    work = _scan(tmp_path, draw_page)["work"]
    spans = [(w.get("startDate"), w.get("endDate")) for w in work]
    assert spans == [("2015-03", "2019-12"), ("2011-01", "2015-02")], work


def test_stacked_dates_set_close_to_their_entry_are_still_one_range(tmp_path: Path) -> None:
    def draw_page(draw: Any) -> None:
        draw.text((110, 90), "Robin Quill", font=_font(56, True), fill="black")
        draw.text((110, 200), "EXPERIENCE", font=_font(34, True), fill="black")
        y = 270
        for years, months, employer, title in ROLES:
            # the text beside the dates starts a few letters' width after them: the recogniser's row
            # joins the date and the entry with one space
            draw.text((110, y), years, font=_font(22), fill="black")
            draw.text((115, y + 25), months, font=_font(22), fill="black")
            beside = 110 + draw.textlength(years, font=_font(22)) + 18
            draw.text((beside, y), employer, font=_font(22, True), fill="black")
            draw.text((beside, y + 25), title, font=_font(22), fill="black")
            draw.text((beside, y + 50), "Kept every lamp of the old quarter lit through the winter storms.", font=_font(22), fill="black")
            y += 130

    work = _scan(tmp_path, draw_page)["work"]
    spans = [(w.get("startDate"), w.get("endDate")) for w in work]
    assert spans == [("2015-03", "2019-12"), ("2011-01", "2015-02")], work
    assert [w.get("position") for w in work] == ["Senior Lantern Engineer", "Wick Technician"], work
