"""ui.ops: results on the GUI thread, one vault thread, changes broadcast once, errors routed."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QObject

from core.changes import Changes
from core.errors import Cancelled, InvalidInput
from core.progress import Progress
from ui.ops import Mutation, OpsRunner, Query, Task, runner_for
from ui.prompts import show_error


class _FakeWs:
    """Stands in for the workspace where only the undo status matters."""

    def undo_status(self):  # type: ignore[no-untyped-def]
        return ("step", None)


@pytest.fixture
def runner(qtbot):  # type: ignore[no-untyped-def]
    r = OpsRunner(session=SimpleNamespace(workspace=_FakeWs()))
    yield r
    r.wait_idle()


def test_query_result_arrives_on_gui_thread(qtbot, runner) -> None:  # type: ignore[no-untyped-def]
    got: list[tuple[int, int]] = []
    worker: list[int] = []

    def fn(ws):  # type: ignore[no-untyped-def]
        worker.append(threading.get_ident())
        return 41 + 1

    Query(runner, fn, runner=runner).on_success(lambda v: got.append((v, threading.get_ident()))).start()
    qtbot.waitUntil(lambda: bool(got))
    assert got[0] == (42, threading.get_ident())
    assert worker[0] != threading.get_ident()


def test_vault_work_is_serialised_on_one_thread(qtbot, runner) -> None:  # type: ignore[no-untyped-def]
    threads: set[int] = set()
    done: list[int] = []
    for i in range(20):
        Query(runner, lambda ws, i=i: threads.add(threading.get_ident()) or i, runner=runner) \
            .on_success(done.append).start()
    qtbot.waitUntil(lambda: len(done) == 20)
    assert len(threads) == 1
    assert done == list(range(20))  # submitted order is kept


def test_mutation_broadcasts_changes_once_with_initiator(qtbot, runner) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[Changes, object]] = []
    statuses: list[object] = []
    runner.changes_did_happen.connect(lambda c, who: seen.append((c, who)))
    runner.undo_status_did_change.connect(statuses.append)
    owner = QObject()
    ch = Changes(facts=True, fact_ids=frozenset({3}))
    Mutation(owner, lambda ws: ch, runner=runner).start()
    qtbot.waitUntil(lambda: bool(statuses))
    assert seen == [(ch, owner)]
    assert statuses == [("step", None)]


def test_generator_progress_is_relayed_and_result_returned(qtbot, runner) -> None:  # type: ignore[no-untyped-def]
    progress: list[int] = []
    result: list[str] = []

    def work(ws):  # type: ignore[no-untyped-def]
        for i in range(3):
            yield Progress("parse", i + 1, 3, item=f"file{i}")
        return "finished"

    op = Query(runner, work, runner=runner).with_progress("Reading")
    runner.task_did_progress.connect(lambda o, p: progress.append(p.done))
    finished: list[object] = []
    runner.task_did_finish.connect(finished.append)
    op.on_success(result.append).start()
    qtbot.waitUntil(lambda: bool(result))
    assert progress == [1, 2, 3]
    assert result == ["finished"]
    assert finished == [op]


def test_failure_goes_to_the_one_error_display_and_cancel_is_silent(qtbot, runner) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    runner.error_did_happen.connect(lambda e, _p: errors.append(e))

    def boom(ws):  # type: ignore[no-untyped-def]
        raise InvalidInput("Not like that.")

    def cancelled(ws):  # type: ignore[no-untyped-def]
        raise Cancelled()

    Query(runner, cancelled, runner=runner).start()
    Query(runner, boom, runner=runner).start()
    qtbot.waitUntil(lambda: bool(errors))
    runner.wait_idle()
    qtbot.wait(20)
    assert len(errors) == 1 and errors[0].message == "Not like that."  # type: ignore[attr-defined]


def test_cancel_token_stops_a_generator_between_steps(qtbot, runner) -> None:  # type: ignore[no-untyped-def]
    steps: list[int] = []
    gate = threading.Event()

    def work():  # type: ignore[no-untyped-def]
        for i in range(100):
            steps.append(i)
            gate.wait(1)
            yield Progress("x", i, 100)

    op = Task(runner, work, runner=runner).with_progress("Long", cancellable=True)
    op.start()
    op.cancel()
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert len(steps) < 100


def test_show_error_uses_user_safe_text(scripted) -> None:  # type: ignore[no-untyped-def]
    show_error(InvalidInput("Name is too long.", hint="Use 80 characters or fewer."))
    show_error(RuntimeError("secret internal detail"))
    show_error(Cancelled())
    assert scripted.asked[0] == ("error", ("Vita", "Name is too long.", "Use 80 characters or fewer."))
    assert scripted.asked[1][1][1] == "Something went wrong."
    assert "secret internal detail" not in str(scripted.asked[1])
    assert len(scripted.asked) == 2


def test_runner_is_found_through_the_parent_chain(qtbot) -> None:  # type: ignore[no-untyped-def]
    top = QObject()
    top.ops_runner = OpsRunner(top)  # type: ignore[attr-defined]
    child = QObject(QObject(top))
    assert runner_for(child) is top.ops_runner  # type: ignore[attr-defined]
    with pytest.raises(LookupError):
        runner_for(QObject())


def test_crash_dialog_bridge_shows_on_gui_thread(qtbot, scripted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.crash_dialog import CrashDialogBridge

    bridge = CrashDialogBridge()
    t = threading.Thread(target=bridge.notify, args=(tmp_path / "crash-1.log", RuntimeError("x")))
    t.start()
    t.join()
    qtbot.waitUntil(lambda: bool(bridge.shown))
    assert scripted.asked[-1][0] == "error" and "crash-1.log" in scripted.asked[-1][1][2]


def test_theme_palettes_differ_and_follow_the_scheme(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPalette

    from ui.theme import palette, stylesheet

    light, dark = palette(False), palette(True)
    assert light.color(QPalette.ColorRole.Window).lightness() > 200
    assert dark.color(QPalette.ColorRole.Window).lightness() < 80
    assert stylesheet(True) != stylesheet(False)
