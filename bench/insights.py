"""Insights over real resumes: one profile per person built through ingest (with O*NET), then
insights per profile (min/median/max), the share with evidence, compute time per profile (cold and
warm) and the Insights page's first-show time against the Knowledge page's in the same process.

Uses ../shared/bench/resumes/rendered (read in place; only counts and timings are printed, never
content or file names). O*NET: --onet-db (an imported onet.sqlite) or the shared text release,
imported into a temporary folder first.

    python bench/insights.py [--corpus DIR] [--count N] [--onet-db PATH] [--no-gui]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import REPO, new_workspace, pick_files

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def spread(xs: list[float], fmt: str = "{:.0f}") -> str:
    if not xs:
        return "n/a"
    return f"min {fmt.format(min(xs))}, median {fmt.format(statistics.median(xs))}, max {fmt.format(max(xs))}"


def onet_db(args: argparse.Namespace, tmp: Path) -> Path:
    if args.onet_db:
        return Path(args.onet_db)
    from onet.importer import import_release

    release = REPO.parent / "shared" / "onet" / "db_30_0_text"
    if not release.is_dir():
        raise SystemExit(f"needs --onet-db or {release}")
    t0 = time.perf_counter()
    db = import_release(release, tmp / "onet.sqlite").path
    print(f"O*NET imported for this run in {time.perf_counter() - t0:.1f} s (no embeddings)")
    return Path(db)


def profile_figures(ws, store) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from core.insights import InsightCache, insights_for

    t0 = time.perf_counter()
    report = insights_for(ws, ontology=store)
    cold = (time.perf_counter() - t0) * 1000
    warm = []
    for _ in range(5):
        t0 = time.perf_counter()
        insights_for(ws, ontology=store)
        warm.append((time.perf_counter() - t0) * 1000)
    cache = InsightCache()
    cache.get(ws, ontology=store)
    hit = cache.get(ws, ontology=store).compute_ms
    existing = {f.id for f in ws.list_facts(limit=100_000)}
    with_evidence = sum(1 for i in report.insights if i.fact_ids and set(i.fact_ids) <= existing)
    return {"insights": len(report.insights), "evidence": with_evidence, "cold": cold,
            "warm": statistics.median(warm), "hit": hit, "kinds": Counter(i.kind for i in report.insights),
            "paths": len(report.paths), "missing": len(report.missing), "roles": len(report.roles)}


def first_show(file: Path, db: Path) -> tuple[float, float, float, float]:
    """(Insights cards ms, Insights charts ms, Knowledge first show ms, pyqtgraph loaded before: 0/1)."""
    import shutil

    from gui_common import open_profile, pump

    from core.ingest import ingest

    app, w, session = open_profile(name="Bench Person")
    session.ontology_db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db, session.ontology_db)
    session.forget_ontology()
    for _ in ingest(session.workspace, [file], embed=False):
        pass
    loaded_before = float("pyqtgraph" in sys.modules)
    t0 = time.perf_counter()
    know = w.show_view("Knowledge")
    know.reload()
    pump(app, lambda: not w.ops_runner.busy and know.model.rowCount() > 0)
    app.processEvents()
    know_ms = (time.perf_counter() - t0) * 1000
    page = w.show_view("Insights")
    pump(app, lambda: page.charts_ready_ms is not None and not w.ops_runner.busy)
    app.processEvents()
    w.close()
    return page.first_show_ms, page.charts_ready_ms, know_ms, loaded_before


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "bench" / "resumes" / "rendered")
    ap.add_argument("--count", type=int, default=1000, help="people to take (one file each)")
    ap.add_argument("--onet-db", help="an imported O*NET database")
    ap.add_argument("--no-gui", action="store_true", help="skip the page first-show measurement")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"needs {args.corpus} (the shared rendered resumes); nothing measured")
        return 0

    from core.ingest import ingest
    from core.services import Services

    with tempfile.TemporaryDirectory(prefix="vita-bench-insights-") as tmp:
        root = Path(tmp)
        db = onet_db(args, root)
        services = Services(ontology_db=db)
        store = services.ontology()
        files = pick_files(args.corpus, args.count)
        print(f"corpus: {len(files)} people, one file each "
              f"({', '.join(f'{n} {k}' for k, n in sorted(Counter(f.suffix[1:] for f in files).items()))})")
        rows = []
        try:
            for i, f in enumerate(files):
                ws = new_workspace(root, f"p{i}", services)
                try:
                    for _ in ingest(ws, [f], embed=False):
                        pass
                    rows.append(profile_figures(ws, store))
                finally:
                    ws.close()
        finally:
            services.shutdown()
        n = [float(r["insights"]) for r in rows]  # type: ignore[arg-type]
        total = sum(int(r["insights"]) for r in rows)  # type: ignore[call-overload]
        evid = sum(int(r["evidence"]) for r in rows)  # type: ignore[call-overload]
        kinds: Counter[str] = Counter()
        for r in rows:
            kinds.update(r["kinds"])  # type: ignore[arg-type]
        print(f"insights per profile: {spread(n)}, mean {statistics.mean(n):.1f}; profiles with >= 8: "
              f"{sum(1 for x in n if x >= 8)}/{len(n)}, with >= 5: {sum(1 for x in n if x >= 5)}/{len(n)}, "
              f"with none: {sum(1 for x in n if x == 0)}")
        print(f"insights with evidence (fact ids that exist): {evid}/{total} = {100 * evid / max(1, total):.1f} %")
        print(f"roles on the timeline per profile: {spread([float(r['roles']) for r in rows])}; "  # type: ignore[arg-type]
              f"where-next options: {spread([float(r['paths']) for r in rows])}")  # type: ignore[arg-type]
        print(f"compute per profile, cold (first, O*NET caches empty for that profile): "
              f"{spread([float(r['cold']) for r in rows], '{:.1f}')} ms")  # type: ignore[arg-type]
        print(f"compute per profile, warm (median of 5 reruns, vault read + all analyses + O*NET): "
              f"{spread([float(r['warm']) for r in rows], '{:.1f}')} ms")  # type: ignore[arg-type]
        print(f"cached report (nothing changed, stamp check only): "
              f"{spread([float(r['hit']) for r in rows], '{:.2f}')} ms")  # type: ignore[arg-type]
        print("insights by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
        if not args.no_gui and files:
            median_file = files[sorted(range(len(n)), key=lambda i: n[i])[len(n) // 2]]
            cards_ms, charts_ms, know_ms, before = first_show(median_file, db)
            print(f"Insights page first show: cards drawn {cards_ms:.0f} ms, charts drawn {charts_ms:.0f} ms "
                  f"(pyqtgraph imported in between); Knowledge page first show in the same process {know_ms:.0f} ms "
                  f"(ratios {cards_ms / know_ms:.2f} and {charts_ms / know_ms:.2f}); "
                  f"pyqtgraph loaded before the Insights page was shown: {'yes' if before else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
