#!/usr/bin/env bash
# The package on a fresh Debian: debootstrap a minimal bookworm (minbase)
# under CACHE_DIR, `apt-get install ./podium_*.deb` in it, then start the
# installed podium in the chroot as the user podium and check it serves:
# /api/health, the web wall at /, and an admin token in
# /var/lib/podium/admin-token (mode 600) that works on an admin endpoint.
# Then `apt-get remove` must keep the data and mask the unit, and
# `apt-get purge` remove the data and the unit's links but leave the user.
#
# The root is made once a day and kept as a tarball
# (CACHE_DIR/bookworm-minbase-YYYYMMDD.tar, apt lists included), and the
# downloaded packages stay in CACHE_DIR/archives, so a rerun unpacks
# instead of downloading. The mirror is the host's (host-mirror.sh).
# Needs root (chroot, mount); exits 77 (skipped) otherwise.
#
#   tests/packaging/install-test.sh DEB_DIR CACHE_DIR
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deb_dir="$1"
cache="$2"


if [[ "$(id -u)" -ne 0 ]]; then
    echo "install-test: needs root for debootstrap, chroot and mount; skipped"
    exit 77
fi
shopt -s nullglob
debs=("$deb_dir"/podium_*.deb)
shopt -u nullglob
if [[ ${#debs[@]} -ne 1 ]]; then
    echo "install-test: expected one podium_*.deb in $deb_dir, found ${#debs[@]}" >&2
    exit 1
fi
deb="${debs[0]}"

started=$SECONDS
phase() { echo "install-test: [$((SECONDS - started)) s] $*"; }
fail() { echo "install-test: FAIL: $*" >&2; exit 1; }

mkdir -p "$cache/archives/partial"
root="$cache/root"
podium_pid=

unmount_all() {
    local m
    for m in var/cache/apt/archives dev/pts dev/shm proc; do
        if mountpoint -q "$root/$m" 2>/dev/null; then
            umount "$root/$m" || umount -l "$root/$m"
        fi
    done
}

cleanup() {
    if [[ -n "$podium_pid" ]] && kill -0 "$podium_pid" 2>/dev/null; then
        kill -TERM "$podium_pid" 2>/dev/null || true
        wait "$podium_pid" 2>/dev/null || true
    fi
    unmount_all
    rm -rf "$root"
}
trap cleanup EXIT

# --- the pristine root, once a day (fresh-root.sh) -------------------------
tarball="$("$here/fresh-root.sh" "$cache")"

phase "unpacking $(basename "$tarball")"
unmount_all
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" --numeric-owner -xf "$tarball"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mkdir -p "$root/dev/shm"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm"
mkdir -p "$root/dev/pts"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
for node in null zero random urandom; do
    [[ -c "$root/dev/$node" ]] || fail "the new root has no /dev/$node"
done

# --- install --------------------------------------------------------------
phase "apt-get install ./$(basename "$deb")"
cp "$deb" "$root/tmp/"
if ! chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y "./tmp/$(basename "$deb")" \
    >"$cache/apt-install.log" 2>&1; then
    tail -n 40 "$cache/apt-install.log" >&2
    fail "apt-get install of the package failed (log: $cache/apt-install.log)"
fi
phase "installed"

passwd_line="$(chroot "$root" getent passwd podium)" || fail "no user podium after the install"
IFS=: read -r _ _ uid _ _ home shell <<<"$passwd_line"
[[ "$home" == /var/lib/podium ]] || fail "podium's home is $home, not /var/lib/podium"
[[ "$shell" == */nologin || "$shell" == /bin/false ]] || fail "podium's shell is $shell"
[[ "$uid" -lt 1000 ]] || fail "podium is not a system user (uid $uid)"
chroot "$root" getent group podium >/dev/null || fail "no group podium after the install"
[[ -f "$root/etc/podium/podium.conf" ]] || fail "/etc/podium/podium.conf is missing"
grep -qx /etc/podium/podium.conf "$root/var/lib/dpkg/info/podium.conffiles" \
    || fail "/etc/podium/podium.conf is not a conffile"
[[ -f "$root/lib/systemd/system/podium.service" ]] || fail "podium.service is missing"
[[ -L "$root/etc/systemd/system/multi-user.target.wants/podium.service" ]] \
    || fail "podium.service is not enabled after the first install"
[[ "$(chroot "$root" stat -c '%U %a' /var/lib/podium)" == "podium 700" ]] \
    || fail "/var/lib/podium is $(chroot "$root" stat -c '%U %a' /var/lib/podium), not podium 700"

# --- run ------------------------------------------------------------------
port=
for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! ss -Htln "sport = :$candidate" | grep -q .; then
        port=$candidate
        break
    fi
done
[[ -n "$port" ]] || fail "no free port found"
phase "starting podium on 127.0.0.1:$port as the user podium"
chroot --userspec=podium:podium "$root" env -i HOME=/var/lib/podium PATH=/usr/bin:/bin \
    /usr/bin/podium --headless --address 127.0.0.1 --port "$port" --data-dir /var/lib/podium \
    >"$cache/podium.log" 2>&1 &
podium_pid=$!

base="http://127.0.0.1:$port"
up=
for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "$base/api/health" 2>/dev/null; then
        up=1
        break
    fi
    kill -0 "$podium_pid" 2>/dev/null || break
    sleep 0.1
done
[[ -n "$up" ]] || { cat "$cache/podium.log" >&2; fail "/api/health did not answer within 30 s"; }
phase "/api/health answers"

page="$(curl -fsS -D "$cache/headers" "$base/")" || fail "GET / failed"
grep -qi '^content-type: text/html' "$cache/headers" || fail "GET / is not text/html: $(cat "$cache/headers")"
grep -q '<title>Podium</title>' <<<"$page" || fail "GET / is not the web wall"

token_file="$root/var/lib/podium/admin-token"
[[ -f "$token_file" ]] || { cat "$cache/podium.log" >&2; fail "no /var/lib/podium/admin-token"; }
[[ "$(chroot "$root" stat -c '%U %a' /var/lib/podium/admin-token)" == "podium 600" ]] \
    || fail "admin-token is $(chroot "$root" stat -c '%U %a' /var/lib/podium/admin-token), not podium 600"
token="$(tr -d '\n' <"$token_file")"
status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/connections")"
[[ "$status" == 200 ]] || fail "GET /api/connections with the admin token answered $status"
status="$(curl -s -o /dev/null -w '%{http_code}' "$base/api/connections")"
[[ "$status" == 401 ]] || fail "GET /api/connections without a token answered $status, not 401"
phase "web wall served, admin token works"

kill -TERM "$podium_pid"
wait "$podium_pid" || fail "podium exited with $? on SIGTERM"
podium_pid=

# --- remove, then purge -----------------------------------------------------
units="$root/etc/systemd/system"
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get -q remove -y podium >"$cache/apt-remove.log" 2>&1 \
    || { tail -n 20 "$cache/apt-remove.log" >&2; fail "apt-get remove podium failed"; }
[[ -f "$root/var/lib/podium/admin-token" ]] || fail "the data went with a remove (only a purge may take it)"
[[ -f "$root/etc/podium/podium.conf" ]] || fail "podium.conf went with a remove"
[[ "$(readlink "$units/podium.service")" == /dev/null ]] || fail "podium.service is not masked after a remove"
phase "removed: unit masked, data and settings kept"

chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get -q purge -y podium >"$cache/apt-purge.log" 2>&1 \
    || { tail -n 20 "$cache/apt-purge.log" >&2; fail "apt-get purge podium failed"; }
[[ ! -e "$root/var/lib/podium" ]] || fail "/var/lib/podium is still there after the purge"
[[ ! -e "$root/etc/podium/podium.conf" ]] || fail "/etc/podium/podium.conf is still there after the purge"
[[ ! -L "$units/podium.service" && ! -L "$units/multi-user.target.wants/podium.service" ]] \
    || fail "the unit's mask or enable link is left after the purge"
chroot "$root" getent passwd podium >/dev/null || fail "the user podium went with the purge"
phase "purged: data, settings and links gone, the user kept; done"
