#!/usr/bin/env bash
# The whole test suite, as root on Debian 12: installs what is missing, builds,
# starts a Docker engine, builds the test images, runs every meson test and
# ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}

bash scripts/install-deps.sh || exit 1
if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" >/dev/null || exit 1
else
  meson setup "$build" >/dev/null || exit 1
fi
meson compile -C "$build" || exit 1

# In CI the integration tests must run, never skip.
if [ "${CI:-}" = true ]; then export DOCKCIS_REQUIRE_ENGINE=1; fi
if bash scripts/test-engine.sh start; then
  bash scripts/test-images.sh || exit 1
else
  echo "test.sh: no Docker engine; integration tests will skip" >&2
fi

log=$(mktemp)
meson test -C "$build" --print-errorlogs --num-processes 2 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
count() { sed -n "s/^$1: *\([0-9]*\).*/\1/p" "$log" | tail -1; }
ok=$(count Ok); expected_fail=$(count "Expected Fail"); fail=$(count Fail)
unexpected_pass=$(count "Unexpected Pass"); skipped=$(count Skipped); timeout=$(count Timeout)
passed=$(( ${ok:-0} + ${expected_fail:-0} ))
failed=$(( ${fail:-0} + ${unexpected_pass:-0} + ${timeout:-0} ))
rm -f "$log"
echo "${passed} passed, ${failed} failed, ${skipped:-0} skipped"
exit "$status"
