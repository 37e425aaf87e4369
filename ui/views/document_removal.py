"""Remove a document (Delete key, context menu; one undo step) or erase it permanently, from the
Documents table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu

from core.changes import Changes
from core.kb import erase_documents
from core.library import Removals, RemovalSummary, remove_documents
from ui.ops import Mutation
from ui.prompts import prompts

if TYPE_CHECKING:
    from core.library import DocumentInfo
    from ui.views.documents import DocumentsView


class DocumentRemoval(QObject):
    """The Remove / Erase actions of one Documents view, acting on the selected rows."""

    def __init__(self, view: DocumentsView) -> None:
        super().__init__(view)
        self.view = view
        table = view.table
        self.remove_action = QAction("Remove document", table)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.remove_action.setToolTip("Remove the selected documents and the facts only they support "
                                      f"({self.remove_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}; "
                                      "undo with Ctrl+Z)")
        self.remove_action.triggered.connect(self.remove_selected)
        self.erase_action = QAction("Erase permanently…", table)
        self.erase_action.setShortcut(QKeySequence("Shift+Delete"))
        self.erase_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.erase_action.setToolTip("Erase the selected documents from the vault and its backups (not undoable)")
        self.erase_action.triggered.connect(self.erase_selected)
        table.addAction(self.remove_action)
        table.addAction(self.erase_action)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._menu)
        table.installEventFilter(self)  # Delete also when the shortcut map is not consulted (inactive window)
        self.last: list[RemovalSummary] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Delete:
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            (self.erase_action if shift else self.remove_action).trigger()
            return True
        return False

    def selected(self) -> list[DocumentInfo]:
        rows = sorted({i.row() for i in self.view.table.selectionModel().selectedRows()})
        return [self.view.rows[r] for r in rows if 0 <= r < len(self.view.rows)]

    def _menu(self, pos: QPoint) -> None:
        if not self.selected():
            return
        menu = QMenu(self.view.table)
        open_action = menu.addAction("Open")
        open_action.triggered.connect(lambda: self.view.open_document(self.view.table.currentRow()))
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.addAction(self.erase_action)
        menu.popup(self.view.table.viewport().mapToGlobal(pos))
        self.menu = menu  # kept for tests and so it is not collected while shown

    def remove_selected(self) -> None:
        docs = self.selected()
        if not docs:
            return
        ids = [d.id for d in docs]

        def work(ws: Any) -> Removals:
            return remove_documents(ws, ids)

        def finished(result: Removals) -> None:
            self.last = result.done
            removed = sum(r.facts_removed for r in result.done)
            kept = sum(r.facts_detached for r in result.done)
            names = ", ".join(r.source_name for r in result.done)
            self.view.window().statusBar().showMessage(  # type: ignore[attr-defined]
                f"Removed {names}: {removed} facts removed, {kept} kept (other sources support them). "
                "Edit > Undo brings it back.", 10_000)

        Mutation(self.view, work, runner=self.view.runner).on_success(finished).start()

    def erase_selected(self) -> None:
        docs = self.selected()
        if not docs:
            return
        names = ", ".join(d.source_name for d in docs)
        if not prompts().confirm(self.view, "Erase permanently",
                                 f"Erase {names} from this vault and its backups? Its text, original file and "
                                 "the facts only it supports are destroyed. This cannot be undone.",
                                 ok="Erase permanently"):
            return
        ids = [d.id for d in docs]

        def work(ws: Any) -> Changes:
            return erase_documents(ws, ids)

        Mutation(self.view, work, runner=self.view.runner).start()
