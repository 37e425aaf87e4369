"""Every file Vita writes for the person goes through here: a private temporary file in the same
folder, flushed and fsynced, renamed over the target, the folder fsynced. A failure (disk full,
a crash, an exception in the writer) leaves the previous file intact and no temporary behind;
a full disk is reported as `DiskFull` with the free space and the folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from core.errors import DiskFull

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


def free_bytes(folder: Path) -> int | None:
    """Free space for this user on the disk holding `folder` (None when it cannot be asked)."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return shutil.disk_usage(probe).free
    except OSError:
        return None


def is_disk_full(exc: BaseException) -> bool:
    """An OSError for a full disk or quota, or SQLite's SQLITE_FULL, anywhere in the chain."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in _FULL_ERRNOS:
            return True
        if "database or disk is full" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__ or getattr(seen, "orig", None)
    return False


def disk_full(folder: Path, *, needed: int | None = None) -> DiskFull:
    return DiskFull(folder, free_bytes(folder), needed=needed)


# Below this much free space, a storage error SQLite reports vaguely ("disk I/O error" when its
# shared-memory file cannot grow, or a page that reads back short) is a full disk, not damage.
LOW_SPACE_BYTES = 2 * 1024 * 1024


def _storage_error(exc: BaseException) -> bool:
    from core.errors import VaultDamaged

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, VaultDamaged | OSError) or type(seen).__name__ in ("OperationalError", "DatabaseError"):
            return True
        seen = seen.__cause__ or seen.__context__ or getattr(seen, "orig", None)
    return False


def full_disk_caused(exc: BaseException, folder: Path) -> bool:
    """Was `exc` caused by the disk holding `folder` being full?"""
    if is_disk_full(exc):
        return True
    free = free_bytes(folder)
    return free is not None and free < LOW_SPACE_BYTES and _storage_error(exc)


@contextlib.contextmanager
def disk_full_as_error(folder: Path) -> Iterator[None]:
    """Turn a failure inside the block that a full disk caused into `DiskFull` naming `folder`."""
    try:
        yield
    except DiskFull:
        raise
    except Exception as exc:
        if full_disk_caused(exc, folder):
            raise disk_full(folder) from exc
        raise


def require_free(folder: Path, needed: int) -> None:
    """Refuse up front (DiskFull) when the disk holding `folder` has less than `needed` bytes."""
    free = free_bytes(folder)
    if free is not None and free < needed:
        raise DiskFull(folder, free, needed=needed)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` durable (a no-op where folders cannot be opened)."""
    try:
        dfd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def make_private_dir(path: Path) -> Path:
    """Create `path` (and parents) and make it owner-only, whatever the umask."""
    path.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        path.chmod(PRIVATE_DIR)
    return path


def temp_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a private temporary path beside `path` for a writer that wants a file name; on a
    clean exit it replaces `path` durably, on any failure it is removed and `path` is untouched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path_for(path)
    try:
        with disk_full_as_error(path.parent):
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
            yield tmp
            os.chmod(tmp, PRIVATE_FILE)  # a writer that recreated the file gets it private again
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", *, encoding: str = "utf-8") -> Iterator[IO[Any]]:
    """`open(path, mode)` that lands all at once or not at all (text modes use `encoding`)."""
    with atomic_path(path) as tmp:
        kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": encoding, "newline": ""}
        with open(tmp, mode, **kwargs) as fh:
            yield fh
            fh.flush()


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` all at once (old contents or new, never half) and owner-only."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_open(path, "wb") as fh:
        fh.write(raw)
