"""The built desktop bundle: packaging/build.sh builds it, smoke-tests and self-tests the frozen app, packages it."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.xserver import MISSING_LIBS, xvfb_display

REPO = Path(__file__).resolve().parents[1]


def _trim() -> ModuleType:
    """packaging/trim.py (loaded by path: `packaging` is also a PyPI package's name)."""
    spec = importlib.util.spec_from_file_location("vita_packaging_trim", REPO / "packaging" / "trim.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.timeout(3000)
def test_build_script_builds_a_working_bundle_without_torch() -> None:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("needs dpkg-deb to build the .deb")
    env = {**os.environ, "PYTHON": sys.executable}
    out = subprocess.run(["bash", str(REPO / "packaging" / "build.sh")], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=2900)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-4000:]
    assert "OK: " in out.stdout
    dist = REPO / "build" / "dist"
    report = json.loads((dist / "selftest.json").read_text())
    assert report["ok"] and report["frozen"], report
    assert {c["name"] for c in report["checks"] if c["status"] == "ok"} >= {
        "vault", "parse_and_store", "embed", "search", "match", "main_window", "ocr", "no_torch"}
    app_dir = next(dist.glob("vita-*/"))
    gpu = re.compile(r"torch|libcuda|cudnn|cublas|cudart|cufft|curand|cusparse|nccl|nvrtc|nvidia|triton")
    assert not [p for p in app_dir.rglob("*") if gpu.search(p.name.lower())]  # (libicudata is Qt's Unicode data)
    size_mb = sum(p.stat().st_size for p in app_dir.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    print(f"bundle size: {size_mb:.0f} MB")
    assert size_mb <= 350, f"bundle grew to {size_mb:.0f} MB (target 350 MB)"
    assert list(dist.glob("vita-*.tar.gz")) and list(dist.glob("vita_*.deb"))
    _built_app_paints_on_a_real_x_server(app_dir / "vita")


def _built_app_paints_on_a_real_x_server(exe: Path) -> None:
    """The frozen app's own xcb plugin (kept by the trim) opens its window on a real X server. Where the
    machine has no Xvfb or lacks the xcb system libraries, this says so and the bundle checks above stand."""
    if shutil.which("Xvfb") is None:
        print("no Xvfb here: the built app was not started on an X server")
        return
    with xvfb_display() as display:
        home = exe.parent.parent / "x-home"
        env = {**os.environ, "VITA_HOME": str(home), "QT_QPA_PLATFORM": "xcb", "DISPLAY": display,
               "VITA_SMOKE": "1", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        out = subprocess.run([str(exe)], env=env, capture_output=True, text=True, timeout=120)
        shutil.rmtree(home, ignore_errors=True)
    if MISSING_LIBS in out.stderr:
        print("the built app was not started on an X server: " + out.stderr.strip().splitlines()[0])
        return
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(next(ln for ln in out.stdout.splitlines() if ln.startswith("{")))
    assert report["painted"] is True and report["heavy"] == []
    print("built app painted its first window on a real X server (Xvfb, xcb)")


def test_spec_keeps_every_qt_module_the_app_imports() -> None:
    """The spec's excluded Qt modules and the ones app/ and ui/ import never overlap (a frozen app
    missing one fails at start-up or when a view first loads)."""
    spec = (REPO / "packaging" / "vita.spec").read_text(encoding="utf-8")
    excluded = set(re.findall(r'"(PySide6\.Qt\w+)"', spec))
    used = set()
    for folder in ("app", "ui"):
        for path in (REPO / folder).rglob("*.py"):
            used |= set(re.findall(r"(?:from|import) (PySide6\.Qt\w+)", path.read_text(encoding="utf-8")))
    assert excluded, "no Qt exclusions found in the spec (pattern out of date?)"
    assert not used & excluded, f"excluded from the bundle but imported: {sorted(used & excluded)}"


def test_trim_drops_unused_qt_plugins_and_only_what_they_alone_need(tmp_path: Path) -> None:
    """Unused plugins go with the libraries only they need; a library a kept binary needs stays."""
    if shutil.which("readelf") is None or shutil.which("cc") is None:
        pytest.skip("needs binutils and a C compiler to make small ELF libraries")
    trim = _trim()

    def lib(name: str, *needs: str) -> str:
        src = tmp_path / f"{name}.c"
        src.write_text(f"int f_{abs(hash(name))}(void) {{ return 1; }}\n")
        out = tmp_path / name
        links = [f"-l:{n}" for n in needs]
        subprocess.run(["cc", "-shared", "-fPIC", "-o", str(out), str(src), f"-L{tmp_path}",
                        "-Wl,--no-as-needed", *links], check=True)
        return str(out)

    lib("libonlywayland.so.1")
    lib("libshared.so.1")
    wayland = lib("libqwayland.so", "libonlywayland.so.1", "libshared.so.1")
    xcb = lib("libqxcb.so", "libshared.so.1")
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqwayland.so", wayland, "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", xcb, "BINARY"),
        ("libonlywayland.so.1", str(tmp_path / "libonlywayland.so.1"), "BINARY"),
        ("libshared.so.1", str(tmp_path / "libshared.so.1"), "BINARY"),
    ]
    kept = {dest for dest, _src, _kind in trim.drop_qt_plugins(binaries)}
    assert kept == {"PySide6/Qt/plugins/platforms/libqxcb.so", "libshared.so.1"}
    # leave_to_system keeps the plugin itself and drops what only it needs
    left = {dest for dest, _src, _kind in trim.leave_to_system(binaries, "libqwayland.so")}
    assert left == {dest for dest, _s, _k in binaries} - {"libonlywayland.so.1"}


def test_trimmed_icu_data_still_sorts_every_language(tmp_path: Path) -> None:
    """The trimmed ICU data keeps each language's collation (Swedish puts Ä and Ö after Z) and the
    root order elsewhere; Qt loads it in place of the full data."""
    if not all(shutil.which(t) for t in ("readelf", "icupkg", "genccode", "cc")):
        pytest.skip("needs icu-devtools (icupkg, genccode), binutils and a C compiler")
    import PySide6

    full = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    small = tmp_path / full.name
    shutil.copyfile(full, small)
    saved = _trim().shrink_icu(small)
    assert saved > 15_000_000, saved
    probe = (
        "from PySide6.QtCore import QCollator, QLocale\n"
        "words = ['zebra', 'Äpfel', 'apple', 'Öl', 'éclair', 'Zoo']\n"
        "for loc in ('sv_SE', 'de_DE'):\n"
        "    print(loc, sorted(words, key=QCollator(QLocale(loc)).sortKey))\n"
        f"print('loaded', {str(small)!r} in open('/proc/self/maps').read())\n"
    )
    env = {**os.environ, "LD_LIBRARY_PATH": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "loaded True" in out.stdout
    assert "sv_SE ['apple', 'éclair', 'zebra', 'Zoo', 'Äpfel', 'Öl']" in out.stdout
    assert "de_DE ['Äpfel', 'apple', 'éclair', 'Öl', 'zebra', 'Zoo']" in out.stdout
    assert "Could not create collator" not in out.stderr
