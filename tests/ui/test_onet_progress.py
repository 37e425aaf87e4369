"""The O*NET import shows one bar over all its stages: it never goes back, names the stage and
estimates the time left."""

from __future__ import annotations

from ui.onet_progress import SCALE, OverallProgress


def test_one_bar_over_all_stages_never_goes_back() -> None:
    now = [0.0]
    bar = OverallProgress(["download", "files", "index", "embeddings"], clock=lambda: now[0])
    seen = []
    for stage, steps in (("download", 10), ("files", 40), ("index", 5), ("embeddings", 20)):
        for done in range(steps + 1):
            now[0] += 0.5
            seen.append(bar.report(stage, done, steps, "x").done)
    assert seen == sorted(seen) and seen[-1] == SCALE  # monotone, ends full
    assert seen[10] < seen[11] or seen[10] == seen[11]  # a new stage starts where the last ended
    p = bar.report("files", 0, 40)  # a late report of an earlier stage cannot pull it back
    assert p.done == SCALE


def test_stage_names_and_time_left() -> None:
    now = [0.0]
    bar = OverallProgress(["files", "index"], clock=lambda: now[0])
    assert bar.report("files", 0, 100).item == "Reading the release files"  # no estimate yet
    now[0] = 10.0
    p = bar.report("files", 50, 100)
    assert p.item.startswith("Reading the release files — about ") and p.item.endswith(" s left")
    assert abs(bar.seconds_left() - 10.0 * (1 - bar.fraction) / bar.fraction) < 1e-9
