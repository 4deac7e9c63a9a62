#!/bin/sh
# meson install: puts the default configuration in place unless one is there,
# so that reinstalling from source keeps the site's settings (dpkg's conffile
# handling does the same for the package).
#   install-config.sh SOURCE DIR
set -eu
target=${DESTDIR:-}$2/$(basename "$1")
[ -e "$target" ] && exit 0
install -D -m 0644 "$1" "$target"
