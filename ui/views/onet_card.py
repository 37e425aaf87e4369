"""The O*NET part of Settings: status, attribution, import from a folder or zip with progress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget

from core.session import Session
from ui.onet_progress import OverallProgress
from ui.ops import OpsRunner, Task
from ui.prompts import prompts
from ui.views.dashboard import card


class OnetCard(QWidget):
    """Shows the imported release and re-imports it (the import's Changes reach every view)."""

    def __init__(self, runner: OpsRunner, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.session = runner, session
        self.frame, lay = card("O*NET occupational data")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("O*NET status")
        lay.addWidget(self.status)
        row = QHBoxLayout()
        self.folder_button = QPushButton("Import from folder…")
        self.folder_button.setAccessibleName("Import O*NET from a folder")
        self.folder_button.clicked.connect(self.import_folder)
        self.zip_button = QPushButton("Import from zip…")
        self.zip_button.setAccessibleName("Import O*NET from a zip file")
        self.zip_button.clicked.connect(self.import_zip)
        self.download_button = QPushButton("Download…")
        self.download_button.setAccessibleName("Download O*NET")
        self.download_button.clicked.connect(self.download)
        self.semantic = QCheckBox("Semantic lookups (computes embeddings; slower import)")
        self.semantic.setAccessibleName("Compute embeddings during import")
        self.semantic.setChecked(True)
        row.addWidget(self.folder_button)
        row.addWidget(self.zip_button)
        row.addWidget(self.download_button)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(self.semantic)  # its own line: never clipped in the narrow first-run wizard
        self.op: Task | None = None

    def refresh(self) -> None:
        session = self.session
        Task(self, session.ontology_info, runner=self.runner).on_success(self._show) \
            .on_failure(lambda e: self.status.setText(f"O*NET could not be opened: {e}")).start()

    def _show(self, info: Any) -> None:
        if info is None:
            self.status.setText("Not imported. Vita works without it (a built-in skill list is used); importing "
                                "the O*NET text release adds occupations, title mapping and richer matching. "
                                "Get the “Text” database zip from onetcenter.org.")
            return
        emb = ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in info.embeddings.items()) or "none"
        self.status.setText(
            f"<b>O*NET {info.version}</b>, imported {info.imported_at[:16].replace('T', ' ')}<br>"
            f"{info.counts.get('occupation', 0):,} occupations · {info.counts.get('alt_title', 0):,} alternate "
            f"titles · {info.counts.get('tech_skill', 0):,} technology skills · embeddings: {emb}<br>"
            f"<span style='color:gray'>{info.licence}. {info.attribution}</span>")

    def import_folder(self) -> None:
        folder = prompts().choose_folder(self, "Choose the O*NET text release folder")
        if folder:
            self.start_import(Path(folder))

    def import_zip(self) -> None:
        files = prompts().choose_files(self, "Choose the O*NET release zip", "Zip files (*.zip)")
        if files:
            self.start_import(Path(files[0]))

    def download(self) -> None:
        """Fetch the official release zip (the only network use, and only when asked), then import."""
        from core.ontology import DEFAULT_URL

        url = prompts().ask_text(self, "Download O*NET", "Address of the O*NET text release (zip):",
                                 default=DEFAULT_URL)
        if url and url.strip():
            self.start_import(url.strip())

    def _buttons(self, enabled: bool) -> None:
        for b in (self.folder_button, self.zip_button, self.download_button):
            b.setEnabled(enabled)

    def start_import(self, source: Path | str) -> Task:
        from core.ontology import import_ontology

        session = self.session
        embed = session.embedding().embed if self.semantic.isChecked() else None

        stages = (["download"] if isinstance(source, str) else []) + ["files", "index"] + \
            (["embeddings"] if embed is not None else [])
        overall = OverallProgress(stages)  # one bar over every stage: it never jumps back

        def work() -> Any:
            report = lambda p: op.report(overall.report(p.stage, p.done, p.total, p.item))  # noqa: E731
            cancelled = lambda: op.cancel_token.cancelled  # noqa: E731
            # its result's changes have ontology=True: the runner broadcasts it to every view
            return import_ontology(session.services, source, embed=embed, progress=report, cancel=cancelled)

        op = Task(self, work, runner=self.runner)
        op.with_progress("Downloading and importing O*NET" if isinstance(source, str) else "Importing O*NET",
                         cancellable=True).on_success(self._imported)
        self.op = op
        self._buttons(False)
        op.on_failure(self._failed)
        return op.start()  # type: ignore[return-value]

    def _imported(self, result: Any) -> None:
        report = result.report
        self._buttons(True)
        self.refresh()
        missing = f" Not in this release: {', '.join(report.missing)}." if report.missing else ""
        prompts().inform(self, "O*NET imported",
                         f"Imported O*NET {report.version} in {report.seconds:.0f} s.{missing}")

    def _failed(self, exc: BaseException) -> None:
        from ui.prompts import show_error

        self._buttons(True)
        show_error(exc, self)
        self.refresh()


