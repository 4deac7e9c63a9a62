#!/usr/bin/env bash
# The whole test suite, as root on Debian 12: installs what is missing, builds,
# starts a Docker engine, builds the test images, runs every meson test, then
# the same tests again and the fuzz targets briefly in a clang ASan + UBSan
# build, and ends with "N passed, N failed" summed over both. Exits non-zero
# when any of them failed.
#   BUILD_DIR     the normal build (default: build)
#   SANITIZE_DIR  the clang sanitizer and fuzzing build (default: build-san);
#                 SKIP_SANITIZE=1 skips it; FUZZ_SECONDS per target (default 20)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
build=${BUILD_DIR:-build}
sanitize=${SANITIZE_DIR:-build-san}

# A step before the tests failed: say so in the closing line's form too.
abort() { echo "test.sh: $1 failed" >&2; echo "0 passed, 1 failed"; exit 1; }

# setup DIR [meson options...]: configure once, reconfigure after that.
setup() {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@" >/dev/null
  fi
}

bash scripts/install-deps.sh --test || abort "installing the packages"
setup "$build" || abort "meson setup"
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

passed=0 failed=0 skipped=0 status=0
# run_meson_test LABEL DIR [meson test options...]: runs the tests and adds
# meson's summary ("Ok:", "Expected Fail:", "Fail:", "Unexpected Pass:",
# "Skipped:", "Timeout:") to the totals.
run_meson_test() {
  local label=$1 dir=$2; shift 2
  local log
  log=$(mktemp)
  echo "== $label"
  meson test -C "$dir" --print-errorlogs --num-processes 2 "$@" 2>&1 | tee "$log"
  local code=${PIPESTATUS[0]}
  count() { sed -n "s/^$1: *\([0-9]*\).*/\1/p" "$log" | tail -1; }
  local ok expected_fail fail unexpected_pass skip timeout
  ok=$(count Ok); expected_fail=$(count "Expected Fail"); fail=$(count Fail)
  unexpected_pass=$(count "Unexpected Pass"); skip=$(count Skipped); timeout=$(count Timeout)
  rm -f "$log"
  local bad=$(( ${fail:-0} + ${unexpected_pass:-0} + ${timeout:-0} ))
  # meson failing without a summary (e.g. no build directory) is a failure, not "0 failed".
  if [ "$code" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
  [ "$code" -ne 0 ] && status=1
  passed=$(( passed + ${ok:-0} + ${expected_fail:-0} ))
  failed=$(( failed + bad ))
  skipped=$(( skipped + ${skip:-0} ))
}

run_meson_test "tests" "$build"

# One clang 16 build with AddressSanitizer (leaks included), UBSan and
# libFuzzer's coverage serves twice: the tests again under the sanitizers, and
# a short run of every fuzz target from its seeds (fuzz/README.md). One build
# without debug information costs about a third of a g++ ASan build plus a
# separate fuzzing build. The integration suite restarts the engine and
# packaging builds the Debian package: both run once, above.
if [ "${SKIP_SANITIZE:-}" != 1 ]; then
  if CXX=clang++-16 setup "$sanitize" -Dtests=true -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
       --buildtype=debug -Ddebug=false -Dunity=off -Dfuzz_seconds="${FUZZ_SECONDS:-20}" &&
     meson compile -C "$sanitize"; then
    # The catalogue suite (about 40,000 reasons, every fact removed in turn:
    # over 15 minutes under ASan) and the 1,000-container report (scale,
    # 160 s) run in the normal build only. SIGTERM_BOUND_MS allows for the
    # slower binary.
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:print_summary=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:print_summary=1 SIGTERM_BOUND_MS=3000 \
      run_meson_test "tests under ASan + UBSan, and the fuzz targets" "$sanitize" --no-rebuild \
        --suite unit --suite cli --suite golden --suite hostile --suite report --suite fleet --suite style --suite fuzz
  else
    echo "test.sh: the sanitizer build failed" >&2
    failed=$((failed + 1)) status=1
  fi
fi

echo "${skipped} skipped (counted in neither)"
echo "${passed} passed, ${failed} failed"
exit "$status"
