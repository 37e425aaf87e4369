"""The interview tests open a real, tiny-KDF SQLCipher profile: the `ws` / `ws2` fixtures of
tests/core/conftest.py."""

from __future__ import annotations
