"""Reading grainy scans and measuring their lines: fictional pages rendered here, OCR'd for real."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from core.intake.ocr import ocr_pdf
from core.intake.ocr_engine import NOISY_SIGMA, for_reading, paper_noise
from tests.core.test_ocr_scans import PAGE, _font

OBLIQUE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf")
MONTHS = "jan feb mar apr may jun jul aug sept oct nov dec".split()
DATES = [f"{MONTHS[i % 12]} {2001 + i} - {MONTHS[(i * 5 + 3) % 12]} {2003 + i}   Lamplighter Guild, Glimmerton" for i in range(24)]


def _flatbed(img: Any, *, seed: int) -> Any:
    """The page as a cheap flatbed scans it: a little blur, sensor grain, JPEG."""
    grey = np.asarray(img.convert("L").filter(ImageFilter.GaussianBlur(0.6)), dtype=np.float32)
    grey = grey * 0.93 + 8 + np.random.default_rng(seed).normal(0, 9, grey.shape)
    out = io.BytesIO()
    Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8)).save(out, format="JPEG", quality=80)
    out.seek(0)
    return Image.open(out).convert("RGB")


def _dates_page() -> Any:
    """Small grey italic dates under a dark name, as some templates set them beside each entry."""
    img = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(img)
    draw.text((110, 40), "Robin Quill", font=_font(48, True), fill="black")
    font = ImageFont.truetype(str(OBLIQUE), 15)
    for i, line in enumerate(DATES):
        draw.text((110, 130 + 45 * i), line, font=font, fill=(110, 110, 110))
    return img


@pytest.mark.skipif(not OBLIQUE.exists(), reason="needs the DejaVu Sans Oblique font")
def test_small_grey_dates_on_a_grainy_scan_are_read(tmp_path: Path) -> None:
    right = 0
    for seed in (2, 4):
        scan = _flatbed(_dates_page(), seed=seed)
        assert paper_noise(np.asarray(scan)) > NOISY_SIGMA
        path = tmp_path / f"grainy-{seed}.pdf"
        scan.save(path, format="PDF", resolution=150.0)
        read = {" ".join(line.text.split()) for line in ocr_pdf(path).lines}
        right += sum(1 for d in DATES if " ".join(d.split()) in read)
    # cut from the grainy picture itself, about half of them come out with look-alikes ('0ct', 'ju1')
    assert right >= 31, right


def test_clean_pages_and_photos_are_read_as_they_are() -> None:
    clean = np.asarray(_dates_page())
    assert paper_noise(clean) < 0.1
    assert for_reading(clean) is clean
    grainy = _flatbed(_dates_page(), seed=1)
    assert for_reading(np.asarray(grainy)) is not np.asarray(grainy)
    soft = grainy.filter(ImageFilter.GaussianBlur(1.2))  # a phone photo: blur and JPEG took the grain
    assert paper_noise(np.asarray(soft)) < NOISY_SIGMA < paper_noise(np.asarray(grainy))


def test_a_word_whose_only_ascender_is_a_t_is_sized_as_its_neighbours(tmp_path: Path) -> None:
    """Sidebar headings like 'concepts' have no tall letter but a 't', which stands lower than
    the others: sized as if it reached a full ascender, the heading shrank to body size."""
    img = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(img)
    draw.text((110, 100), "Robin Quill", font=_font(48, True), fill="black")
    y = 200
    for heading in ("concepts", "contacts", "tapestry"):
        draw.text((110, y), heading, font=_font(26, True), fill="black")
        y += 50
        for body in ("Kept every lamp of the old quarter lit through the winter", "Trained six apprentices in wick trimming and oil"):
            draw.text((110, y), body, font=_font(21), fill="black")
            y += 36
        y += 20
    path = tmp_path / "sidebar.pdf"
    img.save(path, format="PDF", resolution=150.0)
    lines = ocr_pdf(path).lines
    body = [line.size for line in lines if line.text.startswith(("Kept", "Trained"))]
    headings = {line.text: line.size for line in lines if line.text in ("concepts", "contacts", "tapestry")}
    assert len(headings) == 3, [line.text for line in lines]
    usual = sorted(body)[len(body) // 2]
    for text, size in headings.items():  # 26 px against 21 px: 1.24 times
        assert size > 1.12 * usual, (text, size, usual)


def test_light_text_on_a_dark_band_is_not_taken_for_bold(tmp_path: Path) -> None:
    img = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 60, PAGE[0], 330), fill=(50, 50, 55))
    draw.text((110, 90), "Robin Quill", font=_font(48), fill="white")
    for i, text in enumerate(("Lantern engineer with twelve years of keeping old streets lit",
                              "and a taste for repairing brass fittings by the harbour")):
        draw.text((110, 180 + 40 * i), text, font=_font(21), fill=(235, 235, 235))
    y = 380
    for i in range(8):
        draw.text((110, y), f"Kept lamp number {i + 12} of the old quarter lit through the winter storms", font=_font(21), fill="black")
        y += 36
    path = tmp_path / "band.pdf"
    img.save(path, format="PDF", resolution=150.0)
    lines = ocr_pdf(path).lines
    band = [line for line in lines if line.text.startswith(("Lantern", "and a taste"))]
    assert len(band) == 2, [line.text for line in lines]
    assert not any(line.bold for line in band)


def _pale_page() -> Any:
    """A pale photocopy: every line small and grey, no dark heading anywhere."""
    img = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(img)
    font = _font(15, False)
    for i, line in enumerate(DATES):
        draw.text((110, 130 + 45 * i), line, font=font, fill=(150, 150, 150))
    return img


def test_a_pale_page_of_small_grey_text_is_not_blank() -> None:
    from core.intake.ocr_geometry import is_blank

    assert not is_blank(_pale_page())
    assert not is_blank(_flatbed(_pale_page(), seed=3))
    assert is_blank(_flatbed(Image.new("RGB", PAGE, "white"), seed=3))  # grain alone is nothing to read
    assert is_blank(Image.new("RGB", PAGE, (250, 250, 248)))
