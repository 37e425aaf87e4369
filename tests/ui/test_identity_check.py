"""Another person's resume dropped into a profile: asked about, not merged silently."""

from __future__ import annotations

import pytest

from core import kb
from core.kb.identity import identity_clash, same_identity_value
from core.model import FactType
from tests.ui.conftest import PASSPHRASE, make_profile, settle
from tests.ui.resumes import write_txt
from tests.ui.test_documents import drop_files, wait_jobs


@pytest.fixture(autouse=True)
def _no_embeddings(session) -> None:  # type: ignore[no-untyped-def]
    session.embed_on_ingest = False


def test_identity_values_compare_like_a_person_would() -> None:
    assert same_identity_value("name", "Morgan  Vale", "morgan vale")
    assert same_identity_value("email", "Morgan.Vale@Example.com", "morgan.vale@example.com")
    assert same_identity_value("phone", "+44 20 7946 0100", "020 7946 0100")
    assert not same_identity_value("phone", "+44 20 7946 0100", "+44 20 7946 0101")


def _own_resume_approved(qtbot, w, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert drop_files(w, [write_txt(tmp_path / "mine", 0)])
    wait_jobs(qtbot, w.views["Documents"])
    settle(qtbot, w)
    ws = w.session.workspace
    kb.approve(ws, [f.id for f in ws.list_facts(type=FactType.contact)])


def test_another_persons_resume_is_asked_about_and_cancel_removes_it(qtbot, open_window, tmp_path, scripted) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    _own_resume_approved(qtbot, w, tmp_path)
    ws = w.session.workspace
    before = ws.count_facts()
    # my own second resume (same person) is not asked about
    assert drop_files(w, [write_txt(tmp_path / "again", 5)])  # PEOPLE[5 % 5] is the same person
    docs = w.views["Documents"]
    wait_jobs(qtbot, docs)
    settle(qtbot, w)
    assert not [a for a in scripted.asked if a[0] == "choose"]
    before = ws.count_facts()
    scripted.answers["choose"] = [2]  # Cancel
    assert drop_files(w, [write_txt(tmp_path / "other", 3)])
    wait_jobs(qtbot, docs)
    settle(qtbot, w)
    (kind, (title, text, options)), = [a for a in scripted.asked if a[0] == "choose"]
    assert "another person" in text and "Jamie Fennel" in text and "Morgan Vale" in text
    assert options == ["Add it to another profile…", "Add anyway", "Cancel"]
    assert ws.count_facts() == before and docs.table.rowCount() == 2


def test_add_anyway_keeps_it_and_another_profile_moves_it(qtbot, open_window, tmp_path, scripted, session) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    _own_resume_approved(qtbot, w, tmp_path)
    docs = w.views["Documents"]
    scripted.answers["choose"] = [1]  # Add anyway
    assert drop_files(w, [write_txt(tmp_path / "other", 3)])
    wait_jobs(qtbot, docs)
    settle(qtbot, w)
    assert docs.table.rowCount() == 2
    doc_id = [d.id for d in docs.rows if d.source_name == "resume-03.txt"][0]
    assert identity_clash(w.session.workspace, doc_id) is not None
    # into another profile: removed here, read into the profile unlocked next
    make_profile(session, "Jamie's profile")
    scripted.answers["choose"] = [0]
    assert drop_files(w, [write_txt(tmp_path / "other2", 8)])  # Jamie again (8 % 5 == 3), another file
    wait_jobs(qtbot, docs)
    qtbot.waitUntil(lambda: w.dialog is not None and w.dialog.isVisible(), timeout=10_000)
    dlg = w.dialog
    qtbot.waitUntil(lambda: not dlg.busy, timeout=5000)
    dlg.profile_box.setCurrentIndex(dlg.profile_box.findText("Jamie's profile"))
    dlg.secret.setText(PASSPHRASE)
    with qtbot.waitSignal(w.workspace_did_open, timeout=10_000):
        dlg.unlock_button.click()
    docs = w.views["Documents"]
    qtbot.waitUntil(lambda: docs.jobs and not docs.busy, timeout=30_000)
    settle(qtbot, w)
    assert [d.source_name for d in docs.rows] == ["resume-08.txt"]
    names = {f.value for f in w.session.workspace.list_facts(type=FactType.contact)}
    assert "Jamie Fennel" in names and "Morgan Vale" not in names
