"""Dashboard: counts by fact type, documents, pending reviews, conflicts, profile completeness."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from core.advice import plan_for_insights
from core.gaps import ProfileGaps, profile_gaps
from core.insights import Insight, InsightCache, top_insights
from core.interview.stories import behaviour_profile
from core.kb.identity import unresolved_identity
from core.kb.overview import Overview, overview
from core.profile import career_profile
from core.workspace import Workspace
from ui.ops import Query
from ui.views.base import View, clear_layout

TOP_INSIGHTS = 3
LINE_CHARS = 110  # a longer statement is cut (whole in the tooltip) so the card never scrolls sideways



Figures = tuple[Overview, ProfileGaps, tuple[Insight, ...], dict[str, list[str]]]


def dashboard_figures(ws: Workspace, cache: InsightCache | None = None) -> Figures:
    """Counts, completeness and the top insights, read on the vault thread. Completeness counts
    approved facts only, and a name, e-mail or phone with several unsettled values does not count
    as known. Recommendations need the saved jobs matched, so `top_with_next_step` adds them after."""
    top = (cache or InsightCache()).get(ws, behaviour=behaviour_profile).report.insights[:TOP_INSIGHTS]
    unresolved = unresolved_identity(ws)
    profile = career_profile(ws, approved_only=True)
    if unresolved:
        profile = dataclasses.replace(profile, contacts=tuple(c for c in profile.contacts
                                                              if c.kind not in unresolved))
    return overview(ws), profile_gaps(profile), top, unresolved


def top_with_next_step(ws: Workspace, cache: InsightCache | None = None) -> tuple[Insight, ...]:
    """The top insights with a place kept for the best recommendation (matching the saved jobs)."""
    report = (cache or InsightCache()).get(ws, behaviour=behaviour_profile, plan=plan_for_insights).report
    return top_insights(report, TOP_INSIGHTS)


def card(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(16, 14, 16, 14)
    head = QLabel(title)
    head.setObjectName("muted")
    lay.addWidget(head)
    return frame, lay


class _Stat(QFrame):
    def __init__(self, title: str, hint: str) -> None:
        super().__init__()
        self.setObjectName("card")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        t = QLabel(title)
        t.setObjectName("muted")
        self.number = QLabel("0")
        self.number.setObjectName("bignumber")
        self.hint = QLabel(hint)
        self.hint.setObjectName("muted")
        lay.addWidget(t)
        lay.addWidget(self.number)
        lay.addWidget(self.hint)
        self.setAccessibleName(title)

    def set(self, value: int, hint: str | None = None) -> None:
        self.number.setText(f"{value:,}")
        if hint is not None:
            self.hint.setText(hint)


class DashboardView(View):
    """The landing page; emits `navigate(page, filter)` when a card's button is used."""

    title = "Dashboard"
    shortcut = "Ctrl+1"
    navigate = Signal(str, dict)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.last: Overview | None = None
        self.gaps: ProfileGaps | None = None
        self.insight_cache = InsightCache()
        self.plan_cache = InsightCache()  # with recommendations (the saved jobs matched)
        lay = self.scrolling_page("An overview of your career record.")

        stats = QHBoxLayout()
        self.facts = _Stat("Facts", "in your record")
        self.docs = _Stat("Documents", "read so far")
        self.pending = _Stat("To review", "facts waiting for approval")
        self.conflicts = _Stat("Conflicts", "to settle")
        for s in (self.facts, self.docs, self.pending, self.conflicts):
            stats.addWidget(s)
        lay.addLayout(stats)

        grid = QHBoxLayout()
        types_card, self.types_lay = card("Facts by type")
        self.types_grid = QGridLayout()
        self.types_grid.setColumnStretch(1, 1)
        self.types_lay.addLayout(self.types_grid)
        self.types_lay.addStretch(1)
        comp_card, comp_lay = card("Profile completeness (approved facts)")
        self.completeness = QProgressBar()
        self.completeness.setAccessibleName("Profile completeness")
        self.completeness.setFormat("%p% complete")
        comp_lay.addWidget(self.completeness)
        self.checklist = QLabel()
        self.checklist.setTextFormat(Qt.TextFormat.RichText)
        comp_lay.addWidget(self.checklist)
        self.interview_button = QPushButton("Answer a few questions…")
        self.interview_button.setAccessibleName("Fill the gaps in an interview")
        self.interview_button.setToolTip("Vita asks what your record is missing, one question at a time (Ctrl+Shift+I)")
        self.interview_button.clicked.connect(lambda: self.navigate.emit("interview", {}))
        comp_lay.addWidget(self.interview_button, 0, Qt.AlignmentFlag.AlignLeft)
        comp_lay.addStretch(1)
        grid.addWidget(types_card, 3)
        grid.addWidget(comp_card, 2)
        lay.addLayout(grid)

        insights_card, insights_lay = card("What your record shows")
        self.top_insights = QVBoxLayout()
        insights_lay.addLayout(self.top_insights)
        self.insights_button = QPushButton("Open Insights")
        self.insights_button.setAccessibleName("Open Insights")
        self.insights_button.clicked.connect(lambda: self.navigate.emit("Insights", {}))
        insights_lay.addWidget(self.insights_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(insights_card)

        recent_card, recent_lay = card("Recently changed")
        self.recent = QLabel()
        self.recent.setTextFormat(Qt.TextFormat.RichText)
        self.recent.setWordWrap(True)
        recent_lay.addWidget(self.recent)
        actions = QHBoxLayout()
        self.review_button = QPushButton("Review pending facts")
        self.review_button.setAccessibleName("Review pending facts")
        self.review_button.clicked.connect(lambda: self.navigate.emit("review", {}))
        self.add_docs_button = QPushButton("Add documents…")
        self.add_docs_button.setAccessibleName("Add documents")
        self.add_docs_button.clicked.connect(lambda: self.navigate.emit("Documents", {"add": True}))
        self.export_button = QPushButton("Export a resume…")
        self.export_button.setAccessibleName("Export a resume")
        self.export_button.clicked.connect(lambda: self.navigate.emit("export", {}))
        actions.addWidget(self.review_button)
        actions.addWidget(self.add_docs_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        recent_lay.addLayout(actions)
        lay.addWidget(recent_card)
        lay.addStretch(1)

    def reload(self) -> None:
        cache, with_plan = self.insight_cache, self.plan_cache
        Query(self, lambda ws: dashboard_figures(ws, cache), runner=self.runner).on_success(self._show).start()
        # then the next step: matching saved jobs must not hold up the counts and completeness
        Query(self, lambda ws: top_with_next_step(ws, with_plan), runner=self.runner) \
            .on_success(self.show_insights).start()

    def _show(self, figures: Figures) -> None:
        self.show_overview(figures[0])
        self.show_gaps(figures[1], figures[3])
        self.show_insights(figures[2])

    def show_insights(self, top: tuple[Insight, ...]) -> None:
        """The strongest few insights as plain lines; each opens its evidence."""
        clear_layout(self.top_insights)
        for ins in top:
            plan = ins.kind == "recommendation"
            words = f"Next step: {ins.statement}" if plan else ins.statement
            line = QPushButton(words if len(words) <= LINE_CHARS else words[:LINE_CHARS - 1].rstrip() + "…")
            line.setToolTip(words)
            line.setObjectName("link")
            line.setFlat(True)
            line.setStyleSheet("text-align: left;")
            if plan:  # its action items and progress are on the Insights page
                line.setAccessibleName(f"Open the action items for: {ins.statement}")
                line.clicked.connect(lambda _c=False: self.navigate.emit("Insights", {"group": "plan"}))
            else:
                line.setAccessibleName(f"Show the evidence for: {ins.statement}")
                line.clicked.connect(lambda _c=False, ids=ins.fact_ids: self.navigate.emit("Knowledge",
                                                                                            {"facts": list(ids)}))
            self.top_insights.addWidget(line)
        if not top:
            self.top_insights.addWidget(QLabel("Insights appear once your record has roles with dates and "
                                               "achievements."))

    def refresh_for(self, changes: Any, initiator: Any) -> None:
        if changes.ontology:
            self.insight_cache.forget()
            self.plan_cache.forget()
        if (changes.facts or changes.documents or changes.edges or changes.settings or changes.ontology
                or changes.jobs):  # saved jobs, goals and tasks drive the recommendations
            self.reload()

    def show_gaps(self, gaps: ProfileGaps, unresolved: dict[str, list[str]] | None = None) -> None:
        """The completeness bar (approved facts) and checklist; unsettled identities first, then one
        line per role that still misses something."""
        self.gaps = gaps
        self.completeness.setValue(gaps.percent)
        said = {"name": "names", "email": "e-mail addresses", "phone": "phone numbers"}
        lines = [f"⚠&nbsp;&nbsp;{len(values)} different {said[kind]} ({_esc(', '.join(values[:3]))}): "
                 "approve yours, reject or remove the others" for kind, values in (unresolved or {}).items()]
        lines += [f"{'✔' if ok else '○'}&nbsp;&nbsp;{_esc(label)}" for label, ok in gaps.checklist()]
        for role in gaps.of_kind("role"):
            if role.missing:
                lines.append(f"○&nbsp;&nbsp;{_esc(role.label)}: "
                             + ", ".join(_esc(s.label.lower()) for s in role.missing[:3]))
        self.checklist.setText("<br>".join(lines))

    def show_overview(self, ov: Overview) -> None:
        self.last = ov
        self.facts.set(ov.total, f"{ov.hidden} hidden" if ov.hidden else "in your record")
        self.docs.set(ov.documents, f"{ov.quarantined} quarantined" if ov.quarantined else "read so far")
        self.pending.set(ov.by_status.get("pending", 0))
        self.conflicts.set(ov.open_conflicts)
        clear_layout(self.types_grid)
        top = max(ov.by_type.values(), default=1)
        for i, (ftype, n) in enumerate(ov.by_type.items()):
            name = QLabel(ftype.replace("_", " ").capitalize())
            bar = QProgressBar()
            bar.setRange(0, top)
            bar.setValue(n)
            bar.setTextVisible(False)
            bar.setMaximumHeight(10)
            bar.setAccessibleName(f"{ftype} facts")
            count = QLabel(str(n))
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.types_grid.addWidget(name, i, 0)
            self.types_grid.addWidget(bar, i, 1)
            self.types_grid.addWidget(count, i, 2)
        if not ov.by_type:
            self.types_grid.addWidget(QLabel("No facts yet. Drop your resume anywhere on this window."), 0, 0, 1, 3)
        rows = "".join(
            f"<tr><td style='padding-right:12px;color:gray'>{t.replace('_', ' ')}</td>"
            f"<td>{_esc(v)[:90]}</td></tr>" for t, v, _u in ov.recent)
        self.recent.setText(f"<table>{rows}</table>" if rows else "Nothing yet.")


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
