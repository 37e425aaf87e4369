"""O*NET terms for the extractor (filled in once the onet store API exists)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def open_store_at(db: Path) -> Any:
    return None


def open_store(home: str) -> Any:
    return None


def add_store_terms(extractor: Any, store: Any) -> int:
    return 0
