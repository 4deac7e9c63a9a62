#!/usr/bin/env bash
# The whole test suite, as root on Debian 12: installs what is missing, builds,
# starts a Docker engine, builds the test images, runs every meson test and
# ends with "N passed, N failed, N skipped". Exits with meson's status.
# BUILD_DIR picks the build directory (default: build).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
build=${BUILD_DIR:-build}

# A step before the tests failed: say so in the closing line's form too.
abort() { echo "test.sh: $1 failed" >&2; echo "0 passed, 1 failed"; exit 1; }

bash scripts/install-deps.sh --test || abort "installing the packages"
if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" >/dev/null || abort "meson setup"
else
  meson setup "$build" >/dev/null || abort "meson setup"
fi
meson compile -C "$build" || abort "the build"

# In CI the integration tests must run, never skip.
if [ "${CI:-}" = true ]; then export DOCKCIS_REQUIRE_ENGINE=1; fi
if bash scripts/test-engine.sh start; then
  bash scripts/test-images.sh || abort "building the test images"
elif [ "${DOCKCIS_REQUIRE_ENGINE:-}" = 1 ]; then
  echo "test.sh: no Docker engine; the integration tests will fail" >&2
else
  echo "test.sh: no Docker engine; the integration tests will skip" >&2
fi

log=$(mktemp)
meson test -C "$build" --print-errorlogs --num-processes 2 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# meson's summary: "Ok:", "Expected Fail:", "Fail:", "Unexpected Pass:", "Skipped:", "Timeout:".
count() { sed -n "s/^$1: *\([0-9]*\).*/\1/p" "$log" | tail -1; }
ok=$(count Ok); expected_fail=$(count "Expected Fail"); fail=$(count Fail)
unexpected_pass=$(count "Unexpected Pass"); skipped=$(count Skipped); timeout=$(count Timeout)
rm -f "$log"
passed=$(( ${ok:-0} + ${expected_fail:-0} ))
failed=$(( ${fail:-0} + ${unexpected_pass:-0} + ${timeout:-0} ))
# meson failing without a summary (e.g. no build directory) is a failure, not "0 failed".
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed, ${skipped:-0} skipped"
exit "$status"
