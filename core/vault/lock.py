"""One profile, many processes: an advisory `flock` on a lock file beside the vault.

Every process with the vault open holds the lock shared; restore, rekey and erasure of backups
hold it exclusive, so a file is never swapped under a connection that would go on committing
into the unlinked old file. A process that cannot get the lock is refused with a message naming
the process that holds it (found in /proc/locks on Linux).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from core.errors import VaultBusy

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here; the single-instance GUI still guards
    fcntl = None  # type: ignore[assignment]

SHARED_WAIT_S = 30.0  # a writer waits this long for a restore or rekey to finish
EXCLUSIVE_WAIT_S = 2.0  # a restore waits this long for writers to close, then refuses


# Lock files this process holds exclusively: a vault opened inside a restore or rekey (for its
# backup) shares the hold instead of waiting for itself.
_HELD_HERE: dict[Path, int] = {}


def lock_path_for(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".lock")


class ProfileLock:
    """The advisory lock of one vault file, held through one open file description."""

    def __init__(self, vault_path: Path) -> None:
        self.path = lock_path_for(vault_path)
        self._fd: int | None = None
        self.mode = ""

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, exclusive: bool, wait_s: float, doing: str) -> ProfileLock:
        """Take the lock (or convert a held one); VaultBusy naming the holder after `wait_s`."""
        if fcntl is None or (not exclusive and _HELD_HERE.get(self.path.resolve(), 0) > 0):
            self.mode = "nested" if fcntl is not None else ("exclusive" if exclusive else "shared")
            return self
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        op = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(self._fd, op)
                self.mode = "exclusive" if exclusive else "shared"
                return self
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.01 if exclusive else 0.05)  # an exclusive taker must catch a gap between writers
        found = lock_holders(self.path)
        holders = [p for p in found if p != os.getpid()]
        if not self.mode:
            self.release()
        else:  # a failed conversion may have dropped the shared hold (flock converts by unlock+lock)
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        if not holders and found:
            raise VaultBusy(f"Cannot {doing}: this profile is still open in this window; close it first.")
        raise VaultBusy(_busy_message(doing, holders, exclusive))

    def downgrade(self) -> None:
        """Back from exclusive to shared (after an erasure of backups in an open workspace)."""
        if fcntl is not None and self._fd is not None and self.mode == "exclusive":
            fcntl.flock(self._fd, fcntl.LOCK_SH)
            self.mode = "shared"

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the only descriptor drops the flock
            self._fd = None
        self.mode = ""


@contextlib.contextmanager
def exclusive_use(vault_path: Path, doing: str, *, wait_s: float = EXCLUSIVE_WAIT_S) -> Iterator[None]:
    """Hold the profile's lock exclusively for `doing` (e.g. "restore a backup")."""
    lock = ProfileLock(vault_path).acquire(exclusive=True, wait_s=wait_s, doing=doing)
    key = lock.path.resolve()
    _HELD_HERE[key] = _HELD_HERE.get(key, 0) + 1
    try:
        yield
    finally:
        _HELD_HERE[key] -= 1
        if not _HELD_HERE[key]:
            del _HELD_HERE[key]
        lock.release()


def try_exclusive(vault_path: Path) -> ProfileLock | None:
    """The exclusive lock at once, or None when another process has the profile open."""
    try:
        return ProfileLock(vault_path).acquire(exclusive=True, wait_s=0, doing="tidy up")
    except VaultBusy:
        return None


def lock_holders(lock_file: Path) -> list[int]:
    """Process ids holding a flock on `lock_file` (Linux /proc/locks; empty elsewhere)."""
    try:
        st = lock_file.stat()
        lines = Path("/proc/locks").read_text("ascii", "replace").splitlines()
    except OSError:
        return []
    wanted = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    pids = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 6 and parts[1] == "FLOCK" and parts[-3] == wanted and parts[-4].isdigit():
            pids.append(int(parts[-4]))
    return sorted(set(pids))


def describe_process(pid: int) -> str:
    """`pid 123 (vita ingest)` from /proc/<pid>/cmdline where it can be read."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return f"pid {pid}"
    words = []
    for raw in argv:
        word = os.path.basename(raw.decode("utf-8", "replace"))
        if not word or word.startswith("-") or word.startswith("python") or word == "__main__.py":
            continue
        words.append("vita" if word == "app" else word.splitlines()[0][:40])
    what = " ".join(words[:2]) if words else "?"
    if what == "vita":
        what = "the Vita app"
    return f"pid {pid} ({what})"


def _busy_message(doing: str, holders: list[int], exclusive: bool) -> str:
    who = ", ".join(describe_process(p) for p in holders[:3]) if holders else "another Vita process"
    if exclusive:
        return f"Cannot {doing}: this profile is open in {who}. Close it there and try again."
    return f"Cannot {doing}: {who} is restoring or re-encrypting this profile. Try again when it is done."
