"""The whole path with real widgets: drop files -> facts appear -> edit a cell -> undo (-> export)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import settle
from tests.ui.resumes import write_docx, write_txt
from ui.knowledge.table_model import COL


@pytest.fixture(autouse=True)
def _no_embeddings(session) -> None:  # type: ignore[no-untyped-def]
    session.embed_on_ingest = False  # the model is exercised by core tests and the stall bench


def drop_files(window, paths: list[Path]) -> bool:  # type: ignore[no-untyped-def]
    """A real drag-enter + drop with file URLs, as the desktop sends them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def wait_jobs(qtbot, docs) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not docs.busy, timeout=60_000)


def test_drop_is_refused_while_locked(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert not drop_files(window, [write_txt(tmp_path, 0)])


def test_drop_edit_undo_path(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    files = [write_docx(tmp_path / "in", 0), write_txt(tmp_path / "in", 1)]
    assert drop_files(w, files)
    docs = w.views["Documents"]
    assert w.stack.currentWidget() is docs
    assert docs.activity.topLevelItemCount() == 2
    wait_jobs(qtbot, docs)
    settle(qtbot, w)
    statuses = [docs.activity.topLevelItem(i).text(1) for i in range(2)]
    assert all(s.startswith("Read: ") for s in statuses), statuses
    assert docs.table.rowCount() == 2
    assert {docs.table.item(r, 0).text() for r in range(2)} == {"resume-00.docx", "resume-01.txt"}
    assert int(docs.table.item(0, 4).text()) > 10

    know = w.show_view("Knowledge")
    with qtbot.waitSignal(know.model.rows_did_load):
        know.set_filters(text="Lumen Studio", type="role")
    assert know.model.rowCount() >= 1
    row = 0
    fid = know.model.fact_id(row)
    before = w.session.workspace.get_fact(fid).value
    assert know.model.setData(know.model.index(row, COL["value"]), "Principal Product Designer")
    settle(qtbot, w)
    assert w.session.workspace.get_fact(fid).value == "Principal Product Designer"
    w.undo_action.trigger()
    settle(qtbot, w)
    assert w.session.workspace.get_fact(fid).value == before

    # the source passage of an extracted fact is shown and opens at its page
    know.table.selectRow(row)
    qtbot.waitUntil(lambda: know.panel.open_button.isEnabled(), timeout=5000)
    assert "resume-00.docx" in know.panel.source.toPlainText()
    know.panel.open_button.click()
    dlg = know.document_dialog
    qtbot.waitUntil(lambda: "Lumen Studio" in dlg.text.toPlainText(), timeout=5000)
    assert "#ffe58a" in dlg.text.toHtml()
    dlg.close()

    # the same file again is recognised
    assert drop_files(w, [files[1]])
    wait_jobs(qtbot, docs)
    assert docs.activity.topLevelItem(2).text(1) == "Already in the vault"


def test_folder_drop_quarantine_type_override_and_cancel(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    folder = tmp_path / "folder"
    write_txt(folder, 2)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    assert drop_files(w, [folder])
    docs = w.views["Documents"]
    wait_jobs(qtbot, docs)
    settle(qtbot, w)
    by_name = {docs.activity.topLevelItem(i).text(0): docs.activity.topLevelItem(i).text(1)
               for i in range(docs.activity.topLevelItemCount())}
    assert by_name["broken.pdf"].startswith("Quarantined")
    assert by_name["resume-02.txt"].startswith("Read")
    assert docs.quarantine_table.rowCount() == 1 and docs.quarantine_table.item(0, 0).text() == "broken.pdf"
    assert docs.quarantine_table.item(0, 1).text()  # the reason is shown

    from PySide6.QtWidgets import QComboBox

    idx = docs.table.model().index(0, 1)
    docs.table.setCurrentIndex(idx)
    docs.table.edit(idx)
    box = docs.table.findChild(QComboBox)
    box.setCurrentIndex(box.findData("cover_letter"))
    box.activated.emit(box.currentIndex())
    settle(qtbot, w)
    qtbot.waitUntil(lambda: docs.rows and docs.rows[0].overridden and docs.rows[0].doc_type.value == "cover_letter")
    assert w.undo_action.text() == "Undo Set document type to cover letter"

    # cancel: queue a file behind a long one and cancel it before it runs
    jobs = docs.ingest([write_txt(tmp_path / "more", 3), write_txt(tmp_path / "more", 4)])
    jobs[1].cancel.click()
    wait_jobs(qtbot, docs)
    assert jobs[1].outcome.cancelled and jobs[1].item.text(1) == "Cancelled"
    assert jobs[0].outcome.status == "stored"
    docs.clear_button.click()
    assert docs.activity.topLevelItemCount() == 0


def test_drop_edit_undo_then_export_every_format(qtbot, open_window, tmp_path, scripted) -> None:  # type: ignore[no-untyped-def]
    """The issue's path end to end: drop -> facts -> edit -> undo -> export (tailored, variant)."""
    import json

    w = open_window
    assert drop_files(w, [write_txt(tmp_path / "in", 3)])
    docs = w.views["Documents"]
    wait_jobs(qtbot, docs)
    know = w.show_view("Knowledge")
    with qtbot.waitSignal(know.model.rows_did_load):
        know.set_filters(type="role")
    fid = know.model.fact_id(0)
    original = w.session.workspace.get_fact(fid).value
    know.model.setData(know.model.index(0, COL["value"]), "Staff Project Manager")
    settle(qtbot, w)
    w.undo_action.trigger()
    settle(qtbot, w)
    assert w.session.workspace.get_fact(fid).value == original
    # approve everything so resume exports have content
    with qtbot.waitSignal(know.model.rows_did_load):
        know.set_filters(type="")
    know.table.selectAll()
    know.action_buttons["Approve"].click()
    settle(qtbot, w)

    out = tmp_path / "out"
    for fmt in ("jsonresume", "docx", "pdf", "md", "csv", "vita"):
        dlg = w.export_data()
        settle(qtbot, w)
        dlg.fmt.setCurrentIndex(dlg.fmt.findData(fmt))
        scripted.answers["choose_save_path"] = [str(out / f"export-{fmt}")]
        dlg.export_button.click()
        settle(qtbot, w)
        assert dlg.last_path is not None and dlg.last_path.is_file() and dlg.last_path.stat().st_size > 100, fmt
    resume = json.loads((out / "export-jsonresume.json").read_text("utf-8"))
    assert resume["basics"]["name"] == "Jamie Fennel"
    assert original in json.dumps(resume)

    # tailored by skill, saved as a variant, then re-exported from the variant
    dlg = w.export_data()
    settle(qtbot, w)
    dlg.fmt.setCurrentIndex(dlg.fmt.findData("jsonresume"))
    dlg.tailor.setChecked(True)
    dlg.skills.setText("Airflow")
    scripted.answers["ask_text"] = ["Data roles"]
    dlg.save_variant_button.click()
    settle(qtbot, w)
    assert dlg.variant.findData("Data roles") >= 0
    scripted.answers["choose_save_path"] = [str(out / "tailored")]
    dlg.export_button.click()
    settle(qtbot, w)
    tailored = json.loads(dlg.last_path.read_text("utf-8"))
    assert "Airflow" in json.dumps(tailored)
    assert json.dumps(tailored) != json.dumps(resume)

    dlg2 = w.export_data()
    settle(qtbot, w)
    dlg2.variant.setCurrentIndex(dlg2.variant.findData("Data roles"))
    dlg2.variant.activated.emit(dlg2.variant.currentIndex())
    assert dlg2.skills.text() == "Airflow"
    dlg2.reject()


def test_import_json_resume_through_file_menu(qtbot, open_window, tmp_path, scripted) -> None:  # type: ignore[no-untyped-def]
    import json

    w = open_window
    src = tmp_path / "resume.json"
    src.write_text(json.dumps({"basics": {"name": "Drew Harlow", "email": "drew@example.org"},
                               "work": [{"name": "Quartz Co", "position": "Analyst", "startDate": "2019-01"}],
                               "skills": [{"name": "Excel"}]}), "utf-8")
    scripted.answers["choose_files"] = [[str(src)]]
    w.import_action.trigger()
    settle(qtbot, w)
    assert scripted.asked[-1][0] == "inform" and "JSON Resume" in scripted.asked[-1][1][1]
    know = w.show_view("Knowledge")
    with qtbot.waitSignal(know.model.rows_did_load):
        know.set_filters(text="Quartz")
    assert know.model.rowCount() >= 1
    w.undo_action.trigger()
    settle(qtbot, w)
    with qtbot.waitSignal(know.model.rows_did_load):
        know.set_filters(text="Quartz")
    assert know.model.rowCount() == 0


def test_open_a_pdf_at_its_page_renders_the_original(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.resumes import write_pdf

    w = open_window
    assert drop_files(w, [write_pdf(tmp_path, 4)])
    docs = w.views["Documents"]
    wait_jobs(qtbot, docs)
    settle(qtbot, w)
    assert docs.jobs[0].outcome.status == "stored", docs.jobs[0].item.text(1)
    dlg = docs.open_document(0, page=1, span=None)
    qtbot.waitUntil(lambda: dlg.tabs.count() == 2, timeout=10_000)  # the rendered page was added
    assert dlg.tabs.tabText(0) == "Original"
    pix = dlg.image.pixmap()
    assert pix is not None and pix.width() > 500 and pix.height() > 600
    assert "Avery Brook" in dlg.text.toPlainText()
    dlg.close()


def test_original_is_kept_in_the_vault_for_later_sessions(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from core.library import document_original, list_documents
    from tests.ui.resumes import write_pdf

    w = open_window
    pdf = write_pdf(tmp_path, 5)
    assert drop_files(w, [pdf])
    docs = w.views["Documents"]
    wait_jobs(qtbot, docs)
    settle(qtbot, w)
    ws = w.session.workspace
    [doc] = [d for d in list_documents(ws) if d.source_name == pdf.name]
    assert doc.has_original and document_original(ws, doc.id) == pdf.read_bytes()
    w.session.originals.clear()  # as after a restart: only the vault has the file now
    pdf.unlink()
    dlg = docs.open_document(0, page=1, span=None)
    qtbot.waitUntil(lambda: dlg.tabs.count() == 2, timeout=10_000)
    assert dlg.tabs.tabText(0) == "Original"
    assert dlg.image.pixmap().width() > 500
    dlg.close()


def test_export_with_nothing_approved_says_what_to_approve(qtbot, open_window, tmp_path, scripted) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    assert drop_files(w, [write_txt(tmp_path / "in", 2)])
    wait_jobs(qtbot, w.views["Documents"])
    settle(qtbot, w)
    dlg = w.export_data()
    settle(qtbot, w)
    dlg.fmt.setCurrentIndex(dlg.fmt.findData("pdf"))
    assert dlg.inferred.isVisible() and not dlg.inferred.isChecked()
    dlg.grab().save(str(tmp_path / "export-dialog.png"))
    scripted.answers["choose_save_path"] = [str(tmp_path / "out" / "cv")]
    dlg.export_button.click()
    settle(qtbot, w)
    kind, (title, text, hint) = scripted.asked[-1]
    assert kind == "error" and "Nothing to export yet" in text and "Approve" in hint
    assert not (tmp_path / "out" / "cv.pdf").exists() and dlg.export_button.isEnabled()
    # with facts not yet approved included, the resume is written (name and contact on it)
    dlg.pending.setChecked(True)
    scripted.answers["choose_save_path"] = [str(tmp_path / "out" / "cv")]
    dlg.export_button.click()
    settle(qtbot, w)
    assert dlg.last_path is not None and dlg.last_path.stat().st_size > 1000
    assert scripted.asked[-1][0] == "inform"


def test_a_drop_of_three_files_is_one_run_whose_changes_name_the_facts(qtbot, open_window, tmp_path,  # type: ignore[no-untyped-def]
                                                                        monkeypatch) -> None:
    w = open_window
    know = w.show_view("Knowledge")
    settle(qtbot, w)
    received = []
    real = know.model.apply_changes
    monkeypatch.setattr(know.model, "apply_changes", lambda ch: (received.append(ch), real(ch)))
    broadcasts = []
    w.ops_runner.changes_did_happen.connect(lambda ch, _initiator: broadcasts.append(ch))
    files = [write_docx(tmp_path / "in", 5), write_txt(tmp_path / "in", 6), write_txt(tmp_path / "in", 7)]
    assert drop_files(w, files)
    docs = w.views["Documents"]
    assert docs.activity.topLevelItemCount() == 3 and len({j.op for j in docs.jobs}) == 1  # one run
    wait_jobs(qtbot, docs)
    w.show_view("Knowledge")
    settle(qtbot, w)
    stored = {f.id for f in w.session.workspace.list_facts()}
    assert len(broadcasts) == 1 and broadcasts[0].fact_ids == stored and stored  # one broadcast, with ids
    assert [ch.fact_ids for ch in received] == [stored]  # the table heard of exactly those facts
    assert know.model.rowCount() == len(stored)
