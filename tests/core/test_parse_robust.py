"""No file costs another its result: text normalised at extraction, typed per-file errors, a fuzz batch."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from app.cli import main
from core.documents.clean import clean_text, join_surrogates
from core.extract.dates import best_range
from core.extract.education import parse_studies
from core.extract.lines import Item
from core.extract.work import parse_roles
from tests.core import resume_fixtures as F

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_clean_text_joins_pairs_drops_controls_keeps_emoji_and_removes_icons() -> None:
    assert join_surrogates("a\ud835\udc00b") == "a\U0001d400b"
    assert join_surrogates("x\ud800y") == "x\ufffdy"
    text, icons = clean_text("Ana\x00 Lima\x07 \U0001f680 \U0001f1eb\U0001f1f7 \u05e9\u05dc\u05d5\u05dd e\u0301")
    assert text == "Ana Lima \U0001f680 \U0001f1eb\U0001f1f7 \u05e9\u05dc\u05d5\u05dd \u00e9" and icons == 0
    # Font Awesome icons between contact fields become gaps; a Wingdings bullet before words a bullet
    text, icons = clean_text("\uf0e0 ana@example.org \uf095 +33 1 23 45 67 89")
    assert text == "ana@example.org     +33 1 23 45 67 89" and icons == 2
    assert clean_text("\uf0b7 Built the billing service in Go")[0] == "• Built the billing service in Go"


def _pdf_with_astral_text(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_font("DejaVu", size=12)
    for line in (F.NAME, F.EMAIL, "Experience", "Analyst, Brightwater Analytics Inc. 2019 - 2021",
                 "• Wrote the \U00010300\U00010301 report with \u05e9\u05dc\u05d5\u05dd and caf\u00e9 notes"):
        pdf.cell(400, 16, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs the DejaVu Sans font")
def test_pdf_astral_characters_survive_extraction(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = _pdf_with_astral_text(tmp_path / "astral.pdf")
    assert main(["parse", "--format", "facts", str(pdf)]) == 0
    (line,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    texts = " ".join(f["value"] for f in line["facts"])
    assert "\U00010300\U00010301" in texts
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in texts)


def _random_unicode(rng: random.Random, n: int) -> str:
    pools = [
        (0x20, 0x7E), (0xA0, 0x2FF), (0x300, 0x36F), (0x590, 0x6FF), (0x2000, 0x206F), (0xE000, 0xF8FF),
        (0x1F300, 0x1FAFF), (0x10000, 0x1034F), (0x20000, 0x2A6DF), (0x0, 0x1F), (0xD800, 0xDFFF), (0xFFF0, 0xFFFF),
    ]
    out = []
    for _ in range(n):
        a, b = rng.choice(pools)
        out.append(chr(rng.randint(a, b)))
        if rng.random() < 0.08:
            out.append("\n")
    return "".join(out)


def _mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        op = rng.random()
        i = rng.randrange(len(b))
        if op < 0.5:
            b[i] = rng.randrange(256)
        elif op < 0.7:
            del b[i : i + rng.randint(1, 200)]
        else:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 50)))
    if rng.random() < 0.3:
        b = b[: rng.randint(len(b) // 3, len(b))]
    return bytes(b)


def test_fuzz_batch_gives_one_result_line_per_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(1234)
    inputs: list[Path] = []
    for n in range(6):
        p = tmp_path / f"unicode_{n}.txt"
        text = _random_unicode(rng, 600)
        p.write_bytes(text.encode("utf-8", "surrogatepass"))
        inputs.append(p)
        md = tmp_path / f"unicode_{n}.md"
        md.write_bytes(("# " + text[:40] + "\n\n## Experience\n" + text[40:]).encode("utf-8", "surrogatepass"))
        inputs.append(md)
    pdf = F.write_pdf(tmp_path / "base.pdf", two_column=True).read_bytes()
    docx = F.write_docx_table(tmp_path / "base.docx").read_bytes()
    for n in range(5):
        (tmp_path / f"mut_{n}.pdf").write_bytes(_mutate(pdf, rng))
        (tmp_path / f"mut_{n}.docx").write_bytes(_mutate(docx, rng))
        inputs += [tmp_path / f"mut_{n}.pdf", tmp_path / f"mut_{n}.docx"]
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    inputs += [tmp_path / "base.pdf", tmp_path / "old.doc", tmp_path / "base.docx"]
    main(["parse", "--format", "jsonresume", *map(str, inputs)])
    out = capsys.readouterr().out
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["source"] for x in lines] == [str(p) for p in inputs]
    for x in lines:
        assert ("resume" in x) != ("error" in x)
        if "error" in x:
            assert x["error"]["type"] and x["error"]["message"]
    assert lines[-3]["resume"]["basics"]["name"] == F.NAME  # the good files after the bad ones still parse
    assert lines[-1]["resume"]["work"][0]["position"] == "Staff Data Engineer"
    doc_error = lines[-2]["error"]
    assert doc_error["type"] == "UnsupportedFile" and "DOCX" in doc_error["hint"]


def _items(texts: list[str]) -> list[Item]:
    out, pos = [], 0
    for t in texts:
        out.append(Item(text=t, start=pos, end=pos + len(t), page=1, bullet=t.startswith("•")))
        pos += len(t) + 1
    return out


def test_splitters_never_raise_on_random_lines() -> None:
    rng = random.Random(99)
    words = ["Master of Science:", "–", "BSc - Physics", "University of Nowhere", "2019 – 2021", "Engineer,",
             "•", "Jan 2020 \u2011 Present", ":", "in", "of", "Analyst at Foo", "(", ")", "|", "—", "2020", "MBA in"]
    for _ in range(400):
        lines = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(1, 8))]
        items = _items(lines)
        parse_studies(items)
        parse_roles(items)
    (study,) = parse_studies(_items(["University of Nowhere", "Master of Science: – Data"]))
    assert study.institution == "University of Nowhere" and study.degree.startswith("Master")


def test_dates_with_non_breaking_hyphen_and_en_dash() -> None:
    dr = best_range("Data Analyst   03/2019\u201106/2021")
    assert dr is not None and (dr.start, dr.end) == ("2019-03", "2021-06")
    dr = best_range("janv. 2019 \u2013 aujourd\u2019hui")
    assert dr is not None and dr.start == "2019-01" and dr.present


def test_role_confidence_follows_evidence() -> None:
    from core.extract.dates import DateRange
    from core.extract.work import Role, role_confidence
    from core.model import needs_review

    span = (0, 1)
    sure = Role(title="Data Engineer", company="Brightwater Analytics Inc.", dates=DateRange("2019", None, True, span))
    unsure = Role(title="the platform rebuild and its rollout across teams", company="", dates=None)
    swapped = Role(title="Brightwater Analytics", company="Senior Data Engineer", dates=DateRange("2019", "2020", False, span))
    assert role_confidence(sure) > role_confidence(swapped) > role_confidence(unsure)
    assert not needs_review(role_confidence(sure)) and needs_review(role_confidence(unsure))
    assert needs_review(role_confidence(swapped))
