"""Write a PNG of every view and dialog with a fictional profile loaded.

    python bench/screenshots.py [--out bench/out/screenshots]

Everything shown is invented (tests/ui/fixtures.py and tests/ui/resumes.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gui_common import REPO, open_profile, pump


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "screenshots"))
    ap.add_argument("--onet", help="an O*NET text release to import (default: the fictional test release)")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QWizard

    from tests.ui.fixtures import seed_career
    from tests.ui.resumes import write_docx, write_txt
    from ui.prompts import Prompts, use_prompts
    from ui.theme import palette, stylesheet

    class AddAnyway(Prompts):
        """A fictional resume of another person is dropped below: add it to this profile, unasked."""

        def choose(self, parent: object, title: str, text: str, options: list[str]) -> int | None:
            return 1

    use_prompts(AddAnyway())
    app, w, session = open_profile()
    session.embed_on_ingest = False
    seed_career(session.workspace)
    shots: list[str] = []

    def shot(widget: object, name: str) -> None:
        pump(app, lambda: not w.ops_runner.busy)
        for _ in range(5):
            app.processEvents()
        path = out / f"{name}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        shots.append(path.name)

    # documents read through the real ingest path, one of them refused
    tmp = Path(tempfile.mkdtemp(prefix="vita-shots-"))
    files = [write_docx(tmp, 0), write_txt(tmp, 1), write_docx(tmp, 2)]
    bad = tmp / "scan-of-payslip.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\x00not really a pdf" * 40)
    docs = w.views["Documents"]
    w.show_view("Documents")
    docs.ingest([*files, bad])
    pump(app, lambda: not docs.busy, timeout=120)
    for v in w.views.values():
        v.reload()

    for title in ("Dashboard", "Documents"):
        w.show_view(title)
        shot(w, title.lower())

    know = w.show_view("Knowledge")
    know.reload()
    pump(app, lambda: not w.ops_runner.busy)
    row = next(r for r in range(know.model.rowCount())
               if str(know.model.index(r, 1).data()).startswith("Cut nightly batch runtime"))
    know.table.selectRow(row)
    know.panel.setCurrentIndex(1)
    shot(w, "knowledge")
    from ui.knowledge.table_model import COL

    know.model.setData(know.model.index(row, COL["value"]), "Cut nightly batch runtime by 62% with incremental Spark jobs.")
    pump(app, lambda: not w.ops_runner.busy)
    know.model.setData(know.model.index(know.model.row_of[know.panel.fact_id], COL["value"]),
                       "Cut nightly batch runtime by 62% (4 h to 1.5 h) with incremental Spark jobs.")
    pump(app, lambda: not w.ops_runner.busy and know.panel.versions.count() >= 3)
    know.panel.setCurrentIndex(2)
    know.panel.versions.setCurrentRow(2)
    shot(w, "knowledge-history")
    know.panel.setCurrentIndex(1)

    from onet.importer import import_release
    from tests.onet.fictional_release import write_fictional_release

    release = Path(args.onet) if args.onet else write_fictional_release(tmp / "onet")
    import_release(release, session.ontology_db)
    session.forget_ontology()
    skills = w.show_view("Skills")
    skills.reload()
    pump(app, lambda: skills.ontology_ready)
    skills.search.setText("Python")
    skills.search_ontology()
    pump(app, lambda: skills.results.rowCount() > 0)
    shot(w, "skills")
    w.show_view("Settings")
    shot(w, "settings")

    know.show_conflicts()
    shot(know.conflicts_dialog, "dialog-conflicts")
    know.conflicts_dialog.close()
    know.panel._open_document()
    time.sleep(0.2)
    shot(know.document_dialog, "dialog-document-page")
    know.document_dialog.close()
    dlg = w.export_data()
    dlg.tailor.setChecked(True)
    dlg.skills.setText("Python, Spark")
    shot(dlg, "dialog-export")
    dlg.close()

    # dark theme
    app.setPalette(palette(True))
    app.setStyleSheet(stylesheet(True))
    w.show_view("Knowledge")
    shot(w, "knowledge-dark")
    w.show_view("Dashboard")
    shot(w, "dashboard-dark")
    app.setPalette(palette(False))
    app.setStyleSheet(stylesheet(False))

    # unlock and first run, on the same data
    w.lock()
    pump(app, lambda: w.dialog is not None and w.dialog.isVisible() and session.workspace is None)
    pump(app, lambda: not w.dialog.busy)
    w.dialog.secret.setText("wrong passphrase")
    w.dialog.submit()
    pump(app, lambda: "does not unlock" in w.dialog.message.text())
    shot(w.dialog, "dialog-unlock")
    shot(w, "locked-window")
    w.dialog.reject()
    w.run_wizard()
    wiz = w.dialog
    wiz.name_page.name.setText("Sam Example")
    shot(wiz, "wizard-1-name")
    wiz.next()
    wiz.pass_page.pass1.setText("correct horse battery staple")
    wiz.pass_page.pass2.setText("correct horse battery staple")
    shot(wiz, "wizard-2-passphrase")
    wiz.button(QWizard.WizardButton.NextButton).click()
    pump(app, lambda: wiz.currentPage() is wiz.recovery_page)
    shot(wiz, "wizard-3-recovery")
    wiz.reject()

    w.close()
    print(f"wrote {len(shots)} screenshots to {out}:")
    for s in shots:
        print("  " + s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
