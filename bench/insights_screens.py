"""PNG screenshots of the Insights page (every chart tab, light and dark) and the Dashboard's top
insights, with a fictional career (tests/core/careers.py).

    python bench/insights_screens.py [--onet-db PATH/onet.sqlite] [--out bench/out/insights]

--onet-db: an already imported O*NET database to copy in (for job zones and where next); default:
the fictional test release, imported here.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gui_common import REPO, open_profile, pump


def add_plan(ws: object) -> None:
    """A saved fictional job ad, its top gap as a goal with one task done, and a target occupation."""
    from core.advice import plan_for_insights
    from core.insights import add_target
    from core.jobs.plan import LearningItem, add_goal, list_goals, set_task_done
    from core.jobs.store import add_posting

    posting = REPO / "tests" / "core" / "jobs_fixtures" / "posting_data_engineer.txt"
    add_posting(ws, title="Senior Data Engineer", company="Northwind Analytics",  # type: ignore[arg-type]
                text=posting.read_text("utf-8"))
    gap = next(g for g in plan_for_insights(ws).gaps if g.kind == "skill")  # type: ignore[arg-type]
    add_goal(ws, LearningItem(gap.label, "saved jobs ask", (), False, 6, False, gap.key, None),  # type: ignore[arg-type]
             due="2027-03-01")
    set_task_done(ws, list_goals(ws)[0].tasks[0].id)  # type: ignore[arg-type]
    add_target(ws, code="15-1243.00", title="Database Architects", job_zone=4)  # type: ignore[arg-type]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "insights"))
    ap.add_argument("--onet-db", help="an imported O*NET database (onet.sqlite) to use")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from onet.importer import import_release
    from tests.core.careers import write_career
    from tests.onet.fictional_release import write_fictional_release
    from ui.theme import palette, stylesheet

    app, w, session = open_profile(name="Robin Ferrowdale")
    session.ontology_db.parent.mkdir(parents=True, exist_ok=True)
    if args.onet_db:
        shutil.copyfile(args.onet_db, session.ontology_db)
    else:
        import_release(write_fictional_release(session.ontology_db.parent / "release"), session.ontology_db)
    session.forget_ontology()
    write_career(session.workspace)
    add_plan(session.workspace)
    shots: list[str] = []

    def shot(widget: object, name: str) -> None:
        pump(app, lambda: not w.ops_runner.busy)
        for _ in range(5):
            app.processEvents()
        path = out / f"{name}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        shots.append(path.name)

    for theme, dark in (("light", False), ("dark", True)):
        app.setPalette(palette(dark))
        app.setStyleSheet(stylesheet(dark))
        dash = w.show_view("Dashboard")
        dash.reload()
        shot(w, f"dashboard-{theme}")
        page = w.show_view("Insights")
        page.reload()
        pump(app, lambda p=page: p.report is not None and bool(p.charts) and not w.ops_runner.busy)
        shot(w, f"insights-cards-{theme}")
        for i in range(page.tabs.count()):
            page.tabs.setCurrentIndex(i)
            shot(page.tabs, f"insights-{page.tabs.tabText(i).lower().replace(' ', '-')}-{theme}")
        page.charts["skills"].toggle.setChecked(True)
        page.tabs.setCurrentIndex(1)
        shot(page.tabs, f"insights-skills-table-{theme}")
        page.charts["skills"].toggle.setChecked(False)
        page.set_filters(group="plan")
        shot(w, f"insights-next-steps-{theme}")
        page.set_filters(group="")
    w.close()
    print(f"wrote {len(shots)} screenshots to {out}:")
    for s in shots:
        print("  " + s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
