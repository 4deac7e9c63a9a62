#!/usr/bin/env bash
# Installs the Debian packages dockcis needs (Debian 12, as root).
#   install-deps.sh               build and run: the build packages, and docker.io
#                                 when no dockerd is installed (an engine to audit);
#                                 what "bash scripts/setup-and-audit.sh" needs
#   install-deps.sh --build-only  the build packages only
#   install-deps.sh --test        build, run and test: also a real engine, the
#                                 report consumers and the packaging tools
#                                 (what "bash scripts/test.sh" needs)
# Does nothing when every package is already installed. Docker is left alone
# where a dockerd is already installed (docker-ce conflicts with docker.io).
set -euo pipefail
build=(meson ninja-build pkg-config g++ nlohmann-json3-dev libcurl4-openssl-dev libpugixml-dev libcli11-dev libssl-dev libre2-dev
       libsqlite3-dev libpq-dev libsimdjson-dev libjemalloc-dev)
test=(doctest-dev busybox-static ca-certificates curl jq util-linux git
      libxml2-utils openscap-scanner chromium python3 python3-websocket python3-jsonschema postgresql
      debhelper dpkg-dev lintian strace debootstrap ansible ansible-lint python3-apt prometheus mandoc groff-base
      clang-16 libclang-rt-16-dev time)
engine=()
command -v dockerd >/dev/null || engine=(docker.io)
# The SARIF Multitool comes from the npm registry; a Node.js with its own npm is kept.
command -v npm >/dev/null || test+=(npm)

case "${1:-}" in
  "") packages=("${build[@]}" "${engine[@]}") ;;
  --build-only) packages=("${build[@]}") ;;
  --test) packages=("${build[@]}" "${engine[@]}" "${test[@]}") ;;
  *) echo "usage: $0 [--build-only|--test]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages (${missing[*]}); run as root" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
