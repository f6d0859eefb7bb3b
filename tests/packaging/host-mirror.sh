#!/usr/bin/env bash
# Prints the Debian mirror this machine's apt uses for SUITE (default
# bookworm): the first enabled `deb` entry for that suite in
# /etc/apt/sources.list, sources.list.d/*.list (one-line style) or
# sources.list.d/*.sources (deb822). The mirror is read here at run time so
# nothing in the tree names one. Exits 1 if there is none.
#
#   tests/packaging/host-mirror.sh [SUITE]
set -euo pipefail

suite="${1:-bookworm}"
apt_dir="${PODIUM_APT_DIR:-/etc/apt}"

one_line_entries() {
    local f
    for f in "$apt_dir/sources.list" "$apt_dir"/sources.list.d/*.list; do
        [[ -f "$f" ]] || continue
        # deb [options] URI SUITE COMPONENTS...; options may hold spaces.
        awk -v suite="$suite" '
            $1 == "deb" {
                i = 2
                if ($i ~ /^\[/) { while ($i !~ /\]$/ && i < NF) i++; i++ }
                if ($(i + 1) == suite) print $i
            }' "$f"
    done
}

deb822_entries() {
    local f
    for f in "$apt_dir"/sources.list.d/*.sources; do
        [[ -f "$f" ]] || continue
        # Stanzas are separated by blank lines; comment lines are skipped.
        awk -v suite="$suite" '
            function flush() {
                if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && enabled != "no" && uris != "") {
                    split(uris, u, " "); print u[1]
                }
                types = suites = uris = ""; enabled = "yes"
            }
            BEGIN { enabled = "yes" }
            /^[ \t]*$/ { flush(); next }
            /^#/ { next }
            tolower($1) == "types:"   { $1 = ""; types = substr($0, 2) }
            tolower($1) == "uris:"    { $1 = ""; uris = substr($0, 2) }
            tolower($1) == "suites:"  { $1 = ""; suites = substr($0, 2) }
            tolower($1) == "enabled:" { enabled = tolower($2) }
            END { flush() }' "$f"
    done
}

mirror="$( { one_line_entries; deb822_entries; } | head -n 1)"
if [[ -z "$mirror" ]]; then
    echo "host-mirror: no deb entry for $suite under $apt_dir" >&2
    exit 1
fi
printf '%s\n' "${mirror%/}"
