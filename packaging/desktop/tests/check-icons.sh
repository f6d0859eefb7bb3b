#!/bin/sh
# The committed PNGs are what render-icons.sh makes of the SVG today.
#
#   check-icons.sh SOURCE_DIR
set -u
command -v rsvg-convert >/dev/null 2>&1 || {
    echo "rsvg-convert is missing: install librsvg2-bin (scripts/test.sh installs packaging/desktop-deps.txt)" >&2
    exit 1
}
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$1/render-icons.sh" "$out" || exit 1
status=0
for png in "$out"/*/org.podium.Podium.png; do
    size="$(basename "$(dirname "$png")")"
    if ! cmp -s "$png" "$1/icons/$size/org.podium.Podium.png"; then
        echo "icons/$size/org.podium.Podium.png differs from the SVG's rendering: run packaging/desktop/render-icons.sh" >&2
        status=1
    fi
done
exit "$status"
