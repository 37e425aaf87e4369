"""sqlite-vec inside the encrypted file: 10k vectors, KNN, close, reopen, same answers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.errors import WrongKey
from core.vault import Vault
from core.vault.db import connect_raw
from core.vault.keys import new_vault_key
from tests.core.vault_kit import DIM, make_profile

N = 10_000


def _knn(conn: object, queries: np.ndarray) -> list[list[tuple[int, float]]]:
    out = []
    for q in queries:
        rows = conn.execute(  # type: ignore[attr-defined]
            "SELECT rowid, distance FROM fact_vectors WHERE embedding MATCH ? AND k = 10 ORDER BY distance",
            (q.tobytes(),)).fetchall()
        out.append([(int(r), float(d)) for r, d in rows])
    return out


def test_ten_thousand_vectors_survive_close_and_reopen(tmp_path: Path) -> None:
    store, profile, _, key = make_profile(tmp_path)
    rng = np.random.default_rng(42)
    vecs = rng.random((N, DIM), dtype=np.float32) - 0.5
    queries = vecs[[0, 17, 4242, 9999]] + rng.normal(0, 0.01, (4, DIM)).astype(np.float32)

    vault = store.open_vault(profile, key)
    with vault.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO fact_vectors(rowid, embedding) VALUES (?, ?)",
                             [(i + 1, vecs[i].tobytes()) for i in range(N)])
    vault.close()

    conn = connect_raw(profile.vault_path, key)
    try:
        assert conn.execute("SELECT count(*) FROM fact_vectors").fetchone()[0] == N
        first = _knn(conn, queries)
    finally:
        conn.close()
    # the nearest neighbour of a slightly moved vector is that vector, as numpy's cosine agrees
    unit = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    for q, got in zip(queries, first, strict=True):
        expected = np.argsort(1 - unit @ (q / np.linalg.norm(q)))[:10] + 1
        assert [r for r, _ in got] == expected.tolist()

    reopened = store.open_vault(profile, key)  # full open: probe, HMAC check, migrations
    reopened.close()
    conn = connect_raw(profile.vault_path, key)
    try:
        assert _knn(conn, queries) == first
    finally:
        conn.close()
    assert not profile.vault_path.read_bytes()[:16].startswith(b"SQLite format")

    with pytest.raises(WrongKey):
        Vault.open(profile.vault_path, new_vault_key(), profile.backups_dir, key_verified=False)
