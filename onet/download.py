"""Fetch an O*NET text-release zip over HTTP(S) with progress, then check it is a release."""

from __future__ import annotations

import contextlib
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import BinaryIO

from onet.errors import DownloadFailed, ReleaseInvalid
from onet.importer.progress import CancelFn, Checkpoint, ProgressFn
from onet.importer.release import Release

DEFAULT_URL = "https://www.onetcenter.org/dl_files/database/db_30_0_text.zip"
MAX_DOWNLOAD_BYTES = 400 * 1024 * 1024  # the real zip is ~ 30 MB
CHUNK = 256 * 1024


def download_release(url: str, dest: str | os.PathLike[str], *, progress: ProgressFn | None = None,
                     cancel: CancelFn | None = None, timeout: float = 60.0,
                     max_bytes: int = MAX_DOWNLOAD_BYTES) -> Path:
    """Download `url` to `dest` (a .zip path) atomically; raises DownloadFailed or ReleaseInvalid."""
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise DownloadFailed("Only http:// and https:// addresses can be downloaded.")
    target = Path(dest)
    target.parent.mkdir(parents=True, exist_ok=True)
    check = Checkpoint(progress, cancel)
    fd, tmp_name = tempfile.mkstemp(prefix=".onet-download-", suffix=".zip", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            _fetch(url, out, check, timeout, max_bytes)
        with Release(tmp):  # raises ReleaseInvalid unless it is a zip of the expected layout
            pass
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return target


def _fetch(url: str, out: BinaryIO, check: Checkpoint, timeout: float, max_bytes: int) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": "Vita (O*NET importer)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            total = int(resp.headers.get("Content-Length") or 0)
            if total > max_bytes:
                raise DownloadFailed("The download is too large to be an O*NET text release.")
            done = 0
            check.step("download", 0, total, url)
            while True:
                block = resp.read(CHUNK)
                if not block:
                    break
                done += len(block)
                if done > max_bytes:
                    raise DownloadFailed("The download is too large to be an O*NET text release.")
                out.write(block)
                check.step("download", done, max(total, done), url)
            if total and done != total:
                raise DownloadFailed("The download was cut short; try again.")
    except urllib.error.HTTPError as exc:
        raise DownloadFailed(f"The server answered HTTP {exc.code} for the O*NET download.") from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        raise DownloadFailed("Could not reach the O*NET download server.") from exc


__all__ = ["DEFAULT_URL", "DownloadFailed", "ReleaseInvalid", "download_release"]
