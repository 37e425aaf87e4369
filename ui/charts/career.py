"""The Insights page's charts: the career timeline, skills over time, impact over time and the
achievement categories. Each draws plain series from `core.insights` and emits fact ids on click."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtWidgets import QBoxLayout, QComboBox

from core.dates import month_label
from core.insights.impact import CATEGORIES
from core.insights.records import CategoryCount, ImpactPoint, RolePoint, SkillLane
from core.insights.trajectory import LEVEL_NAMES
from ui.charts.base import ChartPanel, colour

MOVE_COLOUR = {"first": 7, "promotion": 2, "advancement": 0, "lateral": 5, "change": 1, "step_down": 3}
TREND_COLOUR = {"core": 0, "rising": 2, "fading": 3, "steady": 7}
KIND_COLOUR = {"money": 2, "percent": 0, "count": 1, "team_size": 4, "duration": 5}
MAX_LANES = 15


def _year(month: float) -> float:
    return month / 12.0


class _Clickable:
    """A scatter of points each carrying the fact ids to open, with hover tips."""

    @staticmethod
    def scatter(panel: ChartPanel, xs: Sequence[float], ys: Sequence[float], ids: list[tuple[int, ...]], tips: list[str],
                brushes: list[object], size: int = 13, symbol: str = "s") -> pg.ScatterPlotItem:
        tip_of = dict(enumerate(tips))
        one = len({b.color().name() for b in brushes}) == 1 if brushes else False  # type: ignore[attr-defined]
        item = pg.ScatterPlotItem(x=xs, y=ys, data=list(range(len(xs))), size=size, symbol=symbol,
                                  brush=brushes[0] if one else brushes, pen=pg.mkPen(panel.foreground(), width=0.5), hoverable=True,
                                  hoverSize=size + 4, tip=lambda x, y, data: tip_of.get(data, ""))
        item.sigClicked.connect(lambda _item, points, _ev: panel.facts_clicked.emit(list(ids[points[0].data()])))
        panel.plot.addItem(item)
        return item


def _until(end: int, now: int | None) -> str:
    """The last month of a half-open range, or "present" when it runs to the report's month."""
    return "present" if now is not None and end > now else month_label(end - 1)


class TrajectoryChart(ChartPanel):
    """Roles as bars over time at their seniority level; colour = the move that led there."""

    def __init__(self) -> None:
        super().__init__("Career timeline", "Each role over time at its seniority level; drag to pan, "
                         "wheel to zoom, click a role to see its facts.")
        self.points: Sequence[RolePoint] = ()
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.setLabel("bottom", "Year")
        self.plot.getAxis("left").setTicks([[(i, n) for i, n in enumerate(LEVEL_NAMES)]])
        self.scatter: pg.ScatterPlotItem | None = None

    def set_points(self, points: Sequence[RolePoint]) -> None:
        self.points = points
        self.set_table(["Role", "Employer", "From", "To", "Level", "Job zone", "Move"],
                       [(p.title, p.employer, month_label(p.start), "present" if p.ongoing else month_label(p.end - 1),
                         LEVEL_NAMES[p.level], p.job_zone or "", p.move.replace("_", " ")) for p in points],
                       [p.evidence for p in points])
        self.redraw()

    def redraw(self) -> None:
        if not hasattr(self, "points"):
            return
        self.plot.clear()
        xs, ys, ids, tips, brushes = [], [], [], [], []
        for p in self.points:
            c = colour(MOVE_COLOUR.get(p.move, 7))
            line = pg.PlotCurveItem([_year(p.start), _year(p.end)], [p.level, p.level], pen=pg.mkPen(c, width=12))
            self.plot.addItem(line)
            move = "" if p.move == "first" else f"  ({p.move.replace('_', ' ')})"
            label = pg.TextItem(p.title + move, color=self.foreground(), anchor=(0, 1.2))
            label.setPos(_year(p.start), p.level)
            self.plot.addItem(label)
            xs.append(_year((p.start + p.end) / 2))
            ys.append(p.level)
            ids.append(p.evidence)
            zone = f"; job zone {p.job_zone}" if p.job_zone else ""
            tips.append(f"{p.title} at {p.employer}\n{month_label(p.start)} – "
                        f"{'present' if p.ongoing else month_label(p.end - 1)}\n{LEVEL_NAMES[p.level]}{zone}; "
                        f"{p.move.replace('_', ' ')}")
            brushes.append(pg.mkBrush(c))
        self.scatter = _Clickable.scatter(self, xs, ys, ids, tips, brushes)
        self.plot.setYRange(-0.5, len(LEVEL_NAMES) - 0.5, padding=0)
        if self.points:
            self.plot.setXRange(_year(min(p.start for p in self.points)) - 0.5,
                                _year(max(p.end for p in self.points)) + 0.5)


class SkillLanesChart(ChartPanel):
    """Skills as swimlanes: when each was shown, in which roles; filter by trend."""

    def __init__(self) -> None:
        super().__init__("Skills over time", "When each skill shows in your roles (most evidenced first); "
                         "colour = core, rising, fading or steady.")
        self.lanes: Sequence[SkillLane] = ()
        self.filter = QComboBox()
        self.filter.setAccessibleName("Which skills to chart")
        for label, key in (("All skills", ""), ("Core", "core"), ("Rising", "rising"), ("Fading", "fading"),
                           ("Steady", "steady"), ("Hot technologies", "hot"), ("Not listed", "unlisted")):
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(lambda _i: self.set_lanes(self.lanes))
        bar = self.layout().itemAt(0).layout()  # type: ignore[union-attr]
        assert isinstance(bar, QBoxLayout)
        bar.insertWidget(2, self.filter)
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.setLabel("bottom", "Year")
        self.scatter: pg.ScatterPlotItem | None = None
        self.shown: list[SkillLane] = []

    def set_lanes(self, lanes: Sequence[SkillLane], now_month: int | None = None) -> None:
        """Chart these lanes; a lane reaching `now_month` (the report's month) reads "present"."""
        self.lanes = lanes
        if now_month is not None:
            self.now_month = now_month
        now = getattr(self, "now_month", None)
        key = self.filter.currentData()
        keep = [ln for ln in lanes if ln.segments and (not key or ln.trend == key or (key == "hot" and ln.hot)
                                                       or (key == "unlisted" and not ln.listed))]
        self.shown = keep[:MAX_LANES]
        self.set_table(["Skill", "Trend", "From", "To", "Roles", "Evidence", "Hot"],
                       [(ln.name, ln.trend, month_label(min(a for a, _b, _h in ln.segments)),
                         _until(max(b for _a, b, _h in ln.segments), now), len(ln.segments), ln.evidence_count,
                         "yes" if ln.hot else "") for ln in keep], [ln.evidence for ln in keep])
        self.redraw()

    def redraw(self) -> None:
        if not hasattr(self, "shown"):
            return
        self.plot.clear()
        n = len(self.shown)
        self.plot.getAxis("left").setTicks([[(n - 1 - i, ln.name) for i, ln in enumerate(self.shown)]])
        xs, ys, ids, tips, brushes = [], [], [], [], []
        for i, ln in enumerate(self.shown):
            y = n - 1 - i
            c = colour(TREND_COLOUR.get(ln.trend, 7))
            for a, b, holder in ln.segments:
                self.plot.addItem(pg.PlotCurveItem([_year(a), _year(b)], [y, y], pen=pg.mkPen(c, width=9)))
                xs.append(_year((a + b) / 2))
                ys.append(y)
                ids.append((ln.fact_id, holder, *[e for e in ln.evidence if e != holder]))
                tips.append(f"{ln.name} ({ln.trend})\n{month_label(a)} – {month_label(b - 1)}")
                brushes.append(pg.mkBrush(c))
        self.scatter = _Clickable.scatter(self, xs, ys, ids, tips, brushes, size=10, symbol="o")
        self.plot.setYRange(-0.7, max(n, 1) - 0.3, padding=0)


class ImpactChart(ChartPanel):
    """Numbers from achievements over time, one colour per kind, on a log scale."""

    def __init__(self) -> None:
        super().__init__("Impact over time", "Each number in your achievements, placed at its role's end "
                         "(log scale: 10, 100, 1,000…); click a point to open the achievement.")
        self.points: Sequence[ImpactPoint] = ()
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.setLabel("bottom", "Year")
        self.plot.setLabel("left", "Value (log10)")
        self.scatter: pg.ScatterPlotItem | None = None
        self.legend = self.plot.addLegend(offset=(10, 10))

    def set_points(self, points: Sequence[ImpactPoint]) -> None:
        self.points = points
        self.set_table(["Achievement", "Kind", "Value", "Unit", "When", "Categories"],
                       [(p.text, p.kind.replace("_", " "), p.value, p.unit, month_label(p.month),
                         ", ".join(p.categories)) for p in points],
                       [tuple(i for i in (p.achievement_id, p.metric_id) if i) for p in points])
        self.redraw()

    def redraw(self) -> None:
        if not hasattr(self, "points"):
            return
        self.plot.clear()
        if self.legend is not None:
            self.legend.clear()
            self.legend.setLabelTextColor(self.foreground())
        by_kind: dict[str, list[ImpactPoint]] = defaultdict(list)
        for p in self.points:
            if p.value > 0:
                by_kind[p.kind].append(p)
        self.scatter = None
        for kind, pts in sorted(by_kind.items()):
            c = colour(KIND_COLOUR.get(kind, 7))
            ids = [tuple(i for i in (p.achievement_id, p.metric_id) if i) for p in pts]
            tips = [f"{p.kind.replace('_', ' ')}: {p.value:,.4g} {p.unit}\n{month_label(p.month)}" for p in pts]
            item = _Clickable.scatter(self, [_year(p.month) for p in pts], [math.log10(p.value) for p in pts], ids,
                                      tips, [pg.mkBrush(c)] * len(pts), size=12, symbol="o")
            if self.legend is not None:
                self.legend.addItem(item, kind.replace("_", " "))
            self.scatter = self.scatter or item


class CategoryChart(ChartPanel):
    """How many achievements fall in each category (revenue, cost, growth...)."""

    def __init__(self) -> None:
        super().__init__("What your results are about", "Achievements per category; click a bar to see them.")
        self.counts: Counter[str] = Counter()
        self.ids: dict[str, tuple[int, ...]] = {}
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.getAxis("bottom").setTicks([[(i, c) for i, c in enumerate(CATEGORIES)]])
        self.plot.scene().sigMouseClicked.connect(self._clicked)

    def set_counts(self, counts: Sequence[CategoryCount]) -> None:
        self.counts = Counter()
        ids: dict[str, set[int]] = defaultdict(set)
        for c in counts:
            ids[c.category].update(c.achievement_ids)
        self.counts.update({k: len(v) for k, v in ids.items()})
        self.ids = {k: tuple(sorted(v)) for k, v in ids.items()}
        self.set_table(["Category", "Achievements"], [(c, self.counts.get(c, 0)) for c in CATEGORIES],
                       [self.ids.get(c, ()) for c in CATEGORIES])
        self.redraw()

    def redraw(self) -> None:
        if not hasattr(self, "ids"):
            return
        self.plot.clear()
        heights = [self.counts.get(c, 0) for c in CATEGORIES]
        self.plot.addItem(pg.BarGraphItem(x=list(range(len(CATEGORIES))), height=heights, width=0.6,
                                          brushes=[pg.mkBrush(colour(i)) for i in range(len(CATEGORIES))],
                                          pen=pg.mkPen(None)))
        self.plot.setXRange(-0.6, len(CATEGORIES) - 0.4, padding=0)
        self.plot.setYRange(0, max(heights + [1]) + 0.5, padding=0)

    def _clicked(self, ev: object) -> None:
        pos = ev.scenePos()  # type: ignore[attr-defined]
        if not self.plot.sceneBoundingRect().contains(pos):
            return
        x = self.plot.vb.mapSceneToView(pos).x()
        i = round(x)
        if 0 <= i < len(CATEGORIES) and abs(x - i) <= 0.3 and self.ids.get(CATEGORIES[i]):
            self.facts_clicked.emit(list(self.ids[CATEGORIES[i]]))
