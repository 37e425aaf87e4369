"""The Jobs page: saved jobs ranked, the requirement table, status, ask-about hook, tailoring, plan."""

from __future__ import annotations

import os
from pathlib import Path

from core.jobs import list_postings
from core.jobs.tracking import add_posting_text
from tests.ui.conftest import settle
from tests.ui.fixtures import seed_career

POSTING = (Path(__file__).parents[1] / "core" / "jobs_fixtures" / "posting_data_engineer.txt").read_text("utf-8")


def test_jobs_page_ranks_explains_and_acts(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    ws = w.session.workspace
    seed_career(ws)
    add_posting_text(ws, POSTING)
    add_posting_text(ws, "Pastry Chef\n\nRequirements:\nLaminated doughs and sugar work.\nFood safety certificate.")
    jobs = w.show_view("Jobs")
    jobs.reload()
    qtbot.waitUntil(lambda: jobs.jobs_table.rowCount() == 2, timeout=180_000)  # first match loads the models
    settle(qtbot, w)
    assert jobs.jobs_table.rowCount() == 2
    first = jobs.current()
    assert first is not None and first.posting.title == "Senior Data Engineer"  # ranked first, selected
    assert "must-haves met" in jobs.headline.text() and "Score" in jobs.breakdown.text()
    labels = [jobs.req_table.item(r, 2).text() for r in range(jobs.req_table.rowCount())]
    statuses = {jobs.req_table.item(r, 2).text(): jobs.req_table.item(r, 0).text() for r in range(len(labels))}
    assert statuses["Python"].startswith("✔") and statuses["Authorized to work"].startswith("?")

    # "Ask me about this" hands the selected requirement to the interview
    row = labels.index("Authorized to work")
    jobs.req_table.selectRow(row)
    with qtbot.waitSignal(jobs.ask_about) as sig:
        jobs.ask_button.click()
    assert sig.args[0] == first.posting.id and sig.args[1].label == "Authorized to work"
    settle(qtbot, w)
    assert w.interview_dock.isVisible()  # the window opened the interview on that requirement

    # status change goes through a mutation and comes back through the broadcast
    jobs.status_box.setCurrentText("applied")
    jobs.status_box.activated.emit(jobs.status_box.currentIndex())
    settle(qtbot, w)
    assert {j.title: j.status.value for j in list_postings(ws)}["Senior Data Engineer"] == "applied"
    assert jobs.jobs_table.item(0, 2).text() == "applied" or jobs.jobs_table.item(1, 2).text() == "applied"

    # the evidence opens in Knowledge
    py = labels.index("Python")
    jobs.req_table.cellDoubleClicked.emit(py, 0)
    settle(qtbot, w)
    assert w.stack.currentWidget() is w.views["Knowledge"] and w.views["Knowledge"].search.text()
    w.show_view("Jobs")
    settle(qtbot, w)

    # learning plan -> a goal with progress
    jobs.tabs.setCurrentIndex(1)
    assert jobs.plan_table.rowCount() > 0
    jobs.plan_table.selectRow(0)
    jobs.goal_button.click()
    settle(qtbot, w)
    assert len(jobs.goals) == 1
    shot = Path(os.environ.get("VITA_SHOTS", tmp_path)) / "jobs_plan.png"
    jobs.grab().save(str(shot))
    jobs.tabs.setCurrentIndex(0)
    jobs.grab().save(str(shot.with_name("jobs_match.png")))
    assert shot.is_file()

    jobs.tailor_button.click()
    settle(qtbot, w)
    from core.exchange.selection import list_variants

    assert any(name.startswith(f"Job {first.posting.id}:") for name in list_variants(ws))


def test_settings_match_weights_persist_per_profile_and_rescore(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    ws = w.session.workspace
    seed_career(ws)
    add_posting_text(ws, POSTING)
    jobs = w.show_view("Jobs")
    jobs.reload()
    qtbot.waitUntil(lambda: jobs.jobs_table.rowCount() == 1, timeout=180_000)
    settle(qtbot, w)
    before = jobs.current().result

    page = w.show_view("Settings")
    settle(qtbot, w)
    card = page.match_weights
    assert [card.spins[k].value() for k in ("skills", "experience", "education", "location")] == [50, 25, 15, 10]
    for key, value in {"skills": 0, "experience": 0, "education": 0, "location": 0}.items():
        card.spins[key].setValue(value)
    card.save_button.click()
    settle(qtbot, w)
    assert card.status.text().startswith("Not saved")  # all zero is refused, nothing kept
    assert not (w.session.profile.dir / "match_weights.json").exists()

    card.spins["skills"].setValue(0)
    card.spins["experience"].setValue(100)
    card.save_button.click()
    qtbot.waitUntil(lambda: card.status.text().startswith("Saved"), timeout=30_000)
    assert (w.session.profile.dir / "match_weights.json").is_file()  # kept with this profile
    assert w.session.profile_match_weights()["experience"] == 100
    shot = Path(os.environ.get("VITA_SHOTS", tmp_path)) / "settings_match.png"
    card.grab().save(str(shot))

    qtbot.waitUntil(lambda: jobs.current() is not None and jobs.current().result is not before, timeout=180_000)
    after = jobs.current().result
    sections = {s.name: s.weight for s in after.sections}
    assert sections["skills"] == 0 and sections["experience"] == 100  # the Jobs page rescored with them
    card.refresh()
    assert card.spins["experience"].value() == 100 and card.spins["skills"].value() == 0
