#!/usr/bin/env bash
# Build the desktop bundle with PyInstaller, then smoke-test it:
#   1. `vita --version` prints the version;
#   2. the GUI starts headless (offscreen), paints its first window without torch/spaCy loaded,
#      and exits (VITA_SMOKE=1);
#   3. `vita parse` works in the frozen app (spawned parser workers, multiprocessing.freeze_support);
#   4. the .desktop entry validates (when desktop-file-validate is installed).
# Usage: packaging/build.sh [--skip-build]   (PYTHON=... to choose the interpreter)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-python3}"
cd "$ROOT"
VERSION="$("$PY" -c 'import app; print(app.__version__)')"
DIST="$ROOT/build/dist"
if [[ "${1:-}" != "--skip-build" ]]; then
  "$PY" -m PyInstaller --noconfirm --clean --distpath "$DIST" --workpath "$ROOT/build/work" packaging/vita.spec
fi
BIN="$DIST/vita-$VERSION/vita"
[[ -x "$BIN" ]] || { echo "build failed: $BIN missing" >&2; exit 1; }

echo "smoke 1: --version"
"$BIN" --version | grep -q "vita $VERSION"

echo "smoke 2: GUI first paint (offscreen, temp data dir)"
HOME_DIR="$(mktemp -d)"
trap 'rm -rf "$HOME_DIR"' EXIT
OUT="$(VITA_HOME="$HOME_DIR" QT_QPA_PLATFORM=offscreen VITA_SMOKE=1 \
       PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring timeout 60 "$BIN")"
echo "$OUT"
echo "$OUT" | grep -q '"painted": true'
echo "$OUT" | grep -q '"heavy": \[\]'

echo "smoke 3: parsing in the sandboxed worker processes of the frozen app"
printf 'Robin Example\nrobin@example.org\n\nEXPERIENCE\nData Analyst, Fictional Co\nJan 2020 - Present\n- Cut report time by 40%%.\n' \
  > "$HOME_DIR/resume.txt"
VITA_HOME="$HOME_DIR" timeout 120 "$BIN" parse --format jsonresume "$HOME_DIR/resume.txt" | grep -q '"robin@example.org"'

echo "smoke 4: desktop entry"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate packaging/vita.desktop
else
  echo "(desktop-file-validate not installed; skipped)"
fi
echo "OK: $BIN"
