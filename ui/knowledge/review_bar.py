"""The review queue controls above the facts table: pending facts in the order that matters
(identity, roles, education, skills; least confident first), a filter by document, approve a
whole document, approve the confident rest, and what to say when nothing is left."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from core.kb.review import HIGH_CONFIDENCE, approve_confident, approve_from_document
from core.kb.table import REVIEW_SORT, FactFilter
from core.library import list_documents
from core.model import FactStatus
from ui.ops import Mutation, Query

if TYPE_CHECKING:
    from ui.knowledge.view import KnowledgeView


class ReviewBar(QWidget):
    """Review queue toggle, document filter and the two bulk approvals."""

    def __init__(self, view: KnowledgeView) -> None:
        super().__init__(view)
        self.view = view
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.queue = QPushButton("Review queue")
        self.queue.setCheckable(True)
        self.queue.setAccessibleName("Review queue")
        self.queue_action = QAction("Review queue", view)  # listed in Help > Keyboard shortcuts
        self.queue_action.setShortcut(QKeySequence("Ctrl+R"))
        self.queue_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.queue_action.triggered.connect(self.queue.toggle)
        view.addAction(self.queue_action)
        self.queue.setToolTip("Facts waiting for you, most important first: who you are, roles, education, "
                              "skills; the least certain first (Ctrl+R)")
        self.queue.toggled.connect(self._queue_toggled)
        self.document = QComboBox()
        self.document.setAccessibleName("Filter by document")
        self.document.setMinimumContentsLength(10)
        self.document.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.document.addItem("All documents", None)
        self.document.currentIndexChanged.connect(lambda _i: self._document_changed())
        self.approve_doc = QPushButton("Approve document")
        self.approve_doc.setAccessibleName("Approve everything from this document")
        self.approve_doc.setToolTip("Approve every pending fact the chosen document supports (one undo step)")
        self.approve_doc.clicked.connect(self.approve_document)
        self.approve_rest = QPushButton("Approve confident rest")
        self.approve_rest.setAccessibleName("Approve the high-confidence rest")
        self.approve_rest.setToolTip(f"Approve pending facts parsing was sure of (confidence {HIGH_CONFIDENCE:.0%} "
                                     "or more); the uncertain ones stay for a look")
        self.approve_rest.clicked.connect(self.approve_confident)
        for w in (self.queue, self.document, self.approve_doc, self.approve_rest):
            lay.addWidget(w)
        lay.addStretch(1)
        self._update()

    # -- documents ------------------------------------------------------------------------------
    def reload_documents(self) -> None:
        Query(self, lambda ws: [(d.id, d.source_name) for d in list_documents(ws)], runner=self.view.runner) \
            .on_success(self._documents).start()

    def _documents(self, docs: list[tuple[int, str]]) -> None:
        current = self.document.currentData()
        self.document.blockSignals(True)
        self.document.clear()
        self.document.addItem("All documents", None)
        for did, name in docs:
            self.document.addItem(name, did)
        idx = self.document.findData(current) if current is not None else 0
        self.document.setCurrentIndex(max(0, idx))
        self.document.blockSignals(False)
        if current is not None and idx < 0:
            self._document_changed()
        self._update()

    def document_id(self) -> int | None:
        data = self.document.currentData()
        return int(data) if data is not None else None

    # -- filter -------------------------------------------------------------------------------
    def apply_to(self, flt: FactFilter) -> FactFilter:
        """The table filter with the document and (in the queue) pending + review order."""
        flt = dataclasses.replace(flt, document_id=self.document_id())
        if self.queue.isChecked():
            flt = dataclasses.replace(flt, status=FactStatus.pending.value, sort_key=REVIEW_SORT, descending=False)
        return flt

    def _queue_toggled(self, on: bool) -> None:
        box = self.view.status_box
        box.blockSignals(True)
        box.setCurrentIndex(box.findData(FactStatus.pending.value) if on else 0)
        box.setEnabled(not on)
        box.blockSignals(False)
        self.view.table.setSortingEnabled(not on)
        self.view.apply_filter()

    def _document_changed(self) -> None:
        self._update()
        self.view.apply_filter()

    def _update(self) -> None:
        self.approve_doc.setEnabled(self.document_id() is not None)

    def count_text(self, n: int) -> str:
        """The header's count: how many facts are shown, or how many are left to review."""
        if self.queue.isChecked():
            return f"{n:,} left to review"
        return f"{n:,} fact" + ("" if n == 1 else "s")

    def empty_text(self) -> str:
        """What the empty table says, depending on why it is empty."""
        if self.queue.isChecked():
            return ("Nothing left to review. Everything here is approved or rejected — export a resume from "
                    "File > Export, or add another document.")
        flt = self.view.model.filter
        if flt.text or flt.type or flt.status or flt.skill or flt.organisation or flt.document_id is not None:
            return "No fact matches these filters."
        return "No facts yet. Drop your resume (PDF, Word, text) anywhere on this window to begin."

    # -- approvals ----------------------------------------------------------------------------
    def approve_document(self) -> None:
        did = self.document_id()
        if did is not None:
            Mutation(self.view, lambda ws: approve_from_document(ws, did), runner=self.view.runner).start()

    def approve_confident(self) -> None:
        did = self.document_id()
        Mutation(self.view, lambda ws: approve_confident(ws, document_id=did), runner=self.view.runner).start()
