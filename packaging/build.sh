#!/usr/bin/env bash
# Build the desktop bundle and its packages, then test the built app (not the source):
#   0. the embedding model is exported to ONNX (a no-op when a verified export exists);
#   1. PyInstaller onedir (no UPX, no torch/CUDA/test packages; see vita.spec), its analysis cached
#      in $VITA_BUILD_CACHE (default ~/.cache/vita-build) so a re-run or CI reuses it; then the
#      symbol tables of unpatched extensions stripped, debug sections dropped, Qt's ICU data trimmed
#      (packaging/trim.py; the spec uses it too, for the Qt plugins);
#   2. smoke: `vita --version`; the GUI paints its first window headless without heavy modules
#      (VITA_SMOKE=1); `vita parse` in the frozen app's sandboxed workers; `vita --selftest`
#      (vault, parse, embed, search, window rendered and not blank); no torch/CUDA library inside;
#   3. packages: a tarball, a .deb (desktop entry, icon, /usr/bin/vita) and, when appimagetool is
#      installed, an AppImage; the .desktop entry validated when desktop-file-validate is installed;
#   4. the bundle's size by top-level folder.
# Usage: packaging/build.sh [--skip-build] [--no-packages]   (PYTHON=... chooses the interpreter)
set -euo pipefail
umask 022  # packages are read by everyone (dpkg-deb refuses a 0700 control folder; the app itself runs with 077)
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-python3}"
cd "$ROOT"
SKIP_BUILD=0; PACKAGES=1
for arg in "$@"; do
  case "$arg" in
    --skip-build) SKIP_BUILD=1 ;;
    --no-packages) PACKAGES=0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done
VERSION="$("$PY" -c 'import app; print(app.__version__)')"
DIST="$ROOT/build/dist"
APPDIR="$DIST/vita-$VERSION"
CACHE="${VITA_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vita-build}"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
if [[ "$SKIP_BUILD" == 0 ]]; then
  echo "step 0: embedding model (ONNX), and its statically quantised int8 variant the bundle ships"
  "$PY" -m core.embed.export --int8-static-to "$CACHE/embed-int8-static"
  export VITA_EMBED_BUNDLE_DIR="$CACHE/embed-int8-static"
  echo "step 1: PyInstaller (analysis cache: $CACHE)"
  mkdir -p "$CACHE"
  PYINSTALLER_CONFIG_DIR="$CACHE/pyinstaller-config" \
    "$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$CACHE/work" packaging/vita.spec
  if command -v strip >/dev/null && command -v readelf >/dev/null; then
    echo "step 2: strip symbol tables from extensions no wheel tool patched (no RPATH/RUNPATH)"
    find "$APPDIR/_internal" -path '*.libs' -prune -o -type f -name '*.so' -print | while read -r so; do
      dyn="$(readelf -d "$so" 2>/dev/null || true)"  # not piped into grep -q: SIGPIPE + pipefail would flip the test
      if ! grep -qE '\((RPATH|RUNPATH)\)' <<<"$dyn"; then strip --strip-unneeded "$so"; fi
    done
    echo "step 2b: debug sections out of libraries built with them (libpython, the stdlib's extensions)"
    # --strip-debug leaves symbols and program headers alone (safe with an RPATH); never in *.libs
    find "$APPDIR/_internal" -path '*.libs' -prune -o -type f \( -name '*.so' -o -name '*.so.*' \) -print | while read -r so; do
      sections="$(readelf -S "$so" 2>/dev/null || true)"
      if grep -q '\.debug_info' <<<"$sections"; then strip --strip-debug "$so"; fi
    done
  else
    echo "(binutils not installed: extensions left unstripped, the bundle is ~120 MB larger)"
  fi
  echo "step 2c: Qt's ICU data without what Qt never reads"
  for icu in "$APPDIR"/_internal/PySide6/Qt/lib/libicudata.so.*; do
    if command -v icupkg >/dev/null && command -v genccode >/dev/null && command -v cc >/dev/null; then
      "$PY" packaging/trim.py icu "$icu"
    else
      echo "(icu-devtools or a C compiler not installed: ICU data left whole, the bundle is ~25 MB larger)"
    fi
  done
fi
BIN="$APPDIR/vita"
[[ -x "$BIN" ]] || { echo "build failed: $BIN missing" >&2; exit 1; }

HOME_DIR="$(mktemp -d)"
trap 'rm -rf "$HOME_DIR"' EXIT
export PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring QT_QPA_PLATFORM=offscreen

echo "smoke 1: --version"
"$BIN" --version | grep -q "vita $VERSION"

echo "smoke 2: GUI first paint (offscreen, temp data dir)"
OUT="$(VITA_HOME="$HOME_DIR" VITA_SMOKE=1 timeout 60 "$BIN")"
echo "$OUT"
echo "$OUT" | grep -q '"painted": true'
echo "$OUT" | grep -q '"heavy": \[\]'

echo "smoke 3: parsing in the sandboxed worker processes of the frozen app"
printf 'Robin Example\nrobin@example.org\n\nEXPERIENCE\nData Analyst, Fictional Co\nJan 2020 - Present\n- Cut report time by 40%%.\n' \
  > "$HOME_DIR/resume.txt"
VITA_HOME="$HOME_DIR" timeout 120 "$BIN" parse --format jsonresume "$HOME_DIR/resume.txt" | grep -q '"robin@example.org"'

echo "smoke 4: self-test of the built app"
timeout 300 "$BIN" --selftest > "$DIST/selftest.json" || { cat "$DIST/selftest.json"; echo "self-test failed" >&2; exit 1; }
grep -q '"ok": true' "$DIST/selftest.json"

echo "smoke 5: no torch or CUDA library in the bundle"
# (libicudata is Unicode data for Qt, not CUDA: the patterns name CUDA's own libraries)
HEAVY="$(find "$APPDIR" \( -iname '*torch*' -o -iname 'libcuda*' -o -iname 'libcudnn*' -o -iname 'libcublas*' \
  -o -iname 'libcudart*' -o -iname 'libnccl*' -o -iname 'libnvrtc*' -o -iname 'nvidia' -o -iname 'triton' \
  -o -iname 'sentence_transformers' -o -iname 'transformers' \) -print | head -20)"
[[ -z "$HEAVY" ]] || { echo "heavy libraries in the bundle:" >&2; echo "$HEAVY" >&2; exit 1; }

echo "smoke 6: desktop entry"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate packaging/vita.desktop
else
  echo "(desktop-file-validate not installed; skipped)"
fi

if [[ "$PACKAGES" == 1 ]]; then
  echo "package 1: tarball"
  TARBALL="$DIST/vita-$VERSION-linux-$(uname -m).tar.gz"
  tar -C "$DIST" -czf "$TARBALL" "vita-$VERSION"
  echo "package 2: .deb"
  ARCH="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
  STAGE="$(mktemp -d)"
  chmod 0755 "$STAGE"  # mktemp makes it 0700; it becomes the package root
  mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
           "$STAGE/usr/share/icons/hicolor/scalable/apps"
  cp -a "$APPDIR" "$STAGE/opt/vita"
  ln -s /opt/vita/vita "$STAGE/usr/bin/vita"
  cp packaging/vita.desktop "$STAGE/usr/share/applications/vita.desktop"
  cp packaging/icons/vita.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/vita.svg"
  cat > "$STAGE/DEBIAN/control" <<EOF
Package: vita
Version: $VERSION
Section: office
Priority: optional
Architecture: $ARCH
Maintainer: Vita developers <vita@example.org>
Installed-Size: $(du -sk "$STAGE" | cut -f1)
Depends: libc6 (>= 2.31), libegl1, libx11-6, libxcb1, libxkbcommon0, libxkbcommon-x11-0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-xinerama0, libxcb-cursor0, libfontconfig1, libfreetype6, libexpat1, libpng16-16 | libpng16-16t64, libdbus-1-3, libglib2.0-0 | libglib2.0-0t64, libgssapi-krb5-2, libcups2 | libcups2t64
Description: Private, local career knowledge base
 Turns resumes, cover letters and reviews into an encrypted, editable record of sourced facts.
EOF
  DEB="$DIST/vita_${VERSION}_${ARCH}.deb"
  dpkg-deb --root-owner-group -Zgzip -z6 --build "$STAGE" "$DEB" >/dev/null  # gzip: xz takes minutes on 2 cores
  rm -rf "$STAGE"
  INFO="$(dpkg-deb --info "$DEB")"; CONTENTS="$(dpkg-deb --contents "$DEB")"  # not piped into grep -q: SIGPIPE + pipefail
  grep -q "Package: vita" <<<"$INFO"
  grep -q "usr/share/applications/vita.desktop" <<<"$CONTENTS"
  grep -q "usr/share/icons/hicolor/scalable/apps/vita.svg" <<<"$CONTENTS"
  if command -v appimagetool >/dev/null; then
    echo "package 3: AppImage"
    APP="$(mktemp -d)/Vita.AppDir"
    mkdir -p "$APP/usr"
    cp -a "$APPDIR" "$APP/usr/vita"
    cp packaging/vita.desktop "$APP/vita.desktop"
    cp packaging/icons/vita.svg "$APP/vita.svg"
    printf '#!/bin/sh\nexec "$(dirname "$(readlink -f "$0")")/usr/vita/vita" "$@"\n' > "$APP/AppRun"
    chmod +x "$APP/AppRun"
    ARCH="$(uname -m)" appimagetool --no-appstream "$APP" "$DIST/Vita-$VERSION-$(uname -m).AppImage"
  else
    echo "(appimagetool not installed; AppImage skipped)"
  fi
fi

echo "size by top-level folder:"
du -sh "$APPDIR"  # then each folder on its own (du counts a file once per call)
du -sh "$APPDIR"/_internal/* 2>/dev/null | sort -rh | sed -n "1,25p"  # sed reads to the end: no SIGPIPE under pipefail
ls -la "$DIST" | grep -E '\.(tar\.gz|deb|AppImage)$' || true
echo "OK: $BIN"
