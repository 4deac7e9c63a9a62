#!/usr/bin/env bash
# Installs the Debian packages dockcis needs (Debian 12, as root).
#   install-deps.sh               build, run and test (a real engine, report consumers)
#   install-deps.sh --build-only  build and run only (what a host to be audited needs)
# Does nothing when every package is already installed. Docker is left alone
# where a dockerd is already installed (docker-ce conflicts with docker.io).
set -euo pipefail
build=(meson ninja-build pkg-config g++ nlohmann-json3-dev libcurl4-openssl-dev libpugixml-dev libcli11-dev libssl-dev)
test=(doctest-dev busybox-static ca-certificates curl jq util-linux
      libxml2-utils openscap-scanner chromium python3 python3-websocket python3-jsonschema
      clang-16 libclang-rt-16-dev)

case "${1:-}" in
  --build-only) packages=("${build[@]}") ;;
  "")
    packages=("${build[@]}" "${test[@]}")
    command -v dockerd >/dev/null || packages+=(docker.io) ;;
  *) echo "usage: $0 [--build-only]" >&2; exit 2 ;;
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
# Other installs may hold dpkg's lock for a while: wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
