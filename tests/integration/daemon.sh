#!/usr/bin/env bash
# Section 2 (and 5.26) on a real engine restarted with other flags and
# daemon.json files. Only the engine scripts/test-engine.sh started is
# restarted; it is restored to its plain configuration at the end.
source "$LIB"
require_engine

engine() { bash "$SOURCE_DIR/scripts/test-engine.sh" "$@"; }
restart() {
  engine restart "$@" >"$WORK/engine.log" 2>&1
  local code=$?
  if [ "$code" -eq 77 ]; then
    if [ "${DOCKCIS_REQUIRE_ENGINE:-}" = 1 ]; then echo "FAIL: the test engine was not started by scripts/test-engine.sh"; exit 1; fi
    echo "SKIP: the running engine was not started by scripts/test-engine.sh"; exit 77
  fi
  [ "$code" -eq 0 ] || { echo "FAIL: restarting dockerd with $*"; cat "$WORK/engine.log"; exit 1; }
}
restore() { engine restart >/dev/null 2>&1; cleanup; }
trap restore EXIT

restart
create plain --user 1000 dockcis-test/busybox
audit --profile cis-docker-1.6.0 --only 2,5.26
expect_state 2.2 fail "(icc on by default, read from the live bridge)"
expect_state 2.3 pass
expect_state 2.4 pass
expect_state 2.5 pass "(127.0.0.0/8 alone is not an insecure registry)"
expect_state 2.6 pass
expect_state 2.7 notapplicable "(no TCP listener)"
expect_state 2.8 fail "(no default ulimits)"
expect_state 2.11 pass
expect_state 2.14 fail
expect_state 2.15 fail
expect_state 2.16 fail
expect_state 2.17 pass "(default or builtin seccomp profile)"
expect_state 2.18 pass
expect_instance 5.26 plain fail

restart --icc=false --live-restore --no-new-privileges --userland-proxy=false
audit --profile cis-docker-1.6.0 --only 2,5.26
expect_state 2.2 pass
expect_state 2.14 pass
expect_state 2.15 pass
expect_state 2.16 pass
expect_instance 5.26 plain pass "(daemon-wide no-new-privileges)"
# The same settings under 1.8.0 numbering.
audit --profile cis-docker-1.8.0 --only 2
expect_state 2.15 pass "(2.14 in 1.6.0)"
expect_state 2.16 pass "(2.15 in 1.6.0)"
expect_state 2.7 pass "(devicemapper is not used)"

cat >"$WORK/daemon.json" <<'JSON'
{"log-level": "debug", "insecure-registries": ["10.1.0.0/16"], "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 4096, "Soft": 1024}}}
JSON
restart --config-file "$WORK/daemon.json" -H unix:///var/run/docker.sock -H tcp://127.0.0.1:23750
audit --profile cis-docker-1.6.0 --only 2
expect_state 2.3 fail "(debug)"
expect_state 2.5 fail "(10.1.0.0/16)"
expect_state 2.7 fail "(TCP without TLS)"
expect_state 2.8 pass "(default ulimits set)"
audit --profile cis-docker-1.6.0 --only 2.8 --param required_default_ulimits=nofile,nproc
expect_state 2.8 fail "(nproc required)"

# An edited daemon.json that was not applied is not believed.
cat >"$WORK/daemon.json" <<'JSON'
{"log-level": "debug", "insecure-registries": ["10.1.0.0/16"], "live-restore": true}
JSON
touch -d '+1 minute' "$WORK/daemon.json"
audit --profile cis-docker-1.6.0 --only 2.15
expect_state 2.15 fail "(the running engine still has live restore off)"
CHECKS=$((CHECKS + 1))
pending=$("$DOCKCIS" facts --only 2.15 | jq '.facts["daemon.config"].value.file_newer_than_daemon')
[ "$pending" = true ] || { echo "FAIL: daemon.json edited after start is not flagged (got $pending)"; FAILURES=$((FAILURES + 1)); }
finish
