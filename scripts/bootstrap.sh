#!/usr/bin/env bash
# Create .venv (if needed) and install Vita with everything it needs. Idempotent: re-runs only
# when pyproject.toml changed. torch is pinned to the local CPU build before sentence-transformers
# so pip never pulls the CUDA wheels.
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
