"""Entry point of the frozen app: multiprocessing support first (parser workers are spawned)."""

from __future__ import annotations

import multiprocessing


def main() -> int:
    multiprocessing.freeze_support()  # a spawned parser worker runs its job here and never returns
    from app.cli import main as vita_main

    return vita_main()


if __name__ == "__main__":
    raise SystemExit(main())
