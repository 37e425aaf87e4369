"""One progress figure over all stages of an O*NET import (download, files, index, embeddings):
never goes back when a stage starts, names the stage, and estimates the time left."""

from __future__ import annotations

import time
from collections.abc import Callable

from core.progress import Progress

STAGE_WEIGHTS = {"download": 3.0, "files": 5.0, "index": 1.0, "embeddings": 3.0}
STAGE_NAMES = {"download": "Downloading", "files": "Reading the release files", "index": "Building the index",
               "embeddings": "Computing title embeddings"}
SCALE = 1000


class OverallProgress:
    """Maps (stage, done, total) reports onto one monotone 0..SCALE bar for the stages planned."""

    def __init__(self, stages: list[str], clock: Callable[[], float] = time.monotonic) -> None:
        weights = [STAGE_WEIGHTS.get(s, 1.0) for s in stages]
        total = sum(weights) or 1.0
        self.starts: dict[str, float] = {}
        self.shares: dict[str, float] = {}
        at = 0.0
        for s, w in zip(stages, weights, strict=True):
            self.starts[s], self.shares[s] = at, w / total
            at += w / total
        self.clock = clock
        self.t0 = clock()
        self.fraction = 0.0

    def update(self, stage: str, done: int, total: int) -> float:
        """The overall fraction after this report (never lower than before)."""
        if stage in self.starts:
            inner = min(1.0, done / total) if total > 0 else 0.0
            self.fraction = max(self.fraction, self.starts[stage] + self.shares[stage] * inner)
        return self.fraction

    def seconds_left(self) -> float | None:
        """A straight-line estimate from the time so far (None until there is something to go on)."""
        if self.fraction < 0.02:
            return None
        elapsed = self.clock() - self.t0
        return max(0.0, elapsed * (1 - self.fraction) / self.fraction)

    def report(self, stage: str, done: int, total: int, item: str = "") -> Progress:
        """The stage report as one overall Progress: "Reading the release files — about 40 s left"."""
        fraction = self.update(stage, done, total)
        left = self.seconds_left()
        eta = "" if left is None else (f" — about {left:.0f} s left" if left < 90 else f" — about {left / 60:.0f} min left")
        return Progress(stage, int(round(fraction * SCALE)), SCALE, f"{STAGE_NAMES.get(stage, stage.capitalize())}{eta}")
