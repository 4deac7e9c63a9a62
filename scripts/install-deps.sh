#!/usr/bin/env bash
# Installs every Debian package dockcis needs to build, test and run (Debian 12, as root).
set -euo pipefail
packages=(
  meson ninja-build pkg-config g++
  nlohmann-json3-dev libcurl4-openssl-dev libpugixml-dev libcli11-dev libssl-dev doctest-dev
  docker.io busybox-static ca-certificates curl jq util-linux
  libxml2-utils openscap-scanner chromium python3 python3-websocket python3-jsonschema
)
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
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
