#!/usr/bin/env node
// Idle cost of connected TVs: opens N WebSocket clients to a running Podium,
// each joined to tv-display, then measures the server's CPU over a window
// long enough to include heartbeat rounds (server pings every 25 s; the `ws`
// client answers them). Loopback only; stops by itself.
//
//   node bench/idle/idle.js --port 5104 --pid PID [--clients 10000] [--seconds 60]
const WebSocket = require('ws');
const fs = require('fs');

const arg = (name, def) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : def;
};
const port = Number(arg('port', 5104));
const pid = Number(arg('pid', 0));
const clients = Number(arg('clients', 10000));
const seconds = Number(arg('seconds', 60));
const cpu = () => {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
};
const rss = () => Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);

async function main() {
    const sockets = [];
    let joined = 0;
    let closed = 0;
    for (let i = 0; i < clients; i += 200) {
        const batch = [];
        for (let j = i; j < Math.min(clients, i + 200); ++j) {
            batch.push(new Promise((resolve) => {
                const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
                ws.on('open', () => ws.send(JSON.stringify({ type: 'join', room: 'tv-display' })));
                ws.on('message', (m) => {
                    if (String(m).includes('"joined"')) {
                        joined += 1;
                        resolve();
                    }
                });
                ws.on('close', () => { closed += 1; });
                ws.on('error', () => resolve());
                sockets.push(ws);
            }));
        }
        await Promise.all(batch);
    }
    await new Promise((r) => setTimeout(r, 3000)); // let connection set-up settle
    const c0 = cpu();
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const used = cpu() - c0;
    const wall = (Date.now() - t0) / 1000;
    console.log(JSON.stringify({ clients, joined, closed_during_idle: closed, seconds: wall,
        server_cpu_pct: +(100 * used / wall).toFixed(2), rss_kib: rss() }));
    for (const ws of sockets) ws.terminate();
}
main().catch((e) => { console.error(e); process.exit(1); });
