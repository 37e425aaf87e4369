"""Mutation fuzzing: damaged variants of valid fictional documents all end typed, within budget."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from core.errors import VitaError
from core.intake import IntakeLimits, ParserPool
from core.model import ParsedDocument
from tests.security import bombs

pytest.importorskip("core.intake.reader", reason="needs the format readers (core.intake.reader)")

LINES = ["Robin Fictional", "robin@example.org", "Experience", "Engineer, Example Ltd, 2019 - 2023", "Cut costs by 30%"]


def _pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in LINES:
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    document.add_table(rows=2, cols=2).cell(0, 0).text = "Python"
    document.save(str(path))
    return path


def _write(text: str) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_text(text)
        return path

    return make


SEEDS: dict[str, Callable[[Path], Path]] = {
    "pdf": _pdf,
    "docx": _docx,
    "txt": _write("\n".join(LINES) + "\n"),
    "html": _write("<html><body>" + "".join(f"<p>{x}</p>" for x in LINES) + "</body></html>"),
    "json": _write(json.dumps({"basics": {"name": LINES[0]}, "work": [{"name": "Example Ltd", "highlights": [LINES[4]]}]})),
    "min.docx": bombs.plain_docx,  # a hand-built minimal package
}


def _mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    op = rng.choice(("flip", "truncate", "splice", "zero", "duplicate"))
    at = rng.randrange(len(out))
    if op == "flip":
        for _ in range(rng.randint(1, 40)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    elif op == "truncate":
        del out[max(at, 1) :]
    elif op == "splice":
        out[at:at] = rng.randbytes(rng.randint(1, 512))
    elif op == "zero":
        out[at : at + rng.randint(1, 4096)] = bytes(rng.randint(1, 4096))
    else:
        out[at:at] = out[at : at + rng.randint(1, 4096)] * rng.randint(2, 50)
    return bytes(out)


def test_mutated_documents_end_in_text_or_a_typed_error(tmp_path: Path) -> None:
    rng = random.Random(20261121)
    seeds = {name: make(tmp_path / f"seed.{name}").read_bytes() for name, make in SEEDS.items()}
    files = []
    for i in range(90):
        name = list(seeds)[i % len(seeds)]
        path = tmp_path / f"mutant{i}.{name}"
        path.write_bytes(_mutate(seeds[name], rng))
        files.append(path)
    limits = IntakeLimits(timeout_s=10)
    with ParserPool(limits) as pool:
        results = list(pool.parse(files))
        durations = dict(pool.durations)
        healthy = pool.parse_one(tmp_path / "seed.docx")
    assert [s for s, _ in results] == [str(f) for f in files]
    assert all(isinstance(r, (ParsedDocument, VitaError)) for _, r in results)
    assert max(durations.values()) < limits.timeout_s + 3
    assert sum(isinstance(r, ParsedDocument) for _, r in results) >= 10  # many mutants stay readable
    assert isinstance(healthy, ParsedDocument) and "Robin Fictional" in healthy.text
