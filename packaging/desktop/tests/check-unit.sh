#!/bin/sh
# systemd-analyze verify of the kiosk's user unit. The unit names the
# installed podium-kiosk, which a build tree does not have yet, so a copy
# pointing at the built wrapper is checked; system mode, because --user needs
# a running user manager.
#
#   check-unit.sh UNIT BUILT_PODIUM_KIOSK
set -u
command -v systemd-analyze >/dev/null 2>&1 || {
    echo "systemd-analyze is missing: install systemd (scripts/test.sh installs packaging/desktop-deps.txt)" >&2
    exit 1
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed "s|^ExecStart=.*|ExecStart=$2|" "$1" >"$work/podium-kiosk.service"
grep -q '^Restart=always$' "$work/podium-kiosk.service" || { echo "the unit does not restart always" >&2; exit 1; }
grep -q '^RestartSec=2$' "$work/podium-kiosk.service" || { echo "the unit does not restart after 2 s" >&2; exit 1; }
out="$(systemd-analyze verify --man=no "$work/podium-kiosk.service" 2>&1)"
rc=$?
[ -n "$out" ] && printf '%s\n' "$out" >&2
[ "$rc" -eq 0 ] && [ -z "$out" ]
