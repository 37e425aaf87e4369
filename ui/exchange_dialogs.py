"""Import and export: every format of core.exchange, with the tailor option and saved variants."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.exchange.api import SUFFIX, ImportSummary, export_file, import_file
from core.exchange.readiness import suggested_file_stem
from core.exchange.selection import Selection, list_variants, save_variant
from core.session import MemoryPreferences
from core.workspace import Workspace
from ui.ops import Mutation, OpsRunner, Query
from ui.prompts import prompts

FORMAT_LABELS = {
    "docx": "Word resume (.docx)",
    "pdf": "PDF resume (.pdf)",
    "jsonresume": "JSON Resume (.json)",
    "md": "Markdown (.md)",
    "csv": "Facts table (.csv)",
    "vita": "Full Vita export (.vita.json)",
}
RESUME_FORMATS = {"docx", "pdf", "jsonresume", "md"}


def import_one(path: Path) -> Any:
    """The import as a mutation: its ImportSummary carries the `changes` the runner broadcasts."""
    def run(ws: Workspace) -> ImportSummary:
        return import_file(ws, path)

    return run


def start_import(parent: QWidget, runner: OpsRunner) -> None:
    """Ask for a JSON Resume, LinkedIn export ZIP or Vita export and import it (one undo step)."""
    files = prompts().choose_files(parent, "Import", "JSON Resume, LinkedIn export or Vita export (*.json *.zip)")
    for f in files:
        path = Path(f)
        Mutation(parent, import_one(path), runner=runner).with_progress(f"Importing {path.name}") \
            .on_success(partial(_tell_imported, parent, path)).start()


def _tell_imported(parent: QWidget, path: Path, result: Any) -> None:
    kind = result.kind.replace("jsonresume", "JSON Resume")
    prompts().inform(parent, "Imported", f"{path.name}: {result.facts} facts ({kind}).")


def _split(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def reveal(path: Path, *, folder: bool = False) -> bool:
    """Open an exported file with the desktop's application for it, or its folder."""
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent if folder else path)))


class ExportDialog(QDialog):
    """Choose a format and (for resumes) tailor which facts go in; saved variants re-export."""

    def __init__(self, runner: OpsRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.last_path: Path | None = None
        self.setWindowTitle("Export")
        self.fmt = QComboBox()
        self.fmt.setAccessibleName("Export format")
        for key, label in FORMAT_LABELS.items():
            self.fmt.addItem(label, key)
        self.fmt.currentIndexChanged.connect(self._format_changed)

        self.tailor = QGroupBox("Tailor this resume")
        self.tailor.setCheckable(True)
        self.tailor.setChecked(False)
        self.tailor.setAccessibleName("Tailor")
        self.variant = QComboBox()
        self.variant.setAccessibleName("Saved variant")
        self.variant.addItem("— none —", "")
        self.variant.activated.connect(self._load_variant)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("e.g. leadership, data")
        self.tags.setAccessibleName("Tags")
        self.skills = QLineEdit()
        self.skills.setPlaceholderText("e.g. Python, SQL")
        self.skills.setAccessibleName("Skills")
        self.date_from = QLineEdit()
        self.date_from.setPlaceholderText("YYYY or YYYY-MM")
        self.date_from.setAccessibleName("From date")
        self.date_to = QLineEdit()
        self.date_to.setPlaceholderText("YYYY or YYYY-MM")
        self.date_to.setAccessibleName("To date")
        self.save_variant_button = QPushButton("Save as variant…")
        self.save_variant_button.setAccessibleName("Save as variant")
        self.save_variant_button.clicked.connect(self.save_as_variant)
        tf = QFormLayout(self.tailor)
        tf.addRow("Variant:", self.variant)
        tf.addRow("Tags:", self.tags)
        tf.addRow("Skills:", self.skills)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.date_to)
        tf.addRow("Dates:", dates)
        tf.addRow("", self.save_variant_button)

        self.pending = QCheckBox("Include facts not yet approved")
        self.pending.setAccessibleName("Include pending facts")
        self.hidden = QCheckBox("Include hidden facts")
        self.hidden.setAccessibleName("Include hidden facts")
        self.inferred = QCheckBox("Also list skills Vita inferred from your bullets and O*NET")
        self.inferred.setAccessibleName("Include inferred skills")
        self.inferred.setToolTip("By default the resume lists only the skills you stated (your skills section "
                                 "and skills you added).")
        self.originals = QCheckBox("Include the original documents")
        self.originals.setAccessibleName("Include original documents")
        self.note = QLabel()
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setAccessibleName("Export")
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Format:", self.fmt)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.tailor)
        lay.addWidget(self.pending)
        lay.addWidget(self.hidden)
        lay.addWidget(self.inferred)
        lay.addWidget(self.originals)
        lay.addWidget(self.note)
        lay.addWidget(buttons)
        self.setMinimumWidth(480)
        self.variants: dict[str, Selection] = {}
        # the last format and folder, for next time: device preferences, kept through the session
        self.preferences = getattr(runner.session, "preferences", None) or MemoryPreferences()
        last = self.fmt.findData(self.preferences.get("export_format") or "pdf")
        self.fmt.setCurrentIndex(max(0, last))
        self.file_stem = "resume"
        self._format_changed()
        Query(self, list_variants, runner=runner).on_success(self._variants).start()
        Query(self, suggested_file_stem, runner=runner).on_success(lambda stem: setattr(self, "file_stem", stem)) \
            .start()

    def _variants(self, variants: dict[str, Selection]) -> None:
        self.variants = variants
        self.variant.clear()
        self.variant.addItem("— none —", "")
        for name in sorted(variants):
            self.variant.addItem(name, name)

    def _load_variant(self, _i: int) -> None:
        sel = self.variants.get(self.variant.currentData() or "")
        if sel is None:
            return
        self.tags.setText(", ".join(sel.tags))
        self.skills.setText(", ".join(sel.skills))
        self.date_from.setText(sel.date_from or "")
        self.date_to.setText(sel.date_to or "")
        self.pending.setChecked(sel.include_pending)
        self.hidden.setChecked(sel.include_hidden)
        self.inferred.setChecked(sel.include_inferred_skills)

    def _format_changed(self) -> None:
        fmt = self.fmt.currentData()
        resume = fmt in RESUME_FORMATS
        self.tailor.setEnabled(resume or fmt == "csv")
        self.originals.setVisible(fmt == "vita")
        self.pending.setVisible(fmt != "vita")
        self.hidden.setVisible(fmt != "vita")
        self.inferred.setVisible(resume)
        self.note.setText({
            "vita": "Everything in this profile (facts, edges, history, documents' details), to move it to "
                    "another computer or keep as an archive. It is not encrypted: store it safely.",
            "csv": "Every fact with its type, status and source, for a spreadsheet.",
        }.get(fmt, "Approved facts that are not hidden, and the skills you stated; your name and contact "
                   "are always on it. Promotions stay under one organisation."))

    def selection(self) -> Selection | None:
        fmt = self.fmt.currentData()
        if fmt == "vita":
            return None
        tailored = self.tailor.isChecked()
        sel = Selection(tags=_split(self.tags.text()) if tailored else [],
                        skills=_split(self.skills.text()) if tailored else [],
                        date_from=(self.date_from.text().strip() or None) if tailored else None,
                        date_to=(self.date_to.text().strip() or None) if tailored else None,
                        include_pending=self.pending.isChecked(), include_hidden=self.hidden.isChecked(),
                        include_inferred_skills=self.inferred.isChecked() and fmt in RESUME_FORMATS)
        if fmt == "csv" and not (sel.tailored or sel.include_pending or sel.include_hidden):
            return None  # the whole facts table
        return sel

    def save_as_variant(self) -> None:
        name = prompts().ask_text(self, "Save variant", "Name of this variant (e.g. “Data roles”):")
        if not name or not name.strip():
            return
        sel = self.selection() or Selection()
        Mutation(self, lambda ws: save_variant(ws, name.strip(), sel), runner=self.runner) \
            .on_success(lambda _c: self._reload_variants()).start()

    def _reload_variants(self) -> None:
        Query(self, list_variants, runner=self.runner).on_success(self._variants).start()

    def export(self) -> None:
        fmt = self.fmt.currentData()
        name = self.file_stem + SUFFIX[fmt] if fmt in RESUME_FORMATS else (
            "facts.csv" if fmt == "csv" else "vita-export.vita.json")
        folder = str(self.preferences.get("export_folder") or "")
        suggested = str(Path(folder) / name) if folder and Path(folder).is_dir() else name
        target = prompts().choose_save_path(self, "Export to", suggested)
        if not target:
            return
        path = Path(target)
        if not path.name.endswith(SUFFIX[fmt]):
            path = path.with_name(path.name + SUFFIX[fmt]) if not path.suffix else path
        sel = self.selection()
        originals = self.originals.isChecked()
        self.export_button.setEnabled(False)

        warnings: list[str] = []

        def done(p: Path) -> None:
            self.last_path = p
            self.export_button.setEnabled(True)
            self.preferences.set("export_format", fmt)
            self.preferences.set("export_folder", str(p.parent))
            answer = prompts().choose(self, "Exported", f"Saved {p.name} in {p.parent}."
                                      + "".join(f"\n\n{w}" for w in warnings), ["Open", "Show in folder", "Close"])
            if answer in (0, 1):
                reveal(p, folder=answer == 1)
            self.accept()

        def failed(exc: BaseException) -> None:
            from ui.prompts import show_error

            self.export_button.setEnabled(True)
            show_error(exc, self)

        Query(self, lambda ws: export_file(ws, fmt, path, selection=sel, include_originals=originals,
                                           warnings=warnings),
              runner=self.runner).with_progress("Exporting").on_success(done).on_failure(failed).start()
