#!/usr/bin/env bash
# save-campaign.sh BUILD_DIR TARGET...: keeps what a target's long runs have
# found in the repository, so its campaign goes on on another machine
# (fuzz/README.md, "Campaigns across machines"). The corpus of
# BUILD_DIR/fuzz/long/<target>/ and the inputs kept before in
# fuzz/campaign/<target>/ are merged (libFuzzer's -merge=1: the fewest
# inputs that reach every feature any of them reaches), the seeds' own
# features left out, and the result replaces fuzz/campaign/<target>/, which
# long-run.sh reads with the seeds.
set -euo pipefail
build=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
for target in "$@"; do
  corpus="$build/fuzz/long/$target/corpus"
  kept="$here/campaign/$target"
  seeds="$here/corpus/$target"
  [ -d "$corpus" ] || { echo "save-campaign: no long run of $target in $build" >&2; exit 1; }
  merged=$(mktemp -d "/tmp/dockcis-campaign-$target-XXXXXX")
  trap 'rm -rf "$merged"' EXIT
  # The seeds go in first, so only what they do not reach is added; they are
  # taken out again after.
  cp "$seeds"/* "$merged"/
  inputs=("$corpus")
  [ -d "$kept" ] && inputs+=("$kept")
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=0 \
    "$build/fuzz/fuzz_$target" -merge=1 -timeout=60 -rss_limit_mb=2048 "$merged" "${inputs[@]}" \
    >"$build/fuzz/long/$target/merge.log" 2>&1 ||
    { echo "save-campaign: merging $target failed, see $build/fuzz/long/$target/merge.log" >&2; exit 1; }
  for seed in "$seeds"/*; do rm -f "$merged/$(basename "$seed")"; done
  rm -rf "$kept"
  mkdir -p "$kept"
  cp "$merged"/* "$kept"/ 2>/dev/null || true
  rm -rf "$merged"
  trap - EXIT
  echo "$target: $(find "$kept" -type f | wc -l) inputs, $(du -sh "$kept" | cut -f1) in fuzz/campaign/$target"
done
