"""Fact insert throughput of `core.kb.bulk_insert_facts` (facts + creation history + provenance +
undo record, one transaction, one undo step) as a ratio to a raw `executemany` of the same facts
rows into the same (encrypted, FTS-triggered) table in the same run. Target: >= 0.5.

    python bench/kb_insert.py [--facts 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.facts import fingerprint, now_iso  # noqa: E402
from core.kb import NewFact, SourceSpec, bulk_insert_facts  # noqa: E402
from core.model import FactType, SourceKind  # noqa: E402
from core.vault import Argon2Params, ProfileStore  # noqa: E402
from core.workspace import Workspace  # noqa: E402


def open_ws(root: Path, name: str) -> Workspace:
    store = ProfileStore(root)
    profile, _ = store.create(name, passphrase="bench", argon=Argon2Params(1, 1024, 1))
    key = store.unlock(profile, passphrase="bench", use_keychain=False).key
    return Workspace(store.open_vault(profile, key), profile=profile)


def facts(n: int) -> list[NewFact]:
    return [NewFact(FactType.achievement, f"Shipped feature {i} that cut latency by {i % 90}%",
                    {"text": f"feature {i}", "metrics": [{"kind": "percent", "value": i % 90}]},
                    source=SourceSpec(SourceKind.imported, note="bench")) for i in range(n)]


def raw_insert(ws: Workspace, items: list[NewFact]) -> float:
    ts = now_iso()
    rows = [(f.type.value, f.value, json.dumps(f.attributes, sort_keys=True), "pending", "exportable", 1.0, "imported",
             "[]", fingerprint(f.type.value, f.value), ts, ts) for f in items]
    raw = ws.vault.engine.raw_connection()
    try:
        conn = raw.driver_connection
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO facts (type, value, attributes, status, visibility, confidence, source_kind, "
                         "tags, fingerprint, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.execute("COMMIT")
        return time.perf_counter() - t
    finally:
        raw.close()


def raw_insert_with_provenance(ws: Workspace, items: list[NewFact]) -> float:
    """Raw executemany of the same three rows per fact that Vita writes (fact, creation history,
    provenance): the like-for-like reference for the facade's own overhead."""
    ts = now_iso()
    facts_rows, versions, sources = [], [], []
    for i, f in enumerate(items, start=1):
        attrs = json.dumps(f.attributes, sort_keys=True)
        facts_rows.append((i, f.type.value, f.value, attrs, "pending", "exportable", 1.0, "imported", "[]",
                           fingerprint(f.type.value, f.value), ts, ts))
        versions.append((i, 1, "create", json.dumps({"type": f.type.value, "value": f.value, "attributes": attrs}), ts))
        sources.append((i, "imported", 1.0, "bench", ts))
    raw = ws.vault.engine.raw_connection()
    try:
        conn = raw.driver_connection
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO facts (id, type, value, attributes, status, visibility, confidence, "
                         "source_kind, tags, fingerprint, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                         facts_rows)
        conn.executemany("INSERT INTO fact_versions (fact_id, version, action, snapshot, created_at) "
                         "VALUES (?,?,?,?,?)", versions)
        conn.executemany("INSERT INTO fact_sources (fact_id, source_kind, confidence, note, created_at) "
                         "VALUES (?,?,?,?,?)", sources)
        conn.execute("COMMIT")
        return time.perf_counter() - t
    finally:
        raw.close()


def kb_insert(ws: Workspace, items: list[NewFact]) -> float:
    t = time.perf_counter()
    bulk_insert_facts(ws, items)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--facts", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    items = facts(a.facts)
    raw_t, raw3_t, kb_t = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(a.repeat):
            ws = open_ws(Path(tmp) / f"r{i}", f"raw{i}")
            try:
                raw_t.append(raw_insert(ws, items))
            finally:
                ws.close()
            ws = open_ws(Path(tmp) / f"p{i}", f"raw3-{i}")
            try:
                raw3_t.append(raw_insert_with_provenance(ws, items))
            finally:
                ws.close()
            ws = open_ws(Path(tmp) / f"k{i}", f"kb{i}")
            try:
                kb_t.append(kb_insert(ws, items))
                assert ws.count_facts() == a.facts
                ws.undo()
                assert ws.count_facts() == 0
            finally:
                ws.close()
    r, k = statistics.median(raw_t), statistics.median(kb_t)
    print(f"facts {a.facts}  raw executemany {a.facts / r:,.0f}/s ({r * 1000:.0f} ms)  "
          f"bulk_insert_facts {a.facts / k:,.0f}/s ({k * 1000:.0f} ms)  ratio {r / k:.2f} (target >= 0.5)")
    r3 = statistics.median(raw3_t)
    print(f"like-for-like: raw executemany of fact + history + provenance rows {a.facts / r3:,.0f}/s "
          f"({r3 * 1000:.0f} ms)  ratio {r3 / k:.2f}")


if __name__ == "__main__":
    main()
