#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test, then the fuzz
# targets for a short while (scripts/fuzz.sh); exits non-zero if any test
# fails (or if none ran) or a fuzz target crashes. Extra arguments go to
# ctest, e.g. `scripts/test.sh -R tst_engine`, and skip the fuzzing.
#
#   scripts/test.sh [CTEST_ARGS...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PODIUM_BUILD_DIR:-$root/build}"

# The web wall's browser test, making the .deb, the package tests
# (tests/packaging: systemd-analyze, lintian, a debootstrapped root) and the
# desktop files' validators (packaging/desktop).
"$root/scripts/install-deps.sh" "$root/packaging/web-test-deps.txt" "$root/packaging/package-deps.txt" \
    "$root/packaging/package-test-deps.txt" "$root/packaging/desktop-deps.txt"

# Directories (relative to the root) whose npm packages the tests use.
# Each gets `npm ci` (or `npm install` without a lock file). --engine-strict:
# a package that does not run on this Node.js (Debian 12 has 18.20) stops
# here, not halfway through a test; ctest's node_engines holds the locks to 18.
npm_dirs=(tests/node tests/sio tests/web)
for dir in "${npm_dirs[@]}"; do
    if [[ -f "$root/$dir/package-lock.json" ]]; then
        (cd "$root/$dir" && npm ci --no-audit --no-fund --engine-strict)
    else
        (cd "$root/$dir" && npm install --no-audit --no-fund --engine-strict)
    fi
done

"$root/scripts/build.sh"

# Tests without a TIMEOUT property of their own get 300 s.
ctest --test-dir "$build" --output-on-failure --no-tests=error --timeout 300 "$@"

# The whole suite (no ctest arguments) also fuzzes every parser for a short
# while (PODIUM_FUZZ_SECONDS per target, default 30; 0 skips it): a crash,
# or a regression input that fails again, fails the run.
fuzz_seconds="${PODIUM_FUZZ_SECONDS:-30}"
if [[ $# -eq 0 && "$fuzz_seconds" != 0 ]]; then
    "$root/scripts/fuzz.sh" "$fuzz_seconds"
fi
