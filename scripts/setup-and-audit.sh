#!/usr/bin/env bash
# Sets dockcis up on this host (Debian 12, as root) and audits it:
# installs the packages, builds, installs to /usr/local, makes sure a Docker
# engine answers, and runs "dockcis audit". Extra arguments go to the audit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ -f build-release/build.ninja ]; then
  meson setup --reconfigure build-release --buildtype=release -Dtests=false >/dev/null
else
  meson setup build-release --buildtype=release -Dtests=false >/dev/null
fi
meson compile -C build-release
meson install -C build-release --quiet
bash scripts/test-engine.sh start
exec /usr/local/bin/dockcis audit "$@"
