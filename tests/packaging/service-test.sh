#!/usr/bin/env bash
# podium.service under a real systemd: a fresh bookworm root
# (fresh-root.sh) with systemd and the package installed is booted with
# systemd-nspawn (host network), and the unit, with all its sandboxing,
# must bring up a server that answers /api/health, accepts a /ws upgrade
# from a page served at one of this host's own addresses (the Origin check
# reads them over netlink), runs as the user podium and keeps its admin
# token at 0600; `systemctl stop` must end it cleanly.
# While podium has no --config (older builds), a drop-in gives the port on
# the command line instead, with Type=simple; otherwise the port goes into
# /etc/podium/podium.conf and the unit runs as shipped.
# Needs root; exits 77 (skipped) otherwise.
#
#   tests/packaging/service-test.sh DEB_DIR CACHE_DIR
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deb_dir="$1"
cache="$2"

if [[ "$(id -u)" -ne 0 ]]; then
    echo "service-test: needs root for systemd-nspawn; skipped"
    exit 77
fi
shopt -s nullglob
debs=("$deb_dir"/podium_*.deb)
shopt -u nullglob
[[ ${#debs[@]} -eq 1 ]] || { echo "service-test: expected one podium_*.deb in $deb_dir" >&2; exit 1; }
deb="${debs[0]}"

started=$SECONDS
phase() { echo "service-test: [$((SECONDS - started)) s] $*"; }
fail() { echo "service-test: FAIL: $*" >&2; [[ -f "$cache/nspawn.log" ]] && tail -n 30 "$cache/nspawn.log" >&2; exit 1; }

tarball="$("$here/fresh-root.sh" "$cache")"
root="$cache/service-root"
mkdir -p "$cache/archives/partial"
nspawn_pid=

unmount_all() {
    local m
    for m in var/cache/apt/archives dev/pts proc; do
        if mountpoint -q "$root/$m" 2>/dev/null; then
            umount "$root/$m" || umount -l "$root/$m"
        fi
    done
}

cleanup() {
    if [[ -n "$nspawn_pid" ]] && kill -0 "$nspawn_pid" 2>/dev/null; then
        # nspawn turns SIGTERM into a clean shutdown of the container.
        kill -TERM "$nspawn_pid" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$nspawn_pid" 2>/dev/null || true
        wait "$nspawn_pid" 2>/dev/null || true
    fi
    unmount_all
    rm -rf "$root"
}
trap cleanup EXIT

phase "unpacking $(basename "$tarball"), installing systemd and $(basename "$deb")"
unmount_all
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" --numeric-owner -xf "$tarball"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
cp "$deb" "$root/tmp/"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends \
    systemd systemd-sysv dbus "./tmp/$(basename "$deb")" >"$cache/service-apt.log" 2>&1 \
    || { tail -n 30 "$cache/service-apt.log" >&2; fail "apt-get install in the root failed"; }
unmount_all
rm -f "$root/usr/sbin/policy-rc.d"
echo podium-service-test >"$root/etc/hostname"
# Only what the test needs starts at boot.
for unit in getty.target console-getty.service systemd-logind.service apt-daily.timer apt-daily-upgrade.timer; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
done

port=
for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! ss -Htln "sport = :$candidate" | grep -q .; then port=$candidate; break; fi
done
[[ -n "$port" ]] || fail "no free port found"

if chroot "$root" /usr/bin/podium --help 2>/dev/null | grep -q -- '--config'; then
    sed -i "s/^port = .*/port = $port/" "$root/etc/podium/podium.conf"
    grep -qx "port = $port" "$root/etc/podium/podium.conf" || fail "no 'port = ' line in podium.conf"
    phase "the unit as shipped, podium.conf with port = $port"
else
    mkdir -p "$root/etc/systemd/system/podium.service.d"
    cat >"$root/etc/systemd/system/podium.service.d/test.conf" <<UNIT
[Service]
Type=simple
WatchdogSec=0
ExecStart=
ExecStart=/usr/bin/podium --headless --address 0.0.0.0 --port $port --data-dir /var/lib/podium
UNIT
    phase "podium has no --config yet: a drop-in passes --port $port (Type=simple)"
fi

phase "booting the root with systemd-nspawn"
# --register=no --keep-unit: no machined or system bus needed on the host.
systemd-nspawn -q --register=no --keep-unit -D "$root" -b >"$cache/nspawn.log" 2>&1 &
nspawn_pid=$!

base="http://127.0.0.1:$port"
up=
for _ in $(seq 1 900); do
    if curl -fsS -o /dev/null "$base/api/health" 2>/dev/null; then up=1; break; fi
    kill -0 "$nspawn_pid" 2>/dev/null || break
    sleep 0.1
done
[[ -n "$up" ]] || fail "podium.service did not answer /api/health within 90 s"
phase "podium.service answers /api/health"

leader="$(pgrep -P "$nspawn_pid" | head -n 1)"
[[ -n "$leader" ]] || fail "no init process in the container"
in_root() { nsenter -t "$leader" -a "$@"; }
[[ "$(in_root systemctl is-active podium.service)" == active ]] || fail "podium.service is not active"
main_pid="$(in_root systemctl show -P MainPID podium.service)"
[[ "$(in_root stat -c %U "/proc/$main_pid")" == podium ]] || fail "podium does not run as the user podium (MainPID $main_pid)"
[[ "$(in_root stat -c '%U %a' /var/lib/podium/admin-token)" == "podium 600" ]] \
    || fail "admin-token is $(in_root stat -c '%U %a' /var/lib/podium/admin-token)"
token="$(tr -d '\n' <"$root/var/lib/podium/admin-token")"
status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/connections")"
[[ "$status" == 200 ]] || fail "GET /api/connections with the admin token answered $status"

# A page served at one of the host's own addresses may open /ws.
address="$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -v -e '^127\.' -e ':' -e '^$' | head -n 1 || true)"
if [[ -n "$address" ]]; then
    # After a 101 the socket stays open: curl ends at --max-time (exit 28),
    # having printed the status.
    status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
        -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' \
        -H "Origin: http://$address:$port" "http://$address:$port/ws" || true)"
    [[ "$status" == 101 ]] || fail "/ws from the origin http://$address:$port answered $status, not 101"
    phase "/ws accepts a page served at $address"
else
    phase "no non-loopback IPv4 address here: the Origin check is not exercised"
fi
if in_root journalctl -u podium.service --no-pager | grep -E 'Could not create|not permitted|Bad system call'; then
    fail "podium logged a refusal of the sandbox"
fi

in_root systemctl stop podium.service
[[ "$(in_root systemctl show -P Result podium.service)" == success ]] \
    || fail "podium.service did not stop cleanly: $(in_root systemctl show -P Result podium.service)"
phase "stopped cleanly; done"
