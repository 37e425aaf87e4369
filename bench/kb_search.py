"""Semantic search latency at 1k / 10k / 100k facts, as a ratio to a numpy brute-force scan of the
same vectors in the same run. Random unit vectors (no model needed) in a real SQLCipher vault.

Prints, per size: numpy scan ms, core.kb semantic search ms (warm), its first-call ms (loads the
matrix out of the encrypted vault), a filtered search (type + status), and sqlite-vec's own KNN
(core.index.knn) for reference. Targets: kb within 3x numpy, and under 20 ms at 10k.

    python bench/kb_search.py [--sizes 1000,10000,100000] [--queries 50]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.facts import now_iso  # noqa: E402
from core.kb import Filters  # noqa: E402
from core.kb.search import semantic_ids  # noqa: E402
from core.model import FactStatus, FactType  # noqa: E402
from core.vault import Argon2Params, ProfileStore  # noqa: E402
from core.workspace import Workspace  # noqa: E402

TYPES = [FactType.skill, FactType.achievement, FactType.role, FactType.project]


def open_ws(root: Path) -> Workspace:
    store = ProfileStore(root)
    profile, _ = store.create("Bench", passphrase="bench", argon=Argon2Params(1, 1024, 1))
    key = store.unlock(profile, passphrase="bench", use_keychain=False).key
    return Workspace(store.open_vault(profile, key), profile=profile)


def fill(ws: Workspace, n: int, rng: np.random.Generator) -> np.ndarray:
    """n facts and n random unit vectors. The FTS trigger is dropped for the fill and recreated
    (full-text is not what is measured, and FTS writes under cipher_memory_security are slow)."""
    ts = now_iso()
    rows = [(i + 1, TYPES[i % 4].value, f"fact {i}", json.dumps({"n": i}),
             FactStatus.approved.value if i % 2 else FactStatus.pending.value, "exportable", 1.0, "person", "[]",
             "", ts, ts) for i in range(n)]
    x = rng.standard_normal((n, 384)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    raw = ws.vault.engine.raw_connection()
    try:
        c = raw.driver_connection
        trigger = c.execute("SELECT sql FROM sqlite_master WHERE name = 'facts_ai'").fetchone()[0]
        c.execute("BEGIN IMMEDIATE")
        c.execute("DROP TRIGGER facts_ai")
        c.executemany("INSERT INTO facts (id, type, value, attributes, status, visibility, confidence, source_kind, "
                      "tags, fingerprint, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        c.execute(trigger)
        c.executemany("INSERT INTO fact_vectors(rowid, embedding) VALUES (?, ?)",
                      ((i + 1, x[i].tobytes()) for i in range(n)))
        c.execute("COMMIT")
    finally:
        raw.close()
    return x


def timed(fn, queries: np.ndarray) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t) * 1000)
    return out


def numpy_scan(x: np.ndarray, q: np.ndarray, k: int = 10) -> np.ndarray:
    s = x @ q
    top = np.argpartition(-s, k - 1)[:k]
    return top[np.argsort(-s[top])]


def measure(ws: Workspace, n: int, n_queries: int, rng: np.random.Generator) -> None:
    x = fill(ws, n, rng)
    queries = rng.standard_normal((n_queries, 384)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    t = time.perf_counter()
    first = semantic_ids(ws, queries[0], k=10)
    first_ms = (time.perf_counter() - t) * 1000
    agree = [i - 1 for i, _ in first] == list(numpy_scan(x, queries[0]))
    np_ms = statistics.median(timed(lambda q: numpy_scan(x, q), queries))
    kb_ms = statistics.median(timed(lambda q: semantic_ids(ws, q, k=10), queries))
    filt = Filters(types=[FactType.skill], statuses=[FactStatus.approved])
    f_ms = statistics.median(timed(lambda q: semantic_ids(ws, q, k=10, filters=filt), queries[:10]))
    try:
        from core.index import knn

        vec = f"{statistics.median(timed(lambda q: knn(ws, q, 10), queries[:5])):9.2f}"
    except ImportError:
        vec = f"{'n/a':>9}"
    print(f"{n:>7} {np_ms:9.2f} {kb_ms:8.2f} {kb_ms / np_ms:6.2f} {first_ms:9.1f} {f_ms:12.2f} {vec} "
          f"{'yes' if agree else 'NO':>6}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--queries", type=int, default=50)
    a = ap.parse_args()
    rng = np.random.default_rng(42)
    print(f"{'facts':>7} {'numpy ms':>9} {'kb ms':>8} {'ratio':>6} {'kb first':>9} {'kb filtered':>12} "
          f"{'vec0 knn':>9} {'agree':>6}")
    for n in (int(s) for s in a.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            ws = open_ws(Path(tmp))
            try:
                measure(ws, n, a.queries, rng)
            finally:
                ws.close()

if __name__ == "__main__":
    main()
