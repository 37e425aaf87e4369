"""Canaries in a document, a fact and the passphrase, through ingest, export, backup, erasure and
a forced crash: no plain, UTF-16 or base64 copy anywhere but the vault (encrypted) and the export
the person asked for; no secret in a child process's environment; every file private."""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.paths import app_paths
from core import kb
from core.vault import ProfileStore
from core.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]


def _forms(text: str) -> list[bytes]:
    """The canary as it could appear on disk: UTF-8, UTF-16 either way, base64 at any alignment."""
    raw = text.encode("utf-8")
    out = [raw, text.encode("utf-16-le"), text.encode("utf-16-be")]
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw)[4 if shift else 0:-4]
        out.append(encoded)
    return out


def _hits(roots: list[Path], canaries: dict[str, str], *, since: float, skip: set[Path]) -> list[str]:
    found = []
    for root in roots:
        for path in root.rglob("*"):
            try:
                if path in skip or not path.is_file() or path.stat().st_mtime < since or path.stat().st_size > 50_000_000:
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            for label, canary in canaries.items():
                if any(form in data for form in _forms(canary)):
                    found.append(f"{label} in {path}")
    return found


def _descendants(pid: int) -> set[int]:
    kids: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = Path(f"/proc/{parent}/task").iterdir()
            children = {int(c) for t in tasks for c in (t / "children").read_text().split()}
        except OSError:
            continue
        todo += list(children - kids)
        kids |= children
    return kids


def test_canaries_stay_in_the_vault_and_the_asked_for_export(tmp_path: Path) -> None:
    start = time.time() - 1
    tag = secrets.token_hex(4)
    canaries = {"passphrase": f"Kestrel-Pass-{tag}-phrase", "document": f"Docanary{tag}Quayside",
                "fact": f"Factcanary{tag}Marlinspike"}
    home = tmp_path / "home"
    env = dict(os.environ, VITA_HOME=str(home), VITA_PASSPHRASE=canaries["passphrase"], PYTHONPATH=str(REPO),
               VITA_RECOVERY_KEY="", TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()

    def vita(*argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "app", "--json", *argv], cwd=REPO, env=env, text=True,
                              capture_output=True, timeout=300, preexec_fn=lambda: os.umask(0o022))
        assert not check or done.returncode == 0, done.stderr
        return done

    vita("vault", "init", "--name", "Canary")
    docs = tmp_path / "in"
    docs.mkdir()
    for i in range(12):
        (docs / f"cv-{i}.txt").write_text(
            f"Wren Abernathy-Sol {i}\n\nEXPERIENCE\n\nDeckhand, {canaries['document']} Ferries — Portlow\n"
            f"Apr 2019 – Present\n- Secured {i + 3} moorings a day\n\nSKILLS\nKnots {i}, Radio\n", encoding="utf-8")
    ingest = subprocess.Popen([sys.executable, "-m", "app", "--json", "ingest", "--no-embed", str(docs)], cwd=REPO,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              preexec_fn=lambda: os.umask(0o022))
    environs: dict[int, bytes] = {}
    while ingest.poll() is None:
        for child in _descendants(ingest.pid):
            try:
                environs[child] = Path(f"/proc/{child}/environ").read_bytes()
            except OSError:
                pass
        time.sleep(0.01)
    out, err = ingest.communicate()
    assert ingest.returncode == 0, err
    assert environs, "no child process was seen to check its environment"
    for child, environ in environs.items():
        assert b"VITA_PASSPHRASE" not in environ and canaries["passphrase"].encode() not in environ, child

    added = json.loads(vita("facts", "add", "skill", canaries["fact"]).stdout)
    export = tmp_path / "exports" / "resume.md"
    vita("export", "--format", "md", "--include-pending", "--out", str(export))
    assert canaries["fact"] in export.read_text()  # the export the person asked for holds it
    vita("vault", "backup")
    fact_id = added.get("id") or added.get("ids", [None])[0] or next(iter(added.get("fact_ids", [])), None)
    assert fact_id is not None, added
    vita("facts", "delete", "--erase", str(fact_id))

    store = ProfileStore(app_paths(home).profiles)
    profile = store.get("Canary")
    ws = Workspace(store.open_vault(profile, store.unlock(profile, passphrase=canaries["passphrase"]).key),
                   profile=profile)
    try:
        with ws.reading() as conn:
            doc_ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM documents")]
        assert len(doc_ids) == 12
        for doc_id in doc_ids:
            kb.erase_document(ws, doc_id)
    finally:
        ws.close()

    crash = (f"import app.cli.facts_cmd as f\n"
             f"def boom(args): raise RuntimeError({canaries['fact']!r} + {canaries['document']!r})\n"
             f"f.cmd_list = boom\nfrom app.cli import main\nmain(['facts', 'list'])\n")
    crashed = subprocess.run([sys.executable, "-c", crash], cwd=REPO, env=env, capture_output=True, text=True,
                             timeout=120)
    assert crashed.returncode != 0 and "details in" in crashed.stderr
    assert list(app_paths(home).crash_dir.glob("crash-*.log"))

    scratch = [home, tmp_path / "tmp", Path(tempfile.gettempdir()) / f"pytest-of-{os.environ.get('USER', 'root')}"]
    hits = _hits([home, tmp_path / "tmp"], canaries, since=start, skip={export})
    assert hits == []
    hits = _hits([p for p in scratch[2:] if p.exists()], {"passphrase": canaries["passphrase"]}, since=start,
                 skip=set())
    assert hits == []
    loose = [f"{oct(p.stat().st_mode & 0o777)} {p}" for p in [home, *home.rglob("*"), export]
             if p.stat().st_mode & 0o077 and p != home]
    assert loose == []
