"""Shared pieces for the vault tests: fast Argon2, profile set-up, an in-memory keyring backend."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import keyring
import numpy as np
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from core.model import FactType
from core.vault import Argon2Params, Profile, ProfileStore
from core.vault.db import connect_raw

FAST = Argon2Params(time_cost=1, memory_kib=1024, parallelism=1)
PASSPHRASE = "correct horse battery staple"
DIM = 384


class DictKeyring(KeyringBackend):
    """A real keyring backend class that keeps its entries in a dict (no OS keychain here)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.entries:
            raise PasswordDeleteError("no such entry")
        del self.entries[(service, username)]


class HangingKeyring(KeyringBackend):
    """A backend whose every call hangs for a minute, like a locked keychain waiting on a dialog."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        time.sleep(60)
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        time.sleep(60)

    def delete_password(self, service: str, username: str) -> None:
        time.sleep(60)


@contextmanager
def keyring_backend(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def make_profile(root: Path, name: str = "Test person", *, keychain: bool = False) -> tuple[
        ProfileStore, Profile, str, bytes]:
    """A fresh profile under `root`: (store, profile, recovery key, vault key)."""
    store = ProfileStore(root / "profiles")
    profile, recovery = store.create(name, passphrase=PASSPHRASE, use_keychain=keychain, argon=FAST)
    key = store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False).key
    return store, profile, recovery, key


def vector(seed: int) -> bytes:
    return np.random.default_rng(seed).random(DIM, dtype=np.float32).tobytes()


def add_fact_with_vector(ws: Any, value: str, seed: int) -> int:
    """One transaction: a fact and its embedding, as the knowledge base writes them."""
    from core.facts import insert_fact

    with ws.mutation("Add fact") as txn:
        fid = insert_fact(txn, type=FactType.skill, value=value, attributes={"name": value})
        txn.conn.exec_driver_sql("INSERT INTO fact_vectors(rowid, embedding) VALUES (?, ?)",
                                 (fid, vector(seed)))
    return fid


def dump_tables(path: Path, key: bytes, tables: tuple[str, ...] = (
        "facts", "fact_sources", "fact_versions", "edges", "conflicts", "documents")) -> dict[str, list[Any]]:
    """Every row of the named tables (sorted), for exact before/after comparisons."""
    conn = connect_raw(path, key)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def check_vault(path: Path, key: bytes) -> dict[str, Any]:
    """Integrity + HMAC checks, fact ids, vector ids of a closed vault."""
    conn = connect_raw(path, key)
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        cipher = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        facts = {r[0] for r in conn.execute("SELECT id FROM facts")}
        vectors = {r[0] for r in conn.execute("SELECT rowid FROM fact_vectors")}
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
    return {"integrity": integrity, "cipher": cipher, "facts": facts, "vectors": vectors,
            "version": version}


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def temp_files_since(start: float, exclude: Path | None = None) -> list[Path]:
    """Regular files in the system temp dir modified since `start` (what the test run wrote)."""
    out = []
    root = Path(tempfile.gettempdir())
    for dirpath, _dirs, files in os.walk(root, onerror=lambda e: None):
        for f in files:
            p = Path(dirpath, f)
            if exclude is not None and exclude in p.parents:
                continue
            try:
                st = p.stat()
                if p.is_file() and not p.is_symlink() and st.st_mtime >= start and st.st_size < 64_000_000:
                    out.append(p)
            except OSError:
                continue
    return out


def files_containing(paths: list[Path], needles: list[bytes]) -> list[str]:
    hits = []
    for p in paths:
        try:
            data = p.read_bytes()
        except OSError:
            continue
        for n in needles:
            if n in data:
                hits.append(f"{p}: {n[:12]!r}")
    return hits


def all_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def json_of(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))
