"""Documents: drop files or folders anywhere on the window; per-file progress with cancel;
statuses (stored, already in the vault, quarantined with the reason); document type override;
open a document at a page."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.changes import Changes
from core.library import (
    DocumentInfo,
    QuarantinedFile,
    list_documents,
    list_quarantine,
    set_document_type,
)
from core.model import DocumentType
from core.progress import CancelToken, Progress
from ui.ops import Mutation, Query, Task, _Op
from ui.prompts import prompts
from ui.views.after_drop import IdentityCheck
from ui.views.base import View
from ui.views.document_ops import IngestBatch, IngestOutcome, expand_drop, ingest_batch
from ui.views.document_page import DocumentPageDialog
from ui.views.document_removal import DocumentRemoval

STAGE_ORDER = {"start": 0, "ocr": 1, "parse": 1, "skip": 4, "quarantine": 4, "reconcile": 2, "store": 3, "embed": 4,
               "cancelled": 4, "done": 5}
STAGE_LABEL = {"start": "Waiting", "parse": "Reading", "reconcile": "Matching with your record", "store": "Saving",
               "embed": "Indexing", "skip": "Already in the vault", "quarantine": "Quarantined", "cancelled": "Cancelled",
               "done": "Done"}
TYPE_LABELS = {t.value: t.value.replace("_", " ").capitalize() for t in DocumentType}


class _TypeDelegate(QStyledItemDelegate):
    """The document type column: a combo box while editing; choosing stores the override."""

    def __init__(self, view: DocumentsView) -> None:
        super().__init__(view)
        self.view = view

    def createEditor(self, parent: QWidget, option: Any, index: Any) -> QWidget:
        box = QComboBox(parent)
        box.setAccessibleName("Document type")
        for value, label in TYPE_LABELS.items():
            box.addItem(label, value)
        box.activated.connect(lambda _i: self.commitData.emit(box))
        return box

    def setEditorData(self, editor: QWidget, index: Any) -> None:
        box: QComboBox = editor  # type: ignore[assignment]
        box.setCurrentIndex(max(0, box.findData(index.data(Qt.ItemDataRole.UserRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:
        box: QComboBox = editor  # type: ignore[assignment]
        value = box.currentData()
        if value and value != index.data(Qt.ItemDataRole.UserRole) and 0 <= index.row() < len(self.view.rows):
            model.setData(index, TYPE_LABELS[value] + "  ✎", Qt.ItemDataRole.DisplayRole)
            model.setData(index, value, Qt.ItemDataRole.UserRole)
            self.view.override_type(self.view.rows[index.row()].id, value)


@dataclass
class _Job:
    path: Path
    item: QTreeWidgetItem
    bar: QProgressBar
    cancel: QToolButton
    op: _Op | None = None  # the drop's one ingest run
    outcome: IngestOutcome | None = None
    token: CancelToken = field(default_factory=CancelToken)  # cancels this file alone
    extra: dict[str, Any] = field(default_factory=dict)


class DocumentsView(View):
    title = "Documents"
    shortcut = "Ctrl+2"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jobs: list[_Job] = []
        self._batches: dict[_Op, list[_Job]] = {}  # one ingest run per drop -> its rows, in order
        self._walking = 0  # folders being walked on a worker
        self.rows: list[DocumentInfo] = []
        self.quarantine: list[QuarantinedFile] = []
        self.runner.task_did_progress.connect(self._progress)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 12)
        lay.addLayout(self.header("Everything you have given Vita to read. Each fact links back to its passage."))
        self.add_files = QPushButton("Add files…")
        self.add_files.setAccessibleName("Add files")
        self.add_files.clicked.connect(self._choose_files)
        self.add_folder = QPushButton("Add folder…")
        self.add_folder.setAccessibleName("Add folder")
        self.add_folder.clicked.connect(self._choose_folder)
        self.header_row.addWidget(self.add_files)
        self.header_row.addWidget(self.add_folder)

        drop = QFrame()
        drop.setObjectName("dropzone")
        dl = QVBoxLayout(drop)
        hint = QLabel("<b>Drop files or folders anywhere on this window</b><br>"
                      "<span style='color:gray'>PDF, Word, text, Markdown, HTML, JSON Resume, images and scans. "
                      "Files are read in a sandbox and stay on this computer.</span>")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        dl.addWidget(hint)
        drop.setMinimumHeight(84)
        lay.addWidget(drop)

        self.activity = QTreeWidget()
        self.activity.setAccessibleName("Files being read")
        self.activity.setHeaderLabels(["File", "Status", "Progress", ""])
        self.activity.setRootIsDecorated(False)
        self.activity.setMaximumHeight(180)
        ah = self.activity.header()
        ah.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        ah.resizeSection(0, 280)
        ah.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # statuses are long: they get the room
        ah.resizeSection(2, 160)
        ah.resizeSection(3, 80)
        ah.setStretchLastSection(False)
        self.activity.hide()
        self.clear_button = QPushButton("Clear finished")
        self.clear_button.setAccessibleName("Clear finished files")
        self.clear_button.clicked.connect(self.clear_finished)
        self.clear_button.hide()
        lay.addWidget(self.activity)
        lay.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignRight)

        split = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, 7)
        self.table.setAccessibleName("Documents")
        self.table.setHorizontalHeaderLabels(["Document", "Type", "Confidence", "Status", "Facts", "Pages", "Added"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.type_delegate = _TypeDelegate(self)
        self.table.setItemDelegateForColumn(1, self.type_delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setDefaultSectionSize(32)
        th = self.table.horizontalHeader()
        th.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, w in ((1, 180), (2, 95), (3, 90), (4, 60), (5, 60), (6, 140)):
            self.table.setColumnWidth(col, w)
        self.table.cellDoubleClicked.connect(lambda r, c: None if c == 1 else self.open_document(r))
        split.addWidget(self.table)
        qbox = QWidget()
        ql = QVBoxLayout(qbox)
        ql.setContentsMargins(0, 8, 0, 0)
        self.quarantine_label = QLabel("<b>Quarantined files</b>")
        ql.addWidget(self.quarantine_label)
        self.quarantine_table = QTableWidget(0, 3)
        self.quarantine_table.setAccessibleName("Quarantined files")
        self.quarantine_table.setHorizontalHeaderLabels(["File", "Reason", "When"])
        self.quarantine_table.verticalHeader().hide()
        self.quarantine_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.quarantine_table.setShowGrid(False)
        qh = self.quarantine_table.horizontalHeader()
        qh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.quarantine_table.setColumnWidth(0, 240)
        self.quarantine_table.setColumnWidth(2, 140)
        ql.addWidget(self.quarantine_table)
        split.addWidget(qbox)
        split.setSizes([420, 160])
        lay.addWidget(split, 1)
        self.qbox = qbox
        self.removal = DocumentRemoval(self)
        self.identity_check = IdentityCheck(self)

    # -- listing ------------------------------------------------------------------------------
    def reload(self) -> None:
        Query(self, lambda ws: (list_documents(ws), list_quarantine(ws)), runner=self.runner) \
            .on_success(lambda res: self._show(*res)).start()

    def refresh_for(self, changes: Changes, initiator: Any) -> None:
        if changes.documents or changes.facts:
            self.reload()

    def _show(self, rows: list[DocumentInfo], quarantine: list[QuarantinedFile]) -> None:
        self.rows, self.quarantine = rows, quarantine
        self.table.setRowCount(len(rows))
        self.table.blockSignals(True)
        for r, d in enumerate(rows):
            name = QTableWidgetItem(d.source_name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, 0, name)
            kind = QTableWidgetItem(TYPE_LABELS[d.doc_type.value] + ("  ✎" if d.overridden else ""))
            kind.setData(Qt.ItemDataRole.UserRole, d.doc_type.value)
            kind.setToolTip("Detected: " + TYPE_LABELS[d.detected_type.value] +
                            (" (changed by you)" if d.overridden else "") + ". Double-click to change.")
            self.table.setItem(r, 1, kind)
            # what parsing understood (fields per entry, lines used), not how sure the type guess was
            shown = d.parse_quality if d.parse_quality is not None else (None if d.overridden else d.confidence)
            conf = QTableWidgetItem("—" if shown is None else f"{shown:.0%}")
            conf.setToolTip((f"Parsing found: {d.quality_note}. " if d.quality_note else "")
                            + f"Type guessed with {d.confidence:.0%} confidence.")
            conf.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, 2, conf)
            self.table.setItem(r, 3, QTableWidgetItem(d.status.capitalize()))
            for col, val in ((4, d.fact_count), (5, d.page_count)):
                it = QTableWidgetItem(str(val))
                it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, col, it)
            self.table.setItem(r, 6, QTableWidgetItem(d.added_at[:16].replace("T", " ")))
            for col in (2, 3, 4, 5, 6):
                item = self.table.item(r, col)
                if item is not None:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.blockSignals(False)
        self.quarantine_table.setRowCount(len(quarantine))
        for r, q in enumerate(quarantine):
            self.quarantine_table.setItem(r, 0, QTableWidgetItem(q.source_name))
            self.quarantine_table.setItem(r, 1, QTableWidgetItem(q.reason))
            self.quarantine_table.setItem(r, 2, QTableWidgetItem(q.created_at[:16].replace("T", " ")))
        self.qbox.setVisible(bool(quarantine))

    def override_type(self, document_id: int, doc_type: str) -> None:
        chosen = DocumentType(doc_type)
        Mutation(self, lambda ws: set_document_type(ws, document_id, chosen), runner=self.runner).start()

    def open_document(self, row: int, page: int = 1, span: tuple[int, int] | None = None) -> DocumentPageDialog | None:
        if not 0 <= row < len(self.rows):
            return None
        d = self.rows[row]
        dlg = DocumentPageDialog(self.runner, d.id, d.source_name, page=page, span=span,
                                 original=self.session.originals.get(d.id), parent=self)
        dlg.open()
        return dlg

    # -- ingesting ----------------------------------------------------------------------------
    def _choose_files(self) -> None:
        files = prompts().choose_files(self, "Add documents")
        if files:
            self.ingest([Path(f) for f in files])

    def _choose_folder(self) -> None:
        folder = prompts().choose_folder(self, "Add a folder of documents")
        if folder:
            self.ingest([Path(folder)])

    def ingest(self, paths: list[Path]) -> list[_Job]:
        """Read dropped files and folders as one ingest run on the vault thread, a row per file with
        its own progress and cancel. Folders are walked on a worker first (their rows appear then);
        returns the rows started now (plain files)."""
        if any(p.is_dir() for p in paths):
            self._walking += 1
            Task(self, lambda: expand_drop(paths), runner=self.runner) \
                .on_success(self._walked).on_failure(self._walk_failed).start()
            return []
        return self._start_batch(paths)

    def _walked(self, files: list[Path]) -> None:
        self._walking -= 1
        if not files:
            prompts().inform(self, "Nothing to read", "No files were found there.")
            return
        self._start_batch(files)

    def _walk_failed(self, exc: BaseException) -> None:
        from ui.prompts import show_error

        self._walking -= 1
        show_error(exc, self)

    def _start_batch(self, files: list[Path]) -> list[_Job]:
        jobs = []
        for path in files:
            item = QTreeWidgetItem([path.name, "Waiting", "", ""])
            self.activity.addTopLevelItem(item)
            bar = QProgressBar()
            bar.setRange(0, 5)
            bar.setTextVisible(False)
            bar.setMaximumHeight(12)
            bar.setAccessibleName(f"Progress of {path.name}")
            cancel = QToolButton()
            cancel.setText("Cancel")
            cancel.setAccessibleName(f"Cancel {path.name}")
            self.activity.setItemWidget(item, 2, bar)
            self.activity.setItemWidget(item, 3, cancel)
            job = _Job(path, item, bar, cancel)
            cancel.clicked.connect(lambda _=False, j=job: self._cancel(j))
            jobs.append(job)
        session = self.session
        item_cancels = {str(j.path): j.token for j in jobs}

        def work(ws: Any) -> Any:
            return ingest_batch(ws, session, files, op.cancel_token, item_cancels)

        label = f"Reading {files[0].name}" if len(files) == 1 else f"Reading {len(files)} files"
        op = Mutation(self, work, runner=self.runner).with_progress(label, cancellable=True)
        for job in jobs:
            job.op = op
        self._batches[op] = jobs
        op.on_success(partial(self._batch_done, op))
        op.on_failure(partial(self._batch_failed, op))
        self.jobs += jobs
        op.start()
        self.activity.show()
        return jobs

    def _progress(self, op: _Op, p: Progress) -> None:
        jobs = self._batches.get(op)
        if not jobs or not p.item or not 0 <= p.done < len(jobs):  # run-level steps (start, catch-up)
            return
        for earlier in jobs[:p.done]:  # the run has moved past these files
            if earlier.outcome is None and earlier.bar.value() < 4:
                earlier.bar.setValue(4)
        job = jobs[p.done]
        job.bar.setValue(STAGE_ORDER.get(p.stage, 0))
        if p.stage == "ocr":  # a scan: which page is being read (seconds a page)
            job.item.setText(1, f"Reading the scan, {p.message}")
            return
        job.item.setText(1, STAGE_LABEL.get(p.stage, p.stage.capitalize()))

    def _cancel(self, job: _Job) -> None:
        if job.outcome is None:
            job.token.cancel()  # this file only; the rest of the drop goes on
            job.item.setText(1, "Cancelling…")
            job.cancel.setEnabled(False)

    def _finish_row(self, job: _Job, text: str, tooltip: str = "") -> None:
        job.item.setText(1, text)
        job.item.setToolTip(1, tooltip or text)
        job.bar.setValue(job.bar.maximum())
        self.activity.removeItemWidget(job.item, 3)
        self.clear_button.setVisible(True)

    def _batch_done(self, op: _Op, batch: IngestBatch) -> None:
        for job in self._batches.pop(op, []):
            out = batch.outcomes.get(str(job.path))
            self._job_done(job, out if out is not None else IngestOutcome("cancelled", cancelled=True))
        self.identity_check.review(batch, first=not self.rows)  # rows: the documents listed before this drop

    def _batch_failed(self, op: _Op, exc: BaseException) -> None:
        from core.errors import Cancelled
        from ui.prompts import show_error

        for job in self._batches.pop(op, []):
            if isinstance(exc, Cancelled):
                job.outcome = IngestOutcome("cancelled", cancelled=True)
                self._finish_row(job, "Cancelled")
            else:
                job.outcome = IngestOutcome(status="failed", reason=str(exc))
                self._finish_row(job, "Failed: " + getattr(exc, "message", type(exc).__name__))
        if not isinstance(exc, Cancelled):
            show_error(exc, self)

    def _job_done(self, job: _Job, out: IngestOutcome) -> None:
        job.outcome = out
        if out.cancelled:
            self._finish_row(job, "Cancelled")
        elif out.status == "stored":
            if out.document_id is not None:
                self.session.originals[out.document_id] = job.path
            if out.posting_id is not None:
                self._finish_row(job, "Read: a job description, saved as a job",
                                 "A job description: saved as a job posting; none of its contents became your facts.")
                return
            extra = f", {out.conflicts} conflict(s) to settle" if out.conflicts else ""
            self._finish_row(job, f"Read: {out.new_facts} new facts, {out.duplicates} merged{extra}")
        elif out.status == "skipped":
            self._finish_row(job, "Already in the vault")
        else:
            self._finish_row(job, f"Quarantined: {out.reason}", out.reason)

    def clear_finished(self) -> None:
        for job in [j for j in self.jobs if j.outcome is not None]:
            idx = self.activity.indexOfTopLevelItem(job.item)
            if idx >= 0:
                self.activity.takeTopLevelItem(idx)
            self.jobs.remove(job)
        self.activity.setVisible(bool(self.jobs))
        self.clear_button.setVisible(False)

    @property
    def busy(self) -> bool:
        return self._walking > 0 or any(j.outcome is None for j in self.jobs)
