#!/usr/bin/env bash
# Fan-out side by side: Socket.IO 4.8 and ws 8.23 (the anchors) and Podium,
# each measured by the same load generator in one run (../shared/bench).
#
#   bench/fanout/run.sh [CLIENTS] [EVENTS] [INTERVAL_MS]     # default 10000 20 200
#
# PODIUM_BINARY overrides the binary (default: build/app/podium). Loopback only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${PODIUM_BINARY:-$root/build/app/podium}"
harness="${PODIUM_BENCH_HARNESS:-$root/../shared/bench}"
[[ -x "$binary" ]] || { echo "bench/fanout: no podium at $binary (run scripts/build.sh)" >&2; exit 1; }
[[ -f "$harness/compare.sh" ]] || { echo "bench/fanout: no harness at $harness" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
export PODIUM_ADMIN_TOKEN=bench-admin-token PODIUM_TOKEN=bench-admin-token
PODIUM_CMD="$binary --headless --address 127.0.0.1 --port 5104 --data-dir $data --rate-limit 0 --max-connections-per-address 100000" \
    exec "$harness/compare.sh" "${1:-10000}" "${2:-20}" "${3:-200}"
