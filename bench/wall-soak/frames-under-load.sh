#!/bin/sh
# Frame timing of the wall while its embedded server fans out to many
# WebSocket clients and the demo celebrates.
#
#   bench/wall-soak/frames-under-load.sh PODIUM LOADGEN [CLIENTS] [EVENTS]
#
# PODIUM is the built podium binary; LOADGEN is a fan-out load generator
# taking --base, --clients, --events, --interval, --pid and --token (the
# project's comparison harness). Prints podium's frame lines (one per 10 s:
# fps, interval percentiles, dropped frames, GUI-thread stalls) for the idle
# minute before the load and for the load itself. Needs Xvfb.
set -eu
PODIUM=$1
LOADGEN=$2
CLIENTS=${3:-5000}
EVENTS=${4:-200}
TOKEN=frames-admin-token
DATA=$(mktemp -d)
LOG=$DATA/podium.log
DISPLAY_NUM=:$((100 + $$ % 100))
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

Xvfb "$DISPLAY_NUM" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
sleep 1.5
DISPLAY=$DISPLAY_NUM PODIUM_ADMIN_TOKEN=$TOKEN PODIUM_FRAME_STATS=10 PODIUM_DEMO_INTERVAL_MS=1000 \
    "$PODIUM" --demo --port 0 --address 127.0.0.1 --data-dir "$DATA" --rate-limit 0 --max-connections-per-address 100000 >"$LOG" 2>&1 &
PODIUM_PID=$!
trap 'kill $PODIUM_PID $XVFB 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 50); do
    PORT=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$LOG" | head -1)
    [ -n "$PORT" ] && break
    sleep 0.2
done
echo "== idle (demo only), 40 s"
sleep 40
grep 'podium.wall: frames' "$LOG" | tail -3 || true
MARK=$(grep -c 'podium.wall: frames' "$LOG" || true)
echo "== $CLIENTS clients, $EVENTS broadcasts"
node "$LOADGEN" --base "http://127.0.0.1:$PORT" --dialect native --clients "$CLIENTS" --events "$EVENTS" \
    --interval 100 --pid "$PODIUM_PID" --token "$TOKEN" | tail -15
sleep 11
grep 'podium.wall: frames' "$LOG" | tail -n +"$((MARK + 1))" || true
