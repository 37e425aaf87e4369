"""Knowledge: the facts table with a filter bar, bulk actions and the side panel."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QObject,
    QPoint,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.kb.table import COLUMNS, REVIEW_SORT, FactFilter
from core.model import FactStatus, FactType, Visibility
from ui.help import tooltip_with_shortcut
from ui.knowledge import actions
from ui.knowledge.review_bar import ReviewBar
from ui.knowledge.side_panel import FactSidePanel
from ui.knowledge.table_model import COL, FactTableModel
from ui.ops import Mutation, Query
from ui.prompts import prompts
from ui.views.base import View


class KnowledgeView(View):
    title = "Knowledge"
    shortcut = "Ctrl+3"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.model = FactTableModel(self.runner, self)
        self.model.rows_did_load.connect(self._rows_loaded)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 12)
        lay.addLayout(self.header("Every fact about your career, with where it came from. "
                                  "Double-click a fact to edit it."))
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.header_row.addWidget(self.count_label)
        self.conflicts_button = QPushButton()
        self.conflicts_button.setAccessibleName("Conflicts to settle")
        self.conflicts_button.clicked.connect(self.show_conflicts)
        self.conflicts_button.hide()
        self.header_row.addWidget(self.conflicts_button)
        self.conflict_count = 0

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search facts…")
        self.search.setAccessibleName("Search facts")
        self.search.setClearButtonEnabled(True)
        self.type_box = QComboBox()
        self.type_box.setAccessibleName("Filter by type")
        self.type_box.addItem("All types", "")
        for t in FactType:
            self.type_box.addItem(t.value.replace("_", " ").capitalize(), t.value)
        self.status_box = QComboBox()
        self.status_box.setAccessibleName("Filter by status")
        self.status_box.addItem("Any status", "")
        for s in FactStatus:
            self.status_box.addItem(s.value.capitalize(), s.value)
        self.skill = QLineEdit()
        self.skill.setPlaceholderText("Skill")
        self.skill.setAccessibleName("Filter by skill")
        self.org = QLineEdit()
        self.org.setPlaceholderText("Organisation")
        self.org.setAccessibleName("Filter by organisation")
        for w, stretch in ((self.search, 3), (self.type_box, 0), (self.status_box, 0), (self.skill, 1), (self.org, 1)):
            bar.addWidget(w, stretch)
        lay.addLayout(bar)
        self.review = ReviewBar(self)
        lay.addWidget(self.review)

        tools = QHBoxLayout()
        self.action_buttons: dict[str, QToolButton] = {}
        for name, shortcut, slot in (
            ("Approve", "Ctrl+Return", lambda: self.bulk_status(FactStatus.approved)),
            ("Reject", "Ctrl+Backspace", lambda: self.bulk_status(FactStatus.rejected)),
            ("Hide", "Ctrl+H", lambda: self.bulk_visibility(Visibility.private)),
            ("Show", "Ctrl+Shift+H", lambda: self.bulk_visibility(Visibility.exportable)),
            ("Merge", "Ctrl+M", self.merge_selected),
            ("Split…", "Ctrl+Shift+S", self.split_selected),
            ("Delete", "Del", self.bulk_delete),
            ("Add fact…", "Ctrl+N", self.add_fact),
        ):
            act = QAction(name, self)
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            tooltip_with_shortcut(act)
            self.addAction(act)
            btn = QToolButton()
            btn.setDefaultAction(act)
            btn.setAccessibleName(name.rstrip("…"))
            btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            tools.addWidget(btn)
            self.action_buttons[name.rstrip("…")] = btn
            if name == "Delete":
                tools.addStretch(1)
        lay.addLayout(tools)

        self.table = QTableView()
        self.table.setAccessibleName("Facts table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL["updated"], Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row sizing
        self._size_columns()
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        hh = self.table.horizontalHeader()
        hh.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        hh.customContextMenuRequested.connect(self._header_menu)
        for key in ("visibility", "updated"):  # shown on request (header menu); rows say it by colour
            self.table.setColumnHidden(COL[key], True)

        self.panel = FactSidePanel(self.runner, self)
        self.panel.setMinimumWidth(250)
        self.panel.open_document.connect(self.open_document)
        self.empty = QLabel()
        self.empty.setAccessibleName("No facts")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("muted")
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table_stack)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([1000, 270])
        lay.addWidget(split, 1)
        self.splitter = split

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.apply_filter)
        for edit in (self.search, self.skill, self.org):
            edit.textChanged.connect(self._debounce.start)
        self.type_box.currentIndexChanged.connect(self.apply_filter)
        self.status_box.currentIndexChanged.connect(self.apply_filter)
        self._update_buttons()

    # -- filtering ----------------------------------------------------------------------------
    def current_filter(self) -> FactFilter:
        flt = self.model.filter
        if flt.sort_key == REVIEW_SORT and not self.review.queue.isChecked():  # leaving the queue
            flt = dataclasses.replace(flt, sort_key="updated", descending=True)
        return self.review.apply_to(dataclasses.replace(
            flt, type=self.type_box.currentData() or "", status=self.status_box.currentData() or "",
            text=self.search.text().strip(), skill=self.skill.text().strip(), organisation=self.org.text().strip()))

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())

    def set_filters(self, **values: str) -> None:
        """Used by other pages to jump here with a filter (dashboard: pending facts)."""
        for box, key in ((self.type_box, "type"), (self.status_box, "status")):
            if key in values:
                box.blockSignals(True)
                box.setCurrentIndex(max(0, box.findData(values[key])))
                box.blockSignals(False)
        for edit, key in ((self.search, "text"), (self.skill, "skill"), (self.org, "organisation")):
            if key in values:
                edit.blockSignals(True)
                edit.setText(values[key])
                edit.blockSignals(False)
        self.apply_filter()

    def select_facts(self, fact_ids: list[int]) -> None:
        """Show these facts selected (an insight's or a chart point's evidence), filters cleared."""
        self._select_after_load = list(fact_ids)
        self.set_filters(type="", status="", text="", skill="", organisation="")

    def _select_pending(self) -> None:
        ids, self._select_after_load = getattr(self, "_select_after_load", []), []
        rows = [self.model.row_of[i] for i in ids if i in self.model.row_of]
        if not rows:
            return
        sel = QItemSelection()
        last = self.model.columnCount() - 1
        for r in rows:
            sel.select(self.model.index(r, 0), self.model.index(r, last))
        self.table.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(self.model.index(min(rows), 0))

    def reload(self) -> None:
        self.model.reload()
        self._count_conflicts()
        self.review.reload_documents()

    def _count_conflicts(self) -> None:
        from core.ingest import list_conflicts

        Query(self, lambda ws: len(list_conflicts(ws)), runner=self.runner).on_success(self._conflicts_counted).start()

    def _conflicts_counted(self, n: int) -> None:
        self.conflict_count = n
        self.conflicts_button.setText(f"⚠ {n} conflict{'s' if n != 1 else ''} to settle")
        self.conflicts_button.setVisible(n > 0)

    def show_conflicts(self) -> None:
        from ui.knowledge.conflicts import ConflictsDialog

        dlg = ConflictsDialog(self.runner, self)
        self.conflicts_dialog = dlg
        dlg.open()

    def refresh_for(self, changes: Changes, initiator: QObject | None) -> None:
        if self.review.queue.isChecked() and (changes.facts or changes.edges):
            self.model.reload()  # the queue shrinks as facts are settled
        else:
            self.model.apply_changes(changes)
        if changes.facts:
            self._count_conflicts()
        if changes.documents:
            self.review.reload_documents()
        if self.panel.fact_id is not None and (self.panel.fact_id in changes.fact_ids or not changes.fact_ids):
            self.panel.show_fact(self.panel.fact_id)

    def _size_columns(self) -> None:
        hh = self.table.horizontalHeader()
        hh.setStretchLastSection(False)
        for key, width in (("type", 95), ("context", 130), ("status", 80), ("visibility", 70),
                           ("confidence", 80), ("source", 140), ("start", 72), ("end", 72), ("updated", 90)):
            hh.setSectionResizeMode(COL[key], QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(COL[key], width)
        hh.setSectionResizeMode(COL["value"], QHeaderView.ResizeMode.Stretch)
        hh.setMinimumSectionSize(48)
        self.table.setColumnWidth(COL["value"], 260)

    def _header_menu(self, pos: QPoint) -> None:
        """Right-click on the header: choose which columns are shown."""
        menu = QMenu(self)
        for i, (_key, header, _e) in enumerate(COLUMNS):
            if i == COL["value"]:
                continue
            act = menu.addAction(header)
            act.setCheckable(True)
            act.setChecked(not self.table.isColumnHidden(i))
            act.toggled.connect(lambda on, col=i: self.table.setColumnHidden(col, not on))
        menu.popup(self.table.horizontalHeader().mapToGlobal(pos))

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("knowledge/hidden_columns",
                          [COLUMNS[i][0] for i in range(len(COLUMNS)) if self.table.isColumnHidden(i)])
        settings.setValue("knowledge/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        hidden = settings.value("knowledge/hidden_columns", ["visibility", "updated"])
        hidden = [hidden] if isinstance(hidden, str) else list(hidden) if isinstance(hidden, list | tuple) else []
        for key, i in COL.items():
            self.table.setColumnHidden(i, key in hidden)
        state = settings.value("knowledge/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    def _rows_loaded(self) -> None:
        if self.table.horizontalHeader().sectionResizeMode(COL["value"]) != QHeaderView.ResizeMode.Stretch:
            self._size_columns()
        n = self.model.rowCount()
        self.count_label.setText(self.review.count_text(n))
        self.empty.setText(self.review.empty_text())
        self.table_stack.setCurrentWidget(self.table if n else self.empty)
        if self.panel.fact_id is not None and self.panel.fact_id in self.model.row_of:
            r = self.model.row_of[self.panel.fact_id]
            self.table.selectRow(r)
        self._select_pending()
        self._update_buttons()

    # -- selection and actions ----------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.fact_id(r) for r in rows if r < self.model.rowCount()]

    def _selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        ids = self.selected_ids()
        self.panel.show_fact(ids[0] if len(ids) == 1 else None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        n = len(self.table.selectionModel().selectedRows())
        for name, btn in self.action_buttons.items():
            enabled = {"Add fact": True, "Merge": n == 2, "Split": n == 1}.get(name, n > 0)
            btn.defaultAction().setEnabled(enabled)

    def bulk_status(self, status: FactStatus) -> None:
        ids = self.selected_ids()
        if ids:
            Mutation(self, actions.set_status(ids, status), runner=self.runner).start()

    def bulk_visibility(self, visibility: Visibility) -> None:
        ids = self.selected_ids()
        if ids:
            Mutation(self, actions.set_visibility(ids, visibility), runner=self.runner).start()

    def bulk_delete(self) -> None:
        ids = self.selected_ids()
        if ids and prompts().confirm(self, "Delete facts",
                                     f"Delete {len(ids)} fact(s) with their sources? You can undo this.",
                                     ok="Delete"):
            Mutation(self, actions.delete(ids), runner=self.runner).start()

    def open_document(self, document_id: int, page: int, span: object, name: str = "Source document") -> None:
        """Open the fact's document at its page, passage highlighted (the original PDF when known)."""
        from ui.views.document_page import DocumentPageDialog

        dlg = DocumentPageDialog(self.runner, document_id, name, page=page, span=span,  # type: ignore[arg-type]
                                 original=self.session.originals.get(document_id), parent=self)
        self.document_dialog = dlg
        dlg.open()

    def merge_selected(self) -> None:
        """Merge two facts: the person picks the wording that stays; the other becomes "Merged into …"."""
        ids = self.selected_ids()
        if len(ids) != 2:
            return
        first, second = self._current_first(ids)
        values = {}
        for fid in (first, second):
            row = self.model.row_data(self.model.row_of[fid]) if fid in self.model.row_of else None
            values[fid] = str(row[2]) if row else f"fact {fid}"
        answer = prompts().choose(self, "Merge facts",
                                  "These two facts become one, with the sources of both. Which wording stays?",
                                  [values[first], values[second], "Cancel"])
        if answer not in (0, 1):
            return
        keep, other = (first, second) if answer == 0 else (second, first)
        Mutation(self, actions.merge(keep, other), runner=self.runner).start()

    def _current_first(self, ids: list[int]) -> tuple[int, int]:
        cur = self.table.currentIndex()
        first = self.model.fact_id(cur.row()) if cur.isValid() else ids[0]
        if first not in ids:
            first = ids[0]
        return first, next(i for i in ids if i != first)

    def split_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        row = self.model.row_data(self.model.row_of[ids[0]])
        current = str(row[2]) if row else ""
        parts = prompts().ask_lines(self, "Split fact", "One fact per line:", current)
        if parts and len(parts) >= 2:
            Mutation(self, actions.split(ids[0], parts), runner=self.runner).start()

    def add_fact(self) -> QWidget:
        """A dialog for any kind of fact with its fields (the type filter's kind preselected)."""
        from ui.knowledge.add_fact import AddFactDialog

        ftype = FactType(self.type_box.currentData() or FactType.achievement.value)
        dlg = AddFactDialog(self.runner, self, kind=ftype)
        self.add_dialog = dlg
        dlg.open()
        return dlg
