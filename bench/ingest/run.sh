#!/usr/bin/env bash
# Ingest benchmark: starts the built podium on a temporary data dir (loopback,
# --rate-limit 0), creates people, and measures durable activities/s through
# REST, single requests and batches of 100. Prints a markdown table.
#
#   bench/ingest/run.sh [ingest.js options, e.g. --concurrency 64 --duration 5]
#
# PODIUM_BINARY overrides the binary (default: build/app/podium, built by
# scripts/build.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${PODIUM_BINARY:-$root/build/app/podium}"

if [[ ! -x "$binary" ]]; then
    echo "bench/ingest: no podium at $binary; run scripts/build.sh first or set PODIUM_BINARY" >&2
    exit 1
fi
exec node "$here/ingest.js" --binary "$binary" "$@"
