"""System light/dark theme: Fusion with a palette that follows the OS colour scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = QColor("#2f6fde")


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def palette(dark: bool) -> QPalette:
    p = QPalette()
    if dark:
        base, window, text, mid = QColor("#1f2126"), QColor("#272a30"), QColor("#e6e6e6"), QColor("#3a3e46")
        alt = QColor("#24272d")
    else:
        base, window, text, mid = QColor("#ffffff"), QColor("#f4f5f7"), QColor("#1d1f23"), QColor("#d5d8de")
        alt = QColor("#f7f8fa")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, alt)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, window)
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.ToolTipBase, base)
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a8f98"))
    p.setColor(QPalette.ColorRole.Mid, mid)
    p.setColor(QPalette.ColorRole.Highlight, ACCENT)
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, ACCENT.lighter(130) if dark else ACCENT)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7f88"))
    return p


def stylesheet(dark: bool) -> str:
    side = "#1b1d21" if dark else "#eceef2"
    sel = "#2f3540" if dark else "#dfe6f5"
    card = "#2c2f36" if dark else "#ffffff"
    border = "#3a3e46" if dark else "#dde0e6"
    muted = "#9aa0a9" if dark else "#6b7280"
    danger = "#f08a8a" if dark else "#b42318"
    return f"""
QListWidget#sidebar {{ background: {side}; border: none; padding-top: 8px; font-size: 14px; outline: 0; }}
QListWidget#sidebar::item {{ padding: 9px 14px; border-radius: 6px; margin: 1px 8px; }}
QListWidget#sidebar::item:selected {{ background: {sel}; color: palette(text); font-weight: 600; }}
QFrame#card {{ background: {card}; border: 1px solid {border}; border-radius: 10px; }}
QLabel#muted {{ color: {muted}; }}
QPushButton#danger {{ color: {danger}; }}
QLabel#bignumber {{ font-size: 28px; font-weight: 600; }}
QLabel#viewtitle {{ font-size: 20px; font-weight: 600; }}
QFrame#dropzone {{ border: 2px dashed {border}; border-radius: 12px; background: {card}; }}
QTableView {{ gridline-color: {border}; selection-background-color: {ACCENT.name()}; }}
QHeaderView::section {{ padding: 5px 8px; border: none; border-bottom: 1px solid {border};
                        background: palette(window); font-weight: 600; }}
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    dark = is_dark()
    app.setPalette(palette(dark))
    app.setStyleSheet(stylesheet(dark))
