#!/usr/bin/env bash
# Prints the path of Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool),
# installing it into NPM_PREFIX first when it is not there (never globally).
#   sarif_tool.sh WORKDIR
set -u
work=$1
version=5.7.0
tool="$NPM_PREFIX/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
# Tests run in parallel and more than one needs the tool: one installs while
# the others wait, since two npm installs into one prefix undo each other.
mkdir -p "$NPM_PREFIX"
exec 9>"$NPM_PREFIX/.install.lock"
flock -w 600 9 || { echo "FAIL: waited 600 s for another npm install into $NPM_PREFIX" >&2; exit 1; }
if [ ! -x "$tool" ]; then
  command -v npm >/dev/null || { echo "FAIL: npm is not installed (scripts/install-deps.sh)" >&2; exit 1; }
  npm install --prefix "$NPM_PREFIX" --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$version" >"$work/npm.log" 2>&1 ||
    { echo "FAIL: npm install @microsoft/sarif-multitool@$version" >&2; cat "$work/npm.log" >&2; exit 1; }
  # Newer npm skips install scripts, among them the one that marks the tool executable.
  chmod u+x "$tool" 2>/dev/null
fi
exec 9>&-
[ -x "$tool" ] || { echo "FAIL: $tool missing after npm install" >&2; exit 1; }
echo "$tool"
