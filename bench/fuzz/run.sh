#!/usr/bin/env bash
# Longer fuzzing runs than CI's: each target for SECONDS (default 600) in
# turn, with the same build, regression replay and report as scripts/fuzz.sh.
# What the runs learn stays in build-fuzz/corpus/<target>/ for the next run.
#
#   bench/fuzz/run.sh [SECONDS]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec "$root/scripts/fuzz.sh" "${1:-600}"
