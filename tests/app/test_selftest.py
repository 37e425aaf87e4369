"""`vita --selftest` from source: every check passes and the report is JSON; a broken model fails it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _selftest(tmp_path: Path, **env: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    full = {**os.environ, "PYTHONPATH": str(REPO), "VITA_HOME": str(tmp_path / "unused"), **env}
    out = subprocess.run([sys.executable, "-m", "app", "--selftest"], capture_output=True, text=True,
                         env=full, timeout=300)
    return out.returncode, json.loads(out.stdout)


def test_selftest_passes_from_source(tmp_path: Path) -> None:
    code, report = _selftest(tmp_path)
    by_name = {c["name"]: c for c in report["checks"]}
    assert code == 0 and report["ok"], report
    assert {"vault", "parse_and_store", "embed", "search", "main_window", "ocr", "no_torch"} <= set(by_name)
    assert all(by_name[n]["status"] == "ok" for n in ("vault", "parse_and_store", "embed", "search", "match", "main_window", "ocr"))
    assert by_name["parse_and_store"]["facts"] >= 5
    assert not (tmp_path / "unused").exists()  # it worked in its own temporary folder


def test_selftest_fails_without_the_model(tmp_path: Path) -> None:
    code, report = _selftest(tmp_path, VITA_EMBED_MODEL_DIR=str(tmp_path / "no-model"))
    by_name = {c["name"]: c for c in report["checks"]}
    assert code == 1 and not report["ok"]
    assert by_name["embed"]["status"] == "failed" and "ModelUnavailable" in by_name["embed"]["error"]
