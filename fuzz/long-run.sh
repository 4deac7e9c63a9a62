#!/usr/bin/env bash
# long-run.sh BUILD_DIR SECONDS [TARGET...]: the long fuzzing run of
# fuzz/README.md. Each target (default: all) runs for SECONDS, or until RUNS
# executions each when RUNS is set, in WORKERS processes (default 1) on one
# corpus, JOBS processes at a time (default 2), a unit stopped as a timeout
# after TIMEOUT seconds (default 10; wall time, so a run at nice 19 beside
# builds that take both cores wants more), from its seeds plus everything
# earlier long runs kept in BUILD_DIR/fuzz/long/<target>/corpus and, from
# another machine, in fuzz/campaign/<target>.tar.xz (save-campaign.sh);
# findings go to BUILD_DIR/fuzz/long/<target>/ and one line per process is
# appended to BUILD_DIR/fuzz/long/summary.tsv: date, target, seconds,
# executions, executions per second, peak RSS in MiB, corpus size, exit
# status. The rare-feature threshold is run-fuzzer.sh's (see there). A
# corpus fuzzed by one process is not read again while it runs (-reload=0:
# libFuzzer's default stats every file of it each second, for other
# processes' finds: 8 % of engine_api's executions at 22,000 files); with
# several workers each reads the others' finds once a minute. ASan keeps
# 64 MiB of freed memory in quarantine (default 256 MiB) and 5 frames of an
# allocation's stack (default 30): render runs about a fifth faster, most of
# the default's cost being page faults on fresh memory; a use after free
# within the last 64 MiB freed is still caught, and a finding is replayed
# with the defaults for its full stacks. ASAN_OPTIONS given is used instead.
set -uo pipefail
build=$1 seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(loader daemon_config audit_rules systemd_units engine_api snapshot render proc_files events)
jobs=${JOBS:-2}
workers=${WORKERS:-1}
reload=0
[ "$workers" -gt 1 ] && reload=60
runs=()
[ -n "${RUNS:-}" ] && runs=(-runs="$RUNS")
long="$build/fuzz/long"
mkdir -p "$long"

# Unpacked afresh for every run: the archive holds what save-campaign.sh
# last kept, which may be newer than an earlier run's copy.
unpack_campaign() {
  local target=$1 archive="$here/campaign/$1.tar.xz" into="$long/$1/campaign"
  rm -rf "$into"
  [ -f "$archive" ] || return 0
  mkdir -p "$into"
  tar -xJf "$archive" -C "$into" || { echo "long-run: cannot unpack $archive" >&2; exit 1; }
}

run() {
  local target=$1 worker=$2 dir="$long/$1"
  local log="$dir/log.$worker"
  local dict=() kept=()
  [ -f "$here/dict/$target.dict" ] && dict=(-dict="$here/dict/$target.dict")
  [ -d "$dir/campaign" ] && kept=("$dir/campaign")
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=64:malloc_context_size=5} UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout="${TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 \
    -entropic_feature_frequency_threshold=16 -reload="$reload" \
    -artifact_prefix="$dir/" "${runs[@]}" "${dict[@]}" "$dir/corpus" "$here/corpus/$target" "${kept[@]}" >"$log" 2>&1
  local status=$?
  local executions rate rss
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$seconds" "${executions:-0}" "${rate:-0}" \
    "${rss:-0}" "$(ls "$dir/corpus" | wc -l)" "$status" >>"$long/summary.tsv"
}

processes=()
for target in "${targets[@]}"; do
  mkdir -p "$long/$target/corpus"
  unpack_campaign "$target"
  for ((w = 1; w <= workers; w++)); do processes+=("$target $w"); done
done

for ((i = 0; i < ${#processes[@]}; i += jobs)); do
  for ((j = i; j < i + jobs && j < ${#processes[@]}; j++)); do
    # shellcheck disable=SC2086 # "target worker"
    run ${processes[j]} &
  done
  wait
done
column -t -s $'\t' "$long/summary.tsv"
