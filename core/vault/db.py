"""The encrypted vault file: SQLCipher 4 through SQLAlchemy 2, WAL, sqlite-vec in the same file."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.request import pathname2url

import sqlcipher3
import sqlite_vec
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from core.errors import VaultDamaged, WrongKey
from core.vault.keys import sqlcipher_key_literal

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_BYTES = 4096  # SQLCipher 4's page size: a whole vault file is a multiple of it
_NOT_A_DB = ("file is not a database", "file is encrypted", "hmac", "malformed", "not a database")


def connect_raw(path: Path, key: bytes, *, check_same_thread: bool = False) -> Any:
    """A keyed sqlcipher3 connection with sqlite-vec loaded, WAL and full sync, autocommit mode."""
    conn = sqlcipher3.connect(str(path), check_same_thread=check_same_thread, isolation_level=None,
                              timeout=30.0)
    try:
        conn.execute(f"PRAGMA key = {sqlcipher_key_literal(key)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.enable_load_extension(True)
        sqlite_vec.load(conn)
        conn.enable_load_extension(False)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA secure_delete = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def is_key_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(marker in text for marker in _NOT_A_DB)


# Checking every page's HMAC costs about 8 ms per MB here (1.6 s for a 200 MB, 100k-fact vault),
# so opening checks every page only up to this size; bigger files get the quick check (first page,
# header, schema) at open and the full check on each backup, which reads every page anyway.
FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024


def probe(path: Path, key: bytes, *, key_verified: bool, backup: Path | None = None,
          full: bool | None = None) -> None:
    """Open read-only and check the pages; tell a wrong key from a damaged file. Never writes.

    `full=None` checks every page's HMAC when the file is at most FULL_CHECK_MAX_BYTES.
    """
    if not path.exists():
        raise VaultDamaged("The vault file is missing.", backup=backup)
    size = path.stat().st_size
    if size < PAGE_BYTES:  # an empty file would open as a new, empty vault: never write into it
        raise VaultDamaged(f"The file is {'empty' if not size else 'truncated'} ({size} bytes): it was cut "
                           "short and holds no data. It was left as it is.", backup=backup)
    with path.open("rb") as fh:
        head = fh.read(16)
    if head == SQLITE_HEADER:
        raise VaultDamaged("The vault file is not encrypted; it was not written by Vita.", backup=backup)
    if full is None:
        full = path.stat().st_size <= FULL_CHECK_MAX_BYTES
    conn = _open_read_only(path)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {sqlcipher_key_literal(key)}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            if key_verified:
                raise VaultDamaged(_damage_message(path, key), backup=backup) from exc
            raise WrongKey() from exc
        if not full:
            return
        try:
            problems = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        except sqlcipher3.DatabaseError as exc:
            raise VaultDamaged(_damage_message(path, key), backup=backup) from exc
        if problems:
            raise VaultDamaged(_damage_message(path, key), backup=backup)
    finally:
        conn.close()


# SQLCipher 4's page layout with a raw key: the file's first 16 bytes are the salt; every page
# ends in a 16-byte IV and a 64-byte HMAC-SHA512 over the ciphertext, the IV and the page number
# (little-endian), keyed by PBKDF2-HMAC-SHA512(key, salt ^ 0x3a, 2 rounds). Checking it here
# names the page that failed and tells a damaged file from a file under another key.
_RESERVE, _IV, _SALT = 80, 16, 16


def _hmac_key(key: bytes, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", key, bytes(b ^ 0x3A for b in salt), 2, 32)


def page_fails(page: bytes, pgno: int, hmac_key: bytes) -> bool:
    """Does page `pgno` (1-based) fail its HMAC under `hmac_key`?"""
    if len(page) != PAGE_BYTES:
        return True
    start = _SALT if pgno == 1 else 0
    body, iv, mac = page[start:PAGE_BYTES - _RESERVE], page[-_RESERVE:-_RESERVE + _IV], page[-_RESERVE + _IV:]
    calc = hmac.new(hmac_key, body + iv + struct.pack("<I", pgno), hashlib.sha512).digest()
    return not hmac.compare_digest(calc, mac)


def failing_pages(path: Path, key: bytes, *, limit: int = 10) -> list[int]:
    """Page numbers (1-based) of the file whose HMAC fails under `key`, the first `limit` of them."""
    bad: list[int] = []
    with path.open("rb") as fh:
        salt = fh.read(_SALT)
        hkey = _hmac_key(key, salt)
        fh.seek(0)
        pgno = 0
        while len(bad) < limit:
            page = fh.read(PAGE_BYTES)
            if not page:
                break
            pgno += 1
            if page_fails(page, pgno, hkey):
                bad.append(pgno)
    return bad


def made_with_key(path: Path, key: bytes, *, sample: int = 8) -> bool:
    """Do some of the file's pages (after the first) check out under `key`? True for a file of
    this key whose first page is damaged; False for a file written under another key."""
    with path.open("rb") as fh:
        hkey = _hmac_key(key, fh.read(_SALT))
        fh.seek(PAGE_BYTES)
        for pgno in range(2, 2 + sample):
            page = fh.read(PAGE_BYTES)
            if len(page) < PAGE_BYTES:
                break
            if not page_fails(page, pgno, hkey):
                return True
    return False


def _damage_message(path: Path, key: bytes, what: str = "The vault file") -> str:
    pages = failing_pages(path, key)
    if not pages:
        return f"{what} is damaged."
    named = ", ".join(str(p) for p in pages[:5]) + (" and more" if len(pages) > 5 else "")
    if len(pages) == 1:
        return f"{what} is damaged (page {named} fails its check)."
    return f"{what} is damaged (pages {named} fail their check)."


def _open_read_only(path: Path) -> Any:
    """A read-only connection that creates nothing beside the file (no -wal/-shm) unless a WAL
    left by a crash must be read: then it needs SQLite's shared memory like any reader."""
    has_wal = Path(str(path) + "-wal").exists()
    uri = f"file:{pathname2url(str(path))}?mode=ro" + ("" if has_wal else "&immutable=1")
    return sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


def check_file(path: Path, key: bytes) -> None:
    """Every page's HMAC and SQLite's full integrity check on a closed file; raises VaultDamaged."""
    probe(path, key, key_verified=True, full=True)
    conn = _open_read_only(path)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {sqlcipher_key_literal(key)}")
        conn.enable_load_extension(True)
        sqlite_vec.load(conn)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        except sqlcipher3.DatabaseError as exc:
            raise VaultDamaged("The file is damaged.") from exc
        if rows != ["ok"]:
            raise VaultDamaged(f"The file fails SQLite's integrity check ({len(rows)} problems).")
    finally:
        conn.close()


def make_engine(path: Path, key: bytes, *, pool_size: int = 3) -> Engine:
    """A SQLAlchemy engine whose every pooled connection is keyed and has sqlite-vec loaded."""
    engine = create_engine(
        "sqlite+pysqlite://",
        module=sqlcipher3.dbapi2,
        creator=lambda: connect_raw(path, key),
        poolclass=QueuePool,
        pool_size=pool_size,
        max_overflow=2,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front: no reader-turned-writer deadlocks.
        # Reads (execution option vita_read) take a deferred BEGIN so WAL readers run beside writers.
        read = conn.get_execution_options().get("vita_read", False)
        conn.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")

    return engine


@contextlib.contextmanager
def raw_connection(path: Path, key: bytes) -> Iterator[Any]:
    conn = connect_raw(path, key)
    try:
        yield conn
    finally:
        conn.close()


def create_file(path: Path, key: bytes) -> None:
    """Create a new, empty, encrypted vault file with owner-only permissions."""
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    with raw_connection(path, key) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS _vita_created (at TEXT)")
        conn.execute("DROP TABLE _vita_created")
