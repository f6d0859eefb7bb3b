#!/bin/sh
# podium-kiosk as a session would run it, with stand-ins for podium and xset
# that record their arguments: the configuration files in their order, the
# command line they make, X blanking switched off where no screen saver
# service answers, and nothing at all from --session without a kiosk.conf.
#
#   check-kiosk.sh PODIUM_KIOSK
set -u
kiosk="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home/.config/podium"
cat >"$work/bin/podium" <<'STUB'
#!/bin/sh
echo "$@" >"$KIOSK_TEST_DIR/podium.args"
STUB
cat >"$work/bin/xset" <<'STUB'
#!/bin/sh
echo "$@" >"$KIOSK_TEST_DIR/xset.args"
STUB
chmod +x "$work/bin/podium" "$work/bin/xset"

run() {
    rm -f "$work/podium.args" "$work/xset.args"
    env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work/home" KIOSK_TEST_DIR="$work" \
        PODIUM_KIOSK_PODIUM="$work/bin/podium" DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-bus" "$@"
}
expect() { # FILE TEXT
    got="$(cat "$work/$1" 2>/dev/null || echo '(not run)')"
    if [ "$got" != "$2" ]; then
        echo "FAIL: $1: expected '$2', got '$got'" >&2
        exit 1
    fi
}
fail() { echo "FAIL: $*" >&2; exit 1; }

# --session on a box without kiosk.conf: not a kiosk, nothing starts.
if [ ! -e /etc/podium/kiosk.conf ]; then
    run "$kiosk" --session || fail "--session without kiosk.conf exited non-zero"
    [ ! -e "$work/podium.args" ] || fail "--session without kiosk.conf started podium"
fi

# The user's file: URL, TOKEN and SCREEN, with comments, quotes and spaces.
cat >"$work/home/.config/podium/kiosk.conf" <<'CONF'
# the wall of the office server
URL = "ws://podium.example.com:5000"
TOKEN='display-token-0123456789'

SCREEN=1
CONF
run DISPLAY=:99 "$kiosk" || fail "podium-kiosk exited non-zero"
expect podium.args "--connect ws://podium.example.com:5000 --token display-token-0123456789 --screen 1"
# A plain X session (no org.freedesktop.ScreenSaver on the bus): xset.
expect xset.args "s off -dpms s noblank"

# Wayland: the compositor owns blanking, xset is not called.
run WAYLAND_DISPLAY=wayland-0 "$kiosk" || fail "podium-kiosk exited non-zero"
[ ! -e "$work/xset.args" ] || fail "xset ran under Wayland"

# Without a URL the box runs its own server and wall.
printf 'SCREEN=0\n' >"$work/home/.config/podium/kiosk.conf"
run "$kiosk" || fail "podium-kiosk exited non-zero"
expect podium.args "--screen 0"

# An unknown key stops it, naming the file.
printf 'ULR=ws://typo:5000\n' >"$work/home/.config/podium/kiosk.conf"
if run "$kiosk" 2>"$work/err"; then fail "an unknown key was accepted"; fi
grep -q "kiosk.conf: unknown key 'ULR'" "$work/err" || fail "the message does not name the key: $(cat "$work/err")"
echo "podium-kiosk: all checks passed"
