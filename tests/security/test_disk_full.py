"""A full disk is one typed error (DiskFull: the folder and its free space) on every path, and
nothing half-written is left: on a real small tmpfs where this machine allows mounting one, and
by a fault injected at the write call everywhere."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.errors import DiskFull, VaultDamaged
from core.exchange.api import export_file
from core.ingest import ingest
from core.model import FactType
from core.safe_write import atomic_open, write_atomic
from core.vault import ProfileStore
from core.vault.keys import Argon2Params
from core.workspace import Workspace

FAST = Argon2Params(1, 1024, 1)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 12 MB tmpfs (needs the right to mount: root in a container that allows it)."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mnt)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here; the fault-injection test below covers the write helper")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for chunk in (1 << 16, 512):
            try:
                while True:
                    os.write(fd, b"\0" * chunk)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.name.endswith((".tmp", ".partial", ".rekey", ".restore")))


def test_every_path_says_disk_full_and_keeps_what_was_there(small_disk: Path) -> None:
    store = ProfileStore(small_disk / "profiles")
    profile, _ = store.create("Full Disk", passphrase="pw-full", argon=FAST)
    key = store.unlock(profile, passphrase="pw-full").key
    ws = Workspace(store.open_vault(profile, key), profile=profile)
    for i in range(60):
        ws.add_fact(type=FactType.skill, value=f"Harbour pilotage technique {i} " + "tide " * 40)
    backup = ws.backup(reason="manual")
    exports = small_disk / "exports"
    old_docx = export_file(ws, "jsonresume", exports / "resume.json")
    old_bytes = old_docx.read_bytes()
    facts_before = ws.count_facts()
    filler = _fill(small_disk)

    with pytest.raises(DiskFull) as err:
        for i in range(200):
            ws.add_fact(type=FactType.skill, value=f"Another skill {i} " + "y" * 2000)
    assert str(small_disk) in err.value.message and err.value.free_bytes is not None
    with pytest.raises(DiskFull, match="free"):
        ws.backup(reason="manual")
    cv = small_disk.parent / "cv.txt"
    cv.write_text("Orla Quennell-Brandt\n\nEXPERIENCE\n\nHarbour Pilot, Greywater Port Authority\n"
                  "Jan 2012 – Present\n" + "".join(f"- Guided {i} vessels through the narrows\n" for i in range(400)),
                  encoding="utf-8")
    with pytest.raises(DiskFull):
        ingest(ws, [cv], embed=False, enrich=False).run()
    for fmt, name in (("jsonresume", "resume.json"), ("docx", "resume.docx"), ("vita", "all.vita.json")):
        with pytest.raises(DiskFull):
            export_file(ws, fmt, exports / name)
    assert old_docx.read_bytes() == old_bytes  # the previous export is intact
    ws.close()

    with pytest.raises(DiskFull):
        store.restore(profile, key, backup.path)
    with pytest.raises(DiskFull):
        store.rekey(profile, key, passphrase="pw-new", argon=FAST)
    try:  # at 0 bytes free, opening and reading work or say the disk is full, never "damaged"
        ws = Workspace(store.open_vault(profile, key), profile=profile)
        assert ws.count_facts() >= facts_before
        ws.close()
    except DiskFull:
        pass
    except VaultDamaged as exc:
        pytest.fail(f"a full disk reported as damage: {exc}")
    assert _leftovers(small_disk) == []

    filler.unlink()
    ws = Workspace(store.open_vault(profile, key), profile=profile)
    try:
        assert ws.count_facts() >= facts_before
        assert ws.vault.integrity_check() == []
    finally:
        ws.close()


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "resume.md"
    write_atomic(target, "old resume")
    assert oct(target.stat().st_mode & 0o777) == "0o600"

    class FullDisk:  # the fault a full disk raises at the write call
        def __init__(self, fh: object) -> None:
            self.fh = fh

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(DiskFull, match=str(tmp_path)):
        with atomic_open(target, "wb") as fh:
            fh.write(b"new resume")
            FullDisk(fh).write(b"more of it")
    with pytest.raises(RuntimeError):
        with atomic_open(target, "w") as fh:
            fh.write("half")
            raise RuntimeError("writer failed midway")
    assert target.read_text() == "old resume"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["resume.md"]
