"""A resume the person would send: a fictional four-page PDF resume ingested with the real parser,
then exported as PDF and DOCX and read back (rendered pages, Vita's own parser)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from core.errors import ExportError
from core.exchange.api import export_file
from core.exchange.selection import Selection
from core.ingest import ingest
from core.model import FactType
from core.workspace import Workspace
from tests.conftest import REPO
from tests.core import kb_support
from tests.core.long_resume import COMPANIES, EMAIL, NAME, STATED_SKILLS, write_long_pdf

ws = kb_support.ws


def _paragraphs_pdf(path: Path) -> tuple[int, list[str]]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return len(pdf), [line.strip() for line in text.splitlines() if line.strip()]


def _paragraphs_docx(path: Path) -> list[str]:
    import docx

    return [p.text.strip() for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _parsed(path: Path) -> dict[str, Any]:
    """The export read back by Vita's own parser, as JSON Resume."""
    run = subprocess.run([sys.executable, "-m", "app", "parse", "--format", "jsonresume", str(path)],
                         capture_output=True, text=True, cwd=REPO, timeout=120, check=True)
    data: dict[str, Any] = json.loads(run.stdout.splitlines()[0])["resume"]
    return data


@pytest.fixture
def ingested(ws: Workspace, tmp_path: Path) -> Path:
    src = write_long_pdf(tmp_path / "source.pdf")
    ingest(ws, [src], embed=False).run()
    return src


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_four_page_resume_exports_sendable(ws: Workspace, ingested: Path, tmp_path: Path, fmt: str) -> None:
    stored = {f.value for f in ws.list_facts(type=FactType.skill)}
    stated = [s for group in STATED_SKILLS.values() for s in group]
    assert {"C", "C++"} <= stored and stored - set(stated), "the vault holds inferred skills as well"
    out = export_file(ws, fmt, tmp_path / f"cv.{fmt}", selection=Selection(include_pending=True))
    if fmt == "pdf":
        import pypdfium2

        source_pages = len(pypdfium2.PdfDocument(str(ingested)))
        pages, paragraphs = _paragraphs_pdf(out)
        assert pages <= source_pages
    else:
        paragraphs = _paragraphs_docx(out)
    body = "\n".join(paragraphs)
    flat = " ".join(body.split())
    # nothing printed twice (a role's company blurb used to come back as its last bullet)
    for company in COMPANIES:
        assert flat.count(f"{company} builds software for") == 1
    resume = _parsed(out)
    highlights = [h for w in resume.get("work") or [] for h in w.get("highlights") or []]
    assert len(highlights) == len(set(highlights)) >= 6 * len(COMPANIES)
    # every stated skill read back by Vita's own parser, grouped as stated; nothing never stated
    parsed = [k for g in resume.get("skills") or [] for k in g.get("keywords") or [g.get("name")]]
    assert sorted(parsed) == sorted(stated)
    assert "Programming: Python, Go, C, C++," in body.replace("\n", " ")
    assert NAME in body and EMAIL in body


def test_pdf_pages_render_and_never_split_a_bullet(ws: Workspace, ingested: Path, tmp_path: Path) -> None:
    """Render every page to an image (what a reader sees) and check no bullet starts on one page and
    ends on the next."""
    import pypdfium2

    out = export_file(ws, "pdf", tmp_path / "cv.pdf", selection=Selection(include_pending=True))
    pdf = pypdfium2.PdfDocument(str(out))
    for i in range(len(pdf)):
        image = pdf[i].render(scale=0.5).to_pil()
        assert image.getbbox() is not None  # something is drawn on every page
        image.save(tmp_path / f"page{i + 1}.png")
    for i in range(len(pdf) - 1):
        first_next = pdf[i + 1].get_textpage().get_text_range().strip().splitlines()[0]
        # a page starts with a heading, an entry or a bullet, never with the tail of a bullet
        assert first_next.startswith("\u2022") or re.match(r"^[A-Z•]", first_next), first_next
        assert "history kept intact for audits" not in first_next


def test_empty_export_is_refused_with_what_to_approve(ws: Workspace, ingested: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        export_file(ws, "pdf", tmp_path / "cv.pdf")  # nothing approved yet
    assert "approve" in caught.value.message.lower() + (caught.value.hint or "").lower()
    assert not (tmp_path / "cv.pdf").exists()


def test_unapproved_identity_is_printed_with_a_warning(ws: Workspace, ingested: Path, tmp_path: Path) -> None:
    from core import kb

    roles = [f.id for f in ws.list_facts(type=FactType.role)]
    kb.approve(ws, roles)
    warnings: list[str] = []
    out = export_file(ws, "docx", tmp_path / "cv.docx", warnings=warnings)
    body = "\n".join(_paragraphs_docx(out))
    assert NAME in body and EMAIL in body
    assert warnings and "not approved" in warnings[0]
