"""Bundle trimming used by vita.spec (what PyInstaller collects) and build.sh (the built folder).

- `drop_qt_plugins`: the Qt plugins a desktop app on X11/Wayland never loads (embedded-Linux
  back-ends, VNC, Wayland client plugins, the GTK3 theme, TLS and network-information back-ends,
  rare image formats), and then every library only they needed (found by following ELF NEEDED
  entries; a library something else still needs stays).
- `leave_to_system`: keeps a plugin but lets the system provide the libraries only it needs.
- `python packaging/trim.py icu LIBICUDATA`: rebuilds Qt's ICU data library without the parts Qt
  never reads (character-set converters, transliterators, break iterators, which Qt does with its
  own tables, and the non-English names of currencies, units, zones, languages and regions and
  number spelling). Collation for every language stays (locale-aware sorting), and so does
  normalisation. Needs icupkg and genccode (icu-devtools) and a C compiler; 32 MB -> ~7 MB.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

# Plugin folders (under PySide6/Qt/plugins) the app never loads, and single plugins in kept folders.
QT_PLUGIN_DIRS_DROPPED = (
    "egldeviceintegrations", "generic", "networkinformation", "tls", "wayland-decoration-client",
    "wayland-graphics-integration-client", "wayland-shell-integration",
)
QT_PLUGINS_DROPPED = (
    # platforms: xcb (desktop; Wayland sessions run it through XWayland) and offscreen (tests,
    # self-test) stay; the embedded and remote ones go.
    "libqeglfs.so", "libqlinuxfb.so", "libqminimal.so", "libqminimalegl.so", "libqvkkhrdisplay.so",
    "libqvnc.so", "libqwayland.so",
    # the GTK3 theme (the desktop portal theme stays); the IBus input method (compose stays).
    "libqgtk3.so", "libibusplatforminputcontextplugin.so",
    # image formats the UI never shows (PNG is built in; GIF, ICO, JPEG, SVG stay).
    "libqicns.so", "libqtga.so", "libqtiff.so", "libqwbmp.so", "libqwebp.so",
)
_PLUGIN_PATH = re.compile(r"PySide6/Qt/plugins/([^/]+)/([^/]+)$")


def _dropped_plugin(dest: str) -> bool:
    match = _PLUGIN_PATH.search(dest.replace(os.sep, "/"))
    return bool(match) and (match.group(1) in QT_PLUGIN_DIRS_DROPPED or match.group(2) in QT_PLUGINS_DROPPED)


def _needed(path: str) -> list[str]:
    """The sonames an ELF file asks the loader for (none for anything that is not ELF)."""
    try:
        with open(path, "rb") as fh:
            if fh.read(4) != b"\x7fELF":
                return []
    except OSError:
        return []
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=False).stdout
    return re.findall(r"Shared library: \[(.+?)\]", out)


def _closure(roots: Iterable[tuple[str, str]], by_name: dict[str, list[tuple[str, str]]]) -> set[str]:
    """Destinations reachable from `roots` (dest, source) through NEEDED entries."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        dest, src = stack.pop()
        if dest in seen:
            continue
        seen.add(dest)
        for soname in _needed(src):
            stack.extend(by_name.get(soname, []))
    return seen


def _exclusive_libraries(binaries: list[tuple[str, str, str]], starts: set[str]) -> set[str]:
    """Libraries that only the binaries in `starts` reach (through NEEDED), `starts` excluded."""
    by_name: dict[str, list[tuple[str, str]]] = {}
    for dest, src, _kind in binaries:
        by_name.setdefault(os.path.basename(dest), []).append((dest, src))
    reached = _closure([(d, s) for d, s, _k in binaries if d in starts], by_name)
    # Everything those binaries do not reach is a root (extensions, other plugins, libraries loaded
    # by name); a library is exclusive when they reach it and no root needs it.
    roots = [(d, s) for d, s, _k in binaries if d not in reached]
    return reached - _closure(roots, by_name) - starts


def drop_qt_plugins(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries without the unused Qt plugins and the libraries only they pulled in."""
    dropped = {dest for dest, _src, _kind in binaries if _dropped_plugin(dest)}
    gone = dropped | (_exclusive_libraries(binaries, dropped) if shutil.which("readelf") else set())
    return [b for b in binaries if b[0] not in gone]


def leave_to_system(binaries: list[tuple[str, str, str]], plugin: str) -> list[tuple[str, str, str]]:
    """Keep a plugin but not the libraries only it needs: the system's copies serve it, and when they
    are missing Qt skips the plugin (the print plugin: libcups2 and its TLS stack, on every desktop
    with a printer, listed in the .deb's Depends)."""
    if shutil.which("readelf") is None:
        return binaries
    starts = {dest for dest, _src, _kind in binaries if os.path.basename(dest) == plugin}
    gone = _exclusive_libraries(binaries, starts)
    return [b for b in binaries if b[0] not in gone]


# Libraries every Linux desktop has (AppImage's exclude list follows the same idea); bundled copies from
# the build machine only add size, and the .deb depends on their packages (build.sh, Depends). The
# xcb extension libraries, X11-xcb and xkbcommon-x11 stay bundled: Qt needs them and not every
# desktop installs them (libxcb-cursor0 is the usual one missing).
DESKTOP_LIBRARIES = re.compile(
    r"^(libX11|libXau|libXdmcp|libxcb|libxkbcommon|libfontconfig|libfreetype|libexpat"
    r"|libpng16|libdbus-1|libsystemd|libgcrypt|libgpg-error|liblz4|libglib-2\.0|libgthread-2\.0|libpcre2-8"
    r"|libgssapi_krb5|libkrb5|libk5crypto|libkrb5support|libcom_err|libkeyutils|libbsd|libmd)\.so[.\d]*$"
)


def without_desktop_libraries(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries without the desktop's own libraries (top-level copies only)."""
    return [b for b in binaries if not ("/" not in b[0].replace(os.sep, "/") and DESKTOP_LIBRARIES.match(b[0]))]


# -- ICU data -----------------------------------------------------------------------------------
_LOCALE_RES = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")
_NAME_TREES = ("curr", "zone", "lang", "region", "unit", "rbnf")


def _icu_item_dropped(item: str) -> bool:
    parts = item.split("/")
    name = parts[-1]
    english_or_shared = name.startswith(("en.", "en_")) or not _LOCALE_RES.match(name)
    if len(parts) == 1:
        return name.endswith(".cnv") or not english_or_shared
    return parts[0] in ("translit", "brkitr") or (parts[0] in _NAME_TREES and not english_or_shared)


def shrink_icu(library: Path) -> int:
    """Rebuild `library` (libicudata.so.NN) with the trimmed data; returns the bytes saved."""
    version = re.search(r"libicudata\.so\.(\d+)", library.name)
    if version is None:
        raise SystemExit(f"not an ICU data library: {library}")
    entry = f"icudt{version.group(1)}"
    tools = [shutil.which(t) for t in ("readelf", "icupkg", "genccode", "cc")]
    if not all(tools):
        raise SystemExit("needs readelf, icupkg, genccode (icu-devtools) and cc")
    symbols = subprocess.run(["readelf", "-sW", str(library)], capture_output=True, text=True, check=True).stdout
    sym = re.search(rf"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\w+\s+(\d+)\s+{entry}_dat\b", symbols)
    sections = subprocess.run(["readelf", "-SW", str(library)], capture_output=True, text=True, check=True).stdout
    if sym is None:
        raise SystemExit(f"{entry}_dat not found in {library}")
    address, size, index = int(sym.group(1), 16), int(sym.group(2), 0), int(sym.group(3))
    sec = re.search(rf"\[\s*{index}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if sec is None:
        raise SystemExit(f"section {index} not found in {library}")
    offset = address - int(sec.group(1), 16) + int(sec.group(2), 16)
    data = library.read_bytes()[offset:offset + size]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        full, out = work / f"{entry}l.dat", work / "out"
        out.mkdir()
        full.write_bytes(data)
        items = subprocess.run(["icupkg", "-l", str(full)], capture_output=True, text=True, check=True).stdout.split()
        (work / "drop.txt").write_text("".join(f"{i}\n" for i in items if _icu_item_dropped(i)))
        # The output keeps the package's own name: ICU looks items up under it.
        subprocess.run(["icupkg", "-r", str(work / "drop.txt"), str(full), str(out / full.name)], check=True)
        subprocess.run(["genccode", "-a", "gcc", "-e", entry, "-d", str(out), str(out / full.name)],
                       check=True, capture_output=True)
        built = out / library.name
        subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(built),
                        str(out / f"{entry}l_dat.S")], check=True)
        saved = library.stat().st_size - built.stat().st_size
        mode = library.stat().st_mode
        shutil.copyfile(built, library)
        os.chmod(library, mode)
    return saved


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "icu":
        saved = shrink_icu(Path(argv[1]))
        print(f"ICU data trimmed: {saved / 1e6:.1f} MB saved")
        return 0
    print("usage: python packaging/trim.py icu PATH/libicudata.so.NN", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
