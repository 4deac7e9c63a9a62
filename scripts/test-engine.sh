#!/usr/bin/env bash
# Manages the Docker engine the tests use.
#   start [FLAGS]    reuse an engine that answers on /var/run/docker.sock, else start dockerd
#   restart [FLAGS]  restart the engine this script started, with extra dockerd flags
#                    (e.g. --icc=false --live-restore --config-file FILE); exit 77
#                    when the running engine was not started by this script
#   stop             stop the engine this script started
#   status           exit 0 when an engine answers
#   wait             wait up to 60 s for an engine to answer
# An engine the project did not start is never stopped or restarted. "Ours"
# is a live dockerd started by this script: its command line begins
# "dockerd --pidfile /run/dockcis-test/dockerd.pid". start, restart and stop
# take a lock, so test runs sharing the machine do not interleave them.
set -u
socket=/var/run/docker.sock
state_dir=/run/dockcis-test
pidfile=$state_dir/dockerd.pid
log=$state_dir/dockerd.log

answers() { curl -sf --max-time 3 --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1; }
is_ours() {
  local args=()
  [ "$(cat "/proc/$1/comm" 2>/dev/null)" = dockerd ] || return 1
  mapfile -d '' args <"/proc/$1/cmdline" 2>/dev/null || return 1
  [ "${args[1]:-}" = --pidfile ] && [ "${args[2]:-}" = "$pidfile" ]
}
# Prints the pid of our dockerd: from the pid file, else (the file was lost) by
# a scan of the processes.
our_pid() {
  local pid
  if [ -f "$pidfile" ]; then
    pid=$(cat "$pidfile")
    [ -n "$pid" ] && is_ours "$pid" && { echo "$pid"; return 0; }
  fi
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    is_ours "$pid" && { echo "$pid"; return 0; }
  done
  return 1
}
ours() { our_pid >/dev/null; }
lock() {
  mkdir -p "$state_dir"
  exec 9>"$state_dir/lock"
  command -v flock >/dev/null || return 0
  flock -w 180 9 || { echo "test-engine: another test-engine.sh held the lock for 180 s" >&2; exit 1; }
}

wait_for_engine() {
  local pid=${1:-}
  for _ in $(seq 1 120); do
    answers && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "test-engine: dockerd exited while starting; last log lines:" >&2
      tail -20 "$log" >&2 2>/dev/null
      return 1
    fi
    sleep 0.5
  done
  echo "test-engine: no engine answered on $socket within 60 s; last log lines:" >&2
  tail -20 "$log" >&2 2>/dev/null
  return 1
}

start() {
  if answers; then
    echo "test-engine: an engine answers on $socket"
    [ $# -eq 0 ] || echo "test-engine: flags not applied to a running engine: $* (use restart)" >&2
    return 0
  fi
  command -v dockerd >/dev/null || { echo "test-engine: dockerd is not installed (scripts/install-deps.sh)" >&2; return 1; }
  # A stale pid file from an engine that died would make dockerd refuse to start.
  [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null && rm -f /var/run/docker.pid
  echo "=== $(date -u +%FT%TZ) dockerd --pidfile $pidfile $*" >>"$log"
  # 9>&-: the engine must not inherit (and so hold) the lock.
  setsid dockerd --pidfile "$pidfile" "$@" >>"$log" 2>&1 </dev/null 9>&- &
  local pid=$!
  wait_for_engine "$pid" || return 1
  echo "test-engine: started dockerd $pid${*:+ with $*} (log: $log)"
}

stop() {
  local pid
  pid=$(our_pid) || { echo "test-engine: no engine started by this script is running"; return 0; }
  kill -TERM "$pid"
  # dockerd gives running containers 15 s to stop before it exits.
  for _ in $(seq 1 90); do
    if ! kill -0 "$pid" 2>/dev/null; then
      # Only our engine's own pid file: never one a newer dockerd has written.
      [ "$(cat "$pidfile" 2>/dev/null)" = "$pid" ] && rm -f "$pidfile"
      echo "test-engine: stopped dockerd $pid"
      return 0
    fi
    sleep 0.5
  done
  echo "test-engine: dockerd $pid did not stop within 45 s" >&2
  return 1
}

case "${1:-}" in
  start) shift; lock; start "$@" ;;
  restart)
    shift
    lock
    if answers && ! ours; then
      echo "test-engine: the running engine was not started by scripts/test-engine.sh; not restarting it" >&2
      exit 77
    fi
    stop && start "$@" ;;
  stop) lock; stop ;;
  status) answers ;;
  wait) wait_for_engine ;;
  *) echo "usage: $0 start [dockerd flags]|restart [dockerd flags]|stop|status|wait" >&2; exit 2 ;;
esac
