#!/usr/bin/env bash
# podium.service as systemd sees it: `systemd-analyze verify` finds no
# error (with ExecStart pointing at the binary just built, since
# /usr/bin/podium need not exist here, and without looking for the man
# page, which only the package installs), and
# `systemd-analyze security --offline=yes` rates its exposure at
# MAX_EXPOSURE (default 3.0, "OK") or lower.
#
#   tests/packaging/unit-test.sh UNIT_FILE PODIUM_BINARY [MAX_EXPOSURE]
set -euo pipefail

unit="$1"
binary="$2"
max="${3:-3.0}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The unit must keep its name: systemd-analyze reads the type from it.
sed "s|^ExecStart=/usr/bin/podium |ExecStart=$binary |" "$unit" >"$work/podium.service"
grep -q "^ExecStart=$binary " "$work/podium.service" || {
    echo "unit-test: no 'ExecStart=/usr/bin/podium ...' line in $unit" >&2
    exit 1
}

echo "unit-test: systemd-analyze verify"
systemd-analyze verify --man=no "$work/podium.service"

# --threshold takes the exposure in tenths (3.0 -> 30); the command fails
# when the unit's overall exposure is above it.
threshold="$(awk -v m="$max" 'BEGIN { printf "%d", m * 10 + 0.5 }')"
echo "unit-test: systemd-analyze security --offline=yes --threshold=$threshold"
report="$(systemd-analyze security --offline=yes --threshold="$threshold" "$work/podium.service" 2>&1)" || {
    printf '%s\n' "$report"
    echo "unit-test: FAIL: the exposure of podium.service is above $max" >&2
    exit 1
}
printf '%s\n' "$report" | grep -E '✗|Overall exposure'
