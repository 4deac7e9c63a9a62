#!/usr/bin/env bash
# Manages the Docker engine the tests use.
#   start            reuse an engine that answers on /var/run/docker.sock, else start dockerd
#   restart [FLAGS]  restart the engine this script started, with extra dockerd flags
#   stop             stop the engine this script started
#   status           exit 0 when an engine answers
# An engine the project did not start is never stopped or restarted.
set -u
socket=/var/run/docker.sock
state_dir=/run/dockcis-test
pidfile=$state_dir/dockerd.pid
log=$state_dir/dockerd.log

answers() { curl -sf --max-time 3 --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1; }
ours() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

wait_for_engine() {
  for _ in $(seq 1 120); do
    answers && return 0
    sleep 0.5
  done
  echo "test-engine: dockerd did not answer on $socket within 60 s; last log lines:" >&2
  tail -20 "$log" >&2 2>/dev/null
  return 1
}

start() {
  answers && { echo "test-engine: an engine answers on $socket"; return 0; }
  command -v dockerd >/dev/null || { echo "test-engine: dockerd is not installed (scripts/install-deps.sh)" >&2; return 1; }
  mkdir -p "$state_dir"
  # A stale pid file from an engine that died would make Docker refuse to start.
  [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null && rm -f /var/run/docker.pid
  setsid dockerd --pidfile "$pidfile" "$@" >"$log" 2>&1 < /dev/null &
  wait_for_engine
}

stop() {
  ours || { echo "test-engine: no engine started by this script is running"; return 0; }
  local pid
  pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; return 0; }
    sleep 0.5
  done
  echo "test-engine: dockerd $pid did not stop" >&2
  return 1
}

case "${1:-}" in
  start) shift; start "$@" ;;
  restart)
    shift
    if answers && ! ours; then
      echo "test-engine: the running engine was not started by this script; not restarting it" >&2
      exit 77
    fi
    stop && start "$@" ;;
  stop) stop ;;
  status) answers ;;
  *) echo "usage: $0 start|restart [dockerd flags]|stop|status" >&2; exit 2 ;;
esac
