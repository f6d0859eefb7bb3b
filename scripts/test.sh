#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test; exits non-zero if
# any test fails (or if none ran). Extra arguments go to ctest, e.g.
# `scripts/test.sh -R tst_engine`.
#
#   scripts/test.sh [CTEST_ARGS...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PODIUM_BUILD_DIR:-$root/build}"

"$root/scripts/install-deps.sh" "$root/packaging/web-test-deps.txt"

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
