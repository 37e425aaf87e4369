"""Benchmark: SkillSpan scores of `vita skills extract`, without and with an imported O*NET.

Runs ../shared/bench/eval_skills.py (all rows printed) once with an empty VITA_HOME (starter
lexicon only) and once with a VITA_HOME holding an O*NET database built from the shared
release (built here into a temporary directory unless --onet-home is given).

    python bench/skills_eval.py [--cases ../shared/bench/skills/skillspan_dev.jsonl] [--onet-home DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


def _run(cases: Path, home: Path) -> None:
    cmd = f"{sys.executable} -m app skills extract --format jsonl {{input}}"
    env = dict(os.environ, VITA_HOME=str(home))
    subprocess.run([sys.executable, str(SHARED / "bench" / "eval_skills.py"), str(cases), "--cmd", cmd],
                   cwd=REPO, env=env, check=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=str(SHARED / "bench" / "skills" / "skillspan_dev.jsonl"))
    ap.add_argument("--release", default=str(SHARED / "onet" / "db_30_0_text"))
    ap.add_argument("--onet-home", help="a VITA_HOME that already holds an imported O*NET")
    ap.add_argument("--skip-onet", action="store_true")
    a = ap.parse_args()
    cases = Path(a.cases)
    if not cases.is_file():
        print(f"cases not found: {cases}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        print("== starter lexicon only (no O*NET imported)", flush=True)
        _run(cases, Path(tmp) / "empty-home")
        if a.skip_onet:
            return 0
        home = Path(a.onet_home) if a.onet_home else Path(tmp) / "onet-home"
        db = home / "data" / "ontology" / "onet.sqlite"
        if not db.is_file():
            from onet.importer import import_release

            print(f"(importing O*NET from {a.release})", flush=True)
            import_release(a.release, db)
        print("== with O*NET imported", flush=True)
        _run(cases, home)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
