#!/usr/bin/env bash
# Where the connect phase's time goes: server CPU and client CPU for N
# WebSocket clients connecting, joining, taking one broadcast and leaving,
# for Socket.IO, ws and Podium in turn (the same load generator as run.sh).
# A server whose own CPU is well below the client's, on the same cores, does
# not set the connect-all wall time.
#
#   bench/fanout/connect-cpu.sh [CLIENTS]        # default 10000
#
# PODIUM_BINARY overrides the binary (default: build/app/podium).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${PODIUM_BINARY:-$root/build/app/podium}"
harness="${PODIUM_BENCH_HARNESS:-$root/../shared/bench}"
clients="${1:-10000}"
port=5108
[[ -x "$binary" ]] || { echo "bench/fanout: no podium at $binary (run scripts/build.sh)" >&2; exit 1; }
[[ -d "$harness/node_modules/ws" ]] || (cd "$harness" && npm install --no-audit --no-fund --silent >/dev/null)
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

for server in socketio ws podium; do
    data="$(mktemp -d)"
    dialect=native
    case "$server" in
    socketio)
        PORT=$port node "$harness/anchors/socketio-server.js" >/dev/null 2>&1 &
        dialect=sio ;;
    ws)
        PORT=$port node "$harness/anchors/ws-server.js" >/dev/null 2>&1 & ;;
    podium)
        PODIUM_ADMIN_TOKEN=bench-admin-token "$binary" --headless --address 127.0.0.1 --port $port \
            --data-dir "$data" --rate-limit 0 --max-connections-per-address 100000 >/dev/null 2>&1 & ;;
    esac
    pid=$!
    for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
    before=$(ticks $pid)
    result=$( { /usr/bin/time -f "%U %S" node "$harness/loadgen.js" --base "http://127.0.0.1:$port" --dialect $dialect \
        --clients "$clients" --events 1 --interval 100 --pid $pid --token bench-admin-token >"$data/out" ; } 2>&1 | tail -1)
    after=$(ticks $pid)
    connect=$(grep -o '"connect_wall_ms":[0-9.]*' "$data/out" | cut -d: -f2)
    read -r user sys <<<"$result"
    printf '%-9s connect_wall_ms=%s server_cpu_s=%.2f client_cpu_s=%.2f\n' "$server" "$connect" \
        "$(echo "($after - $before) / 100" | bc -l)" "$(echo "$user + $sys" | bc -l)"
    kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
    rm -rf "$data"
    sleep 2
done
