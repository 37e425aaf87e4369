#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite plus the guard rails (layers, lint, types).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
V=.venv/bin
echo "== import-linter"; "$V/lint-imports" --no-cache
echo "== ruff"; "$V/ruff" check app ui core onet tests bench
echo "== mypy core onet ui"; "$V/mypy" core onet ui
echo "== pytest"; "$V/python" -m pytest -p no:cacheprovider "$@"
