"""The fact side panel: details, provenance (source passage highlighted), version history + revert."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.kb import FactVersion, diff_snapshots, fact_history
from core.kb.passages import Passage, provenance
from core.model import Fact
from ui.knowledge import actions
from ui.ops import Mutation, OpsRunner, Query

_HIGHLIGHT = "background-color: #ffe58a; color: #1d1f23; font-weight: 600;"


def passage_html(passages: list[Passage]) -> str:
    if not passages:
        return "<p>No provenance recorded.</p>"
    parts = []
    for p in passages:
        if p.kind == "document":
            where = escape(p.document or "a document") + (f", page {p.page}" if p.page else "")
            body = (f"<p style='white-space:pre-wrap'>…{escape(p.before)}"
                    f"<span style='{_HIGHLIGHT}'>{escape(p.span)}</span>{escape(p.after)}…</p>"
                    if p.span else "<p><i>No passage recorded.</i></p>")
            head = f"<b>From {where}</b>"
        elif p.kind == "interview" and (p.span or p.before or p.after):  # the person's own message
            body = (f"<p style='white-space:pre-wrap'>“{escape(p.before)}"
                    f"<span style='{_HIGHLIGHT}'>{escape(p.span)}</span>{escape(p.after)}”</p>")
            head = f"<b>Your answer in the interview</b> ({escape(p.document)})" + (
                f"<br><i>{escape(p.note)}</i>" if p.note else "")
        else:
            label = {"person": "Entered by you", "interview": "Interview answer", "imported": "Imported"}.get(p.kind, p.kind)
            head, body = f"<b>{label}</b>", (f"<p>{escape(p.note)}</p>" if p.note else "")
        meta = f"<p style='color:gray'>{escape(p.extractor)} · confidence {p.confidence:.0%}</p>" if p.extractor else ""
        parts.append(head + body + meta)
    return "<hr>".join(parts)


def details_html(fact: Fact) -> str:
    rows = "".join(f"<tr><td style='color:gray;padding-right:10px'>{escape(str(k))}</td>"
                   f"<td>{escape(_fmt(v))}</td></tr>" for k, v in sorted(fact.attributes.items()) if v not in (None, "", []))
    tags = ", ".join(fact.tags) or "—"
    return (f"<h3>{escape(fact.value)}</h3>"
            f"<p>{fact.type.value.replace('_', ' ').capitalize()} · {fact.status.value} · "
            f"{'hidden' if fact.visibility.value == 'private' else 'shown in exports'} · "
            f"confidence {fact.confidence:.0%}</p><table>{rows}</table><p style='color:gray'>Tags: {escape(tags)}</p>")


def _fmt(v: Any) -> str:
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def version_diff(newer: FactVersion, older: FactVersion | None) -> str:
    if older is None:
        return "created"
    changed = [c.field for c in diff_snapshots(older.snapshot, newer.snapshot)]
    return ", ".join(changed) or "no change"


class FactSidePanel(QTabWidget):
    """Shows one fact; `revert_done` after a revert; `open_document(doc_id, page, (start, end), name)`."""

    revert_done = Signal()
    open_document = Signal(int, int, object, str)

    def __init__(self, runner: OpsRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.fact_id: int | None = None
        self.setAccessibleName("Fact details")
        self.details = QTextBrowser()
        self.details.setAccessibleName("Fact details text")
        self.source = QTextBrowser()
        self.source.setAccessibleName("Source passage")
        src_tab = QWidget()
        sl = QVBoxLayout(src_tab)
        sl.setContentsMargins(0, 6, 0, 0)
        sl.addWidget(self.source, 1)
        self.open_button = QPushButton("Open document at this page")
        self.open_button.setAccessibleName("Open document at this page")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_document)
        srow = QHBoxLayout()
        srow.addStretch(1)
        srow.addWidget(self.open_button)
        sl.addLayout(srow)
        self._passages: list[Passage] = []
        hist = QWidget()
        hl = QVBoxLayout(hist)
        hl.setContentsMargins(0, 6, 0, 0)
        self.versions = QListWidget()
        self.versions.setAccessibleName("Version history")
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revert_button = QPushButton("Revert to this version")
        self.revert_button.setAccessibleName("Revert to this version")
        self.revert_button.setEnabled(False)
        self.revert_button.clicked.connect(self.revert_selected)
        self.versions.currentRowChanged.connect(self._version_selected)
        hl.addWidget(self.versions, 2)
        hl.addWidget(self.preview, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.revert_button)
        hl.addLayout(row)
        self.addTab(self.details, "Details")
        self.addTab(src_tab, "Source")
        self.addTab(hist, "History")
        self._history: list[FactVersion] = []
        self.show_fact(None)

    def show_fact(self, fact_id: int | None) -> None:
        self.fact_id = fact_id
        if fact_id is None or self.runner.workspace is None:
            self.details.setHtml("<p style='color:gray'>Select a fact to see where it came from and how it changed.</p>")
            self.source.clear()
            self.open_button.setEnabled(False)
            self.versions.clear()
            self._history = []
            return

        def load(ws: Any) -> tuple[Fact, list[Passage], list[FactVersion]]:
            return ws.get_fact(fact_id), provenance(ws, fact_id=fact_id), fact_history(ws, fact_id)[::-1]

        Query(self, load, runner=self.runner).on_success(lambda r: self._loaded(fact_id, *r)) \
            .on_failure(lambda _e: self.show_fact(None)).start()

    def _loaded(self, fact_id: int, fact: Fact, passages: list[Passage], versions: list[FactVersion]) -> None:
        if fact_id != self.fact_id:
            return
        self.details.setHtml(details_html(fact))
        self.source.setHtml(passage_html(passages))
        self._passages = passages
        self.open_button.setEnabled(any(p.document_id is not None for p in passages))
        self._history = versions
        self.versions.clear()
        for i, v in enumerate(versions):
            older = versions[i + 1] if i + 1 < len(versions) else None
            item = QListWidgetItem(f"v{v.version} · {v.action} · {v.created_at[:19].replace('T', ' ')} — "
                                   f"{version_diff(v, older)}")
            self.versions.addItem(item)
        self.revert_button.setEnabled(False)

    def _open_document(self) -> None:
        p = next((p for p in self._passages if p.document_id is not None), None)
        if p is not None and p.document_id is not None:
            span = (p.start, p.start + len(p.span)) if p.start is not None else None
            self.open_document.emit(p.document_id, p.page or 1, span, p.document or "Source document")

    def _version_selected(self, row: int) -> None:
        if not 0 <= row < len(self._history):
            self.preview.clear()
            self.revert_button.setEnabled(False)
            return
        v = self._history[row]
        self.preview.setText(f"<b>{escape(str(v.snapshot.get('value', '')))}</b><br>"
                             f"<span style='color:gray'>{escape(str(v.snapshot.get('status', '')))} · "
                             f"{escape(str(v.snapshot.get('visibility', '')))}</span>")
        self.revert_button.setEnabled(row > 0 and bool(v.snapshot) and v.action != "delete")

    def revert_selected(self) -> None:
        row = self.versions.currentRow()
        if self.fact_id is None or not 0 < row < len(self._history):
            return
        v = self._history[row]
        Mutation(self, actions.revert(self.fact_id, v.version), runner=self.runner) \
            .on_success(lambda _c: self.revert_done.emit()).start()
