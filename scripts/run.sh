#!/usr/bin/env bash
# Set up (if needed) and start the Vita desktop app. Extra arguments go to `vita`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec .venv/bin/vita "$@"
