"""Calibration of parse confidences on a shared resume set: how often a confident fact is right.

Usage: python bench/parse_calibration.py [SET_DIR]   (default: ../shared/bench/resumes/realworld)
Parses each file in-process and checks its name, email, phone, role, education and skill facts
against the file's truth with the shared scorer's fuzzy matching. Prints accuracy per confidence
band and on either side of core.model.REVIEW_BELOW. Figures only; nothing is asserted.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _scorer(shared: Path) -> Any:
    spec = importlib.util.spec_from_file_location("eval_parse", shared / "bench" / "eval_parse.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _checks(ev: Any, truth: dict[str, Any], facts: list[Any]) -> list[tuple[str, float, bool]]:
    """(field, confidence, right) for each checkable fact."""
    tb = truth.get("basics") or {}
    work = truth.get("work") or []
    edu = truth.get("education") or []
    skills = [ev.norm(s) for s in ev.skills_of(truth)]
    out: list[tuple[str, float, bool]] = []
    for f in facts:
        a = f.attributes
        kind = str(f.type)
        if kind == "contact" and a.get("kind") in ("name", "email", "phone"):
            want = tb.get(a["kind"])
            if not want:
                continue
            if a["kind"] == "phone":
                ok = ev.digits(want)[-9:] == ev.digits(f.value)[-9:]
            else:
                ok = ev.norm(want) == ev.norm(f.value)
            out.append((a["kind"], f.confidence, ok))
        elif kind == "role":
            ok = any(ev.sim(w.get("position"), a.get("title", "")) >= 0.85
                     and ev.sim(ev.work_company(w), a.get("organisation", "")) >= 0.85 for w in work)
            out.append(("role", f.confidence, ok))
        elif kind == "education":
            ok = any(ev.sim(e.get("institution"), a.get("institution", "")) >= 0.85 for e in edu)
            out.append(("education", f.confidence, ok))
        elif kind == "skill":
            ok = any(ev.sim(s, f.value) >= 0.85 for s in skills)
            out.append(("skill", f.confidence, ok))
    return out


def main() -> int:
    shared = Path(os.environ.get("VITA_SHARED", REPO.parent / "shared"))
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else shared / "bench" / "resumes" / "realworld"
    if not (shared / "bench" / "eval_parse.py").exists() or not data.is_dir():
        print(f"needs {shared / 'bench' / 'eval_parse.py'} and {data} (not present)")
        return 2
    from core.errors import VitaError
    from core.model import REVIEW_BELOW
    from core.parsing import parse_path

    ev = _scorer(shared)
    rows: list[tuple[str, float, bool]] = []
    for truth_path in sorted(data.glob("*.truth.json")):
        stem = truth_path.name[: -len(".truth.json")]
        inputs = [p for p in data.glob(stem + ".*") if not p.name.endswith(".truth.json")]
        if not inputs:
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if "labels" in truth:
            continue
        try:
            doc = parse_path(inputs[0])
        except VitaError:
            continue
        rows.extend(_checks(ev, truth, doc.facts))
    bands: dict[tuple[str, float], list[bool]] = defaultdict(list)
    for field, conf, ok in rows:
        bands[(field, round(conf, 2))].append(ok)
    print(f"{'field':10s} {'conf':>5s} {'n':>5s} {'right':>6s}")
    for (field, conf), oks in sorted(bands.items()):
        print(f"{field:10s} {conf:5.2f} {len(oks):5d} {sum(oks) / len(oks):6.2f}")
    hi = [ok for _, c, ok in rows if c >= REVIEW_BELOW]
    lo = [ok for _, c, ok in rows if c < REVIEW_BELOW]
    print(f"confident (>= {REVIEW_BELOW}): {len(hi)} facts, {sum(hi) / max(len(hi), 1):.2f} right")
    print(f"needs review (< {REVIEW_BELOW}): {len(lo)} facts, {sum(lo) / max(len(lo), 1):.2f} right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
