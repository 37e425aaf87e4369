"""After a drop: a document that names someone else (name, e-mail, phone all different from the
profile's approved ones) is not merged silently; the person chooses another profile, add anyway,
or cancel (the document is removed again, undoably)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

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

    def review(self, batch: IngestBatch) -> None:
        stored = {out.document_id: Path(path) for path, out in batch.outcomes.items()
                  if out.status == "stored" and out.document_id is not None and out.posting_id is None}
        if not stored:
            return

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

    def _remove(self, document_id: int) -> None:
        Mutation(self.view, lambda ws: remove_document(ws, document_id), runner=self.view.runner).start()

    def _move(self, path: Path) -> None:
        """Switch profile (or create one); the file is read into the profile opened next."""
        window: Any = self.view.window()
        if hasattr(window, "carry_over"):
            window.carry_over.append(path)
            window.switch_profile()
