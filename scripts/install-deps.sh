#!/usr/bin/env bash
# Installs the Debian packages Podium needs to build, run and test — only the
# ones that are missing, so a machine that has them all does no network work.
#
# The list lives in packaging/debian-build-deps.txt (one package a line; see
# its header). Extra list files may be given as arguments.
#
#   scripts/install-deps.sh [LIST_FILE...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lists=("$root/packaging/debian-build-deps.txt" "$@")

export DEBIAN_FRONTEND=noninteractive

# Prints the packages of the list files, skipping comments and the ones whose
# `cmd:NAME` condition is met by a command already on PATH.
wanted_packages() {
    local file line pkg cond
    for file in "${lists[@]}"; do
        while IFS= read -r line || [[ -n "$line" ]]; do
            line="${line%%#*}"
            read -r pkg cond _ <<<"$line" || true
            [[ -z "${pkg:-}" ]] && continue
            if [[ "${cond:-}" == cmd:* ]] && command -v "${cond#cmd:}" >/dev/null 2>&1; then
                continue
            fi
            printf '%s\n' "$pkg"
        done <"$file"
    done
}

is_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == "installed" ]]
}

missing=()
while IFS= read -r pkg; do
    is_installed "$pkg" || missing+=("$pkg")
done < <(wanted_packages | sort -u)

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps: all packages present"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-deps: not root and no sudo; install these by hand: ${missing[*]}" >&2
        exit 1
    fi
    sudo_cmd=(sudo -n env DEBIAN_FRONTEND=noninteractive)
fi

# Wait for another apt/dpkg run (unattended upgrades, a parallel job) instead
# of failing on its lock.
apt_opts=(-o DPkg::Lock::Timeout=300)
"${sudo_cmd[@]}" apt-get "${apt_opts[@]}" update
"${sudo_cmd[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"
