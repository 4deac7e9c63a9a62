#!/usr/bin/env bash
# run-fuzzer.sh FUZZER SEEDS [ARTIFACTS]: runs one libFuzzer target for
# FUZZ_SECONDS (default 25) from a copy of its seed corpus, so the committed
# seeds never change. Any crash, leak, sanitizer report or input slower than
# 10 s fails the run; the input that did it is kept in ARTIFACTS (default: a
# directory printed at the end) for fuzz/README.md's replay command.
set -uo pipefail
fuzzer=$1 seeds=$2
name=$(basename "$fuzzer")
artifacts=${3:-$(mktemp -d "/tmp/$name-artifacts-XXXXXX")}
work=$(mktemp -d "/tmp/$name-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$artifacts"
cp -r "$seeds"/. "$work/corpus/"
dict=()
[ -f "$(dirname "$0")/dict/${name#fuzz_}.dict" ] && dict=(-dict="$(dirname "$0")/dict/${name#fuzz_}.dict")
# meson test sets its own sanitizer options; these are the fuzzing ones.
export ASAN_OPTIONS=detect_leaks=1:symbolize=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# libFuzzer keeps every feature seen fewer than 256 times as "rare" and
# searches that list for each feature of each run: with the thousands of
# features an audit touches, that search took half the time of loader,
# render and engine_api. At 16 the list stays short (fuzz/README.md).
"$fuzzer" -max_total_time="${FUZZ_SECONDS:-25}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -entropic_feature_frequency_threshold=16 \
  -artifact_prefix="$artifacts/" "${dict[@]}" "$work/corpus" >"$work/log" 2>&1
status=$?
grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/log"
if [ "$status" -ne 0 ]; then
  # The report: the sanitizer's or libFuzzer's own lines and the stack.
  grep -v -E '^(#[0-9]+ +(NEW|REDUCE|pulse|INITED|RELOAD)|INFO:)' "$work/log" | tail -80
  echo "$name: failed (exit $status); inputs in $artifacts:"
  ls -l "$artifacts"
  exit 1
fi
rmdir "$artifacts" 2>/dev/null
echo "$name: no finding in ${FUZZ_SECONDS:-25} s"
