"""Text files that are text: a few stray NUL bytes or UTF-32 are read, not refused or left empty."""

from __future__ import annotations

from pathlib import Path

from core.documents.text_reader import decode_text
from core.intake import parse_files
from core.intake.sniff import sniff

CV = "Ines Varga-Holm\nHarbour Pilot\n\nSKILLS\nPilotage, Tide tables, Radio\n"


def test_stray_nuls_and_utf32_are_read(tmp_path: Path) -> None:
    nul = tmp_path / "nul.txt"
    nul.write_bytes(CV.replace("Pilot\n", "Pilot\x00\n").replace("Radio", "Radio\x00").encode())
    u32 = tmp_path / "u32.txt"
    u32.write_bytes(CV.encode("utf-32"))
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 200)
    assert sniff(nul) == "txt" and sniff(u32) == "txt"
    assert decode_text(u32.read_bytes()) == CV and "\x00" not in decode_text(nul.read_bytes())
    results = {Path(s): r for s, r in parse_files([nul, u32, binary])}
    for path in (nul, u32):
        assert "Tide tables" in results[path].text  # type: ignore[union-attr]
    assert getattr(results[binary], "code", "") == "unsupported_file"
