"""A "Show passphrase" check box that reveals password fields while it is ticked."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit


def reveal_toggle(*fields: QLineEdit, text: str = "Show passphrase") -> QCheckBox:
    """A check box that shows every given field in clear while ticked (Alt+S)."""
    box = QCheckBox(text.replace("Show", "&Show", 1))
    box.setAccessibleName(text)
    box.setToolTip("Show what you type (Alt+S)")

    def toggled(on: bool) -> None:
        for field in fields:
            field.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)

    box.toggled.connect(toggled)
    return box
