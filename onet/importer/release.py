"""Read an O*NET text release from a folder or its zip: files found by name, columns by header."""

from __future__ import annotations

import csv
import io
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

from onet.errors import ReleaseInvalid

KEY_FILE = "Occupation Data.txt"
MAX_MEMBER_BYTES = 512 * 1024 * 1024  # one text file; the real ones are < 20 MB
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, against zip bombs

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class MissingColumns(Exception):
    """A file lacks a column the importer needs (the file is reported as unusable)."""


class Release:
    """The text files of one release, keyed by lower-cased file name."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self._zip: zipfile.ZipFile | None = None
        self._files: dict[str, str] = {}  # lower name -> folder path or zip member
        if source.is_dir():
            folder = source if (source / KEY_FILE).exists() else _single_subfolder(source)
            for p in sorted(folder.iterdir()):
                if p.is_file() and p.suffix.lower() == ".txt":
                    self._files[p.name.lower()] = str(p)
        elif source.is_file() and zipfile.is_zipfile(source):
            try:
                self._zip = zipfile.ZipFile(source)
                self._files = _zip_members(self._zip)
            except zipfile.BadZipFile as exc:
                self.close()
                raise ReleaseInvalid(f"{source.name} is a damaged zip.") from exc
            except ReleaseInvalid:
                self.close()
                raise
        else:
            raise ReleaseInvalid(f"{source.name} is neither a folder nor a zip of an O*NET release.")
        if KEY_FILE.lower() not in self._files:
            self.close()
            what = "holds no O*NET text files" if not self._files else f"lacks '{KEY_FILE}'"
            raise ReleaseInvalid(f"{source.name} is not an O*NET text release (it {what}).")

    @property
    def names(self) -> list[str]:
        return sorted(self._files)

    @property
    def version(self) -> str:
        """Release version guessed from the folder/zip name (db_30_0_text -> 30.0), else ''."""
        names = [self.source.name, *(Path(v).parent.name for v in self._files.values())]
        for name in names:
            m = re.search(r"db_(\d+)_(\d+)", name)
            if m:
                return f"{m.group(1)}.{m.group(2)}"
        return ""

    def has(self, name: str) -> bool:
        return name.lower() in self._files

    def rows(self, name: str, required: tuple[str, ...]) -> Iterator[dict[str, str]]:
        """Rows of one file as {column: value}; raises MissingColumns if a required one is absent."""
        handle = self._open(name)
        try:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = [h.strip() for h in next(reader, [])]
            missing = [c for c in required if c not in header]
            if missing:
                raise MissingColumns(", ".join(missing))
            width = len(header)
            for rec in reader:
                if not rec or (len(rec) == 1 and not rec[0].strip()):
                    continue
                if len(rec) < width:
                    rec = rec + [""] * (width - len(rec))
                yield {h: v.strip() for h, v in zip(header, rec, strict=False)}
        finally:
            handle.close()

    def _open(self, name: str) -> io.TextIOBase:
        where = self._files[name.lower()]
        if self._zip is not None:
            raw = self._zip.open(where)
            return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        return open(where, encoding="utf-8-sig", errors="replace", newline="")

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> Release:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _single_subfolder(folder: Path) -> Path:
    subs = [p for p in folder.iterdir() if p.is_dir() and (p / KEY_FILE).exists()]
    return subs[0] if len(subs) == 1 else folder


def _zip_members(zf: zipfile.ZipFile) -> dict[str, str]:
    """Text members at the top or in one top folder; rejects zip bombs and odd layouts."""
    total = 0
    found: dict[str, str] = {}
    folders: set[str] = set()
    for info in zf.infolist():
        if info.is_dir():
            continue
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise ReleaseInvalid("The O*NET zip is too large to be a text release.")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise ReleaseInvalid("The O*NET zip is compressed suspiciously well; refusing it.")
        parts = info.filename.replace("\\", "/").split("/")
        if len(parts) > 2 or not parts[-1].lower().endswith(".txt") or parts[-1].startswith("."):
            continue
        folders.add(parts[0] if len(parts) == 2 else "")
        found[parts[-1].lower()] = info.filename
    if len(folders) > 1:
        raise ReleaseInvalid("The zip does not have the layout of an O*NET text release.")
    return found
