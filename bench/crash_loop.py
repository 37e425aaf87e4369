"""Crash loop: restores, rekeys and exports killed at random moments while another process writes.

    python bench/crash_loop.py                  # 100 rounds each of restore, rekey and export
    python bench/crash_loop.py --rounds 20      # a quick look

Each round starts a writer (opens the profile, commits facts acknowledged one by one, closes,
again) and a victim (a restore of the newest backup, a rekey, or a full Vita export), kills the
victim at a random moment, then the writer. After every round: the vault passes SQLite's and
SQLCipher's checks, vector rows match fact rows, every acknowledged fact is in the vault or in a
backup (a restore legitimately moves newer facts into its 'before-restore' backup, but a fact in
no file is lost), and an export on disk is a whole JSON document. Prints figures only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.errors import VitaError  # noqa: E402
from core.vault.backup import list_backups  # noqa: E402
from core.vault.db import raw_connection  # noqa: E402
from core.vault.restore import find_backup_key  # noqa: E402
from tests.core.vault_crash_worker import CrashServer  # noqa: E402
from tests.core.vault_kit import PASSPHRASE, check_vault, make_profile  # noqa: E402

VICTIMS = ("restore", "rekey", "export")


class Loop:
    def __init__(self, root: Path, server: CrashServer, rng: random.Random) -> None:
        self.server, self.rng = server, rng
        self.store, self.profile, _, key = make_profile(root)
        vault = self.store.open_vault(self.profile, key)
        vault.backup(reason="manual")  # something to restore from the first round on
        vault.close()
        self.passphrases = [PASSPHRASE]
        self.acked: set[str] = set()
        self.backup_values: dict[Path, set[str]] = {}
        self.export = root / "export" / "all.vita.json"
        self.export.parent.mkdir()
        self.outcomes: Counter[str] = Counter()
        self.kills = 0
        self.lost = 0
        self.durations = {"restore": 0.6, "rekey": 0.6, "export": 0.3}

    def base(self) -> dict[str, object]:
        return {"root": str(self.store.root), "profile": self.profile.id, "passphrases": list(self.passphrases)}

    def round(self, i: int, victim: str) -> None:
        writer = self.server.spawn({"job": "write_cycles", "seed": i, **self.base()})
        self.server.wait_for("open", timeout=60)
        time.sleep(self.rng.uniform(0.0, 0.15))
        spec: dict[str, object] = self.base()
        if victim == "restore":
            spec["job"] = "restore_newest"
        elif victim == "rekey":
            spec.update(job="rekey", new=f"r-{i}")
            self.passphrases.append(f"r-{i}")
        else:
            spec.update(job="export", out=str(self.export))
        start = time.monotonic()
        pid = self.server.spawn(spec)
        time.sleep(self.rng.uniform(0.0, self.durations[victim] * 1.3))
        lines, _, _ = self.server.kill_and_reap(pid)
        done = [ln for ln in lines if ln in ("restored", "rekeyed", "exported", "busy")]
        if done and done[-1] != "busy":
            self.durations[victim] = max(0.1, (self.durations[victim] + time.monotonic() - start) / 2)
        elif not done:  # never finishing: widen the window so some rounds run to the end
            self.durations[victim] *= 1.15
        time.sleep(self.rng.uniform(0.0, 0.1))
        lines += self.server.kill_and_reap(writer)[0]
        self.kills += 2
        errors = [ln for ln in lines if ln.startswith("error")]
        if errors:
            raise SystemExit(f"round {i} ({victim}): {errors[:3]}")
        self.outcomes[f"{victim}: {done[-1] if done else 'killed midway'}"] += 1
        self.acked |= {ln.split(" ", 1)[1] for ln in lines if ln.startswith("ack ")}
        self.check(i, victim)

    def current_key(self) -> tuple[bytes, list[bytes]]:
        for candidate in reversed(self.passphrases):
            try:
                key = self.store.unlock(self.profile, passphrase=candidate, use_keychain=False).key
            except VitaError:
                continue
            kf = self.profile.keyfile()
            return key, kf.retired_keys(key)
        raise SystemExit("no passphrase opens the profile")

    def check(self, i: int, victim: str) -> None:
        key, retired = self.current_key()
        state = check_vault(self.profile.vault_path, key)
        if state["integrity"] != ["ok"] or state["cipher"] or state["facts"] != state["vectors"]:
            raise SystemExit(f"round {i} ({victim}): vault inconsistent: {state['integrity'][:3]}")
        with raw_connection(self.profile.vault_path, key) as conn:
            present = {r[0] for r in conn.execute("SELECT value FROM facts")}
        missing = self.acked - present
        if missing:
            for b in list_backups(self.profile.backups_dir):
                if b.path not in self.backup_values and b.problem is None:
                    bkey = find_backup_key(b.path, [key, *retired])
                    with raw_connection(b.path, bkey) as conn:
                        self.backup_values[b.path] = {r[0] for r in conn.execute("SELECT value FROM facts")}
                missing -= self.backup_values.get(b.path, set())
                if not missing:
                    break
        if missing:
            self.lost += len(missing)
            print(f"  round {i} ({victim}): {len(missing)} acknowledged facts in no file", flush=True)
        if self.export.exists():
            json.loads(self.export.read_text("utf-8"))  # whole or absent, never half


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=100, help="rounds per victim kind")
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    server = CrashServer(REPO)
    start = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="vita-crash-loop-") as tmp:
            loop = Loop(Path(tmp) / "p", server, rng)
            order = [v for _ in range(args.rounds) for v in VICTIMS]
            for i, victim in enumerate(order, 1):
                loop.round(i, victim)
                if i % 30 == 0:
                    print(f"  {i} rounds, {loop.kills} kills, {len(loop.acked)} acknowledged, lost {loop.lost}",
                          flush=True)
            leftovers = sorted(p.name for p in loop.export.parent.iterdir() if p.name.endswith(".tmp"))
            took = time.monotonic() - start
            print(f"crash loop: {len(order)} rounds, {loop.kills} kills (victim + writer), "
                  f"{len(loop.acked)} acknowledged commits, lost {loop.lost}; integrity ok every round; "
                  f"{took:.0f} s")
            for outcome, n in sorted(loop.outcomes.items()):
                print(f"  {outcome}: {n}")
            print(f"  export temporaries left by kills: {len(leftovers)} (the export itself always whole)")
    finally:
        server.close()


if __name__ == "__main__":
    main()
