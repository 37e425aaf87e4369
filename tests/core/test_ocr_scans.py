"""Scans and photos of fictional documents, rendered inside the tests: long scans finish, turned and
photographed pages are read, a slow page costs only itself, certificates yield their facts."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest

from core.errors import NeedsOCR
from core.intake import IntakeLimits, ParserPool
from core.intake.ocr import PageReader, ocr_image, ocr_pdf
from core.model import FactType, ParsedDocument

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


def _page(lines: list[tuple[str, int, bool]], *, right: dict[int, str] | None = None) -> Any:
    """A white page with (text, size px, bold) lines; `right` puts text right-aligned on a line."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(img)
    y = 110
    for i, (text, size, bold) in enumerate(lines):
        draw.text((110, y), text, font=_font(size, bold), fill="black")
        if right and i in right:
            font = _font(size)
            width = draw.textlength(right[i], font=font)
            draw.text((PAGE[0] - 110 - width, y), right[i], font=font, fill="black")
        y += int(size * 1.9)
    return img


def _resume_page(n: int) -> Any:
    lines = [
        (f"Page {n} Robin Quill", 44, True),
        ("EXPERIENCE", 30, True),
        (f"Lamplighter Guild {n}", 28, True),
        ("Senior Lantern Engineer", 26, False),
        ("Cut lamp oil use by 30% across twelve streets", 26, False),
        ("Trained a team of 6 apprentices", 26, False),
    ]
    return _page(lines, right={2: "2019 - 2021"})


def _image_pdf(images: list[Any], path: Path) -> Path:
    images[0].save(path, format="PDF", save_all=True, append_images=images[1:], resolution=150.0)
    return path


def _words(layout_or_text: Any) -> set[str]:
    text = layout_or_text if isinstance(layout_or_text, str) else " ".join(line.text for line in layout_or_text.lines)
    return {w.strip(".,%:").lower() for w in text.split()}


PLACED = [(150.0, 120.0), (1445.0, 160.0), (1395.0, 1840.0), (110.0, 1800.0)]  # the sheet's corners in the photo


def _photo(img: Any, *, desk: tuple[int, int, int] = (70, 60, 55)) -> Any:
    """The page photographed on a dark desk: tilted perspective, a warm cast, JPEG-soft."""
    import numpy as np
    from PIL import Image

    from core.intake.photo_page import perspective_coefficients

    w, h = img.size
    canvas = (int(w * 1.25), int(h * 1.2))
    to_page = perspective_coefficients(PLACED, [(0, 0), (w, 0), (w, h), (0, h)])
    warped = img.convert("RGB").transform(canvas, Image.Transform.PERSPECTIVE, to_page, Image.Resampling.BILINEAR, fillcolor=desk)
    tinted = np.asarray(warped, dtype=np.float32) * np.array([1.0, 0.97, 0.9], dtype=np.float32)
    return Image.fromarray(np.clip(tinted, 0, 255).astype(np.uint8), "RGB")


def test_a_six_page_scan_finishes_in_the_pool_with_every_page(tmp_path: Path) -> None:
    pdf = _image_pdf([_resume_page(n) for n in range(1, 7)], tmp_path / "scan.pdf")
    pages: list[tuple[str, int]] = []
    with ParserPool(workers=1) as pool:
        pool.on_page = lambda source, page: pages.append((Path(source).name, page))
        result = pool.parse_one(pdf)
        assert not pool.quarantine
    assert isinstance(result, ParsedDocument), result
    for n in range(1, 7):
        assert {"page", str(n), "lamplighter", "guild"} <= _words(result.text[result.pages[n - 1][0] : result.pages[n - 1][1]])
    assert [p for _, p in pages] == [1, 2, 3, 4, 5, 6]  # progress per page reached the caller
    assert result.meta["ocr"].startswith("vita/")


def test_rows_keep_their_right_aligned_dates_and_words_their_spaces(tmp_path: Path) -> None:
    layout = ocr_pdf(_image_pdf([_resume_page(1)], tmp_path / "one.pdf"))
    texts = [line.text for line in layout.lines]
    assert any("Lamplighter Guild 1" in t and re.search(r"2019\s*-\s*2021", t) for t in texts), texts
    assert any("Senior Lantern Engineer" in t for t in texts), texts  # spaces between words kept
    name = next(line for line in layout.lines if "Robin Quill" in line.text)
    heading = next(line for line in layout.lines if "EXPERIENCE" in line.text)
    body = next(line for line in layout.lines if "Cut lamp oil" in line.text)
    assert name.size > 1.3 * body.size  # sizes from box heights
    assert heading.bold and not body.bold  # weight from stroke width


def test_a_page_turned_by_90_or_180_degrees_is_read(tmp_path: Path) -> None:
    for angle in (90, 180):
        path = tmp_path / f"turned{angle}.png"
        _resume_page(1).rotate(angle, expand=True).save(path)
        layout = ocr_image(path)
        assert {"lamplighter", "guild", "lantern", "engineer", "apprentices"} <= _words(layout), angle


def test_a_photographed_page_is_flattened_and_read(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    _photo(_resume_page(1)).save(path, quality=70)
    layout = ocr_image(path)
    texts = [line.text for line in layout.lines]
    assert any("Lamplighter Guild 1" in t and re.search(r"2019\s*-\s*2021", t) for t in texts), texts  # straight rows
    assert {"senior", "lantern", "engineer", "trained", "apprentices"} <= _words(layout)


def _banded_page() -> Any:
    """A designed resume page: a navy name band across the top, a dark sidebar, as dark as a desk."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, PAGE[0], 300), fill=(20, 32, 70))
    draw.rectangle((0, 300, 380, PAGE[1]), fill=(66, 60, 57))
    draw.text((420, 110), "Robin Quill", font=_font(72, True), fill="white")
    draw.text((40, 360), "CONTACT", font=_font(30, True), fill="white")
    for i, text in enumerate(["Lamplighter Guild 2019 - 2021", "Senior Lantern Engineer", "Trained a team of 6 apprentices"]):
        draw.text((430, 380 + 70 * i), text, font=_font(30), fill="black")
    return img


def test_a_photographed_page_with_a_band_as_dark_as_the_desk_is_found_whole(tmp_path: Path) -> None:
    from core.intake.photo_page import page_corners

    photo = _photo(_banded_page(), desk=(62, 60, 64))
    found = page_corners(photo)
    assert found is not None  # the outline is not lost where the page is as dark as the desk
    corners, _size = found
    assert max(abs(c - p) for corner, placed in zip(corners, PLACED, strict=True) for c, p in zip(corner, placed, strict=True)) < 6, corners
    path = tmp_path / "banded.jpg"
    photo.save(path, quality=75)
    layout = ocr_image(path)
    texts = [line.text for line in layout.lines]
    assert any("Robin Quill" in t for t in texts), texts  # the header band is part of the page read
    assert any("Lamplighter Guild" in t and re.search(r"2019\s*-\s*2021", t) for t in texts), texts
    assert layout.meta["ocr_geometry"]["1"]["flattened"]


def test_a_scan_filling_the_picture_is_not_warped() -> None:
    from core.intake.photo_page import page_corners

    assert page_corners(_resume_page(1)) is None  # paper reaches every edge: nothing to flatten


def test_a_two_column_page_under_a_contact_line_across_it_is_read_column_by_column(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(img)
    draw.text((110, 90), "Robin Quill", font=_font(56, True), fill="black")
    draw.text((110, 175), "robin.quill@example.org   +1 555 0100   Lantern Street 7, Glimmerton", font=_font(26), fill="black")
    draw.text((110, 215), "glimmerton.example/robin   Lamplighting, oil logistics and night safety", font=_font(26), fill="black")
    main = ["EXPERIENCE", "Lamplighter Guild", "Senior Lantern Engineer", "Cut lamp oil use by a third",
            "Trained six apprentices", "Harbour Lights Company", "Wick Technician", "Kept the pier lamps lit"]
    side = ["SKILLS", "Wick trimming", "Oil chemistry", "Glass repair", "LANGUAGES", "English", "Welsh"]
    for i, text in enumerate(main):
        draw.text((110, 300 + 56 * i), text, font=_font(28, i in (0, 1, 5)), fill="black")
    for i, text in enumerate(side):
        draw.text((860, 300 + 56 * i), text, font=_font(28, i in (0, 4)), fill="black")
    draw.text((110, 800), "Volunteer: Glimmerton night watch, lamp museum guide, harbour festival crew", font=_font(26), fill="black")
    path = tmp_path / "two-columns.png"
    img.save(path)
    texts = [line.text for line in ocr_image(path).lines]
    index = {t: n for n, t in enumerate(texts)}

    def at(words: str) -> int:
        return next(n for t, n in index.items() if words in t)

    assert not any("Wick trimming" in t and "Senior Lantern" in t for t in texts), texts  # no row across the gutter
    assert at("Robin Quill") < at("robin.quill@") < at("EXPERIENCE"), texts  # the contact lines are a band under the name
    assert at("EXPERIENCE") < at("Kept the pier lamps") < at("Volunteer") < at("SKILLS") < at("Welsh"), texts


def test_a_sidebar_set_flush_against_the_gutter_is_its_own_column(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(img)
    side = ["contact", "Lantern Street 7", "Glimmerton", "+1 555 0100", "languages", "English", "Welsh", "skills", "Wick trimming"]
    main = ["Lamplighter Guild", "Senior Lantern Engineer", "Cut lamp oil use by a third", "Trained six apprentices",
            "Harbour Lights Company", "Wick Technician", "Kept the pier lamps lit", "Mended the harbour lanterns", "Logged every night shift"]
    for i, text in enumerate(side):  # each line ends at the gutter
        font = _font(28, i in (0, 4, 7))
        draw.text((400 - draw.textlength(text, font=font), 200 + 60 * i), text, font=font, fill="black")
    for i, text in enumerate(main):
        draw.text((470, 200 + 60 * i), text, font=_font(28, i in (0, 4)), fill="black")
    path = tmp_path / "flush-sidebar.png"
    img.save(path)
    texts = [line.text for line in ocr_image(path).lines]
    assert not any("Glimmerton" in t and "Lantern Engineer" in t for t in texts), texts  # no row across the gutter
    assert not any("Welsh" in t and "Wick Technician" in t for t in texts), texts
    at = {t: n for n, t in enumerate(texts)}
    assert at["Wick trimming"] < at["Lamplighter Guild"], texts  # the sidebar is read whole, then the main column


def test_a_slow_page_is_its_own_problem_and_the_other_pages_are_kept(tmp_path: Path) -> None:
    reader = PageReader()
    page = _resume_page(1)
    release = threading.Event()

    def stuck() -> Any:
        release.wait(60)  # rendering or decoding this page takes longer than its budget
        return page

    reader.read(1, lambda: page)
    reader.read(2, stuck, budget_s=0.5)
    reader.read(3, lambda: _resume_page(3))
    release.set()
    reader.close()
    assert {line.page for line in reader.lines} == {1, 3}
    assert reader.problems == [
        {"page": 2, "code": "ocr_page_timeout", "message": "reading page 2 of the scan took too long; the other pages were kept."}
    ]
    assert reader.meta()["ocr_abandoned"] == 1


def test_a_scan_over_its_page_budget_is_not_called_hostile(tmp_path: Path) -> None:
    pdf = _image_pdf([_resume_page(1), _resume_page(2)], tmp_path / "slow.pdf")
    with ParserPool(IntakeLimits(ocr_page_timeout_s=0.01), workers=1) as pool:
        result = pool.parse_one(pdf)
        assert not pool.quarantine  # a slow scan is not a damaged or hostile file
    assert getattr(result, "code", "") == "ocr_page_timeout"
    assert "took too long" in str(result) and "hostile" not in str(result) + str(getattr(result, "hint", ""))


def test_a_mixed_pdf_reads_the_text_page_and_ocrs_the_scanned_one(tmp_path: Path) -> None:
    from fpdf import FPDF

    scan = tmp_path / "scan.png"
    _resume_page(2).save(scan)
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 20, "Robin Quill - robin.quill@example.org", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 20, "SUMMARY", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 20, "Lantern engineer with ten years of street lighting work.", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.image(str(scan), x=0, y=0, w=612, h=792)
    pdf.output(str(tmp_path / "mixed.pdf"))
    with ParserPool(workers=1) as pool:
        result = pool.parse_one(tmp_path / "mixed.pdf")
    assert isinstance(result, ParsedDocument), result
    first, second = (result.text[a:b] for a, b in result.pages[:2])
    assert "robin.quill@example.org" in first
    assert {"lamplighter", "guild", "apprentices"} <= _words(second)
    assert result.meta["ocr_pages"] == [2]


def test_a_photographed_certificate_yields_its_facts(tmp_path: Path) -> None:
    lines = [
        ("Guild of Lamplighters", 40, True),
        ("CERTIFICATE OF COMPLETION", 46, True),
        ("This is to certify that", 28, False),
        ("Robin Quill", 44, True),
        ("has successfully completed", 28, False),
        ("Advanced Lantern Maintenance", 38, True),
        ("Issued on 14 March 2022", 26, False),
        ("Credential ID: LQ-2022-0417", 24, False),
    ]
    path = tmp_path / "certificate.jpg"
    _photo(_page(lines)).save(path, quality=75)
    with ParserPool(workers=1) as pool:
        result = pool.parse_one(path)
    assert isinstance(result, ParsedDocument), result
    assert result.doc_type == "certificate"
    creds = [f for f in result.facts if f.type == FactType.credential]
    assert len(creds) == 1, [(f.type, f.value) for f in result.facts]
    attrs = creds[0].attributes
    assert attrs["name"] == "Advanced Lantern Maintenance"
    assert attrs["holder"] == "Robin Quill"
    assert attrs["issuer"] == "Guild of Lamplighters"
    assert attrs["date"] == "2022-03"
    assert attrs["credential_id"] == "LQ-2022-0417"
    assert creds[0].span is not None  # provenance: the passage on the page


def test_a_blank_scan_still_says_there_is_nothing_to_read(tmp_path: Path) -> None:
    from PIL import Image

    pdf = _image_pdf([Image.new("RGB", PAGE, (250, 250, 248))], tmp_path / "blank.pdf")
    with pytest.raises(NeedsOCR):
        ocr_pdf(pdf)


def test_ingest_says_which_page_of_a_scan_it_is_reading(tmp_path: Path) -> None:
    from core.ingest import ingest
    from tests.core.kb_support import open_profile

    scan = _image_pdf([_resume_page(1), _resume_page(2)], tmp_path / "two-pages.pdf")
    ws = open_profile(tmp_path / "profiles")
    try:
        run = ingest(ws, [scan], embed=False, enrich=False)
        steps = [(p.stage, p.done, p.item, p.message) for p in run]
    finally:
        ws.close()
    pages = [s for s in steps if s[0] == "ocr"]
    assert pages == [("ocr", 0, "two-pages.pdf", "page 1"), ("ocr", 0, "two-pages.pdf", "page 2")]
    assert steps.index(pages[-1]) < next(i for i, s in enumerate(steps) if s[0] == "store")  # while reading
    assert run.summary.documents == 1


def test_a_header_saved_as_a_picture_is_read_where_the_text_layer_has_nothing(tmp_path: Path) -> None:
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    banner = Image.new("RGB", (1100, 190), (235, 240, 248))
    draw = ImageDraw.Draw(banner)
    draw.text((30, 25), "Robin Quill", font=_font(64, True), fill=(20, 30, 60))
    draw.text((30, 115), "robin.quill@example.org  +1 555 010 4477", font=_font(36), fill=(20, 30, 60))
    banner.save(tmp_path / "banner.png")
    pdf = FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.image(str(tmp_path / "banner.png"), x=40, y=30, w=530, h=91.5)
    pdf.set_xy(40, 150)
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 20, "EXPERIENCE", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.set_x(40)
    pdf.cell(0, 16, "Senior Lantern Engineer, Lamplighter Guild   2019 - 2021", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(40)
    pdf.cell(0, 16, "- Cut lamp oil use by 30% across twelve streets", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "picture-header.pdf"))
    with ParserPool(workers=1) as pool:
        result = pool.parse_one(tmp_path / "picture-header.pdf")
    assert isinstance(result, ParsedDocument), result
    assert result.text.index("Robin Quill") < result.text.index("EXPERIENCE")  # the header reads first
    basics = result.resume["basics"]
    assert basics.get("name") == "Robin Quill"
    assert basics.get("email") == "robin.quill@example.org"
    assert result.meta["ocr_pages"] == [1]


def test_bullet_glyphs_the_recogniser_drops_are_put_back(tmp_path: Path) -> None:
    from PIL import ImageDraw

    lines = [
        ("Lamplighter Guild", 28, True),
        ("Cut lamp oil use by 30% across twelve streets", 26, False),
        ("Trained a team of 6 apprentices", 26, False),
        ("Kept every lantern of the harbour lit through winter", 26, False),
    ]
    img = _page(lines)
    draw = ImageDraw.Draw(img)
    y = 110 + int(28 * 1.9)
    for i in range(3):  # a disc, a disc, a ring, left of the lines below the title
        cy = y + i * int(26 * 1.9) + 16
        box = (80, cy - 6, 92, cy + 6)
        draw.ellipse(box, fill="black") if i < 2 else draw.ellipse(box, outline="black", width=2)
    layout = ocr_image(img.save(tmp_path / "bullets.png") or tmp_path / "bullets.png")
    texts = [line.text for line in layout.lines]
    assert sum(t.startswith("• ") for t in texts) == 3, texts
    assert not any(t.startswith("•") and "Lamplighter" in t for t in texts), texts
