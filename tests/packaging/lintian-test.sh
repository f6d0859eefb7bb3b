#!/usr/bin/env bash
# lintian on the package just made: any error fails; warnings and the
# informational tags are printed (docs/INSTALL.md lists each warning and
# what was done about it).
#
#   tests/packaging/lintian-test.sh DEB_DIR
set -euo pipefail

shopt -s nullglob
debs=("$1"/podium_*.deb)
if [[ ${#debs[@]} -ne 1 ]]; then
    echo "lintian-test: expected one podium_*.deb in $1, found ${#debs[@]}" >&2
    exit 1
fi
# --allow-root: CI runs as root; lintian only reads the package.
lintian --allow-root --fail-on error --info "${debs[0]}"
echo "lintian-test: no errors in $(basename "${debs[0]}")"
