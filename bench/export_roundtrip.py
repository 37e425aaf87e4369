"""Readability of Vita's own rendered resumes: each JSON Resume truth of the shared `rendered`
set is imported into a fresh vault, exported as DOCX and PDF, parsed back with `vita parse`, and
scored by the shared eval_parse.py against the vault's own JSON Resume export. Target: >= 0.97.

    python bench/export_roundtrip.py [--limit 20] [--formats docx,pdf]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.errors import VitaError  # noqa: E402
from core.exchange.api import export_file  # noqa: E402
from core.exchange.jsonresume_export import export_jsonresume  # noqa: E402
from core.exchange.jsonresume_import import import_jsonresume  # noqa: E402
from core.vault import Argon2Params, ProfileStore  # noqa: E402
from core.workspace import Workspace  # noqa: E402

SHARED = REPO.parent / "shared" / "bench"


def open_ws(root: Path) -> Workspace:
    store = ProfileStore(root)
    profile, _ = store.create("Round trip", passphrase="bench", argon=Argon2Params(1, 1024, 1))
    key = store.unlock(profile, passphrase="bench", use_keychain=False).key
    return Workspace(store.open_vault(profile, key), profile=profile)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=20, help="how many truths (sorted by name)")
    ap.add_argument("--formats", default="docx,pdf")
    ap.add_argument("--show-errors", default="0")
    ap.add_argument("--keep", action="store_true", help="keep the exported files")
    args = ap.parse_args()
    source = SHARED / "resumes" / "rendered"
    if not source.is_dir():
        print(f"skipped: {source} is absent")
        return 0
    truths = sorted(source.glob("*.truth.json"))[: args.limit]
    work = Path(tempfile.mkdtemp(prefix="vita-roundtrip-"))
    cases = work / "cases"
    cases.mkdir()
    skipped = 0
    try:
        for i, truth in enumerate(truths):
            ws = open_ws(work / f"p{i}")
            try:
                import_jsonresume(ws, json.loads(truth.read_text("utf-8")), name=truth.name)
                own = export_jsonresume(ws)
                for fmt in args.formats.split(","):
                    export_file(ws, fmt, cases / f"r{i:03d}_{fmt}.{fmt}")
                    (cases / f"r{i:03d}_{fmt}.truth.json").write_text(json.dumps(own), "utf-8")
            except VitaError as exc:
                skipped += 1
                print(f"r{i:03d}: not exported ({exc.message})")
            finally:
                ws.close()
        cmd = f"{sys.executable} -m app parse --format jsonresume {{files}}"
        run = subprocess.run([sys.executable, str(SHARED / "eval_parse.py"), str(cases), "--cmd", cmd,
                              "--show-errors", args.show_errors], capture_output=True, text=True, cwd=REPO)
        print(run.stdout.strip())
        m = re.search(r"SCORE ([0-9.]+)", run.stdout)
        print(f"resumes {len(truths)}  skipped {skipped}  round-trip SCORE {m.group(1) if m else '?'}")
    finally:
        shutil.rmtree(work, ignore_errors=True) if not args.keep else print("kept", work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
