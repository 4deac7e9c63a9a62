#!/usr/bin/env bash
# Kept for existing callers: bench/bench.sh [N containers, default 100] [runs, default 5]
# runs bench/run for that one size (see bench/run --help).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/run --sizes "${1:-100}" --runs "${2:-5}" ${DOCKCIS:+--dockcis "$DOCKCIS"} ${SOCKET:+--socket "$SOCKET"}
