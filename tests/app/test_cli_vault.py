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
