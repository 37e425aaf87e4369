"""Field-level parse accuracy on the shared development sets (figures printed, never asserted).

Usage: python bench/parse_accuracy.py [SHARED_DIR]   (default: ../shared next to the repository)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(os.environ.get("VITA_SHARED", REPO.parent / "shared"))
    scorer = shared / "bench" / "eval_parse.py"
    if not scorer.exists():
        print(f"needs {scorer} (not present)")
        return 2
    cmd = f"{sys.executable} -m app parse --format jsonresume {{files}}"
    for name in ("rendered", "dataturks"):
        data = shared / "bench" / "resumes" / name
        print(f"== {name}: {data}")
        sys.stdout.flush()
        subprocess.run([sys.executable, str(scorer), str(data), "--cmd", cmd], cwd=REPO, check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
