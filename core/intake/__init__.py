"""Intake: sniff, check and parse files safely (worker processes with time and memory budgets).

Scaffold: `parse_files` currently parses in-process; the sandboxed pool replaces it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from core.errors import ParseFailed, VitaError
from core.model import ParsedDocument


def parse_files(paths: Iterable[str | Path]) -> Iterator[tuple[str, ParsedDocument | VitaError]]:
    """Parse each path, yielding (path as given, result or typed error) in input order."""
    from core.parsing import parse_path

    for p in paths:
        try:
            yield str(p), parse_path(Path(p))
        except VitaError as err:
            yield str(p), err
        except Exception as exc:
            yield str(p), ParseFailed(f"Could not read this file ({type(exc).__name__}).")
