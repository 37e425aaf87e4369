"""The highlight shown while files are dragged over the window: a framed "Drop to add" over the page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget


class DropOverlay(QLabel):
    """Covers its parent (transparent to the mouse) while a drag that Vita accepts is over it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dropoverlay")
        self.setAccessibleName("Drop to add documents")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet("#dropoverlay { border: 3px dashed palette(highlight); border-radius: 10px;"
                           " background: rgba(52, 120, 220, 40); font-size: 18pt; font-weight: bold; }")
        self.hide()
        parent.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if obj is parent and parent is not None and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect().adjusted(8, 8, -8, -8))
        return False

    def show_for(self, count: int) -> None:
        self.setText(f"Drop to add {count} file{'s' if count != 1 else ''} to your vault")
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect().adjusted(8, 8, -8, -8))
        self.raise_()
        self.show()
