"""A fork server for the crash tests: imports Vita once, then forks a child per job to be killed.

Run as `python -m tests.core.vault_crash_worker` from the repo root. Protocol (lines on
stdin/stdout): it prints `ready`; each JSON job on stdin forks a child and prints `child PID`;
the child prints `open` then `ack ID` after each committed fact (writer), `migrated`, `rekeyed` or `restored` when done,
`error TEXT` on failure. `reap PID` waits for that child and prints `reaped PID SIGNAL EXIT`.
Keys travel only through the pipe, never through a file or the command line.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

from core.facts import update_fact_row
from core.vault import migrations
from core.vault.keys import Argon2Params
from core.vault.profiles import ProfileStore
from core.vault.vault import Vault
from core.workspace import Workspace
from tests.core.vault_kit import add_fact_with_vector, vector

FAST = Argon2Params(time_cost=1, memory_kib=1024, parallelism=1)
SLOW_MIGRATION = 999
SLOW_ROWS = 20_000


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def job_write(spec: dict[str, Any]) -> None:
    """Commit facts (each with its vector) forever, acknowledging each id once committed."""
    vault = Vault.open(Path(spec["vault"]), bytes.fromhex(spec["key"]), Path(spec["backups"]))
    ws = Workspace(vault)
    say("open")
    seed = int(spec.get("seed", 0)) * 100_000
    i = 0
    while True:
        i += 1
        fid = add_fact_with_vector(ws, f"crash fact {seed + i}", seed + i)
        say(f"ack {fid}")
        if i % 7 == 0:  # edits too: the trigger drops the stale vector, the same txn re-embeds
            with ws.mutation("Edit fact") as txn:
                update_fact_row(txn, fid, value=f"crash fact {seed + i} edited")
                txn.conn.exec_driver_sql("INSERT INTO fact_vectors(rowid, embedding) VALUES (?, ?)",
                                         (fid, vector(seed + i + 1)))
        if i % 25 == 0:
            vault.checkpoint()


def register_slow_migration() -> None:
    def slow(conn: Any) -> None:
        conn.execute("CREATE TABLE mig_test (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        conn.execute(
            "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ?) "
            "INSERT INTO mig_test SELECT n, printf('%080d', n) FROM c", (SLOW_ROWS,))
        conn.execute("CREATE INDEX mig_test_payload ON mig_test(payload)")
        conn.execute("ALTER TABLE facts ADD COLUMN mig_note TEXT NOT NULL DEFAULT ''")
        conn.execute("UPDATE facts SET mig_note = 'migrated'")

    if SLOW_MIGRATION not in migrations.MIGRATIONS:
        migrations.migration(SLOW_MIGRATION, "slow test migration")(slow)


def job_migrate(spec: dict[str, Any]) -> None:
    register_slow_migration()
    Vault.open(Path(spec["vault"]), bytes.fromhex(spec["key"]), Path(spec["backups"])).close()
    say("migrated")


def job_rekey(spec: dict[str, Any]) -> None:
    store = ProfileStore(Path(spec["root"]))
    profile = store.get(spec["profile"])
    unlocked = None
    for candidate in spec["passphrases"]:
        try:
            unlocked = store.unlock(profile, passphrase=candidate, use_keychain=False)
            break
        except Exception:
            continue
    if unlocked is None:
        raise RuntimeError("no passphrase unlocked the profile")
    store.rekey(profile, unlocked.key, passphrase=spec["new"], argon=FAST)
    say("rekeyed")


def job_restore(spec: dict[str, Any]) -> None:
    store = ProfileStore(Path(spec["root"]))
    profile = store.get(spec["profile"])
    store.restore(profile, bytes.fromhex(spec["key"]), Path(spec["backup"]))
    say("restored")


def _unlock_any(store: ProfileStore, profile: Any, passphrases: list[str]) -> bytes:
    for candidate in passphrases:
        try:
            return store.unlock(profile, passphrase=candidate, use_keychain=False).key
        except Exception:
            continue
    raise RuntimeError("no passphrase unlocked the profile")


def job_write_cycles(spec: dict[str, Any]) -> None:
    """A writer that opens the profile, commits a few facts (acknowledging each by value), closes,
    and starts again: restores, rekeys and exports in other processes interleave with it."""
    import time

    from core.errors import VaultBusy, WrongKey

    store = ProfileStore(Path(spec["root"]))
    profile = store.get(spec["profile"])
    seed, i = int(spec["seed"]), 0
    while True:
        try:
            ws = Workspace(store.open_vault(profile, _unlock_any(store, profile, spec["passphrases"])))
        except (VaultBusy, WrongKey):  # a restore or rekey holds the profile, or just changed the key
            continue
        say("open")
        try:
            for _ in range(4):
                i += 1
                value = f"cycle fact {seed}-{i}"
                add_fact_with_vector(ws, value, seed * 1000 + i)
                say(f"ack {value}")
        finally:
            ws.close()
        time.sleep(0.02)


def job_restore_newest(spec: dict[str, Any]) -> None:
    """Restore the newest whole backup (refused cleanly while a writer keeps the profile)."""
    from core.errors import VaultBusy
    from core.vault.backup import list_backups

    store = ProfileStore(Path(spec["root"]))
    profile = store.get(spec["profile"])
    key = _unlock_any(store, profile, spec["passphrases"])
    newest = next(b for b in list_backups(profile.backups_dir) if b.problem is None)
    try:
        store.restore(profile, key, newest.path)
    except VaultBusy:
        say("busy")
        return
    say("restored")


def job_export(spec: dict[str, Any]) -> None:
    """The whole vault as a Vita export, over the previous one."""
    from core.exchange.api import export_file

    store = ProfileStore(Path(spec["root"]))
    profile = store.get(spec["profile"])
    ws = Workspace(store.open_vault(profile, _unlock_any(store, profile, spec["passphrases"])))
    try:
        export_file(ws, "vita", Path(spec["out"]))
    finally:
        ws.close()
    say("exported")


JOBS = {"write": job_write, "migrate": job_migrate, "rekey": job_rekey, "restore": job_restore,
        "write_cycles": job_write_cycles, "restore_newest": job_restore_newest, "export": job_export}


def run_child(spec: dict[str, Any]) -> None:
    code = 0
    try:
        JOBS[spec["job"]](spec)
    except BaseException as exc:  # report, never hang
        say("error " + type(exc).__name__ + ": " + " | ".join(traceback.format_exception_only(exc)).strip())
        code = 1
    os._exit(code)


def main() -> None:
    say("ready")
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        if line.startswith("reap "):
            pid = int(line.split()[1])
            _, status = os.waitpid(pid, 0)
            sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
            code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
            say(f"reaped {pid} {sig} {code}")
            continue
        if line == "quit":
            break
        spec = json.loads(line)
        pid = os.fork()
        if pid == 0:
            run_child(spec)
        say(f"child {pid}")


if __name__ == "__main__":
    main()


# -- the test side -------------------------------------------------------------------------------


class CrashServer:
    """Drives the fork server: spawn a job, SIGKILL its child, collect what it acknowledged."""

    def __init__(self, repo: Path) -> None:
        import queue
        import subprocess
        import threading

        env = {**os.environ, "PYTHONPATH": str(repo)}
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.core.vault_crash_worker"], cwd=repo,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True,
                                     bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()

        def pump() -> None:
            assert self.proc.stdout is not None
            for out in self.proc.stdout:
                self.lines.put(out.rstrip("\n"))
            self.lines.put("eof")

        threading.Thread(target=pump, daemon=True).start()
        self.pending: list[str] = []
        first = self._next(timeout=120)
        if first != "ready":
            raise RuntimeError(f"crash worker did not start: {first!r}")

    def _next(self, timeout: float = 60) -> str:
        line = self.lines.get(timeout=timeout)
        if line == "eof":
            raise RuntimeError("crash worker exited")
        return line

    def _send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def spawn(self, spec: dict[str, Any]) -> int:
        self._send(json.dumps(spec))
        while True:
            line = self._next()
            if line.startswith("child "):
                return int(line.split()[1])
            self.pending.append(line)

    def wait_for(self, word: str, timeout: float) -> bool:
        """Wait until the child prints a line starting with `word` (True) or the time is up."""
        import queue
        import time

        end = time.monotonic() + timeout
        while (left := end - time.monotonic()) > 0:
            try:
                line = self._next(timeout=left)
            except queue.Empty:
                return False
            self.pending.append(line)
            if line.startswith(word) or line.startswith("error"):
                return line.startswith(word)
        return False

    def kill_at_random(self, pid: int, rng: Any, *, before_open: float = 0.2,
                       window: float = 0.3) -> tuple[list[str], int, int]:
        """Kill a writer at a random moment: mostly while writing, sometimes while it opens."""
        import time

        if rng.random() >= before_open:
            self.wait_for("open", timeout=60)
        time.sleep(rng.uniform(0.0, window))
        return self.kill_and_reap(pid)

    def kill_and_reap(self, pid: int) -> tuple[list[str], int, int]:
        """SIGKILL the child (if still running); return its lines, killing signal, exit code."""
        import signal

        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self._send(f"reap {pid}")
        out = self.pending
        self.pending = []
        while True:
            line = self._next()
            if line.startswith(f"reaped {pid} "):
                _, _, sig, code = line.split()
                return out, int(sig), int(code)
            out.append(line)

    def close(self) -> None:
        try:
            self._send("quit")
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()
