"""CLI commands: `vita ingest` (see app/cli/__init__.py for the registry)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from typing import Any, TextIO


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `vita ingest PATH... [--json] [--no-embed]`."""
    p = sub.add_parser(
        "ingest", help="add documents (files or folders) to the unlocked vault",
        description="Parse, reconcile and store documents with their facts. Folders are read "
                    "recursively (hidden files skipped). Exit status 1 only when no input could be stored.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print the summary as JSON")
    p.add_argument("--no-embed", dest="embed", action="store_false", help="skip computing embeddings")
    p.set_defaults(func=run_ingest)


class ProgressView:
    """A one-line bar on a terminal (redrawn in place), plain lines per document otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self._drawn = False
        self._t0 = time.monotonic()

    def show(self, p: Any) -> None:
        if self.tty:
            self._bar(p)
        elif p.stage in ("parse", "quarantine", "skip"):
            note = f" ({p.message})" if p.message and p.stage == "quarantine" else ""
            verb = {"parse": "reading", "quarantine": "quarantined", "skip": "already in the vault"}[p.stage]
            print(f"[{p.done + 1}/{p.total}] {verb}: {p.item}{note}", file=self.stream, flush=True)

    def _bar(self, p: Any) -> None:
        width = shutil.get_terminal_size((80, 20)).columns
        frac = p.fraction if p.stage == "done" else (p.done + _STAGE_SHARE.get(p.stage, 0.0)) / max(1, p.total)
        label = f" {min(p.done + 1, p.total)}/{p.total} {p.stage} {p.item}"[: max(10, width - 30)]
        cells = max(10, min(40, width - len(label) - 10))
        fill = int(round(frac * cells))
        line = f"\r[{'#' * fill}{'.' * (cells - fill)}] {frac * 100:3.0f}%{label}"
        self.stream.write(line.ljust(width - 1)[: width - 1])
        self.stream.flush()
        self._drawn = True

    def finish(self) -> None:
        if self.tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()


_STAGE_SHARE = {"parse": 0.2, "reconcile": 0.4, "store": 0.6, "embed": 0.8, "quarantine": 1.0, "skip": 1.0}


def run_ingest(args: argparse.Namespace) -> int:
    """Ingest the paths into the chosen profile's vault and print a summary."""
    from app.cli.common import open_workspace
    from core.ingest import ingest

    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # our bar, not the model loader's
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    view = ProgressView(sys.stderr)
    with open_workspace(args) as ws:
        run = ingest(ws, args.paths, embed=args.embed)
        try:
            for p in run:
                view.show(p)
        finally:
            view.finish()
            run.close()
        s = run.summary
    data = s.to_dict()
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, default=str))
    else:
        print(f"Documents: {s.documents} stored, {s.skipped} already in the vault, {s.quarantined} quarantined")
        print(f"Facts: {s.facts} new, {s.duplicates} duplicates merged "
              f"({s.near_duplicates} reworded), {s.possible_duplicates} possible duplicates to review")
        print(f"Conflicts: {s.conflicts}")
        if s.postings:
            print(f"Job postings: {s.postings} (job descriptions are kept with your jobs, not as your facts)")
        for o in s.outcomes:
            if o.status == "quarantined":
                print(f"  quarantined {o.source}: {o.reason}")
    return 1 if s.inputs and not (s.documents or s.skipped) else 0
