"""Dashboard, Skills and Settings pages with a real vault (and a fictional O*NET release)."""

from __future__ import annotations

from core.model import FactStatus
from tests.onet.fictional_release import write_fictional_release
from tests.ui.conftest import PASSPHRASE, make_profile, settle
from tests.ui.fixtures import seed_career


def test_dashboard_counts_and_completeness(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    seed_career(w.session.workspace)
    dash = w.show_view("Dashboard")
    dash.reload()
    settle(qtbot, w)
    ov = dash.last
    assert ov.total == w.session.workspace.count_facts() and ov.documents == 1
    assert ov.by_type["skill"] == 8 and ov.by_type["achievement"] == 4
    assert dash.facts.number.text() == str(ov.total)
    assert dash.pending.number.text() == str(ov.by_status["pending"])
    # completeness counts what the person approved (the seed approves name, e-mail and one role)
    gaps = dash.gaps
    missing = [label for label, ok in gaps.checklist() if not ok]
    assert "Education" in missing and "Credentials or projects" in missing and "At least one role" not in missing
    assert 0 < gaps.percent < 60 and dash.completeness.value() == gaps.percent
    approved_only = gaps.percent
    from core import kb

    ws = w.session.workspace
    kb.approve(ws, [f.id for f in ws.list_facts() if f.status == FactStatus.pending])
    dash.reload()
    settle(qtbot, w)
    assert dash.gaps.percent > approved_only
    assert [label for label, ok in dash.gaps.checklist() if not ok] == ["Credentials or projects"]
    assert "Data Engineer at Blue Harbor Logistics" in dash.checklist.text()  # one bullet per role: scope missing
    # the pending button opens the review queue
    know = w.views["Knowledge"]
    with qtbot.waitSignal(know.model.rows_did_load):
        dash.review_button.click()
    assert w.stack.currentWidget() is know and know.review.queue.isChecked()
    assert know.model.rowCount() == 0 and "Nothing left to review" in know.empty.text()


def test_dashboard_names_unresolved_identities(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    from core import kb
    from core.model import FactType

    w = open_window
    ids = seed_career(w.session.workspace)
    ws = w.session.workspace
    kb.approve(ws, [f.id for f in ws.list_facts() if f.status == FactStatus.pending])
    dash = w.show_view("Dashboard")
    dash.reload()
    settle(qtbot, w)
    before = dash.gaps.percent
    # another person's name arrives and both names end up approved: not "complete"
    kb.create_fact(ws, kb.NewFact(type=FactType.contact, value="Casimir Dunleavy", attributes={"kind": "name"},
                                  status=FactStatus.approved))
    dash.reload()
    settle(qtbot, w)
    assert "2 different names (Jordan Quill, Casimir Dunleavy)" in dash.checklist.text()
    assert dash.gaps.percent < before
    kb.reject(ws, [f.id for f in ws.list_facts(type=FactType.contact) if f.value == "Casimir Dunleavy"])
    dash.reload()
    settle(qtbot, w)
    assert "different names" not in dash.checklist.text() and dash.gaps.percent == before
    assert ids["name"]


def test_dashboard_refreshes_after_a_mutation_elsewhere(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    ids = seed_career(w.session.workspace)
    dash = w.views["Dashboard"]
    dash.reload()
    settle(qtbot, w)
    before = dash.last.by_status["pending"]
    know = w.show_view("Knowledge")
    with qtbot.waitSignal(know.model.rows_did_load):
        know.reload()
    know.table.selectRow(know.model.row_of[ids["phone"]])
    know.action_buttons["Approve"].click()
    settle(qtbot, w)
    assert dash.last.by_status["pending"] == before  # hidden pages do no work...
    w.show_view("Dashboard")
    settle(qtbot, w)
    assert dash.last.by_status["pending"] == before - 1  # ...and catch up when shown


def test_skills_page_lists_evidence_and_opens_knowledge(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    seed_career(w.session.workspace)
    skills = w.show_view("Skills")
    skills.reload()
    settle(qtbot, w)
    by_name = {r.name: r for r in skills.rows}
    assert by_name["Python"].evidence == 2 and by_name["Apache Spark"].last_used == "present"
    assert by_name["Kafka"].first_used == "2017" and by_name["Kafka"].last_used == "2021"
    assert skills.table.rowCount() == 8
    assert not skills.ontology_ready and skills.import_button.isVisibleTo(skills)
    row = next(r for r in range(skills.table.rowCount()) if skills.table.item(r, 0).text() == "Kafka")
    know = w.views["Knowledge"]
    with qtbot.waitSignal(know.model.rows_did_load):
        skills.table.cellDoubleClicked.emit(row, 0)
    assert w.stack.currentWidget() is know and know.skill.text() == "Kafka"
    assert know.model.rowCount() == 2


def test_onet_import_with_progress_then_search(qtbot, open_window, scripted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    seed_career(w.session.workspace)
    release = write_fictional_release(tmp_path / "release")
    settings = w.show_view("Settings")
    settle(qtbot, w)
    assert "Not imported" in settings.onet.status.text()
    settings.onet.semantic.setChecked(False)
    scripted.answers["choose_folder"] = [str(release)]
    progress: list[int] = []
    w.ops_runner.task_did_progress.connect(lambda op, p: progress.append(p.done))
    settings.onet.folder_button.click()
    assert w.task_label.isVisibleTo(w) and w.task_cancel.isVisibleTo(w)
    qtbot.waitUntil(lambda: any(a[0] == "inform" for a in scripted.asked), timeout=30_000)
    settle(qtbot, w)
    assert progress, "the import reported progress to the status bar"
    assert "O*NET 99.1" in settings.onet.status.text() or "99" in settings.onet.status.text()
    skills = w.show_view("Skills")
    qtbot.waitUntil(lambda: skills.ontology_ready, timeout=5000)

    def mapping(name: str) -> str:
        row = next((r for r in range(skills.table.rowCount()) if skills.table.item(r, 0).text() == name), None)
        return skills.table.item(row, 1).text() if row is not None else ""

    qtbot.waitUntil(lambda: "tech skill" in mapping("Python"), timeout=5000)  # mapped by name to O*NET
    assert mapping("Airflow") == "—"  # not in the fictional release
    first_name = w.session.ontology().search_skills_fts("a", 1)  # any fictional entry to search for
    term = first_name[0][2].split()[0] if first_name else "Python"
    skills.search.setText(term)
    qtbot.waitUntil(lambda: skills.results.rowCount() > 0, timeout=5000)
    names = [skills.results.item(r, 0).text() for r in range(skills.results.rowCount())]
    assert any(term.lower() in n.lower() for n in names)


def test_settings_backup_passphrase_and_recovery(qtbot, open_window, scripted) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    s = w.session
    settings = w.show_view("Settings")
    settings.reload()
    settle(qtbot, w)
    n = len(settings.backups)
    settings.backup_button.click()
    settle(qtbot, w)
    assert len(settings.backups) == n + 1 and settings.backups[0].reason == "manual"
    assert "manual" in settings.backup_list.item(0).text()

    scripted.answers["ask_text"] = ["abc"]
    settings.passphrase_button.click()
    assert scripted.asked[-1][0] == "error"
    new = "violet harbour seven kites"
    scripted.answers["ask_text"] = [new, new]
    settings.passphrase_button.click()
    settle(qtbot, w)
    assert scripted.asked[-1][1][0] == "Passphrase changed"
    assert s.store.unlock(s.profile, passphrase=new, use_keychain=False).key == s.key

    scripted.answers["confirm"] = [True]
    settings.recovery_button.click()
    settle(qtbot, w)
    title, text = scripted.asked[-1][1]
    assert title == "Your new recovery key"
    key = text.split()[-1]
    assert s.store.unlock(s.profile, recovery_key=key, use_keychain=False).key == s.key
    assert PASSPHRASE not in text


def test_keychain_toggle_reports_unavailable_keychain(qtbot, open_window, scripted) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    settings = w.show_view("Settings")
    settle(qtbot, w)
    settings.keychain.click()  # the fail backend: the toggle springs back and the error is shown
    settle(qtbot, w)
    assert not settings.keychain.isChecked()
    assert scripted.asked[-1][0] == "error"


def test_undo_menu_and_window_state_persist(qtbot, open_window, session) -> None:  # type: ignore[no-untyped-def]
    from ui.window import MainWindow

    w = open_window
    ids = seed_career(w.session.workspace)
    know = w.show_view("Knowledge")
    with qtbot.waitSignal(know.model.rows_did_load):
        know.reload()
    know.table.selectRow(know.model.row_of[ids["phone"]])
    know.action_buttons["Reject"].click()
    settle(qtbot, w)
    assert w.undo_action.text() == "Undo Reject 1 fact"
    assert w.session.workspace.get_fact(ids["phone"]).status == FactStatus.rejected
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    know.table.setFocus()
    qtbot.keyClick(know.table, "z", modifier=qtbot_ctrl())  # the real shortcut, not the action
    settle(qtbot, w)
    assert w.session.workspace.get_fact(ids["phone"]).status == FactStatus.pending
    w.resize(760, 520)
    expected = (w.size().width(), w.size().height())  # the screen/minimum size may clamp the width
    assert expected[1] == 520
    w.save_state()
    w2 = MainWindow(session)
    qtbot.addWidget(w2)
    assert (w2.size().width(), w2.size().height()) == expected
    assert w2.settings.value("page") is not None


def qtbot_ctrl():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier


def test_every_control_has_an_accessible_name(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QTableView

    w = open_window
    missing = []
    for view in w.views.values():
        for cls in (QAbstractButton, QComboBox, QLineEdit, QTableView):
            for widget in view.findChildren(cls):
                if widget.isVisibleTo(view) and not (widget.accessibleName() or getattr(widget, "text", lambda: "")()):
                    missing.append(f"{view.title}:{type(widget).__name__}:{widget.objectName()}")
    assert not missing, missing


def test_restore_a_backup_from_settings(qtbot, open_window, scripted) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    ws = w.session.workspace
    from core.model import FactType

    ws.add_fact(type=FactType.skill, value="Before the backup")
    settings = w.show_view("Settings")
    settings.backup_button.click()
    settle(qtbot, w)
    w.session.workspace.add_fact(type=FactType.skill, value="After the backup")
    settings.reload()
    settle(qtbot, w)
    manual = next(i for i, b in enumerate(settings.backups) if b.reason == "manual")
    settings.backup_list.setCurrentRow(manual)
    assert settings.restore_button.isEnabled()
    scripted.answers["confirm"] = [True]
    settings.restore_button.click()
    settle(qtbot, w)
    assert scripted.asked[-1][1][0] == "Restored"
    new_ws = w.session.workspace
    assert new_ws is not ws and w.ops_runner.workspace is new_ws
    values = {f.value for f in new_ws.list_facts()}
    assert "Before the backup" in values and "After the backup" not in values
    know = w.show_view("Knowledge")
    with qtbot.waitSignal(know.model.rows_did_load):
        know.reload()
    assert know.model.rowCount() == 1


def test_onet_download_from_a_local_server(qtbot, open_window, scripted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A real HTTP server on 127.0.0.1 serves a zip of a fictional release; Settings downloads it."""
    import functools
    import http.server
    import shutil
    import threading

    release = write_fictional_release(tmp_path / "release")
    site = tmp_path / "site"
    site.mkdir()
    shutil.make_archive(str(site / "db_99_1_text"), "zip", root_dir=release.parent, base_dir=release.name)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        w = open_window
        settings = w.show_view("Settings")
        settle(qtbot, w)
        settings.onet.semantic.setChecked(False)
        scripted.answers["ask_text"] = [f"http://127.0.0.1:{server.server_port}/db_99_1_text.zip"]
        stages: list[str] = []
        w.ops_runner.task_did_progress.connect(lambda op, p: stages.append(p.stage))
        settings.onet.download_button.click()
        qtbot.waitUntil(lambda: any(a[0] in ("inform", "error") for a in scripted.asked), timeout=60_000)
        assert scripted.asked[-1][0] == "inform", scripted.asked[-1]
        assert "download" in stages
        assert w.session.ontology_info() is not None
    finally:
        server.shutdown()


def test_rename_profile_from_settings(qtbot, open_window, scripted, session) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    make_profile(session, "Alex Other")
    settings = w.show_view("Settings")
    settle(qtbot, w)
    scripted.answers["ask_text"] = ["Sam Renamed"]
    settings.rename_button.click()
    settle(qtbot, w)
    assert w.windowTitle() == "Vita — Sam Renamed" and w.profile_label.text().startswith("Sam Renamed")
    assert settings.profile_label.text() == "Sam Renamed"
    assert sorted(p.name for p in session.store.list()) == ["Alex Other", "Sam Renamed"]
    scripted.answers["ask_text"] = ["alex other"]  # names are unique regardless of case
    settings.rename_button.click()
    settle(qtbot, w)
    assert scripted.asked[-1][0] == "error" and "already exists" in str(scripted.asked[-1][1])
    assert w.windowTitle() == "Vita — Sam Renamed" and session.workspace is not None


def test_delete_profile_needs_its_name_then_removes_everything(qtbot, open_window, scripted, session) -> None:  # type: ignore[no-untyped-def]
    from ui.welcome import FirstRunWizard, UnlockDialog

    w = open_window
    make_profile(session, "Alex Other")
    doomed = session.profile
    settings = w.show_view("Settings")
    settle(qtbot, w)
    scripted.answers["ask_text"] = ["Sam"]  # not the whole name: nothing happens
    settings.delete_button.click()
    settle(qtbot, w)
    assert scripted.asked[-1][0] == "error" and doomed.dir.exists() and session.workspace is not None

    scripted.answers["ask_text"] = [doomed.name]
    settings.delete_button.click()
    qtbot.waitUntil(lambda: isinstance(w.dialog, UnlockDialog), timeout=10_000)
    settle(qtbot, w)
    assert session.workspace is None and not doomed.dir.exists()
    assert [p.name for p in session.store.list()] == ["Alex Other"]
    assert w.windowTitle() == "Vita"

    session.store.delete(session.store.get("Alex Other"))
    w.dialog.close()
    w.start()
    assert isinstance(w.dialog, FirstRunWizard)
