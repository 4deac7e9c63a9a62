#!/usr/bin/env bash
# Starts a private PostgreSQL server for one test: initdb into a temporary
# directory, a Unix socket in that directory on a private port (no TCP), then
# runs "$@" with DOCKCIS_TEST_PG_URL naming a fresh database, and stops and
# removes the server afterwards, on failure too. As root the server runs as
# the 'postgres' user (PostgreSQL refuses to run as root).
set -u
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "FAIL: no PostgreSQL server binaries under /usr/lib/postgresql (scripts/install-deps.sh installs postgresql)"
  exit 1
fi
work=$(mktemp -d /tmp/dockcis-pg-XXXXXX)
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_server() { [ -f "$work/data/postmaster.pid" ] && as_server "$bindir/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1; }
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
[ "$(id -u)" -eq 0 ] && chown postgres "$work"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if ! as_server "$bindir/initdb" -D "$work/data" -U dockcis --auth=trust -E UTF8 --no-locale >"$work/initdb.log" 2>&1; then
  echo "FAIL: initdb"; cat "$work/initdb.log"; exit 1
fi
if ! as_server "$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 \
     -o "-p $port -k $work -c listen_addresses='' -c fsync=${DOCKCIS_PG_FSYNC:-off}" start >/dev/null; then
  echo "FAIL: PostgreSQL did not start"; cat "$work/server.log"; exit 1
fi
for database in fleet fleet_cli; do
  "$bindir/createdb" -h "$work" -p "$port" -U dockcis "$database" || { echo "FAIL: createdb $database"; exit 1; }
done

# One database for the store's unit tests (each empties it), one for the command line.
export DOCKCIS_TEST_PG_URL="postgresql:///fleet?host=$work&port=$port&user=dockcis"
export DOCKCIS_TEST_PG_CLI_URL="postgresql:///fleet_cli?host=$work&port=$port&user=dockcis"
export DOCKCIS_TEST_PG_STOP="$bindir/pg_ctl -D $work/data -m fast -w stop"
export DOCKCIS_TEST_PG_AS_SERVER=$([ "$(id -u)" -eq 0 ] && echo "runuser -u postgres --" || echo "")
"$@"
