#!/usr/bin/env node
// Measures Podium's ingest through the REST API: activities per second and
// request latency, with every rule evaluated and every acknowledged write
// committed durably (that is what the server does for any POST it answers).
//
// Two modes, each run for a fixed time on loopback:
//   single  POST /api/activities {"person","metric","delta","key"}, C requests in flight
//   batch   POST /api/activities {"activities":[...]} with B activities each, C' in flight
//
// With --binary it starts that podium itself on a fresh temporary data dir
// (--headless --port 0 --address 127.0.0.1 --rate-limit 0) and stops it at the
// end; with --url it measures a server that is already running.
//
//   node ingest.js --binary ../../build/app/podium [--concurrency 32] [--duration 10]
//                  [--batch 100] [--batch-concurrency 4] [--people 50] [--warmup 1]
//                  [--modes single,batch] [--json FILE]
'use strict';

const http = require('http');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

function parseArgs(argv) {
    const opts = {
        binary: null,
        url: null,
        token: process.env.PODIUM_ADMIN_TOKEN || 'bench-admin-token-0123456789abcdef',
        concurrency: 32,
        batch: 100,
        batchConcurrency: 4,
        duration: 10,
        warmup: 1,
        people: 50,
        teams: 5,
        modes: ['single', 'batch'],
        json: null,
    };
    const numeric = {
        '--concurrency': 'concurrency',
        '--batch': 'batch',
        '--batch-concurrency': 'batchConcurrency',
        '--duration': 'duration',
        '--warmup': 'warmup',
        '--people': 'people',
        '--teams': 'teams',
    };
    for (let i = 2; i < argv.length; ++i) {
        const arg = argv[i];
        const value = () => {
            if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
            return argv[++i];
        };
        if (arg in numeric) {
            const n = Number(value());
            if (!Number.isFinite(n) || n < 0) throw new Error(`${arg} needs a non-negative number`);
            opts[numeric[arg]] = n;
        } else if (arg === '--binary') opts.binary = value();
        else if (arg === '--url') opts.url = value().replace(/\/+$/, '');
        else if (arg === '--token') opts.token = value();
        else if (arg === '--modes') opts.modes = value().split(',').filter(Boolean);
        else if (arg === '--json') opts.json = value();
        else if (arg === '-h' || arg === '--help') {
            console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 17).join('\n'));
            process.exit(0);
        } else throw new Error(`unknown argument ${arg}`);
    }
    if (!opts.binary === !opts.url) throw new Error('give exactly one of --binary PATH or --url URL');
    for (const m of opts.modes)
        if (m !== 'single' && m !== 'batch') throw new Error(`unknown mode ${m}`);
    if (opts.concurrency < 1 || opts.batchConcurrency < 1 || opts.batch < 1) throw new Error('sizes must be >= 1');
    return opts;
}

// Starts podium on a temporary data dir and resolves with its base URL once
// it prints `Podium listening on http://ADDRESS:PORT (port PORT)`.
function startPodium(opts) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-bench-'));
    const args = ['--headless', '--port', '0', '--address', '127.0.0.1', '--data-dir', dataDir, '--rate-limit', '0'];
    const child = spawn(opts.binary, args, {
        env: { ...process.env, PODIUM_ADMIN_TOKEN: opts.token, QT_QPA_PLATFORM: 'offscreen' },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const keep = (chunk) => {
        log = (log + chunk.toString()).slice(-20000);
    };
    child.stderr.on('data', keep);
    return new Promise((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => fail(new Error('podium did not report its port within 30 s')), 30000);
        const fail = (err) => {
            clearTimeout(timer);
            child.kill('SIGKILL');
            reject(new Error(`${err.message}\n--- podium output ---\n${out}${log}`));
        };
        child.on('error', fail);
        child.on('exit', (code, signal) => fail(new Error(`podium exited early (code ${code}, signal ${signal})`)));
        child.stdout.on('data', (chunk) => {
            out += chunk.toString();
            const m = /Podium listening on http:\/\/\S+:(\d+) \(port (\d+)\)/.exec(out);
            if (!m) return;
            clearTimeout(timer);
            child.removeAllListeners('exit');
            child.stdout.removeAllListeners('data');
            child.stdout.on('data', keep);
            resolve({
                url: `http://127.0.0.1:${m[2]}`,
                pid: child.pid,
                stop: () => stopPodium(child, dataDir),
            });
        });
    });
}

function stopPodium(child, dataDir) {
    return new Promise((resolve) => {
        const done = () => {
            fs.rmSync(dataDir, { recursive: true, force: true });
            resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const hard = setTimeout(() => child.kill('SIGKILL'), 10000);
        child.on('exit', () => {
            clearTimeout(hard);
            done();
        });
        child.kill('SIGTERM');
    });
}

class Client {
    constructor(base, token, sockets) {
        const u = new URL(base);
        this.host = u.hostname;
        this.port = Number(u.port);
        this.token = token;
        this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
    }

    // Resolves with {status, body, ms}; rejects only on network errors.
    request(method, path, body) {
        const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
        const headers = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
        if (payload) {
            headers['Content-Type'] = 'application/json';
            headers['Content-Length'] = payload.length;
        }
        const started = process.hrtime.bigint();
        return new Promise((resolve, reject) => {
            const req = http.request(
                { host: this.host, port: this.port, method, path, headers, agent: this.agent },
                (res) => {
                    const chunks = [];
                    res.on('data', (c) => chunks.push(c));
                    res.on('end', () => {
                        const ms = Number(process.hrtime.bigint() - started) / 1e6;
                        const text = Buffer.concat(chunks).toString();
                        let parsed = null;
                        try {
                            parsed = text ? JSON.parse(text) : null;
                        } catch (_) {
                            parsed = null;
                        }
                        resolve({ status: res.statusCode, body: parsed, text, ms });
                    });
                    res.on('error', reject);
                }
            );
            req.on('error', reject);
            if (payload) req.write(payload);
            req.end();
        });
    }

    close() {
        this.agent.destroy();
    }
}

async function createPeople(client, count, teams) {
    const ids = [];
    for (let i = 0; i < count; ++i) {
        const r = await client.request('POST', '/api/people', { name: `Bench Rep ${i + 1}`, team: `Bench Team ${(i % teams) + 1}` });
        if (r.status !== 201 || !r.body || typeof r.body.id !== 'number')
            throw new Error(`POST /api/people answered ${r.status}: ${r.text}`);
        ids.push(r.body.id);
    }
    return ids;
}

// CPU seconds the server has used so far (utime + stime), or null when the
// server was not started here. A CPU cost per activity compares across runs
// far better than throughput on a shared, noisy machine.
function serverCpuSeconds(pid) {
    if (!pid) return null;
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks, USER_HZ = 100
}

function percentile(sorted, p) {
    if (sorted.length === 0) return NaN;
    const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[idx];
}

// Runs `workers` loops, each sending one request at a time, for `seconds`
// (plus a warm-up that is not counted). `makeBody()` returns [body, activities].
async function drive(client, workers, warmup, seconds, makeBody, pid) {
    const stats = { requests: 0, activities: 0, errors: 0, statuses: {}, latencies: [], firstError: null };
    let measuring = false;
    let stopping = false;
    let measureStart = 0n;
    let measureEnd = 0n;

    const loop = async () => {
        while (!stopping) {
            const [body, count] = makeBody();
            const counted = measuring;
            let r;
            try {
                r = await client.request('POST', '/api/activities', body);
            } catch (err) {
                if (counted && !stopping) {
                    stats.errors += 1;
                    stats.firstError = stats.firstError || err.message;
                }
                continue;
            }
            // A request that straddles the end of the window is not counted.
            if (!counted || !measuring) continue;
            stats.statuses[r.status] = (stats.statuses[r.status] || 0) + 1;
            if (r.status >= 200 && r.status < 300) {
                // A batch answers per item; count what was created.
                const created = r.body && typeof r.body.created === 'number' ? r.body.created : count;
                stats.requests += 1;
                stats.activities += created;
                stats.latencies.push(r.ms);
                if (created !== count) {
                    stats.errors += count - created;
                    stats.firstError = stats.firstError || r.text.slice(0, 300);
                }
            } else {
                stats.errors += 1;
                stats.firstError = stats.firstError || `${r.status} ${r.text.slice(0, 300)}`;
            }
        }
    };

    const running = Array.from({ length: workers }, loop);
    await new Promise((r) => setTimeout(r, warmup * 1000));
    measuring = true;
    measureStart = process.hrtime.bigint();
    const cpuStart = serverCpuSeconds(pid);
    const clientCpuStart = process.cpuUsage();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    measuring = false;
    measureEnd = process.hrtime.bigint();
    const cpuEnd = serverCpuSeconds(pid);
    const clientCpu = process.cpuUsage(clientCpuStart);
    stopping = true;
    await Promise.all(running);

    const elapsed = Number(measureEnd - measureStart) / 1e9;
    stats.latencies.sort((a, b) => a - b);
    return {
        seconds: elapsed,
        requests: stats.requests,
        activities: stats.activities,
        perSecond: stats.activities / elapsed,
        serverCpuUs: cpuStart === null || stats.activities === 0 ? NaN : ((cpuEnd - cpuStart) * 1e6) / stats.activities,
        // The client shares the machine's cores: its cost bounds what the
        // server can be shown to do here.
        clientCpuUs: stats.activities === 0 ? NaN : (clientCpu.user + clientCpu.system) / stats.activities,
        p50: percentile(stats.latencies, 50),
        p99: percentile(stats.latencies, 99),
        errors: stats.errors,
        statuses: stats.statuses,
        firstError: stats.firstError,
    };
}

async function main() {
    const opts = parseArgs(process.argv);
    let server = null;
    let base = opts.url;
    if (opts.binary) {
        server = await startPodium(opts);
        base = server.url;
    }
    const results = [];
    try {
        const setup = new Client(base, opts.token, 1);
        const people = await createPeople(setup, opts.people, opts.teams);
        setup.close();

        let serial = 0;
        const activity = () => {
            serial += 1;
            return {
                person: people[serial % people.length],
                metric: 'revenue',
                delta: 100 + (serial % 900),
                key: `bench-${process.pid}-${serial}`,
            };
        };

        for (const mode of opts.modes) {
            const workers = mode === 'single' ? opts.concurrency : opts.batchConcurrency;
            const client = new Client(base, opts.token, workers);
            const makeBody =
                mode === 'single'
                    ? () => [activity(), 1]
                    : () => {
                          const items = Array.from({ length: opts.batch }, activity);
                          return [{ activities: items }, items.length];
                      };
            process.stderr.write(`ingest: ${mode}, ${workers} in flight, ${opts.duration} s ...\n`);
            const r = await drive(client, workers, opts.warmup, opts.duration, makeBody, server && server.pid);
            client.close();
            results.push({ mode, inFlight: workers, perRequest: mode === 'single' ? 1 : opts.batch, ...r });
            if (r.firstError) process.stderr.write(`ingest: ${mode}: first error: ${r.firstError}\n`);
        }
    } finally {
        if (server) await server.stop();
    }

    const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');
    console.log(`Podium ingest, ${os.cpus().length} cores, node ${process.version}, ${opts.people} people, ${opts.duration} s per mode`);
    console.log('');
    console.log('| mode | in flight | activities/request | activities | activities/s | server CPU µs/activity | client CPU µs/activity | p50 ms | p99 ms | errors |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results)
        console.log(
            `| ${r.mode} | ${r.inFlight} | ${r.perRequest} | ${fmt(r.activities)} | ${fmt(r.perSecond)} | ${fmt(r.serverCpuUs)} | ${fmt(r.clientCpuUs)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.errors} |`
        );
    if (opts.json) fs.writeFileSync(opts.json, JSON.stringify({ options: opts, results }, null, 2));
    if (results.some((r) => r.activities === 0)) process.exitCode = 1;
}

main().catch((err) => {
    console.error(`ingest: ${err.message}`);
    process.exit(1);
});
