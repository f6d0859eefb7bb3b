#!/usr/bin/env bash
# Configures (Ninja, RelWithDebInfo) into ./build and builds everything with
# all cores. Extra arguments go to the configure step, e.g. -DBUILD_TESTING=OFF.
#
#   scripts/build.sh [CMAKE_ARGS...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PODIUM_BUILD_DIR:-$root/build}"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build" --parallel "$(nproc)"
