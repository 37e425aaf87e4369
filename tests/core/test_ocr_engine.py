"""Vita's own PP-OCR engine (detection, rotated crops, CTC decoding) on fictional pages drawn here."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from core.errors import NeedsOCR
from core.intake import ocr
from core.intake.ocr_engine import (
    ModelFiles,
    OcrEngine,
    _components,
    _min_area_rect,
    crop_box,
    model_files,
)
from tests.core.test_ocr_scans import _font

LINES = (
    "Robin Fictional",
    "Head Lamplighter, Northgate Lantern Guild",
    "Relit 140 lanterns a night across twelve streets",
    "robin.fictional@example.org +1 555 0142",
)


def _page(angle: float = 0.0) -> Any:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (1275, 700), "white")
    draw = ImageDraw.Draw(img)
    for i, text in enumerate(LINES):
        draw.text((90, 80 + i * 120), text, font=_font(44 if i == 0 else 30), fill=(20, 20, 20))
    return img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor="white") if angle else img


def _read(img: Any) -> list[tuple[list[tuple[float, float]], str, float]]:
    return ocr.engine()(np.asarray(img))


def test_a_drawn_page_is_read_line_by_line_in_reading_order() -> None:
    found = _read(_page())
    assert [text for _box, text, _score in found] == list(LINES)
    assert all(score > 0.9 for _box, _text, score in found)
    tops = [min(y for _x, y in box) for box, _t, _s in found]
    assert tops == sorted(tops)
    name_box = found[0][0]  # pixels of the page: the name starts at x = 90, y = 80
    assert 70 <= min(x for x, _y in name_box) <= 95 and 70 <= min(y for _x, y in name_box) <= 95


def test_a_skewed_page_gives_tilted_boxes_whose_crops_still_read() -> None:
    found = _read(_page(angle=3.0))
    texts = [text for _box, text, _score in found]
    assert "Head Lamplighter, Northgate Lantern Guild" in texts, texts
    box = next(b for b, t, _s in found if t.startswith("Head Lamplighter"))
    (x0, y0), (x1, y1) = box[0], box[1]
    assert y1 < y0 - 20  # the top edge climbs to the right, as the page was turned anticlockwise
    assert x1 > x0


def test_a_single_low_strip_is_letterboxed_and_read() -> None:
    from PIL import Image, ImageDraw

    strip = Image.new("RGB", (520, 28), "white")
    ImageDraw.Draw(strip).text((6, 2), "Northgate Lantern Guild", font=_font(20), fill="black")
    found = _read(strip)
    assert [t for _b, t, _s in found] == ["Northgate Lantern Guild"]
    assert all(0 <= y <= 28 for box, _t, _s in found for _x, y in box)  # back in the strip's pixels


def test_blobs_touching_at_a_corner_are_one_component_and_apart_are_two() -> None:
    mask = np.zeros((8, 12), dtype=bool)
    mask[1:3, 1:4] = True
    mask[3:5, 4:6] = True  # touches the first blob only diagonally
    mask[5:7, 9:11] = True  # apart
    blobs = _components(mask)
    assert len(blobs) == 2
    sizes = sorted(int(b[:, 1].max() - b[:, 1].min()) + 1 for b in blobs)
    assert sizes == [2, 4]


def test_min_area_rect_finds_the_turned_rectangle() -> None:
    angle = np.radians(30)
    u, n = np.array([np.cos(angle), np.sin(angle)]), np.array([-np.sin(angle), np.cos(angle)])
    grid = np.array([u * a + n * b for a in np.linspace(0, 40, 21) for b in np.linspace(0, 10, 6)]) + 50
    corners, short = _min_area_rect(grid)
    sides = sorted(float(np.linalg.norm(corners[i] - corners[(i + 1) % 4])) for i in range(4))
    assert short == pytest.approx(10, abs=1e-6)
    assert sides == pytest.approx([10, 10, 40, 40], abs=1e-6)


def test_crop_of_an_upright_box_is_the_plain_cut_of_the_picture() -> None:
    rng = np.random.default_rng(7)
    picture = rng.integers(0, 255, (60, 90, 3), dtype=np.uint8)
    box = np.array([[10, 5], [50, 5], [50, 25], [10, 25]], dtype=np.float64)
    crop = crop_box(picture, box).astype(int)  # on noise, half a pixel off would differ by ~100
    assert crop.shape == (20, 40, 3) and np.abs(crop - picture[5:25, 10:50]).max() <= 2


def test_model_files_that_fail_their_checksum_are_refused(tmp_path: Path) -> None:
    _name, files = model_files()
    keys = tmp_path / "dict.txt"
    shutil.copy(files.keys, keys)
    keys.write_bytes(keys.read_bytes() + b"x\n")
    altered = ModelFiles(files.det, files.rec, keys, files.sha256)
    assert altered.mismatched() == ["dict.txt"]
    saved = ocr._engine
    try:
        ocr._engine = None
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(ocr, "model_files", lambda: ("ppocrv6-tiny", altered))
            with pytest.raises(NeedsOCR, match="not the expected ones"):
                ocr.engine()
    finally:
        ocr._engine = saved


def test_boxes_and_text_match_rapidocr_on_the_same_models() -> None:
    """The engine is a port of rapidocr's pipeline: same models, same boxes and text (reference only)."""
    rapidocr = pytest.importorskip("rapidocr_onnxruntime", reason="the reference engine is not installed")
    _name, files = model_files()
    reference = rapidocr.RapidOCR(
        print_verbose=False, det_model_path=str(files.det), rec_model_path=str(files.rec), rec_keys_path=str(files.keys)
    )
    pixels = np.asarray(_page(angle=1.5))
    expected = reference(pixels, use_cls=False)[0]
    found = OcrEngine(files, threads=1)(pixels)
    assert [t for _b, t, _s in found] == [str(t) for _b, t, _s in expected]
    for (box, _t, score), (ref_box, _rt, ref_score) in zip(found, expected, strict=True):
        assert np.abs(np.array(box) - np.array(ref_box)).max() <= 2
        assert score == pytest.approx(ref_score, abs=0.02)
