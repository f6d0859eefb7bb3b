#!/usr/bin/env bash
# Renders the hicolor PNGs of Podium's icon from icons/org.podium.Podium.svg
# (rsvg-convert, from librsvg2-bin: packaging/desktop-deps.txt). The PNGs are
# committed, so building needs no renderer; the desktop_icons test renders
# them again and fails when one differs, so they cannot drift from the SVG.
#
#   packaging/desktop/render-icons.sh [OUT_DIR]   (default: packaging/desktop/icons)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/icons}"
svg="$here/icons/org.podium.Podium.svg"

for size in 16 22 24 32 48 64 128 256 512; do
    mkdir -p "$out/${size}x${size}"
    rsvg-convert --width "$size" --height "$size" --format png "$svg" -o "$out/${size}x${size}/org.podium.Podium.png"
done
