#!/usr/bin/env bash
# bench/run reads its arguments and refuses bad ones, without building or
# touching the engine (--dry-run). The benchmark itself is run by hand.
set -u
run="$SOURCE_DIR/bench/run"
failures=0
expect() {
  local want=$1 pattern=$2
  shift 2
  local output code
  output=$(python3 "$run" "$@" 2>&1)
  code=$?
  if [ "$code" != "$want" ] || ! grep -q -- "$pattern" <<<"$output"; then
    echo "FAIL: bench/run $* exited $code, wanted $want and /$pattern/; output: $output"
    failures=$((failures + 1))
  fi
}
expect 0 "sizes \[0, 100, 1000\], 5 runs each, prefix dockcis-bench-speed" --dry-run
expect 0 "sizes \[0, 10\], 2 runs each, prefix p1, dockcis /x/dockcis, socket /s.sock, others \['/bin/true'\]" \
  --dry-run --sizes 10,0 --runs 2 --prefix p1 --dockcis /x/dockcis --socket /s.sock --other /bin/true
expect 2 "comma-separated integers" --dry-run --sizes ten
expect 2 "at least one count" --dry-run --sizes -5
expect 2 "at least 1" --dry-run --runs 0
expect 2 "unrecognized arguments" --dry-run --colour
[ "$failures" = 0 ] && echo "bench/run arguments: all cases pass"
exit $((failures > 0))
