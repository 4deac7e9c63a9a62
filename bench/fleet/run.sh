#!/usr/bin/env bash
# The fleet benchmark: HOSTS hosts x NIGHTS nights into SQLite and into a
# private PostgreSQL server (started and removed by tests/fleet/with_postgres.sh),
# then the fleet report of the newest runs. Figures go to standard output and
# to $WORKDIR/results.json.  Usage: bench/fleet/run.sh [HOSTS] [NIGHTS]
set -eu
cd "$(dirname "$0")/../.."
hosts=${1:-1000}
nights=${2:-90}
dockcis=${DOCKCIS:-build/src/dockcis}
workdir=${WORKDIR:-$(mktemp -d /tmp/dockcis-fleet-bench-XXXXXX)}
[ -x "$dockcis" ] || { echo "build dockcis first (meson compile -C build)" >&2; exit 2; }
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
# A durable server, as in production (the tests run it without fsync).
DOCKCIS_PG_FSYNC=on bash tests/fleet/with_postgres.sh sh -c 'exec python3 bench/fleet/bench.py --dockcis "$0" --facts tests/golden/facts/known-host.json \
  --hosts "$1" --nights "$2" --workdir "$3" --pg-url "$DOCKCIS_TEST_PG_CLI_URL"' "$dockcis" "$hosts" "$nights" "$workdir"
