"""`vita` starts hardened: no core dumps, not dumpable, private files whatever the umask; loggers
that quote document content stay at WARNING."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from app.paths import app_paths

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import ctypes, json, os, resource, sys
from app.cli import main
try:
    main(["--version"])
except SystemExit:
    pass
libc = ctypes.CDLL(None)
umask = os.umask(0o022)
print(json.dumps({"core": resource.getrlimit(resource.RLIMIT_CORE), "dumpable": libc.prctl(3, 0, 0, 0, 0),
                  "umask": umask, "secret": os.environ.get("VITA_PASSPHRASE")}))
"""


def test_start_hardens_the_process(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), VITA_HOME=str(tmp_path / "home"), VITA_PASSPHRASE="pw-hardening")
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120, preexec_fn=lambda: os.umask(0o022))
    state = json.loads(done.stdout.strip().splitlines()[-1])
    assert state["core"] == [0, 0]
    assert state["dumpable"] == 0  # PR_GET_DUMPABLE
    assert state["umask"] == 0o077
    assert state["secret"] == "pw-hardening"  # put back only after main returned (in-process callers)


def test_content_quoting_loggers_stay_at_warning(tmp_path: Path) -> None:
    from app import logsetup

    configured = logsetup._CONFIGURED
    logsetup._CONFIGURED = False
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        logsetup.setup_logging(app_paths(tmp_path / "home").ensure())
        assert logging.getLogger("fontTools").getEffectiveLevel() == logging.WARNING
        assert logging.getLogger("fontTools.subset").getEffectiveLevel() == logging.WARNING
        assert (tmp_path / "home" / "logs" / "vita.log").stat().st_mode & 0o077 == 0
    finally:
        for handler in root.handlers[len(before):]:
            root.removeHandler(handler)
            handler.close()
        logsetup._CONFIGURED = configured
