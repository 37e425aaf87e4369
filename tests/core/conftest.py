"""Core test fixtures: `ws` (and `ws2`, a second profile) is an open workspace under a temporary
home, opened through `core.session.Session` as the app opens one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.workspace import Workspace
from tests.core.workspace_kit import session_workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with session_workspace(tmp_path / "ws-home") as w:
        yield w


@pytest.fixture
def ws2(tmp_path: Path) -> Iterator[Workspace]:
    with session_workspace(tmp_path / "ws2-home", "Second") as w:
        yield w
