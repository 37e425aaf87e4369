"""Rendered exports: DOCX, PDF, Markdown, CSV; and the ATS check — our own DOCX/PDF resumes parsed
back with `vita parse` score >= 0.95 with eval_parse.py against the exported JSON Resume."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from core import kb
from core.exchange.api import export_file, import_file
from core.exchange.jsonresume_export import export_jsonresume
from core.exchange.jsonresume_import import import_jsonresume
from core.exchange.writers import facts_csv, render_markdown, write_pdf
from core.model import FactType
from core.workspace import Workspace
from tests.conftest import REPO, shared_path
from tests.core.exchange_fixtures import resume


def test_docx_is_one_column_with_real_styles(ws: Workspace, tmp_path: Path) -> None:
    import docx

    import_jsonresume(ws, resume())
    path = export_file(ws, "docx", tmp_path / "cv.docx")
    d = docx.Document(str(path))
    assert not d.tables and not d.inline_shapes
    styles = [(p.style.name, p.text) for p in d.paragraphs]
    assert ("Title", "Marisol Quenneville") in styles
    assert ("Heading 1", "EXPERIENCE") in styles
    assert ("List Bullet", "Cut deployment time from 45 minutes to 6 minutes") in styles
    texts = [t for _, t in styles]
    assert texts.index("Platform Engineering Lead | Halcyon Freight Systems") < texts.index(
        "Senior Site Reliability Engineer | Halcyon Freight Systems")


def test_pdf_has_extractable_unicode_text(tmp_path: Path) -> None:
    import pdfplumber

    r = resume()
    r["basics"]["name"] = "Zoë Łukasiewicz-Ørsted"
    path = write_pdf(r, tmp_path / "cv.pdf")
    with pdfplumber.open(str(path)) as pdf:
        body = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Zoë Łukasiewicz-Ørsted" in body
    assert "Reduced paging incidents by 60% with SLO-based alerting" in body


def test_markdown_and_csv(ws: Workspace) -> None:
    r = import_jsonresume(ws, resume())
    md = render_markdown(export_jsonresume(ws))
    assert md.startswith("# Marisol Quenneville\n") and "## Experience" in md
    assert "- Grew the platform team from 3 to 9 engineers" in md
    kb.hide(ws, [r.ids["skills.2"]])
    rows = list(csv.DictReader(io.StringIO(facts_csv(ws))))
    assert len(rows) == ws.count_facts()
    hidden = [row for row in rows if row["value"] == "Incident command"][0]
    assert hidden["visibility"] == "private" and json.loads(hidden["attributes"])["level"] == "Advanced"
    assert "imported" in hidden["sources"] and "resume.json" in hidden["sources"]


def test_import_file_sniffs_each_kind(ws: Workspace, ws2: Workspace, tmp_path: Path) -> None:
    p = tmp_path / "mine.json"
    p.write_text(json.dumps(resume()), "utf-8")
    assert import_file(ws, p).kind == "jsonresume"
    v = export_file(ws, "vita", tmp_path / "all.vita.json")
    summary = import_file(ws2, v)
    assert summary.kind == "vita" and summary.facts == ws.count_facts()
    assert [f.value for f in ws2.list_facts(type=FactType.role)] == [f.value for f in ws.list_facts(type=FactType.role)]


@pytest.mark.shared
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_exported_resume_parses_back(ws: Workspace, tmp_path: Path, fmt: str) -> None:
    """ATS readability of our own output, scored by the shared evaluator against our JSON Resume."""
    evaluator = shared_path("bench", "eval_parse.py")
    import_jsonresume(ws, resume())
    data = tmp_path / "cases"
    data.mkdir()
    export_file(ws, fmt, data / f"cv.{fmt}")
    truth = export_jsonresume(ws)
    (data / "cv.truth.json").write_text(json.dumps(truth), "utf-8")
    cmd = f"{sys.executable} -m app parse --format jsonresume {{files}}"
    run = subprocess.run([sys.executable, str(evaluator), str(data), "--cmd", cmd, "--show-errors", "3"],
                         capture_output=True, text=True, cwd=REPO, timeout=300)
    m = re.search(r"SCORE ([0-9.]+)", run.stdout)
    assert m, run.stdout + run.stderr
    assert float(m.group(1)) >= 0.95, run.stdout


@pytest.mark.shared
def test_ingested_docx_round_trips_to_json_resume(ws: Workspace, tmp_path: Path) -> None:
    """Our DOCX -> ingest (parse, reconcile, store) -> approve -> JSON Resume export, scored by eval_parse."""
    from core.exchange.writers import write_docx
    from core.ingest import ingest

    evaluator = shared_path("bench", "eval_parse.py")
    truth = resume()
    truth.pop("meta")
    data = tmp_path / "cases"
    data.mkdir()
    write_docx(truth, data / "cv.docx")
    (data / "cv.truth.json").write_text(json.dumps(truth), "utf-8")
    ingest(ws, [data / "cv.docx"], embed=False).run()
    kb.approve(ws, [f.id for f in ws.list_facts()])
    out = export_jsonresume(ws)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"source": str(data / "cv.docx"), "resume": out}) + "\n", "utf-8")
    run = subprocess.run([sys.executable, str(evaluator), str(data), "--pred", str(pred)],
                         capture_output=True, text=True, timeout=120)
    m = re.search(r"SCORE ([0-9.]+)", run.stdout)
    assert m and float(m.group(1)) >= 0.95, run.stdout + run.stderr
