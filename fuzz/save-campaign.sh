#!/usr/bin/env bash
# save-campaign.sh BUILD_DIR TARGET...: keeps what a target's long runs have
# found in the repository, so its campaign goes on on another machine
# (fuzz/README.md, "Campaigns across machines"). The corpus of
# BUILD_DIR/fuzz/long/<target>/ and the inputs kept before in
# fuzz/campaign/<target>.tar.xz are merged (libFuzzer's -merge=1: the
# fewest inputs that reach every feature any of them reaches), the seeds'
# own features left out, and the result replaces that archive, which
# long-run.sh unpacks beside the seeds. One archive rather than a directory
# of inputs: render's and snapshot's inputs are whole snapshots (19 MB as
# files, 143 kB packed). The archive is made the same way everywhere
# (names sorted, no times or owners), so an unchanged corpus is an
# unchanged file.
set -euo pipefail
build=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
command -v xz >/dev/null || { echo "save-campaign: xz is not installed (apt-get install xz-utils)" >&2; exit 1; }
work=$(mktemp -d /tmp/dockcis-campaign-XXXXXX)
trap 'rm -rf "$work"' EXIT
for target in "$@"; do
  corpus="$build/fuzz/long/$target/corpus"
  archive="$here/campaign/$target.tar.xz"
  seeds="$here/corpus/$target"
  [ -d "$corpus" ] || { echo "save-campaign: no long run of $target in $build" >&2; exit 1; }
  merged="$work/$target/merged" kept="$work/$target/kept" found="$work/$target/found"
  mkdir -p "$merged" "$kept" "$found"
  # A copy, so a fuzzer still running on the corpus cannot take an input
  # away in the middle of the merge (libFuzzer deletes what it reduces, and
  # a merge that misses a file starts again, for ever); what it took away
  # while this copied is not needed.
  if ! failed=$(cp -r "$corpus"/. "$found"/ 2>&1); then
    if grep -qv 'No such file or directory' <<<"$failed"; then echo "$failed" >&2; exit 1; fi
  fi
  [ -f "$archive" ] && tar -xJf "$archive" -C "$kept"
  # The seeds go in first, so only what they do not reach is added; they are
  # taken out again after.
  cp "$seeds"/* "$merged"/
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=0 \
    "$build/fuzz/fuzz_$target" -merge=1 -timeout=60 -rss_limit_mb=2048 "$merged" "$found" "$kept" \
    >"$build/fuzz/long/$target/merge.log" 2>&1 ||
    { echo "save-campaign: merging $target failed, see $build/fuzz/long/$target/merge.log" >&2; exit 1; }
  for seed in "$seeds"/*; do rm -f "$merged/$(basename "$seed")"; done
  mkdir -p "$here/campaign"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu -C "$merged" -cf - . |
    xz -9 -T1 >"$archive.new"
  mv "$archive.new" "$archive"
  echo "$target: $(find "$merged" -type f | wc -l) inputs ($(du -sh --apparent-size "$merged" | cut -f1)) in fuzz/campaign/$target.tar.xz ($(du -h --apparent-size "$archive" | cut -f1))"
done
