#!/bin/sh
# Every long option `podium --help` lists must be described in podium.1, so
# the manual page cannot fall behind the command line.
#
#   check-manpage-options.sh PODIUM_BINARY PAGE
set -u
options="$(QT_QPA_PLATFORM=offscreen "$1" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)"
[ -n "$options" ] || { echo "podium --help listed no options" >&2; exit 1; }
missing=0
for option in $options; do
    # In roff a dash is written \- ; the page writes each option that way,
    # and --heartbeat is not found inside --heartbeat-timeout.
    escaped="$(printf '%s' "$option" | sed 's/-/\\\\-/g')"
    if ! grep -E -q -- "${escaped}(\$|[^a-z0-9\\])" "$2"; then
        echo "podium.1 does not describe $option" >&2
        missing=1
    fi
done
exit "$missing"
