"""`vita --selftest`: exercise the installed app end to end in a throw-away data folder; JSON report.

Checks, each timed and reported even when an earlier one failed: a temporary encrypted vault;
a built-in fictional resume parsed in the sandboxed parser workers and stored; the embedding
model (ONNX Runtime) with a sense check; keyword and semantic search over the stored facts; a fitting
job scoring above an unrelated one when this build has matching; the main window rendered offscreen
and found not blank; a small fictional page drawn as a picture read by OCR in a parser worker; and
that torch/sentence-transformers were never imported. Exit status 0 only when every check passed.
Runs the same from source and from the frozen bundle.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEAVY = ("torch", "sentence_transformers", "transformers")
PASSPHRASE = "selftest passphrase"
RESUME = """Morgan Testcase
morgan.testcase@example.org | +1 555 0100 | Springfield

EXPERIENCE

Data Analyst, Fictional Widgets Ltd - Springfield
March 2019 - Present
- Cut the monthly reporting cycle by 40% by automating SQL exports.
- Trained 6 colleagues on dashboard design in Tableau.

Junior Analyst, Example Logistics - Shelbyville
June 2016 - February 2019
- Reconciled 2,000 shipments a month against carrier invoices.

EDUCATION
B.Sc. Statistics, Example State University, 2012 - 2016

SKILLS
Python, SQL, Tableau, Excel, data visualisation
"""


class Check:
    """One named step: its outcome, time and details, collected into the report."""

    def __init__(self, report: dict[str, Any]) -> None:
        self.report = report

    def run(self, name: str, fn: Callable[[], dict[str, Any] | None]) -> bool:
        t0 = time.perf_counter()
        entry: dict[str, Any] = {"name": name}
        try:
            detail = fn() or {}
            entry.update(status="skipped" if detail.pop("skipped", False) else "ok", **detail)
        except Exception as exc:
            entry.update(status="failed", error=f"{type(exc).__name__}: {exc}",
                         where=traceback.format_exc(limit=-2).strip().splitlines()[-3:])
        entry["seconds"] = round(time.perf_counter() - t0, 3)
        self.report["checks"].append(entry)
        return entry["status"] != "failed"


def run_selftest() -> int:
    """Run every check in a temporary VITA_HOME, print the JSON report, return the exit status."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    home = Path(tempfile.mkdtemp(prefix="vita-selftest-"))
    os.environ["VITA_HOME"] = str(home)
    from app import __version__

    report: dict[str, Any] = {"version": __version__, "frozen": bool(getattr(sys, "frozen", False)),
                              "python": sys.version.split()[0], "checks": []}
    state: dict[str, Any] = {}
    check = Check(report)
    t0 = time.perf_counter()
    try:
        check.run("vault", lambda: _vault(home, state))
        check.run("parse_and_store", lambda: _ingest(home, state))
        check.run("embed", lambda: _embed(state))
        check.run("search", lambda: _search(state))
        check.run("match", lambda: _match(state))
        check.run("main_window", lambda: _render(state))
        check.run("ocr", lambda: _ocr(home, state))
        check.run("no_torch", _no_torch)
    finally:
        _cleanup(state)
        shutil.rmtree(home, ignore_errors=True)
    report["seconds"] = round(time.perf_counter() - t0, 3)
    report["ok"] = all(c["status"] != "failed" for c in report["checks"])
    print(json.dumps(report, indent=2), flush=True)
    return 0 if report["ok"] else 1


def _vault(home: Path, state: dict[str, Any]) -> dict[str, Any]:
    from app.paths import app_paths
    from app.session import session_for
    from core.vault import Argon2Params

    session = session_for(app_paths(home).ensure(), argon=Argon2Params(1, 1024, 1))  # the CLI's session
    session.use_keychain_default = False
    state["session"] = session
    profile, _recovery = session.store.create("Selftest Profile", passphrase=PASSPHRASE, argon=session.argon)
    unlocked = session.store.unlock(profile, passphrase=PASSPHRASE)
    state["ws"] = session.open(profile, unlocked.key, "passphrase")
    vault_files = [p for p in session.profiles_root.rglob("*") if p.is_file() and p.suffix != ".json"]
    if not vault_files:
        raise AssertionError(f"no vault file under {session.profiles_root}")
    leaked = [p.name for p in vault_files if b"Selftest Profile" in p.read_bytes()]
    if leaked:
        raise AssertionError(f"plain text found in {leaked}")
    return {"files": len(vault_files)}


def _ingest(home: Path, state: dict[str, Any]) -> dict[str, Any]:
    from core.ingest import ingest

    resume = home / "morgan-testcase.txt"
    resume.write_text(RESUME, encoding="utf-8")
    summary = ingest(_needs(state, "ws"), [resume], enrich=False).run()  # the session's parser pool
    if summary.documents != 1 or summary.facts < 5:
        raise AssertionError(f"expected 1 document and at least 5 facts, got {summary.line()}")
    return {"documents": summary.documents, "facts": summary.facts, "sandboxed_workers": True}


def _embed(state: dict[str, Any]) -> dict[str, Any]:
    import numpy as np

    from core.embed import DIM
    from core.embed.runtime import default_onnx_dir

    vecs = _needs(state, "session").embedding().embed(["data analyst", "business intelligence analyst", "pastry chef"])
    if vecs.shape != (3, DIM) or not np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4):
        raise AssertionError(f"unexpected vectors {vecs.shape}")
    near, far = float(vecs[0] @ vecs[1]), float(vecs[0] @ vecs[2])
    if near <= far:
        raise AssertionError(f"similar titles are not closer ({near:.3f} <= {far:.3f})")
    return {"dim": DIM, "similar": round(near, 3), "unrelated": round(far, 3), "model": default_onnx_dir().name}


def _search(state: dict[str, Any]) -> dict[str, Any]:
    from core.kb.search import search_facts, semantic_search

    ws = _needs(state, "ws")
    text = search_facts(ws, "Tableau", semantic=False)
    semantic = semantic_search(ws, "reporting automation", k=3)
    if not text or not semantic:
        raise AssertionError(f"search found {len(text)} text and {len(semantic)} semantic hits")
    return {"text_hits": len(text), "semantic_hits": len(semantic)}


def _match(state: dict[str, Any]) -> dict[str, Any]:
    try:  # an import, not a file check: the frozen app keeps its modules in an archive
        from core.jobs.matcher import JobMatcher
    except ModuleNotFoundError:
        return {"skipped": True, "reason": "this build has no job matching"}
    from core.skills import SkillExtractor

    matcher = JobMatcher(extractor=SkillExtractor(), embed=_needs(state, "session").embedding().embed)
    fitting = "Data Analyst. Must have: SQL and Python. Nice to have: Tableau dashboards."
    other = "Pastry Chef. Must have: laminated doughs, plated desserts and a food hygiene certificate."
    near, far = matcher.score_pairs([(RESUME, fitting), (RESUME, other)])
    if not near > far:
        raise AssertionError(f"the fitting job does not score higher ({near:.3f} <= {far:.3f})")
    return {"fitting_job": round(near, 3), "unrelated_job": round(far, 3)}


def _render(state: dict[str, Any]) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from ui.main import make_app
    from ui.window import MainWindow

    app = make_app()
    window = MainWindow(_needs(state, "session"))
    state["window"] = window
    window.resize(1100, 720)
    window.show()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not window.isVisible():
        QApplication.processEvents()
    for _ in range(20):
        app.processEvents()
    image = window.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    if image.width() < 100 or len(colours) < 8:
        raise AssertionError(f"the window looks blank ({image.width()}x{image.height()}, {len(colours)} colours)")
    return {"size": [image.width(), image.height()], "colours_sampled": len(colours)}


OCR_LINES = (("Morgan Testcase", 30), ("Data Analyst at Fictional Widgets", 22), ("morgan.testcase@example.org", 22))


def _ocr(home: Path, state: dict[str, Any]) -> dict[str, Any]:
    """A page picture drawn with Qt (the window check made the application) read in a parser worker."""
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    from core.model import ParsedDocument

    _needs(state, "window")
    image = QImage(900, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor("black"))
    for i, (text, size) in enumerate(OCR_LINES):
        painter.setFont(QFont("Sans", size))
        painter.drawText(50, 70 + i * 80, text)
    painter.end()
    page = home / "scanned-note.png"
    if not image.save(str(page)):
        raise AssertionError("could not write the page picture")
    doc = _needs(state, "session").parser_pool().parse_one(page)
    if not isinstance(doc, ParsedDocument):
        raise AssertionError(f"OCR failed: {doc}")
    missing = [text for text, _size in OCR_LINES if text not in doc.text]
    if missing:
        raise AssertionError(f"OCR missed {missing} in {doc.text!r}")
    return {"lines": len(OCR_LINES), "engine": doc.meta.get("ocr")}


def _needs(state: dict[str, Any], key: str) -> Any:
    if key not in state:
        raise RuntimeError("an earlier check failed, so this one cannot run")
    return state[key]


def _no_torch() -> dict[str, Any]:
    heavy = [m for m in HEAVY if m in sys.modules]
    if heavy:
        raise AssertionError(f"imported {heavy}")
    return {}


def _cleanup(state: dict[str, Any]) -> None:
    window = state.get("window")
    if window is not None:
        window.close()
    session = state.get("session")
    if session is not None:
        try:
            session.close()
        finally:
            session.shutdown()  # parser processes, the embedder, the ontology
