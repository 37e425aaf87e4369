"""A scanned page in the document viewer: the page as OCR straightened it, the fact's passage boxed."""

from __future__ import annotations

import os
from pathlib import Path

from tests.core.test_ocr_scans import _image_pdf, _resume_page
from tests.ui.conftest import settle


def test_an_ocr_page_shows_the_fact_boxed(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from core.ingest import ingest
    from ui.views.document_page import DocumentPageDialog

    w = open_window
    ws = w.session.workspace
    scan = _image_pdf([_resume_page(1).rotate(180)], tmp_path / "scan.pdf")  # scanned upside down
    summary = ingest(ws, [scan], embed=False, enrich=False).run()
    assert summary.documents == 1, summary.line()
    with ws.reading() as conn:
        doc_id, meta = conn.execute(text("SELECT id, meta FROM documents")).one()
        rows = conn.execute(text(
            'SELECT s.page, s.start, s."end" FROM facts f JOIN fact_sources s ON s.fact_id = f.id '
            "WHERE f.type = 'role' AND s.start IS NOT NULL ORDER BY s.start LIMIT 1"
        )).all()
    assert '"turn": 180' in meta  # the page was read turned round
    page, start, end = rows[0]
    dlg = DocumentPageDialog(w.ops_runner, doc_id, "scan.pdf", page=page, span=(start, end), parent=w)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.image.pixmap() is not None and not dlg.image.pixmap().isNull(), timeout=30_000)
    settle(qtbot, w)
    pixmap = dlg.image.pixmap()
    assert "boxed" in dlg.image.toolTip()
    img = pixmap.toImage()
    # The box is drawn in the highlight colour around text near the top of the upright page.
    hits = [(x, y) for x in range(0, img.width(), 3) for y in range(0, img.height() // 3, 3)
            if img.pixelColor(x, y).red() > 200 and 130 < img.pixelColor(x, y).green() < 170 and img.pixelColor(x, y).blue() < 40]
    assert hits, "no highlight box on the page"
    out = os.environ.get("VITA_SCREENSHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        dlg.grab().save(str(Path(out) / "scan_viewer.png"))
