#!/bin/sh
# Runs TOOL ARGS... and fails when it prints anything on stderr or exits
# non-zero; a missing TOOL fails too, naming the package that brings it.
#
#   check-tool.sh PACKAGE TOOL [ARGS...]
set -u
package="$1"
shift
if ! command -v "$1" >/dev/null 2>&1; then
    echo "$1 is missing: install $package (scripts/test.sh installs packaging/desktop-deps.txt)" >&2
    exit 1
fi
err="$(mktemp)"
trap 'rm -f "$err"' EXIT
"$@" 2>"$err"
rc=$?
cat "$err" >&2
[ "$rc" -eq 0 ] && [ ! -s "$err" ]
