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
    w.close()
    print(f"wrote {len(shots)} screenshots to {out}:")
    for s in shots:
        print("  " + s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
