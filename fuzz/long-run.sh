#!/usr/bin/env bash
# long-run.sh BUILD_DIR SECONDS [TARGET...]: the long fuzzing run of
# fuzz/README.md. Each target (default: all) runs for SECONDS, or until RUNS
# executions when RUNS is set, JOBS at a time (default 2), a unit stopped
# as a timeout after TIMEOUT seconds (default 10; wall time, so a run at
# nice 19 beside builds that take both cores wants more),
# from its seeds plus everything earlier long runs kept in
# BUILD_DIR/fuzz/long/<target>/corpus and, from another machine, in
# fuzz/campaign/<target> (save-campaign.sh); findings go to
# BUILD_DIR/fuzz/long/<target>/ and one line per target is appended to
# BUILD_DIR/fuzz/long/summary.tsv: date, target, seconds, executions,
# executions per second, peak RSS in MiB, corpus size, exit status. The
# rare-feature threshold is run-fuzzer.sh's (see there). Each target's
# corpus has one fuzzer, so it is not read again while it runs (-reload=0:
# libFuzzer's default stats every file of it each second, for other
# processes' finds: 8 % of engine_api's executions at 22,000 files).
set -uo pipefail
build=$1 seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(loader daemon_config audit_rules systemd_units engine_api snapshot render proc_files events)
jobs=${JOBS:-2}
runs=()
[ -n "${RUNS:-}" ] && runs=(-runs="$RUNS")
long="$build/fuzz/long"
mkdir -p "$long"

run() {
  local target=$1 dir="$long/$1"
  mkdir -p "$dir/corpus"
  local dict=() kept=()
  [ -f "$here/dict/$target.dict" ] && dict=(-dict="$here/dict/$target.dict")
  [ -d "$here/campaign/$target" ] && kept=("$here/campaign/$target")
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout="${TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 \
    -entropic_feature_frequency_threshold=16 -reload=0 \
    -artifact_prefix="$dir/" "${runs[@]}" "${dict[@]}" "$dir/corpus" "$here/corpus/$target" "${kept[@]}" >"$dir/log" 2>&1
  local status=$?
  local executions rate rss
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log")
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$dir/log")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$seconds" "${executions:-0}" "${rate:-0}" \
    "${rss:-0}" "$(ls "$dir/corpus" | wc -l)" "$status" >>"$long/summary.tsv"
}

for ((i = 0; i < ${#targets[@]}; i += jobs)); do
  for ((j = i; j < i + jobs && j < ${#targets[@]}; j++)); do run "${targets[j]}" & done
  wait
done
column -t -s $'\t' "$long/summary.tsv"
