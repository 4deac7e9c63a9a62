#!/usr/bin/env bash
# Shared helpers for integration tests against a real Docker engine.
# Each test sources this file, creates what it needs with a unique prefix,
# runs dockcis and asserts states by CIS id; everything is removed on exit.
set -u
PREFIX="dockcis-it-$$"
WORK=$(mktemp -d)
FAILURES=0
CHECKS=0
CREATED=()
NETWORKS=()
IMAGES=()

cleanup() {
  for name in "${CREATED[@]}"; do docker rm -f "$name" >/dev/null 2>&1; done
  for name in "${NETWORKS[@]}"; do docker network rm "$name" >/dev/null 2>&1; done
  for name in "${IMAGES[@]}"; do docker rmi -f "$name" >/dev/null 2>&1; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# Skip (exit 77) when no engine answers, except where the engine is required (CI).
require_engine() {
  if curl -sf --max-time 5 --unix-socket /var/run/docker.sock http://localhost/_ping >/dev/null 2>&1 &&
     docker image inspect dockcis-test/busybox >/dev/null 2>&1; then
    return 0
  fi
  if [ "${DOCKCIS_REQUIRE_ENGINE:-}" = 1 ]; then
    echo "FAIL: no Docker engine or test images (scripts/test-engine.sh start; scripts/test-images.sh)"
    exit 1
  fi
  echo "SKIP: no Docker engine answers on /var/run/docker.sock"
  exit 77
}

# create NAME [docker create options...] IMAGE [command]: a created (not started) container.
create() {
  local name="$PREFIX-$1"; shift
  docker create --name "$name" "$@" >/dev/null || { echo "FAIL: docker create $name $*"; FAILURES=$((FAILURES + 1)); return 1; }
  CREATED+=("$name")
}

# run NAME [docker run options...] IMAGE [command]: a running container.
run() {
  local name="$PREFIX-$1"; shift
  docker run -d --name "$name" "$@" >/dev/null || { echo "FAIL: docker run $name $*"; FAILURES=$((FAILURES + 1)); return 1; }
  CREATED+=("$name")
}

network() {
  local name="$PREFIX-$1"
  docker network create "$name" >/dev/null && NETWORKS+=("$name")
}

# audit [dockcis audit options...]: writes $WORK/report.json.
audit() {
  "$DOCKCIS" audit -f json "$@" >"$WORK/report.json" 2>"$WORK/audit.err"
  local code=$?
  if [ "$code" -gt 1 ]; then
    echo "FAIL: dockcis audit $* exited $code"; cat "$WORK/audit.err"; FAILURES=$((FAILURES + 1))
  fi
  return 0
}

state_of() { jq -r --arg id "$1" '.results[] | select(.id == $id) | .state' "$WORK/report.json"; }
instance_state() {
  jq -r --arg id "$1" --arg name "$PREFIX-$2" \
    '.subjects as $s | .results[] | select(.id == $id) | .instances[] | select($s[.subject].name == $name) | .state' "$WORK/report.json"
}
image_state() {
  jq -r --arg id "$1" --arg name "$2" '.subjects as $s | .results[] | select(.id == $id) | .instances[] | select($s[.subject].name == $name) | .state' "$WORK/report.json"
}

# expect_state ID STATE [note]
expect_state() {
  CHECKS=$((CHECKS + 1))
  local got
  got=$(state_of "$1")
  if [ "$got" != "$2" ]; then
    echo "FAIL: $1 is '$got', expected '$2' ${3:-}"
    jq -c --arg id "$1" '.results[] | select(.id == $id) | {reason, evidence}' "$WORK/report.json" | head -c 600; echo
    FAILURES=$((FAILURES + 1))
  fi
}

# expect_member ID NAME STATE: the state of one instance (container or image) of a check.
expect_member() {
  CHECKS=$((CHECKS + 1))
  local got
  got=$(image_state "$1" "$2")
  if [ "$got" != "$3" ]; then
    echo "FAIL: $1 for $2 is '$got', expected '$3'"
    jq -c --arg id "$1" --arg name "$2" '.subjects as $s | .results[] | select(.id == $id) | .probes as $p | .instances[] | select($s[.subject].name == $name) | {reason, evidence: [.evidence[] | $p[.probe] + .]}' "$WORK/report.json" | head -c 600; echo
    FAILURES=$((FAILURES + 1))
  fi
}
# expect_instance ID NAME STATE: a container of this test, NAME without the prefix.
expect_instance() { expect_member "$1" "$PREFIX-$2" "$3"; }
expect_image() { expect_member "$@"; }

finish() {
  if [ "$FAILURES" -eq 0 ]; then
    echo "ok: $CHECKS assertions"
    exit 0
  fi
  echo "$FAILURES of $CHECKS assertions failed"
  exit 1
}
