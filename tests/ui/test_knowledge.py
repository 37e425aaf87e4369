"""Knowledge view: the facts table model, filters, inline edit + undo, bulk actions, side panel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.model import FactStatus, Visibility
from tests.ui.conftest import settle
from tests.ui.fixtures import seed_career
from ui.knowledge.table_model import COL, FactTableModel


def _knowledge(qtbot, w):  # type: ignore[no-untyped-def]
    ids = seed_career(w.session.workspace)
    view = w.show_view("Knowledge")
    with qtbot.waitSignal(view.model.rows_did_load, timeout=5000):
        view.reload()
    return view, ids


def _values(model: FactTableModel) -> list[str]:
    return [model.index(r, COL["value"]).data() for r in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, open_window) -> None:  # type: ignore[no-untyped-def]
    view, _ids = _knowledge(qtbot, open_window)
    assert view.model.rowCount() >= 25
    qtmodeltester.check(view.model, force_py=True)


def test_filters_run_in_sql(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    view, ids = _knowledge(qtbot, open_window)
    m = view.model
    total = m.rowCount()
    with qtbot.waitSignal(m.rows_did_load):
        view.type_box.setCurrentIndex(view.type_box.findData("skill"))
    assert m.rowCount() == 8
    assert all(m.index(r, COL["type"]).data() == "Skill" for r in range(m.rowCount()))
    with qtbot.waitSignal(m.rows_did_load):
        view.status_box.setCurrentIndex(view.status_box.findData("approved"))
    assert sorted(_values(m)) == ["Python", "SQL"]
    with qtbot.waitSignal(m.rows_did_load):
        view.set_filters(type="", status="", text="kafka")
    assert set(_values(m)) == {"Kafka", "Built a Kafka event pipeline handling 2 million shipment events per day."}
    with qtbot.waitSignal(m.rows_did_load):
        view.set_filters(text="", organisation="northwind")
    vals = _values(m)
    assert "Northwind Analytics" in vals and "Senior Data Engineer" in vals
    assert any(v.startswith("Cut nightly") for v in vals)  # through achievement -> role -> organisation
    assert not any("Kafka" in v for v in vals)
    with qtbot.waitSignal(m.rows_did_load):
        view.set_filters(organisation="", skill="postgres")
    assert set(_values(m)) == {"PostgreSQL", "Saved $120,000 a year by replacing a vendor reporting tool with Python and PostgreSQL."}
    with qtbot.waitSignal(m.rows_did_load):
        view.set_filters(skill="")
    assert m.rowCount() == total


def test_sorting_by_column(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    view, _ids = _knowledge(qtbot, open_window)
    m = view.model
    with qtbot.waitSignal(m.rows_did_load):
        view.table.sortByColumn(COL["value"], Qt.SortOrder.AscendingOrder)
    vals = _values(m)
    assert vals == sorted(vals, key=str.casefold)
    with qtbot.waitSignal(m.rows_did_load):
        view.table.sortByColumn(COL["value"], Qt.SortOrder.DescendingOrder)
    assert _values(m) == sorted(vals, key=str.casefold, reverse=True)


def test_edit_cell_then_undo_and_redo(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    view, ids = _knowledge(qtbot, w)
    m = view.model
    row = m.row_of[ids["role1"]]
    idx = m.index(row, COL["value"])
    assert m.flags(idx) & Qt.ItemFlag.ItemIsEditable
    assert not m.flags(m.index(row, COL["status"])) & Qt.ItemFlag.ItemIsEditable
    assert m.setData(idx, "Lead Data Engineer")
    settle(qtbot, w)
    assert w.session.workspace.get_fact(ids["role1"]).value == "Lead Data Engineer"
    assert m.index(m.row_of[ids["role1"]], COL["value"]).data() == "Lead Data Engineer"
    assert w.undo_action.isEnabled() and w.undo_action.text() == "Undo Edit fact"
    w.undo_action.trigger()
    settle(qtbot, w)
    assert w.session.workspace.get_fact(ids["role1"]).value == "Senior Data Engineer"
    qtbot.waitUntil(lambda: m.index(m.row_of[ids["role1"]], COL["value"]).data() == "Senior Data Engineer")
    assert w.redo_action.text() == "Redo Edit fact"
    w.redo_action.trigger()
    settle(qtbot, w)
    assert w.session.workspace.get_fact(ids["role1"]).value == "Lead Data Engineer"


def test_editing_through_the_real_delegate(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    view, ids = _knowledge(qtbot, w)
    m = view.model
    idx = m.index(m.row_of[ids["location"]], COL["value"])
    view.table.setCurrentIndex(idx)
    view.table.edit(idx)
    editor = view.table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Porto, Portugal")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle(qtbot, w)
    assert w.session.workspace.get_fact(ids["location"]).value == "Porto, Portugal"


def test_bulk_approve_hide_delete_are_single_undo_steps(qtbot, open_window, scripted) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    view, ids = _knowledge(qtbot, w)
    m = view.model
    targets = [ids["skill:Kafka"], ids["skill:Docker"], ids["skill:Airflow"]]
    sel = view.table.selectionModel()
    for fid in targets:
        view.table.selectRow(m.row_of[fid]) if fid == targets[0] else sel.select(
            m.index(m.row_of[fid], 0), sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
    assert sorted(view.selected_ids()) == sorted(targets)
    view.action_buttons["Approve"].click()
    settle(qtbot, w)
    ws = w.session.workspace
    assert all(ws.get_fact(f).status == FactStatus.approved for f in targets)
    assert w.undo_action.text() == "Undo Approve 3 facts"
    view.action_buttons["Hide"].click()
    settle(qtbot, w)
    assert all(ws.get_fact(f).visibility == Visibility.private for f in targets)
    qtbot.waitUntil(lambda: m.index(m.row_of[targets[0]], COL["visibility"]).data() == "Hidden")
    scripted.answers["confirm"] = [True]
    view.action_buttons["Delete"].click()
    settle(qtbot, w)
    qtbot.waitUntil(lambda: all(f not in m.row_of for f in targets))
    w.undo_action.trigger()  # one step brings all three back
    settle(qtbot, w)
    qtbot.waitUntil(lambda: all(f in m.row_of for f in targets))
    assert ws.get_fact(targets[1]).visibility == Visibility.private


def test_side_panel_shows_highlighted_passage_and_reverts(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    view, ids = _knowledge(qtbot, w)
    m = view.model
    fid = ids["ach0"]
    view.table.selectRow(m.row_of[fid])
    qtbot.waitUntil(lambda: "jordan-quill-resume.pdf" in view.panel.source.toHtml(), timeout=5000)
    html = view.panel.source.toHtml()
    assert "page 1" in html and "#ffe58a" in html  # the span is highlighted
    assert "Cut nightly batch runtime by 62%" in view.panel.source.toPlainText()
    assert m.setData(m.index(m.row_of[fid], COL["value"]), "Cut batch runtime by 62%.")
    settle(qtbot, w)
    qtbot.waitUntil(lambda: view.panel.versions.count() == 2, timeout=5000)
    latest = view.panel.versions.item(0).text()  # in words: what changed from what to what
    assert latest.startswith("Edited") and "Value: Cut nightly batch runtime" in latest
    assert latest.endswith("→ Cut batch runtime by 62%.") and "Text:" not in latest
    view.panel.versions.setCurrentRow(1)
    assert view.panel.revert_button.isEnabled()
    view.panel.revert_button.click()
    settle(qtbot, w)
    assert w.session.workspace.get_fact(fid).value.startswith("Cut nightly batch runtime")
    qtbot.waitUntil(lambda: view.panel.versions.count() == 3, timeout=5000)
    assert w.undo_action.text() == "Undo Revert fact to version 1"


def test_add_fact_of_every_kind_with_its_fields(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from core.model import FactType

    w = open_window
    view, _ids = _knowledge(qtbot, w)
    ws = w.session.workspace
    n = view.model.rowCount()
    view.action_buttons["Add fact"].click()
    dlg = view.add_dialog
    dlg.fields["text"].setText("Mentored three junior engineers.")
    dlg.add_button.click()
    settle(qtbot, w)
    qtbot.waitUntil(lambda: view.model.rowCount() == n + 1)
    assert "Mentored three junior engineers." in _values(view.model)
    # a role with company and dates (a bad date is refused with a message, nothing stored)
    dlg = view.add_fact()
    dlg.kind.setCurrentIndex(dlg.kind.findData("role"))
    assert set(dlg.fields) == {"title", "organisation", "location", "start", "end"}
    dlg.fields["title"].setText("Staff Engineer")
    dlg.fields["organisation"].setText("Quillmere Labs")
    dlg.fields["start"].setText("spring 2021")
    dlg.add_button.click()
    assert "year" in dlg.message.text() and dlg.isVisible()
    dlg.fields["start"].setText("2021-04")
    dlg.current.setChecked(True)
    qtbot.wait(20)  # let the new form lay out before the screenshot
    dlg.grab().save(str(tmp_path / "add-role.png"))
    dlg.add_button.click()
    settle(qtbot, w)
    role = [f for f in ws.list_facts(type=FactType.role) if f.value == "Staff Engineer"][0]
    assert role.attributes == {"title": "Staff Engineer", "organisation": "Quillmere Labs", "start": "2021-04",
                               "present": True}
    # education, a grouped skill, a contact detail
    for kind, values, extra in (
            ("education", {"institution": "Tartu Polytechnic", "degree": "MSc", "end": "2008"}, None),
            ("skill", {"name": "Rust", "category": "Programming"}, None),
            ("contact", {"value": "github.com/ottoline"}, "url")):
        dlg = view.add_fact()
        dlg.kind.setCurrentIndex(dlg.kind.findData(kind))
        for key, text in values.items():
            dlg.fields[key].setText(text)
        if extra:
            dlg.contact_kind.setCurrentIndex(dlg.contact_kind.findData(extra))
        dlg.add_button.click()
        settle(qtbot, w)
    edu = [f for f in ws.list_facts(type=FactType.education) if f.value == "Tartu Polytechnic"][0]
    assert edu.attributes == {"institution": "Tartu Polytechnic", "degree": "MSc", "end": "2008"}
    skill = [f for f in ws.list_facts(type=FactType.skill) if f.value == "Rust"][0]
    assert skill.attributes["category"] == "Programming"
    url = [f for f in ws.list_facts(type=FactType.contact) if f.value == "github.com/ottoline"][0]
    assert url.attributes == {"kind": "url"}


def test_merge_and_split_from_the_toolbar(qtbot, open_window, scripted) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    view, ids = _knowledge(qtbot, w)
    m = view.model
    ws = w.session.workspace
    a, b = ids["skill:Docker"], ids["skill:Kubernetes"]
    view.table.setCurrentIndex(m.index(m.row_of[a], 0))
    sel = view.table.selectionModel()
    sel.select(m.index(m.row_of[b], 0), sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
    assert view.action_buttons["Merge"].isEnabled() and not view.action_buttons["Split"].isEnabled()
    scripted.answers["choose"] = [2, 1]  # first Cancel, then keep the second wording
    view.action_buttons["Merge"].click()
    settle(qtbot, w)
    assert ws.get_fact(b).status != FactStatus.rejected  # cancelled: nothing merged
    view.action_buttons["Merge"].click()
    settle(qtbot, w)
    (_k, (_t, _text, options)) = scripted.asked[-1]
    assert options == ["Docker", "Kubernetes", "Cancel"]
    assert ws.get_fact(a).status == FactStatus.rejected  # folded into b, kept as a traceable record
    assert len(ws.fact_sources(b)) == 2  # provenance from both
    assert m.data(m.index(m.row_of[a], COL["status"])) == "Merged into “Kubernetes”"
    assert w.undo_action.text() == "Undo Merge facts"

    lang = ids["lang:English"]
    view.table.selectRow(m.row_of[lang])
    assert view.action_buttons["Split"].isEnabled()
    scripted.answers["ask_lines"] = [["English (fluent)", "English (business)"]]
    n = ws.count_facts()
    view.action_buttons["Split"].click()
    settle(qtbot, w)
    assert ws.count_facts() == n + 1
    qtbot.waitUntil(lambda: "English (business)" in _values(m))
    w.undo_action.trigger()
    settle(qtbot, w)
    assert ws.count_facts() == n


def test_conflicts_are_listed_and_settled(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    view, ids = _knowledge(qtbot, w)
    settle(qtbot, w)
    assert view.conflicts_button.isVisibleTo(view) and view.conflict_count == 1
    view.conflicts_button.click()
    dlg = view.conflicts_dialog
    qtbot.waitUntil(lambda: len(dlg.keep_buttons) == 2, timeout=5000)
    cid, value, button = next(b for b in dlg.keep_buttons if b[1] == "2020-11")
    button.click()
    settle(qtbot, w)
    assert w.session.workspace.get_fact(ids["role2"]).attributes["end"] == "2020-11"
    qtbot.waitUntil(lambda: not view.conflicts_button.isVisibleTo(view), timeout=5000)
    assert w.undo_action.text() == "Undo Resolve conflict"


def test_flipping_the_sort_direction_reverses_without_a_query(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    view, ids = _knowledge(qtbot, open_window)
    m = view.model
    with qtbot.waitSignal(m.rows_did_load):
        view.table.sortByColumn(COL["context"], Qt.SortOrder.AscendingOrder)
    asc = list(m.ids)
    assert m.empty_tail > 0  # facts without a context are kept last
    fid = ids["role1"]
    view.table.selectRow(m.row_of[fid])
    gen = m._generation
    view.table.sortByColumn(COL["context"], Qt.SortOrder.DescendingOrder)  # synchronous: no worker round trip
    keyed = len(asc) - m.empty_tail
    assert m.ids == asc[:keyed][::-1] + asc[keyed:]
    assert m._generation == gen + 1  # reordered in place (a query would only bump it when sent)
    assert view.selected_ids() == [fid]  # the selection followed its fact
    # a fresh query in that direction gives the same order
    with qtbot.waitSignal(m.rows_did_load):
        m.reload()
    assert m.ids == asc[:keyed][::-1] + asc[keyed:]


def test_renaming_a_role_updates_its_title_and_the_details_speak_plainly(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    w = open_window
    view, ids = _knowledge(qtbot, w)
    m = view.model
    fid = ids["role1"]
    view.table.selectRow(m.row_of[fid])
    qtbot.waitUntil(lambda: "Senior Data Engineer" in view.panel.details.toPlainText(), timeout=5000)
    details = view.panel.details.toPlainText()
    assert "Company" in details and "Northwind Analytics" in details and "organisation" not in details
    assert m.setData(m.index(m.row_of[fid], COL["value"]), "Lead Data Engineer")
    settle(qtbot, w)
    assert w.session.workspace.get_fact(fid).attributes["title"] == "Lead Data Engineer"
    qtbot.waitUntil(lambda: "Title\tLead Data Engineer" in view.panel.details.toPlainText()
                    or "Title Lead Data Engineer" in " ".join(view.panel.details.toPlainText().split()), timeout=5000)
    assert "Senior Data Engineer" not in view.panel.details.toPlainText()


def test_an_onet_tie_is_low_confidence_and_the_person_picks(qtbot, open_window, scripted) -> None:  # type: ignore[no-untyped-def]
    from core.enrich.plan import TIE_CONFIDENCE, title_link
    from onet.titles import TitleMatch

    tie = title_link([TitleMatch("15-1252.00", "Software Developers", 0.92),
                      TitleMatch("15-1211.00", "Computer Systems Analysts", 0.92),
                      TitleMatch("11-3021.00", "Computer and Information Systems Managers", 0.905),
                      TitleMatch("15-1299.08", "Computer Systems Engineers/Architects", 0.7)])
    assert tie["onet_confidence"] <= TIE_CONFIDENCE and len(tie["onet_candidates"]) == 3
    clear = title_link([TitleMatch("15-1252.00", "Software Developers", 0.95),
                        TitleMatch("15-1211.00", "Computer Systems Analysts", 0.7)])
    assert clear["onet_confidence"] == 0.95 and "onet_candidates" not in clear

    w = open_window
    view, ids = _knowledge(qtbot, w)
    ws = w.session.workspace
    from core import kb

    kb.edit_fact(ws, ids["role1"], set_attributes=tie)
    view.table.selectRow(view.model.row_of[ids["role1"]])
    qtbot.waitUntil(lambda: view.panel.choose_button.isVisible(), timeout=5000)
    assert "O*NET match" in view.panel.details.toPlainText() and "40%" in view.panel.details.toPlainText()
    scripted.answers["choose"] = [1]
    view.panel.choose_button.click()
    settle(qtbot, w)
    attrs = ws.get_fact(ids["role1"]).attributes
    assert attrs["onet_code"] == "15-1211.00" and attrs["onet_confidence"] == 1.0 and "onet_candidates" not in attrs
    qtbot.waitUntil(lambda: not view.panel.choose_button.isVisible(), timeout=5000)


def test_changes_are_placed_in_order_without_rerunning_the_query(qtbot, qtmodeltester, open_window,  # type: ignore[no-untyped-def]
                                                                  monkeypatch) -> None:
    from core import kb
    from core.kb.table import sorted_fact_ids
    from core.model import FactType
    from ui.ops import Mutation

    w = open_window
    view, ids = _knowledge(qtbot, w)
    m = view.model
    ws = w.session.workspace
    with qtbot.waitSignal(m.rows_did_load):
        view.table.sortByColumn(COL["value"], Qt.SortOrder.AscendingOrder)
    with qtbot.waitSignal(m.rows_did_load):
        view.status_box.setCurrentIndex(view.status_box.findData("pending"))
    reloads: list[int] = []
    real_reload = m.reload
    monkeypatch.setattr(m, "reload", lambda: (reloads.append(1), real_reload()))
    qtmodeltester.check(m, force_py=True)

    def change(fn) -> None:  # type: ignore[no-untyped-def]
        with qtbot.waitSignal(m.rows_did_load, timeout=10_000):
            Mutation(view, fn, runner=w.ops_runner).start()
        assert m.ids == sorted_fact_ids(ws, fact_filter=m.filter).ids  # as a fresh query would show them

    # a new fact lands at its sorted place
    change(lambda ws: kb.create_fact(ws, kb.NewFact(FactType.skill, "Mercurial", {"name": "Mercurial"})))
    new_id = next(f.id for f in ws.list_facts(limit=1000) if f.value == "Mercurial")
    assert _values(m)[m.row_of[new_id]] == "Mercurial"
    # an edit that changes the sort value moves the row, and the selection follows it
    view.table.selectRow(m.row_of[new_id])
    change(lambda ws: kb.edit_fact(ws, new_id, value="Arch Linux"))
    assert view.selected_ids() == [new_id] and _values(m)[m.row_of[new_id]] == "Arch Linux"
    # approving takes it out of the pending filter; deleting removes a row
    change(lambda ws: kb.approve(ws, [new_id]))
    assert new_id not in m.row_of
    victim = m.ids[3]
    change(lambda ws: kb.delete_facts(ws, [victim]))
    assert victim not in m.row_of
    assert reloads == []  # every change was placed, none reran the query
    qtmodeltester.check(m, force_py=True)
