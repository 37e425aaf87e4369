"""The interview tests open a real, tiny-KDF SQLCipher profile (the knowledge-base fixture)."""

from __future__ import annotations

from tests.core import kb_support

ws = kb_support.ws
ws2 = kb_support.ws2
