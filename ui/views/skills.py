"""Skills: the person's skills with ontology mapping, evidence count and first/last used; and a
search of the O*NET ontology (technology skills, tools, skill elements, occupations)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.profile import CareerProfile, career_profile
from ui.ops import Query, Task
from ui.views.base import View


@dataclass(frozen=True, slots=True)
class SkillRow:
    fact_id: int
    name: str
    mapping: str
    evidence: int
    first_used: str
    last_used: str


def skill_rows(profile: CareerProfile) -> list[SkillRow]:
    """The table's rows from the career profile: mapping, evidence count, first and last use."""
    return [SkillRow(s.fact_id, s.name, s.ontology_label or s.ontology_id or "", s.evidence_count,
                     s.first.iso() if s.first else "", "present" if s.current else (s.last.iso() if s.last else ""))
            for s in profile.skills]


def _table(headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(name)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.setShowGrid(False)
    t.setSortingEnabled(True)
    t.verticalHeader().setDefaultSectionSize(28)
    t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return t


def _item(value: Any) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setData(Qt.ItemDataRole.DisplayRole, value)
    return item


class SkillsView(View):
    title = "Skills"
    shortcut = "Ctrl+4"
    navigate = Signal(str, dict)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[SkillRow] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 12)
        lay.addLayout(self.header("Your skills, the facts that show them, and where they sit in O*NET."))
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 8, 0)
        self.count = QLabel()
        self.count.setObjectName("muted")
        ll.addWidget(self.count)
        self.table = _table(["Skill", "O*NET mapping", "Evidence", "First used", "Last used"], "Your skills")
        for col, w in ((1, 170), (2, 80), (3, 90), (4, 90)):
            self.table.setColumnWidth(col, w)
        self.table.cellDoubleClicked.connect(self._open_in_knowledge)
        ll.addWidget(self.table)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        rl.addWidget(QLabel("<b>Search the ontology</b>"))
        self.search = QLineEdit()
        self.search.setPlaceholderText("A skill, tool or job title…")
        self.search.setAccessibleName("Search the ontology")
        self.search.setClearButtonEnabled(True)
        rl.addWidget(self.search)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("muted")
        rl.addWidget(self.status)
        self.import_button = QPushButton("Import O*NET in Settings…")
        self.import_button.setAccessibleName("Import O*NET")
        self.import_button.clicked.connect(lambda: self.navigate.emit("Settings", {}))
        rl.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.results = _table(["Name", "Kind", "Code"], "Ontology results")
        self.results.setColumnWidth(1, 120)
        self.results.setColumnWidth(2, 110)
        rl.addWidget(self.results)
        rl.addStretch(1)
        split.addWidget(right)
        split.setSizes([640, 480])
        lay.addWidget(split, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.search_ontology)
        self.search.textChanged.connect(self._debounce.start)
        self.ontology_ready = False

    # -- the person's skills ------------------------------------------------------------------
    def reload(self) -> None:
        Query(self, lambda ws: skill_rows(career_profile(ws)), runner=self.runner).on_success(self._show).start()
        self._check_ontology()

    def refresh_for(self, changes: Any, initiator: Any) -> None:
        if changes.facts or changes.edges or changes.ontology:  # O*NET (re)imported: status and mapping too
            self.reload()

    def _show(self, rows: list[SkillRow]) -> None:
        self.rows = rows
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for r, s in enumerate(rows):
            name = _item(s.name)
            name.setData(Qt.ItemDataRole.UserRole, s.fact_id)
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, _item(s.mapping or "—"))
            self.table.setItem(r, 2, _item(s.evidence))
            self.table.setItem(r, 3, _item(s.first_used or "—"))
            self.table.setItem(r, 4, _item(s.last_used or "—"))
        self.table.setSortingEnabled(True)
        self.table.sortItems(2, Qt.SortOrder.DescendingOrder)
        self.count.setText(f"{len(rows)} skill" + ("" if len(rows) == 1 else "s") +
                           " · double-click one to see its facts")
        self._map_to_ontology()

    def _map_to_ontology(self) -> None:
        """Skills without a stored mapping are looked up in O*NET by name (exact match only)."""
        if not self.ontology_ready:
            return
        names = [r.name for r in self.rows if not r.mapping]
        session = self.session

        def lookup() -> dict[str, str]:
            store = session.ontology()
            found = {}
            for name in names:
                for kind, ref, label, _rank in store.search_skills_fts(name, 5):
                    if label.casefold() == name.casefold():
                        found[name] = f"{label} ({kind.replace('_', ' ')} {ref})"
                        break
            return found

        Task(self, lookup, runner=self.runner).on_success(self._mapped).start()

    def _mapped(self, found: dict[str, str]) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            mapped = self.table.item(r, 1)
            if item is not None and item.text() in found and mapped is not None and mapped.text() == "—":
                self.table.setItem(r, 1, _item(found[item.text()]))

    def _open_in_knowledge(self, row: int, _col: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.navigate.emit("Knowledge", {"skill": item.text(), "type": "", "status": "", "text": ""})

    # -- the ontology -------------------------------------------------------------------------
    def _check_ontology(self) -> None:
        session = self.session
        Task(self, lambda: session.ontology_info(), runner=self.runner) \
            .on_success(self._ontology_status).on_failure(lambda _e: self._ontology_status(None)).start()

    def _ontology_status(self, info: Any) -> None:
        was_ready, self.ontology_ready = self.ontology_ready, info is not None
        if self.ontology_ready and not was_ready and self.rows:
            self._map_to_ontology()
        self.search.setEnabled(self.ontology_ready)
        self.import_button.setVisible(not self.ontology_ready)
        self.results.setVisible(self.ontology_ready)
        if info is None:
            self.status.setText("O*NET is not imported yet. Vita uses its built-in skill list meanwhile; "
                                "importing O*NET adds occupations and richer matching.")
        else:
            self.status.setText(f"O*NET {info.version} · {info.counts.get('occupation', 0):,} occupations · "
                                f"{info.counts.get('tech_skill', 0):,} technology skills. {info.attribution}")

    def search_ontology(self) -> None:
        query = self.search.text().strip()
        if not query or not self.ontology_ready:
            self.results.setRowCount(0)
            return
        session = self.session

        def find() -> list[tuple[str, str, str]]:
            from core.ontology import search_occupations

            store = session.ontology()
            out = [(name, kind.replace("_", " "), ref) for kind, ref, name, _rank in store.search_skills_fts(query, 15)]
            out += [(h.title, "occupation", h.code) for h in search_occupations(store, query, limit=8)]
            return out

        Task(self, find, runner=self.runner).on_success(lambda rows: self._results(query, rows)).start()

    def _results(self, query: str, rows: list[tuple[str, str, str]]) -> None:
        if query != self.search.text().strip():
            return
        self.results.setSortingEnabled(False)
        self.results.setRowCount(len(rows))
        for r, (name, kind, code) in enumerate(rows):
            self.results.setItem(r, 0, _item(name))
            self.results.setItem(r, 1, _item(kind))
            self.results.setItem(r, 2, _item(code))
