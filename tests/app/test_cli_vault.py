"""`vita vault ...` and `vita profile ...` end to end on real vault files (in-process CLI)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import core.vault.keys as keys
from app import __version__
from app.cli import main
from tests.core.vault_kit import FAST, DictKeyring, keyring_backend


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator:  # type: ignore[type-arg]
    monkeypatch.setenv("VITA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("VITA_PASSPHRASE", "first passphrase")
    monkeypatch.delenv("VITA_NEW_PASSPHRASE", raising=False)
    monkeypatch.delenv("VITA_RECOVERY_KEY", raising=False)
    monkeypatch.setattr(keys, "DEFAULT_ARGON2", FAST)

    def run(*argv: str) -> tuple[int, object, str]:
        code = main(["--json", *argv])
        out, err = capsys.readouterr()
        data = json.loads(out.strip().splitlines()[-1]) if out.strip() else None
        return code, data, err

    with keyring_backend(DictKeyring()):
        yield run


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_vault_lifecycle(cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, data, _ = cli("vault", "init", "--name", "Robin")
    assert code == 0 and data["profile"] == "Robin" and "shown only this once" in data["warning"]
    first_recovery = data["recovery_key"]
    assert len(first_recovery) == 47

    code, data, _ = cli("vault", "unlock-check")
    assert code == 0 and data["integrity"] == "ok" and data["method"] == "passphrase"

    code, data, _ = cli("vault", "backup")
    assert code == 0 and data["reason"] == "manual"
    code, data, _ = cli("vault", "list")
    assert [b["reason"] for b in data["backups"]] == ["manual"]

    code, data, _ = cli("vault", "restore")  # no choice: lists
    assert code == 0 and len(data["backups"]) == 1
    code, data, err = cli("vault", "restore", "--newest")  # no terminal and no --yes: refused
    assert code == 1 and "confirmation" in err
    code, data, _ = cli("vault", "restore", "1", "--yes")
    assert code == 0 and data["restored"] and data["kept"].endswith("before-restore.vault")

    monkeypatch.setenv("VITA_NEW_PASSPHRASE", "second passphrase")
    assert cli("vault", "passwd")[0] == 0
    code, _, err = cli("vault", "unlock-check")
    assert code == 1 and "Wrong passphrase" in err
    monkeypatch.setenv("VITA_PASSPHRASE", "second passphrase")
    assert cli("vault", "unlock-check")[0] == 0

    code, data, _ = cli("vault", "recovery")
    new_recovery = data["recovery_key"]
    assert new_recovery != first_recovery
    monkeypatch.delenv("VITA_PASSPHRASE")
    monkeypatch.setenv("VITA_RECOVERY_KEY", new_recovery)
    code, data, _ = cli("vault", "unlock-check")
    assert code == 0 and data["method"] == "recovery"
    monkeypatch.setenv("VITA_RECOVERY_KEY", first_recovery)
    assert cli("vault", "unlock-check")[0] == 1
    monkeypatch.delenv("VITA_RECOVERY_KEY")

    monkeypatch.setenv("VITA_PASSPHRASE", "second passphrase")
    monkeypatch.setenv("VITA_NEW_PASSPHRASE", "third passphrase")
    code, data, _ = cli("vault", "rekey")
    assert code == 0 and data["recovery_key"] != new_recovery
    monkeypatch.setenv("VITA_PASSPHRASE", "third passphrase")
    assert cli("vault", "unlock-check")[0] == 0
    # the backups made under the old key still restore (re-encrypted under the new key)
    code, data, _ = cli("vault", "list")
    oldest = data["backups"][-1]["name"]
    code, data, _ = cli("vault", "restore", oldest, "--yes")
    assert code == 0 and data["restored_from"] == oldest
    assert cli("vault", "unlock-check")[1]["integrity"] == "ok"

    code, data, _ = cli("vault", "keychain", "on")
    assert code == 0 and data["keychain"]
    monkeypatch.delenv("VITA_PASSPHRASE")
    code, data, _ = cli("vault", "unlock-check")
    assert code == 0 and data["method"] == "keychain"

    code, _, err = cli("vault", "delete")  # scripts must say --yes
    assert code == 1 and "--yes" in err
    code, data, _ = cli("vault", "delete", "--yes")
    assert code == 0 and data["deleted"]
    assert not any((tmp_path / "home" / "data" / "profiles").iterdir())


def test_profiles_and_last_used(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("profile", "create", "Client A")[0] == 0
    assert cli("profile", "create", "Client B")[0] == 0
    code, data, _ = cli("profile", "list")
    assert [(p["name"], p["current"]) for p in data["profiles"]] == [("Client A", False), ("Client B", True)]
    # the last used profile is the default for vault commands
    assert cli("vault", "backup")[0] == 0
    code, data, _ = cli("vault", "list")
    assert data["profile"] == "Client B"
    assert cli("profile", "use", "client a")[0] == 0
    assert cli("vault", "list")[1]["profile"] == "Client A"
    settings = json.loads((tmp_path / "home" / "config" / "settings.json").read_text())
    assert settings["last_profile"] == "Client A"

    code, data, _ = cli("profile", "rename", "Client A", "Client C")
    assert code == 0 and data["profile"] == "Client C"
    assert cli("vault", "list")[1]["profile"] == "Client C"  # the rename followed into settings
    code, _, err = cli("profile", "create", "client c")
    assert code == 1 and "already exists" in err

    assert cli("profile", "delete", "Client B", "--yes")[0] == 0
    code, data, _ = cli("profile", "list")
    assert [p["name"] for p in data["profiles"]] == ["Client C"]
    code, _, err = cli("--profile", "Nobody", "vault", "list")
    assert code == 1 and "profile_not_found" in err


def test_damaged_vault_is_reported_and_restored_keeping_the_damaged_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("vault", "init", "--name", "Dana")[0] == 0
    backup = cli("vault", "backup")[1]["name"]
    vault_file = next((tmp_path / "home" / "data" / "profiles").glob("*/vault.db"))
    data = bytearray(vault_file.read_bytes())
    data[4096 * 3 + 500 : 4096 * 3 + 520] = bytes(20)
    vault_file.write_bytes(bytes(data))
    damaged = bytes(data)

    code, _, err = cli("vault", "unlock-check")
    assert code == 1
    payload = json.loads(err.strip().splitlines()[-1])["error"]
    assert payload["code"] == "vault_damaged" and backup in payload["hint"]
    assert vault_file.read_bytes() == damaged  # reported, not touched

    code, data2, _ = cli("vault", "restore", "--newest", "--yes")
    assert code == 0 and data2["kept_damaged"] and data2["kept"].startswith("damaged-")
    assert (vault_file.parent / "backups" / data2["kept"]).read_bytes() == damaged
    assert cli("vault", "unlock-check")[1]["integrity"] == "ok"


def _run_in_terminal(argv: list[str], answers: list[tuple[str, str]], env: dict[str, str]) -> tuple[int, str]:
    """Run `python -m app ARGV` on a pseudo-terminal, typing each answer after its prompt."""
    import os
    import pty
    import select
    import sys
    import time

    from tests.conftest import REPO

    pid, fd = pty.fork()
    if pid == 0:  # the child: become the CLI
        os.chdir(REPO)
        os.execve(sys.executable, [sys.executable, "-m", "app", *argv], env)
    out = b""
    pending = list(answers)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        if pending and pending[0][0].encode() in out.split(b"\n")[-1]:
            os.write(fd, (pending.pop(0)[1] + "\n").encode())
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode(errors="replace")


def test_init_and_unlock_on_a_terminal_prompt_twice(tmp_path: Path) -> None:
    import os

    from tests.conftest import REPO

    env = {k: v for k, v in os.environ.items() if not k.startswith("VITA_")}
    env.update(VITA_HOME=str(tmp_path / "home"), PYTHONPATH=str(REPO))
    code, out = _run_in_terminal(["vault", "init", "--name", "Tty"],
                                 [("New passphrase:", "typed secret"), ("Repeat the new passphrase:", "typo")],
                                 env)
    assert code == 1 and "differ" in out
    assert not list((tmp_path / "home" / "data" / "profiles").glob("*/vault.db"))

    code, out = _run_in_terminal(["vault", "init", "--name", "Tty"],
                                 [("New passphrase:", "typed secret"),
                                  ("Repeat the new passphrase:", "typed secret")], env)
    assert code == 0 and "RECOVERY KEY:" in out and "shown only this once" in out
    assert "typed secret" not in out  # no echo
    code, out = _run_in_terminal(["vault", "unlock-check"], [("Passphrase for Tty:", "typed secret")], env)
    assert code == 0 and "integrity: ok" in out
    code, out = _run_in_terminal(["vault", "unlock-check"], [("Passphrase for Tty:", "wrong")], env)
    assert code == 1 and "Wrong passphrase" in out
    code, out = _run_in_terminal(["vault", "delete"], [("Type the profile name to confirm:", "nope")], env)
    assert code == 1 and "Nothing was deleted" in out
    code, out = _run_in_terminal(["vault", "delete"], [("Type the profile name to confirm:", "Tty")], env)
    assert code == 0 and "Deleted profile" in out
    assert not list((tmp_path / "home" / "data" / "profiles").iterdir())
