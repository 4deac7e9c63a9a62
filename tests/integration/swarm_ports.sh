#!/usr/bin/env bash
# CIS 7.2 on a single-node swarm of the test engine: the swarm ports on every
# address fail, on one address pass. Skipped when the engine is already in a
# swarm (it is not ours to leave) or cannot start one; the swarm is left on exit.
source "$LIB"
require_engine

state=$(docker info --format '{{.Swarm.LocalNodeState}}')
[ "$state" = inactive ] || { echo "SKIP: the engine is already in a swarm ($state)"; exit 77; }
leave() { docker swarm leave --force >/dev/null 2>&1; cleanup; }
trap leave EXIT

docker swarm init --advertise-addr 127.0.0.1 --listen-addr 0.0.0.0:2377 >/dev/null 2>&1 ||
  { echo "SKIP: docker swarm init fails on this engine"; exit 77; }
audit --profile cis-docker-1.8.0 --only 7.2
expect_state 7.2 fail "(listening on 0.0.0.0:2377)"
CHECKS=$((CHECKS + 1))
# dockerd's listener on 0.0.0.0 is a dual-stack socket on hosts with IPv6.
jq -r '.results[] | select(.id == "7.2") | .reason' "$WORK/report.json" | grep -Eq '(0\.0\.0\.0|\[::\]):2377/tcp \(dockerd\)' ||
  { echo "FAIL: 7.2 does not name 0.0.0.0:2377/tcp or [::]:2377/tcp"; FAILURES=$((FAILURES + 1)); }

docker swarm leave --force >/dev/null 2>&1
docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 >/dev/null 2>&1 ||
  { echo "FAIL: docker swarm init on 127.0.0.1"; exit 1; }
audit --profile cis-docker-1.8.0 --only 7.2
expect_state 7.2 pass "(listening on 127.0.0.1:2377)"
finish
