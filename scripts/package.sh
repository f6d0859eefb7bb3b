#!/usr/bin/env bash
# Builds what the package holds into ./build and makes the Debian package
# with CPack (packaging/CMakeLists.txt); prints the path of the .deb.
# `--no-build` packages what the build directory already holds (the tests
# do that after scripts/test.sh has built everything).
#
#   scripts/package.sh [--no-build]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PODIUM_BUILD_DIR:-$root/build}"

if [[ "${1:-}" != --no-build ]]; then
    # dpkg-shlibdeps and file, which CPack runs to find the libraries' packages.
    "$root/scripts/install-deps.sh" "$root/packaging/package-deps.txt" >&2
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
    cmake --build "$build" --parallel "$(nproc)" --target podium_package_contents >&2
fi

# One package in the output directory, so `apt-get install ./podium_*.deb`
# and the tests find the one just made.
rm -f "$build"/packages/podium_*.deb
(cd "$build" && cpack -G DEB --config CPackConfig.cmake) >&2
ls "$build"/packages/podium_*.deb
