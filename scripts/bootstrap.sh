#!/usr/bin/env bash
# Create .venv (if needed) and install Vita with everything it needs. Idempotent: re-installs only
# when pyproject.toml changed. torch (a development dependency: it exports the embedding model and
# is the reference in tests) is pinned to the local CPU build before sentence-transformers so pip
# never pulls the CUDA wheels. Then the verified embedding weights are exported once to the ONNX
# folder the app loads at run time (a no-op when a valid export is already there).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=${VITA_VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi
stamp="$VENV/.vita-installed"
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  "$VENV/bin/python" -m pip install -q "torch==2.13.0"
  "$VENV/bin/python" -m pip install -q -e ".[dev]"
  "$VENV/bin/python" -m app.modelcheck
  echo "$want" > "$stamp"
fi
"$VENV/bin/python" -m core.embed.export
