"""`FactTableModel`: a thin table model over fact ids with a row cache (Anki's browser model).

Filtering and sorting run in SQL on the vault thread and return ids; rows are fetched in pages
as the view asks for them (asynchronously, so scrolling never blocks the GUI thread). A change
descriptor refetches only the rows it names and places them: rows that came are inserted at
their sorted place, rows that went (or no longer match the filter) are removed, rows whose sort
value changed move; the whole query reruns only for a change that names no facts or very many.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from core.changes import Changes
from core.exchange.layout import show_date
from core.kb.editing import edit_fact
from core.kb.table import (
    COLUMNS,
    REVIEW_SORT,
    FactFilter,
    Row,
    comes_before,
    fact_rows,
    first_table_page,
    place_in_order,
)
from core.model import FactStatus, Visibility
from ui.ops import Mutation, OpsRunner, Query

IdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
TypeRole = Qt.ItemDataRole.UserRole + 3
VisibilityRole = Qt.ItemDataRole.UserRole + 4

COL = {key: i for i, (key, _h, _e) in enumerate(COLUMNS)}
EDITABLE = {COL["value"]}
_STATUS_COLOURS = {"approved": QColor("#1e8449"), "rejected": QColor("#a93226"), "pending": QColor("#b9770e")}

AnyIndex = QModelIndex | QPersistentModelIndex


class FactTableModel(QAbstractTableModel):
    """Rows are fact ids in the current filter's order; cells come from a page-filled cache."""

    PAGE = 200
    PLACE_AT_MOST = 2000  # a change naming more facts reruns the query instead of placing each
    rows_did_load = Signal()  # a filter result was applied (tests and benches wait on it)

    def __init__(self, runner: OpsRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.filter = FactFilter()
        self.ids: list[int] = []
        self.keys: list[Any] = []  # each row's order key (core.kb.table), aligned with ids
        self.empty_tail = 0  # ids at the end without a sort key (kept last in both directions)
        self.row_of: dict[int, int] = {}
        self.cache: dict[int, Row] = {}
        self._pending_pages: set[int] = set()
        self._generation = 0

    # -- loading ------------------------------------------------------------------------------
    def set_filter(self, flt: FactFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        if self.runner.workspace is None:
            return
        self._generation += 1
        gen, flt, page = self._generation, self.filter, self.PAGE
        Query(self, lambda ws: first_table_page(ws, fact_filter=flt, page_size=page), runner=self.runner) \
            .on_success(lambda res: self._apply(gen, *res)).start()

    def _apply(self, gen: int, ids: list[int], rows: dict[int, Row], empty_tail: int = 0,
               keys: list[Any] | None = None) -> None:
        if gen != self._generation:
            return  # a newer filter superseded this result
        self.beginResetModel()
        self.ids = ids
        self.keys = list(keys) if keys is not None and len(keys) == len(ids) else [None] * len(ids)
        self.empty_tail = empty_tail
        self.row_of = {fid: i for i, fid in enumerate(ids)}
        self.cache = dict(rows)
        self._pending_pages.clear()
        self.endResetModel()
        self.rows_did_load.emit()

    def _request_page(self, page: int) -> None:
        if page in self._pending_pages or self.runner.workspace is None:
            return
        self._pending_pages.add(page)
        gen = self._generation
        ids = self.ids[page * self.PAGE:(page + 1) * self.PAGE]
        Query(self, lambda ws: fact_rows(ws, ids=ids), runner=self.runner) \
            .on_success(lambda rows: self._page_loaded(gen, page, rows)).start()

    def _page_loaded(self, gen: int, page: int, rows: dict[int, Row]) -> None:
        self._pending_pages.discard(page)
        if gen != self._generation:
            return
        self.cache.update(rows)
        first, last = page * self.PAGE, min(len(self.ids), (page + 1) * self.PAGE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def apply_changes(self, changes: Changes) -> None:
        """Refetch and place only the rows a change names (inserted, moved, removed or updated in
        place); rerun the query when it names no facts or more than PLACE_AT_MOST."""
        if not (changes.facts or changes.edges):
            return
        named = sorted(changes.fact_ids)
        if not named or len(named) > self.PLACE_AT_MOST or len(self.keys) != len(self.ids):
            self.reload()
            return
        gen, flt = self._generation, self.filter
        Query(self, lambda ws: (place_in_order(ws, fact_filter=flt, ids=named), fact_rows(ws, ids=named)),
              runner=self.runner).on_success(lambda res: self._place(gen, named, *res)).start()

    def _place(self, gen: int, named: list[int], keys: dict[int, Any], rows: dict[int, Row]) -> None:
        if gen != self._generation:
            return  # a newer query superseded this change
        gone = [f for f in named if f in self.row_of and f not in keys]  # deleted, or no longer matching
        for fid in sorted(gone, key=self.row_of.__getitem__, reverse=True):
            r = self.row_of[fid]
            self.beginRemoveRows(QModelIndex(), r, r)
            del self.ids[r], self.keys[r]
            self.endRemoveRows()
        if gone:
            self._index_rows()
        self.cache.update({f: rows[f] for f in named if f in rows and f in keys})
        for fid in named:
            if fid in keys and fid in self.row_of and keys[fid] != self.keys[self.row_of[fid]]:
                self._move(fid, keys[fid])  # its sort value changed; selection follows it
        for fid in (f for f in named if f in keys and f not in self.row_of):
            r = self._position(keys[fid], fid)
            self.beginInsertRows(QModelIndex(), r, r)
            self.ids.insert(r, fid)
            self.keys.insert(r, keys[fid])
            self.endInsertRows()
            self._index_rows()
        self.empty_tail = sum(k is None for k in self.keys)
        for fid in named:
            if fid in self.row_of:
                r = self.row_of[fid]
                self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))
        self.rows_did_load.emit()

    def _index_rows(self) -> None:
        self.row_of = {fid: i for i, fid in enumerate(self.ids)}

    def _move(self, fid: int, key: Any) -> None:
        r = self.row_of[fid]
        to = self._position(key, fid, skip=r)  # its place among the other rows
        dest = to if to <= r else to + 1  # Qt counts the destination before the row is taken out
        if dest not in (r, r + 1) and self.beginMoveRows(QModelIndex(), r, r, QModelIndex(), dest):
            self.ids.pop(r)
            self.keys.pop(r)
            self.ids.insert(to, fid)
            self.keys.insert(to, key)
            self.endMoveRows()
            self._index_rows()
        else:
            self.keys[r] = key

    def _position(self, key: Any, fid: int, skip: int | None = None) -> int:
        """Where a row with this order key goes (binary search over the shown order, leaving out
        the row at `skip`)."""
        descending, review = self.filter.descending, self.filter.sort_key == REVIEW_SORT
        lo, hi = 0, len(self.ids) - (skip is not None)
        while lo < hi:
            mid = (lo + hi) // 2
            at = mid + 1 if skip is not None and mid >= skip else mid
            if comes_before((self.keys[at], self.ids[at]), (key, fid), descending=descending, review=review):
                lo = mid + 1
            else:
                hi = mid
        return lo

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        return None

    def fact_id(self, row: int) -> int:
        return self.ids[row]

    def row_data(self, row: int) -> Row | None:
        return self.cache.get(self.ids[row])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.ids):
            return None
        fid = self.ids[index.row()]
        if role == IdRole:
            return fid
        row = self.cache.get(fid)
        if row is None:
            self._request_page(index.row() // self.PAGE)
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        col = index.column()
        _id, ftype, value, context, status, vis, conf, source, start, end, updated, merged_into = row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(col, row) if role == Qt.ItemDataRole.DisplayRole or col == COL["value"] else None
        if role == Qt.ItemDataRole.EditRole and col == COL["value"]:
            return value
        if role == StatusRole:
            return status
        if role == TypeRole:
            return ftype
        if role == VisibilityRole:
            return vis
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL["status"]:
                return QColor(128, 128, 128) if merged_into else _STATUS_COLOURS.get(status)
            if vis == Visibility.private.value or status == FactStatus.rejected.value:
                return QColor(128, 128, 128)
        if role == Qt.ItemDataRole.FontRole and status == FactStatus.rejected.value and col == COL["value"]:
            f = QFont()
            f.setStrikeOut(True)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL["confidence"]:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(col, row)
        return None

    @staticmethod
    def _display(col: int, row: Row) -> str:
        _id, ftype, value, context, status, vis, conf, source, start, end, updated, merged_into = row
        key = COLUMNS[col][0]
        if key == "type":
            return str(ftype).replace("_", " ").capitalize()
        if key == "value":
            return str(value)
        if key == "context":
            return str(context or "")
        if key == "status":
            return f"Merged into “{merged_into}”" if merged_into else str(status).capitalize()
        if key == "visibility":
            return "Hidden" if vis == Visibility.private.value else "Shown"
        if key == "confidence":
            return f"{float(conf):.0%}"
        if key == "source":
            return str(source)
        if key == "start":
            return show_date(start)
        if key == "end":
            return end if end == "Present" else show_date(end)
        return str(updated or "")[:10]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        new = str(value).strip()
        fid = self.ids[index.row()]
        row = self.cache.get(fid)
        if not new or row is None or new == row[2]:
            return False
        self.cache[fid] = (*row[:2], new, *row[3:])  # shown at once; the refetch confirms it
        self.dataChanged.emit(index, index)
        Mutation(self, lambda ws: edit_fact(ws, fid, value=new), runner=self.runner).start()
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        new = dataclasses.replace(self.filter, sort_key=COLUMNS[column][0],
                                  descending=order == Qt.SortOrder.DescendingOrder)
        if new == self.filter:
            return
        if (new.sort_key == self.filter.sort_key and self.ids
                and dataclasses.replace(new, descending=self.filter.descending) == self.filter):
            self.filter = new  # only the direction changed: reverse in place, no query
            self._reverse()
            return
        self.set_filter(new)

    def _reverse(self) -> None:
        """Flip the order (ties were broken by id, so this equals a fresh query) keeping empties last."""
        self._generation += 1  # pages in flight belong to the old order
        self._pending_pages.clear()
        self.layoutAboutToBeChanged.emit()
        old_ids = self.ids
        keyed = len(old_ids) - self.empty_tail
        self.ids = old_ids[:keyed][::-1] + old_ids[keyed:]
        self.keys = self.keys[:keyed][::-1] + self.keys[keyed:]
        self.row_of = {fid: i for i, fid in enumerate(self.ids)}
        persistent = self.persistentIndexList()  # selection and current index follow their facts
        self.changePersistentIndexList(
            persistent, [self.index(self.row_of[old_ids[p.row()]], p.column()) for p in persistent])
        self.layoutChanged.emit()
        self.rows_did_load.emit()
