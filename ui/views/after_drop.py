"""After a drop: a document that names someone else (name, e-mail, phone all different from the
profile's approved ones) is not merged silently; the person chooses another profile, add anyway,
or cancel (the document is removed again, undoably)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from core.kb.identity import IdentityClash, identity_clash
from core.library import remove_document
from ui.ops import Mutation, Query
from ui.prompts import prompts

if TYPE_CHECKING:
    from ui.views.document_ops import IngestBatch
    from ui.views.documents import DocumentsView

OPTIONS = ["Add it to another profile…", "Add anyway", "Cancel"]


class IdentityCheck:
    """Asks about each newly stored document whose identity clashes with the profile's."""

    def __init__(self, view: DocumentsView) -> None:
        self.view = view
        self.asked: list[IdentityClash] = []  # for tests and the status line
        self.next_banner = _NextBanner(view)
        layout: Any = view.layout()
        layout.insertWidget(2, self.next_banner)  # under the drop zone

    def review(self, batch: IngestBatch, *, first: bool = False) -> None:
        stored = {out.document_id: Path(path) for path, out in batch.outcomes.items()
                  if out.status == "stored" and out.document_id is not None and out.posting_id is None}
        if not stored:
            return
        if first:
            self._first_documents(batch)

        def work(ws: Any) -> list[IdentityClash]:
            return [c for d in stored if (c := identity_clash(ws, d)) is not None]

        Query(self.view, work, runner=self.view.runner) \
            .on_success(lambda clashes: self._ask(clashes, stored)).start()

    def _ask(self, clashes: list[IdentityClash], paths: dict[int, Path]) -> None:
        for clash in clashes:
            self.asked.append(clash)
            answer = prompts().choose(
                self.view, "Another person's document?",
                f"“{clash.source_name}” looks like another person's resume:\n\n{clash.describe()}\n\n"
                "Add it to another profile, add it to this one anyway, or cancel (it is removed again).",
                OPTIONS)
            if answer == 1:
                continue
            self._remove(clash.document_id)
            if answer == 0:
                self._move(paths[clash.document_id])

    def _first_documents(self, batch: IngestBatch) -> None:
        """The profile's first documents: back the vault up at once, then point at the review queue."""
        Query(self.view, lambda ws: ws.backup(reason="first-ingest"), runner=self.view.runner).start()
        facts = sum(o.new_facts for o in batch.outcomes.values() if o.status == "stored")
        self.next_banner.show_for(facts)

    def _remove(self, document_id: int) -> None:
        Mutation(self.view, lambda ws: remove_document(ws, document_id), runner=self.view.runner).start()

    def _move(self, path: Path) -> None:
        """Switch profile (or create one); the file is read into the profile opened next."""
        window: Any = self.view.window()
        if hasattr(window, "carry_over"):
            window.carry_over.append(path)
            window.switch_profile()


class _NextBanner(QFrame):
    """"What next" after the first drop: a line and a button to the review queue (not a modal prompt)."""

    def __init__(self, view: DocumentsView) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("nextbanner")
        self.setStyleSheet("#nextbanner { background: palette(alternate-base); border-radius: 6px; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.open_button = QPushButton("Open the review queue")
        self.open_button.setAccessibleName("Open the review queue")
        self.open_button.clicked.connect(self._open)
        later = QPushButton("Later")
        later.setAccessibleName("Dismiss what next")
        later.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.open_button)
        lay.addWidget(later)
        self.hide()

    def show_for(self, facts: int) -> None:
        self.label.setText(f"<b>Vita found {facts} facts.</b> Next, review them: the review queue shows your "
                           "name and contact, roles, education and skills first, the least certain first. "
                           "Approved facts go on your resume.")
        self.show()

    def _open(self) -> None:
        self.hide()
        window: Any = self.view.window()
        if hasattr(window, "open_review_queue"):
            window.open_review_queue()
