"""Vault crash and open-cost bench: many SIGKILLed writers, rekeys and migrations; open-check cost.

    python bench/vault_crash.py                      # 1000 writer, 100 rekey, 30 migration, 30 restore kills
    python bench/vault_crash.py --kills 200 --rekeys 20 --migrations 10
    python bench/vault_crash.py --kills 0 --rekeys 0 --migrations 0 --open-cost 100000

Prints figures; asserts only correctness (no lost acknowledged commit, integrity ok).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.errors import WrongKey  # noqa: E402
from core.vault import Vault  # noqa: E402
from core.vault.db import FULL_CHECK_MAX_BYTES, connect_raw, probe  # noqa: E402
from tests.core.test_vault_crash import _reset_migration, assert_consistent  # noqa: E402
from tests.core.vault_crash_worker import SLOW_MIGRATION, CrashServer  # noqa: E402
from tests.core.vault_kit import PASSPHRASE, make_profile  # noqa: E402


def writer_kills(server: CrashServer, root: Path, kills: int, rng: random.Random) -> None:
    store, profile, _, key = make_profile(root / "writer")
    acked: set[int] = set()
    mid_write = 0
    start = time.monotonic()
    for i in range(kills):
        pid = server.spawn({"job": "write", "vault": str(profile.vault_path), "key": key.hex(),
                            "backups": str(profile.backups_dir), "seed": i})
        lines, sig, _ = server.kill_at_random(pid, rng)
        if sig != 9 or any(ln.startswith("error") for ln in lines):
            raise SystemExit(f"writer {i} ended badly: {lines[-3:]}")
        new = {int(ln.split()[1]) for ln in lines if ln.startswith("ack ")}
        mid_write += bool(new)
        acked |= new
        assert_consistent(profile.vault_path, key, acked)
        if (i + 1) % 100 == 0:
            Vault.open(profile.vault_path, key, profile.backups_dir).close()
            print(f"  {i + 1} kills, {len(acked)} acknowledged commits, all present", flush=True)
    took = time.monotonic() - start
    print(f"writer kills: {kills} (mid-write {mid_write}), acknowledged commits {len(acked)}, lost 0, "
          f"integrity ok every time; {took:.1f} s ({took / max(kills, 1):.2f} s per kill + check)")


def rekey_kills(server: CrashServer, root: Path, count: int, rng: random.Random) -> None:
    store, profile, _, key = make_profile(root / "rekey")
    pid = server.spawn({"job": "write", "vault": str(profile.vault_path), "key": key.hex(),
                        "backups": str(profile.backups_dir), "seed": 0})
    assert server.wait_for("ack", timeout=60)
    time.sleep(0.3)
    lines, _, _ = server.kill_and_reap(pid)
    acked = {int(ln.split()[1]) for ln in lines if ln.startswith("ack ")}
    current, t0 = PASSPHRASE, time.monotonic()
    pid = server.spawn({"job": "rekey", "root": str(store.root), "profile": profile.id,
                        "passphrases": [current], "new": "r-0"})
    server.wait_for("rekeyed", 120)
    duration = time.monotonic() - t0
    server.kill_and_reap(pid)
    current = "r-0"
    outcome = {"old": 0, "new": 0}
    for i in range(1, count + 1):
        new = f"r-{i}"
        pid = server.spawn({"job": "rekey", "root": str(store.root), "profile": profile.id,
                            "passphrases": [current], "new": new})
        time.sleep(rng.uniform(0, duration * 1.2))
        server.kill_and_reap(pid)
        for label, candidate in (("old", current), ("new", new)):
            try:
                k = store.unlock(profile, passphrase=candidate, use_keychain=False).key
            except WrongKey:
                continue
            outcome[label] += 1
            current = candidate
            assert_consistent(profile.vault_path, k, acked)
            store.open_vault(profile, k).close()
            break
        else:
            raise SystemExit(f"rekey kill {i}: neither passphrase opens the vault")
    print(f"rekey kills: {count}, one rekey takes {duration:.2f} s; afterwards old key valid {outcome['old']}x, "
          f"new key valid {outcome['new']}x, never neither")


def migration_kills(server: CrashServer, root: Path, count: int, rng: random.Random) -> None:
    store, profile, _, key = make_profile(root / "migration")
    spec = {"job": "migrate", "vault": str(profile.vault_path), "key": key.hex(),
            "backups": str(profile.backups_dir)}
    t0 = time.monotonic()
    pid = server.spawn(spec)
    server.wait_for("migrated", 120)
    duration = time.monotonic() - t0
    server.kill_and_reap(pid)
    _reset_migration(profile.vault_path, key)
    outcome = {1: 0, SLOW_MIGRATION: 0}
    for _ in range(count):
        pid = server.spawn(spec)
        time.sleep(rng.uniform(0, duration * 1.1))
        server.kill_and_reap(pid)
        state = assert_consistent(profile.vault_path, key, set())
        outcome[state["version"]] += 1
        if state["version"] == SLOW_MIGRATION:
            _reset_migration(profile.vault_path, key)
    print(f"migration kills: {count}, one migration takes {duration:.2f} s; afterwards old schema "
          f"{outcome[1]}x, new schema {outcome[SLOW_MIGRATION]}x, never in between")


def restore_kills(server: CrashServer, root: Path, count: int, rng: random.Random) -> None:
    store, profile, _, key = make_profile(root / "restore")
    spec_write = {"job": "write", "vault": str(profile.vault_path), "key": key.hex(),
                  "backups": str(profile.backups_dir), "seed": 0}
    ids = []
    backups = []
    for seed in (0, 1):
        pid = server.spawn({**spec_write, "seed": seed})
        server.wait_for("ack", 60)
        time.sleep(0.3)
        server.kill_and_reap(pid)
        vault = Vault.open(profile.vault_path, key, profile.backups_dir)
        backups.append(vault.backup(reason=f"b{seed}", prune_after=False).path)
        vault.close()
        ids.append(assert_consistent(profile.vault_path, key, set())["facts"])
    spec = {"job": "restore", "root": str(store.root), "profile": profile.id, "key": key.hex(),
            "backup": str(backups[0])}
    t0 = time.monotonic()
    pid = server.spawn(spec)
    server.wait_for("restored", 120)
    duration = time.monotonic() - t0
    server.kill_and_reap(pid)
    store.restore(profile, key, backups[1])
    outcome = {"old": 0, "restored": 0}
    for _ in range(count):
        pid = server.spawn(spec)
        time.sleep(rng.uniform(0, duration * 1.5))
        server.kill_and_reap(pid)
        store.unlock(profile, passphrase=PASSPHRASE, use_keychain=False)
        state = assert_consistent(profile.vault_path, key, set())
        if state["facts"] == ids[0]:
            outcome["restored"] += 1
            store.restore(profile, key, backups[1])
        elif state["facts"] == ids[1]:
            outcome["old"] += 1
        else:
            raise SystemExit("restore kill left a vault that is neither the old nor the restored one")
    print(f"restore kills: {count}, one restore takes {duration:.2f} s; afterwards old vault {outcome['old']}x, "
          f"restored vault {outcome['restored']}x, never anything else")


def open_cost(root: Path, facts: int) -> None:
    import numpy as np

    store, profile, _, key = make_profile(root / "open")
    conn = connect_raw(profile.vault_path, key)
    rng = np.random.default_rng(0)
    t0 = time.monotonic()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO facts(type, value, attributes, created_at, updated_at) "
                     "VALUES ('skill', ?, ?, 't', 't')",
                     ((f"fact {i} " + "w" * 60, '{"text": "' + "x" * 120 + '"}') for i in range(facts)))
    conn.executemany("INSERT INTO fact_vectors(rowid, embedding) VALUES (?, ?)",
                     ((i + 1, rng.random(384, dtype=np.float32).tobytes()) for i in range(facts)))
    conn.execute("COMMIT")
    conn.close()
    size = profile.vault_path.stat().st_size
    print(f"open cost: {facts} facts + vectors, file {size / 1e6:.0f} MB (filled in {time.monotonic() - t0:.0f} s)")

    def timed(fn) -> float:  # type: ignore[no-untyped-def]
        best = 1e9
        for _ in range(3):
            t = time.monotonic()
            fn()
            best = min(best, time.monotonic() - t)
        return best

    read = timed(lambda: hashlib.sha256(profile.vault_path.read_bytes()).digest())
    full = timed(lambda: probe(profile.vault_path, key, key_verified=True, full=True))
    quick = timed(lambda: probe(profile.vault_path, key, key_verified=True, full=False))
    opened = timed(lambda: store.open_vault(profile, key).close())
    backup = timed(lambda: Vault.open(profile.vault_path, key, profile.backups_dir).backup(prune_after=False))
    print(f"  reference (read + sha256 the file): {read:.3f} s")
    print(f"  full HMAC check (cipher_integrity_check): {full:.3f} s = {full / read:.1f}x reference, "
          f"{full / (size / 1e6) * 1000:.1f} ms/MB")
    print(f"  quick check (first page): {quick:.4f} s")
    mode = "quick" if size > FULL_CHECK_MAX_BYTES else "full"
    print(f"  Vault open as shipped ({mode} check; files up to {FULL_CHECK_MAX_BYTES >> 20} MiB get the "
          f"full one): {opened:.3f} s")
    print(f"  backup (copy + full integrity check of the copy): {backup:.3f} s = {backup / read:.1f}x reference")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kills", type=int, default=1000)
    ap.add_argument("--rekeys", type=int, default=100)
    ap.add_argument("--migrations", type=int, default=30)
    ap.add_argument("--restores", type=int, default=30)
    ap.add_argument("--open-cost", type=int, default=0, metavar="FACTS")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="vita-bench-") as tmp:
        root = Path(tmp)
        if args.kills or args.rekeys or args.migrations or args.restores:
            server = CrashServer(REPO)
            try:
                if args.kills:
                    writer_kills(server, root, args.kills, rng)
                if args.rekeys:
                    rekey_kills(server, root, args.rekeys, rng)
                if args.migrations:
                    migration_kills(server, root, args.migrations, rng)
                if args.restores:
                    restore_kills(server, root, args.restores, rng)
            finally:
                server.close()
        if args.open_cost:
            open_cost(root, args.open_cost)


if __name__ == "__main__":
    main()
