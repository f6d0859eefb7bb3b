#!/usr/bin/env bash
# A pristine minimal Debian root for the package tests, made once a day:
# `debootstrap --variant=minbase bookworm` from the mirror the host's apt
# uses (host-mirror.sh), the host's suites in its sources.list, apt lists
# fetched, kept as CACHE_DIR/bookworm-minbase-YYYYMMDD.tar (older ones are
# deleted). Prints the tarball's path; progress goes to stderr. Needs root.
#
#   tests/packaging/fresh-root.sh CACHE_DIR
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="$1"
suite=bookworm
tarball="$cache/$suite-minbase-$(date -u +%Y%m%d).tar"

fail() { echo "fresh-root: FAIL: $*" >&2; exit 1; }

mkdir -p "$cache"
# One maker at a time; a second caller waits and then finds the tarball.
exec 9>"$cache/fresh-root.lock"
flock 9

if [[ ! -f "$tarball" ]]; then
    started=$SECONDS
    mirror="$("$here/host-mirror.sh" "$suite")"
    echo "fresh-root: debootstrap --variant=minbase $suite from the host's mirror" >&2
    fresh="$cache/bootstrap"
    rm -rf "$fresh"
    debootstrap --variant=minbase "$suite" "$fresh" "$mirror" >"$cache/debootstrap.log" 2>&1 \
        || { tail -n 30 "$cache/debootstrap.log" >&2; fail "debootstrap failed (log: $cache/debootstrap.log)"; }
    # The same suites the host has: updates from its mirror, security fixes
    # from its security mirror, when it uses them.
    {
        echo "deb $mirror $suite main"
        if "$here/host-mirror.sh" "$suite-updates" >/dev/null 2>&1; then
            echo "deb $("$here/host-mirror.sh" "$suite-updates") $suite-updates main"
        fi
        if "$here/host-mirror.sh" "$suite-security" >/dev/null 2>&1; then
            echo "deb $("$here/host-mirror.sh" "$suite-security") $suite-security main"
        fi
    } >"$fresh/etc/apt/sources.list"
    # No service starts inside a chroot (other packages' init scripts);
    # a test that boots the root removes this again.
    printf '#!/bin/sh\nexit 101\n' >"$fresh/usr/sbin/policy-rc.d"
    chmod 755 "$fresh/usr/sbin/policy-rc.d"
    cp /etc/resolv.conf "$fresh/etc/resolv.conf"
    chroot "$fresh" apt-get -q update >"$cache/apt-update.log" 2>&1 \
        || { cat "$cache/apt-update.log" >&2; fail "apt-get update in the new root failed"; }
    rm -f "$fresh"/var/cache/apt/archives/*.deb
    rm -f "$cache/$suite"-minbase-*.tar
    tar -C "$fresh" --numeric-owner -cf "$tarball.part" .
    mv "$tarball.part" "$tarball"
    rm -rf "$fresh"
    echo "fresh-root: [$((SECONDS - started)) s] root cached as $tarball" >&2
fi
printf '%s\n' "$tarball"
