"""What every chart has: a pyqtgraph plot that follows the light/dark palette, a table view of its
series (for keyboard and screen-reader users), PNG/SVG export, and a `facts_clicked` signal that
carries the fact ids behind whatever was clicked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from pyqtgraph import exporters
from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

pg.setConfigOptions(antialias=True)

# Series colours readable on both the light and the dark background (Okabe–Ito, colour-blind safe).
SERIES = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999")


def colour(i: int) -> QColor:
    return QColor(SERIES[i % len(SERIES)])


class ChartPanel(QWidget):
    """A titled chart with a Chart/Table switch and an Export button. Subclasses fill `self.plot`
    and the table with `set_table(headers, rows, ids)` from one series."""

    facts_clicked = Signal(list)  # fact ids (ints) behind the clicked point, bar or row

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        self.setAccessibleDescription(description)
        self.title = title
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        head = QLabel(f"<b>{title}</b>")
        bar.addWidget(head)
        self.caption = QLabel(description)
        self.caption.setObjectName("muted")
        self.caption.setWordWrap(True)
        bar.addWidget(self.caption, 1)
        self.toggle = QPushButton("Table")
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName(f"Show {title} as a table")
        self.toggle.toggled.connect(self._switch)
        self.export_button = QPushButton("Export…")
        self.export_button.setAccessibleName(f"Export {title} as PNG or SVG")
        self.export_button.clicked.connect(self._ask_export)
        bar.addWidget(self.toggle)
        bar.addWidget(self.export_button)
        lay.addLayout(bar)
        self.stack = QStackedWidget()
        self.view = pg.PlotWidget()
        self.view.setAccessibleName(f"{title} chart")
        self.view.setMinimumHeight(260)
        self.plot: pg.PlotItem = self.view.getPlotItem()
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setMenuEnabled(False)
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName(f"{title} data")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.cellActivated.connect(self._row_activated)
        self.table.cellDoubleClicked.connect(self._row_activated)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.table)
        lay.addWidget(self.stack, 1)
        self._row_ids: list[tuple[int, ...]] = []
        self.apply_palette()

    # -- theme ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()

    def foreground(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def apply_palette(self) -> None:
        """Background, axes and labels from the widget palette (light or dark)."""
        pal = self.palette()
        self.view.setBackground(pal.color(QPalette.ColorRole.Base))
        fg = pal.color(QPalette.ColorRole.Text)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(pal.color(QPalette.ColorRole.Mid)))
            axis.setTextPen(pg.mkPen(fg))
        self.redraw()

    def redraw(self) -> None:
        """Draw the series again (after data or palette changed)."""

    # -- table view -------------------------------------------------------------------------
    def set_table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]], ids: Sequence[tuple[int, ...]]) -> None:
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, v)
                self.table.setItem(r, c, item)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._row_ids = list(ids)

    def _row_activated(self, row: int, _col: int) -> None:
        if 0 <= row < len(self._row_ids):
            self.facts_clicked.emit(list(self._row_ids[row]))

    def _switch(self, table: bool) -> None:
        self.stack.setCurrentIndex(1 if table else 0)
        self.toggle.setText("Chart" if table else "Table")

    # -- export -----------------------------------------------------------------------------
    def export(self, path: str | Path) -> Path:
        """Write the chart as PNG (pyqtgraph's exporter) or SVG (by the file's suffix).

        SVG goes through Qt's QSvgGenerator: pyqtgraph 0.14's SVGExporter fails on the path data
        current Qt writes ("not enough values to unpack")."""
        out = Path(path)
        if out.suffix.lower() == ".svg":
            size = self.view.size()
            gen = QSvgGenerator()
            gen.setFileName(str(out))
            gen.setSize(size)
            gen.setViewBox(QRect(0, 0, size.width(), size.height()))
            gen.setTitle(self.title)
            gen.setDescription(self.accessibleDescription())
            painter = QPainter(gen)
            try:
                self.view.render(painter)
            finally:
                painter.end()
            return out
        exporter = exporters.ImageExporter(self.plot)
        exporter.parameters()["width"] = max(800, int(self.view.width()))
        exporter.export(str(out))
        return out

    def _ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, f"Export {self.title}", f"{self.title.lower()}.png",
                                              "PNG image (*.png);;SVG image (*.svg)")
        if name:
            self.export(name)
