"""What `vita` does first: keep secrets out of child processes and out of core dumps, and make
every file it creates private whatever the umask was."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import sys
from collections.abc import Iterator

SECRET_VARIABLES = ("VITA_PASSPHRASE", "VITA_NEW_PASSPHRASE", "VITA_RECOVERY_KEY")
PR_SET_DUMPABLE = 4
_TAKEN: dict[str, str] = {}


def harden_process() -> None:
    """No core dumps (RLIMIT_CORE 0), not dumpable or traceable by other processes of this user
    (PR_SET_DUMPABLE 0 on Linux), and owner-only permissions for everything created."""
    os.umask(0o077)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


@contextlib.contextmanager
def secrets_out_of_environment() -> Iterator[None]:
    """Read VITA_PASSPHRASE, VITA_NEW_PASSPHRASE and VITA_RECOVERY_KEY once and remove them from
    the environment, so no parser worker, model process or subprocess started meanwhile gets
    them. They are put back afterwards only for in-process callers (tests); a `vita` process
    exits right after."""
    taken = {name: os.environ.pop(name) for name in SECRET_VARIABLES if name in os.environ}
    before = dict(_TAKEN)
    _TAKEN.clear()
    _TAKEN.update(taken)
    try:
        yield
    finally:
        _TAKEN.clear()
        _TAKEN.update(before)
        os.environ.update(taken)


def secret_from_environment(name: str) -> str | None:
    """A secret variable taken at start (or still in the environment when `vita` did not start
    through `main`)."""
    return _TAKEN.get(name) or os.environ.get(name) or None
