"""A damaged write-ahead log: find committed transactions SQLite would silently drop.

On open SQLite replays the WAL only up to the first frame whose checksum fails; everything after
it is ignored, committed or not. A crash mid-transaction legitimately leaves an uncommitted tail,
but a commit frame of this WAL generation (same salts) after the cut means acknowledged work is
about to vanish. Read before SQLite touches the file, so the WAL can be kept aside first.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

_HEADER = 32
_FRAME_HEADER = 24
_MAGIC_LE, _MAGIC_BE = 0x377F0682, 0x377F0683


@dataclass(frozen=True, slots=True)
class WalState:
    frames: int  # whole frames in the file
    valid: int  # frames up to the last commit SQLite will replay
    lost_commits: int  # commit frames of this generation after the cut


def _checksum(data: bytes, s1: int, s2: int, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[i + 1] + s1) & 0xFFFFFFFF
    return s1, s2


def inspect_wal(wal: Path) -> WalState | None:
    """The WAL's frames, the replayable ones and the commits beyond them; None without a WAL."""
    try:
        data = wal.read_bytes()
    except FileNotFoundError:
        return None
    if len(data) < _HEADER:
        return WalState(0, 0, 0)
    magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:_HEADER])
    if magic not in (_MAGIC_LE, _MAGIC_BE) or page_size < 512 or page_size & (page_size - 1):
        return WalState(0, 0, 0)
    big = magic == _MAGIC_BE
    s1, s2 = _checksum(data[:24], 0, 0, big)
    if (s1, s2) != (c1, c2):  # a bad header: SQLite ignores the whole WAL
        valid_upto, broken = 0, True
    else:
        valid_upto, broken = 0, False
    step = _FRAME_HEADER + page_size
    frames = (len(data) - _HEADER) // step
    lost = 0
    for i in range(frames):
        off = _HEADER + i * step
        pgno, commit, fs1, fs2, fc1, fc2 = struct.unpack(">6I", data[off : off + _FRAME_HEADER])
        ours = (fs1, fs2) == (salt1, salt2)
        if not broken:
            s1, s2 = _checksum(data[off : off + 8], s1, s2, big)
            s1, s2 = _checksum(data[off + _FRAME_HEADER : off + step], s1, s2, big)
            if not ours or pgno == 0 or (s1, s2) != (fc1, fc2):
                broken = True
            elif commit:
                valid_upto = i + 1
                continue
            else:
                continue
        if ours and commit:
            lost += 1
    return WalState(frames, valid_upto, lost)
