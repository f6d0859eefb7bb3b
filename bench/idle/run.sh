#!/usr/bin/env bash
# Idle CPU with N connected, heartbeating clients (target: < 2 % of a core at
# 10,000). Uses the `ws` package of the shared bench harness.
#
#   bench/idle/run.sh [CLIENTS] [SECONDS]      # default 10000 60
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${PODIUM_BINARY:-$root/build/app/podium}"
harness="${PODIUM_BENCH_HARNESS:-$root/../shared/bench}"
[[ -d "$harness/node_modules/ws" ]] || (cd "$harness" && npm install --no-audit --no-fund --silent >/dev/null)
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
data="$(mktemp -d)"
"$binary" --headless --address 127.0.0.1 --port 5107 --data-dir "$data" --max-connections-per-address 100000 \
    >"$data/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/5107) 2>/dev/null && break; sleep 0.1; done
NODE_PATH="$harness/node_modules" node "$here/idle.js" --port 5107 --pid "$pid" --clients "${1:-10000}" --seconds "${2:-60}"
