#!/usr/bin/env bash
# Sets dockcis up on this host (Debian 12, as root) and audits it:
# installs what running needs (the build packages, and docker.io where no
# engine is installed; the test tools are scripts/test.sh's), builds, installs
# to /usr/local, makes sure a Docker engine answers, and runs "dockcis audit"
# (text report on standard output, its exit code: 0 compliant, 1 findings,
# 2 usage, 3 could not run).
# Extra arguments go to the audit, e.g. --level 1 or -f json.
set -euo pipefail
cd "$(dirname "$0")/.."
# Setup messages go to standard error: standard output is the report.
{
  bash scripts/install-deps.sh
  if [ -f build-release/build.ninja ]; then
    meson setup --reconfigure build-release --buildtype=release -Dtests=false >/dev/null
  else
    meson setup build-release --buildtype=release -Dtests=false >/dev/null
  fi
  meson compile -C build-release
  meson install -C build-release --quiet
  # Without an engine the audit still runs and says what it could not read.
  bash scripts/test-engine.sh start || echo "setup-and-audit: no Docker engine could be started" >&2
} >&2
exec /usr/local/bin/dockcis audit "$@"
