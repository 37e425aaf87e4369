"""Add a fact of any kind with its fields: a role with company and dates, an education entry, a
skill with its group, a contact detail, a language... (one undo step; approved, since the person
stated it)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from core import kb
from core.dates import PartialDate
from core.model import FactStatus, FactType
from ui.knowledge.wording import label
from ui.ops import Mutation, OpsRunner

# kind -> [(attribute, required)]; the first field is the fact's value
FIELDS: dict[FactType, list[tuple[str, bool]]] = {
    FactType.role: [("title", True), ("organisation", False), ("location", False), ("start", False),
                    ("end", False)],
    FactType.education: [("institution", True), ("degree", False), ("field", False), ("start", False),
                         ("end", False), ("grade", False)],
    FactType.skill: [("name", True), ("category", False), ("level", False)],
    FactType.contact: [("value", True)],
    FactType.achievement: [("text", True)],
    FactType.credential: [("name", True), ("issuer", False), ("date", False), ("url", False)],
    FactType.project: [("name", True), ("description", False), ("start", False), ("end", False), ("url", False)],
    FactType.language: [("language", True), ("fluency", False)],
    FactType.award: [("title", True), ("awarder", False), ("date", False)],
    FactType.publication: [("name", True), ("publisher", False), ("date", False), ("url", False)],
    FactType.volunteer: [("position", True), ("organisation", False), ("start", False), ("end", False)],
    FactType.interest: [("name", True)],
    FactType.organisation: [("name", True), ("location", False), ("url", False)],
    FactType.preference: [("value", True)],
}
CONTACT_KINDS = ["name", "email", "phone", "location", "url", "profile", "summary"]
_DATE_FIELDS = {"start", "end", "date"}


class AddFactDialog(QDialog):
    """Pick a kind; its fields appear; Add stores the fact (dates checked as YYYY or YYYY-MM)."""

    def __init__(self, runner: OpsRunner, parent: QWidget | None = None, *,
                 kind: FactType = FactType.achievement) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle("Add a fact")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of fact")
        for t in FIELDS:
            self.kind.addItem(t.value.replace("_", " ").capitalize(), t.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind.value)))
        self.kind.currentIndexChanged.connect(lambda _i: self._build())
        self.form_host = QWidget()
        self.fields: dict[str, QLineEdit] = {}
        self.contact_kind = QComboBox()
        self.contact_kind.setAccessibleName("Contact kind")
        for k in CONTACT_KINDS:
            self.contact_kind.addItem(label(k) if k != "url" else "Web address", k)
        self.current = QCheckBox("I work here now")
        self.current.setAccessibleName("Current role")
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = buttons.addButton("Add", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setAccessibleName("Add")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        top = QFormLayout()
        top.addRow("Kind:", self.kind)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.form_host)
        self.body = lay
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.setMinimumWidth(440)
        self._build()

    def fact_type(self) -> FactType:
        return FactType(self.kind.currentData())

    def _build(self) -> None:
        """A fresh form for the chosen kind (the old one is dropped whole)."""
        host = QWidget()
        self.form = QFormLayout(host)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.body.replaceWidget(self.form_host, host)
        self.form_host.hide()
        self.form_host.deleteLater()
        self.form_host = host
        host.show()  # a widget added to a dialog already on screen is hidden until shown
        self.fields = {}
        ftype = self.fact_type()
        if ftype == FactType.contact:
            self.contact_kind = self._fresh_combo(self.contact_kind)
            self.form.addRow("Detail:", self.contact_kind)
        for key, required in FIELDS[ftype]:
            edit = QLineEdit()
            edit.setAccessibleName(label(key))
            if key in _DATE_FIELDS:
                edit.setPlaceholderText("YYYY or YYYY-MM")
            self.fields[key] = edit
            self.form.addRow(f"{label(key)}{' *' if required else ''}:", edit)
        if ftype == FactType.role:
            self.current = QCheckBox("I work here now")
            self.current.setAccessibleName("Current role")
            self.current.toggled.connect(lambda on: self.fields["end"].setEnabled(not on))
            self.form.addRow("", self.current)
        self.message.clear()
        next(iter(self.fields.values())).setFocus()
        self.adjustSize()

    @staticmethod
    def _fresh_combo(old: QComboBox) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(old.accessibleName())
        for i in range(old.count()):
            combo.addItem(old.itemText(i), old.itemData(i))
        return combo

    def values(self) -> tuple[str, dict[str, Any]] | str:
        """(value, attributes), or a message saying what is wrong."""
        ftype = self.fact_type()
        got = {k: e.text().strip() for k, e in self.fields.items()}
        (first, _req), *_ = FIELDS[ftype]
        if not got[first]:
            return f"{label(first)} is needed."
        for k in _DATE_FIELDS & set(got):
            if got[k] and PartialDate.parse(got[k]) is None:
                return f"{label(k)} should be a year or year and month, like 2021 or 2021-04."
        attrs: dict[str, Any] = {k: v for k, v in got.items() if v and k != "value"}
        if ftype == FactType.contact:
            attrs["kind"] = self.contact_kind.currentData()
        if ftype == FactType.role and self.current.isChecked():
            attrs.pop("end", None)
            attrs["present"] = True
        return got[first], attrs

    def submit(self) -> None:
        result = self.values()
        if isinstance(result, str):
            self.message.setText(result)
            return
        value, attrs = result
        fact = kb.NewFact(type=self.fact_type(), value=value, attributes=attrs, status=FactStatus.approved)
        self.add_button.setEnabled(False)
        Mutation(self, lambda ws: kb.create_fact(ws, fact), runner=self.runner) \
            .on_success(lambda _c: self.accept()) \
            .on_failure(self._failed).start()

    def _failed(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        self.message.setText(str(exc))
