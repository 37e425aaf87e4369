"""A document at one page: the original page (a PDF page rendered, or a scanned or photographed page
straightened as OCR read it; in memory, never written out) with the fact's passage boxed, and the
stored text of that page with the passage highlighted."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.errors import NotFound
from core.intake.page_picture import PageGeometry, page_picture
from core.library import document_geometry, document_original, document_text
from core.workspace import Workspace
from ui.ops import OpsRunner, Query, Task

_MARK = "background-color: #ffe58a; color: #1d1f23;"


def page_text(ws: Workspace, document_id: int) -> tuple[str, list[tuple[int, int]]]:
    """The document's text and page offsets; nothing when it was erased meanwhile."""
    try:
        return document_text(ws, document_id)
    except NotFound:
        return "", []


RENDER_WIDTH = 1600  # pixels a page is rendered at before it is fitted to the view


def kept_pdf(ws: Workspace, document_id: int) -> bytes | None:
    """The original PDF or image kept in the vault, if any (other formats show their text)."""
    try:
        data = document_original(ws, document_id)
    except NotFound:
        return None
    return data if data is not None and _pictured(data) else None


def _pictured(data: bytes) -> bool:
    """Originals the viewer can show as pages: PDFs and the image formats OCR reads."""
    return data.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*"))


def page_geometry(ws: Workspace, document_id: int) -> PageGeometry:
    try:
        return document_geometry(ws, document_id)
    except NotFound:
        return PageGeometry()


def boxed_page(original: bytes, page: int, geometry: PageGeometry, span: tuple[int, int] | None,
               width: int = 900) -> tuple[QImage, list[tuple[float, float, float, float]]] | None:
    """The page picture (on a pool thread) and the passage's boxes in its pixels."""
    pil = page_picture(original, page, geometry, width=width)
    if pil is None:
        return None
    data = pil.tobytes()
    img = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888).copy()
    boxes: list[tuple[float, float, float, float]] = []
    if span is not None and geometry.page_width > 0:
        scale = pil.width / geometry.page_width
        boxes = [(x0 * scale, top * scale, x1 * scale, bottom * scale) for x0, top, x1, bottom in geometry.boxes_for(page, span)]
    return img, boxes


class DocumentPageDialog(QDialog):
    def __init__(self, runner: OpsRunner, document_id: int, name: str, *, page: int = 1,
                 span: tuple[int, int] | None = None, original: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.document_id, self.span, self.original = runner, document_id, span, original
        self.setWindowTitle(name)
        self.resize(820, 900)
        self.body = ""
        self.pages: list[tuple[int, int]] = []
        self.page = QSpinBox()
        self.page.setAccessibleName("Page")
        self.page.setMinimum(1)
        self.page.setValue(page)
        self.page.valueChanged.connect(self.show_page)
        top = QHBoxLayout()
        top.addWidget(QLabel(f"<b>{escape(name)}</b>"))
        top.addStretch(1)
        top.addWidget(QLabel("Page"))
        top.addWidget(self.page)
        self.tabs = QTabWidget()
        self.text = QTextBrowser()
        self.text.setAccessibleName("Page text")
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image.setAccessibleName("Page image")
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        self.tabs.addTab(self.text, "Text")
        self.image_tab = scroll
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(buttons)
        self._kept: bytes | None = None  # the original PDF or image as kept in the vault
        self.page_geometry = PageGeometry()  # (not `geometry`: that is QWidget.geometry())
        Query(self, lambda ws: page_geometry(ws, document_id), runner=runner).on_success(self._geometry).start()
        self._page_image: QImage | None = None  # rendered wide; shown scaled to the view's width
        Query(self, lambda ws: page_text(ws, document_id), runner=runner).on_success(self._loaded).start()
        if original is None:
            Query(self, lambda ws: kept_pdf(ws, document_id), runner=runner).on_success(self._kept_loaded).start()

    def _geometry(self, geometry: PageGeometry) -> None:
        self.page_geometry = geometry

    def _kept_loaded(self, data: bytes | None) -> None:
        if data is not None:
            self._kept = data
            if self.body or self.pages:
                self.show_page(self.page.value())

    def _loaded(self, res: tuple[str, list[tuple[int, int]]]) -> None:
        self.body, self.pages = res
        self.page.setMaximum(max(1, len(self.pages)))
        self.show_page(self.page.value())

    def show_page(self, page: int) -> None:
        start, end = self.pages[page - 1] if 0 < page <= len(self.pages) else (0, len(self.body))
        chunk = self.body[start:end]
        if self.span and start <= self.span[0] < end:
            a, b = self.span[0] - start, min(end, self.span[1]) - start
            html = escape(chunk[:a]) + f"<span style='{_MARK}'>" + escape(chunk[a:b]) + "</span>" + escape(chunk[b:])
        else:
            html = escape(chunk)
        self.text.setHtml(f"<pre style='white-space:pre-wrap; font-family:sans-serif'>{html}</pre>")
        span = self.span if self.span and start <= self.span[0] < end else None
        geometry = self.page_geometry
        if self.original is not None and self.original.is_file():
            path = self.original
            Task(self, lambda: boxed_page(path.read_bytes(), page, geometry, span, RENDER_WIDTH), runner=self.runner).on_success(self._image).start()
        elif self._kept is not None:
            kept = self._kept
            Task(self, lambda: boxed_page(kept, page, geometry, span, RENDER_WIDTH), runner=self.runner).on_success(self._image).start()

    def _image(self, res: Any) -> None:
        if res is None:
            return
        img, boxes = res
        if boxes:
            painter = QPainter(img)
            painter.setPen(QPen(QColor(214, 150, 0), 5))
            painter.setBrush(QColor(255, 229, 138, 90))
            for x0, top, x1, bottom in boxes:
                painter.drawRect(int(x0) - 5, int(top) - 5, int(x1 - x0) + 10, int(bottom - top) + 10)
            painter.end()
        self.image.setToolTip(f"{len(boxes)} line(s) of this passage are boxed on the page" if boxes else "")
        self._page_image = img
        self._fit_width()
        if self.tabs.indexOf(self.image_tab) < 0:
            self.tabs.insertTab(0, self.image_tab, "Original")
            self.tabs.setCurrentIndex(0)

    def _fit_width(self) -> None:
        """The page as wide as the view (no sideways scrolling), sharp because it was rendered wide."""
        if self._page_image is None:
            return
        width = max(200, self.image_tab.viewport().width() - 2)
        self.image.setPixmap(QPixmap.fromImage(self._page_image).scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_width()
