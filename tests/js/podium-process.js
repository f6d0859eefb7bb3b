// One podium child process for the Node tests (tests/node: native
// WebSocket, tests/sio: Socket.IO): started on a data directory, its port
// read from the "Podium listening on" line, stoppable with any signal and
// restartable on the same port. Its stderr is kept for failure messages.
'use strict';

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');

const LISTENING = /^Podium listening on http:\/\/(\S+):(\d+) \(port (\d+)\)$/;
const WAIT_MS = 10000; // bound on every single wait

function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

class PodiumProcess {
    constructor(binary, dataDir, adminToken, extraArgs = []) {
        assert.ok(binary, 'PODIUM_BINARY names the podium executable');
        this.binary = binary;
        this.extraArgs = extraArgs;
        this.dataDir = dataDir;
        this.adminToken = adminToken;
        this.stderr = '';
        this.port = 0;
        this.child = null;
        this.exit = null; // resolves to {code, signal}
    }

    async start(port = 0) {
        this.child = spawn(this.binary, ['--headless', '--port', String(port), '--data-dir', this.dataDir, ...this.extraArgs], {
            env: { ...process.env, PODIUM_ADMIN_TOKEN: this.adminToken },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        const child = this.child;
        // Never leave a server behind, even if the runner exits abruptly.
        process.once('exit', () => child.kill('SIGKILL'));
        this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk) => {
            this.stderr = (this.stderr + chunk).slice(-20000);
        });
        child.stdout.setEncoding('utf8');
        const listening = new Promise((resolve, reject) => {
            let buffered = '';
            child.stdout.on('data', (chunk) => {
                buffered += chunk;
                let nl;
                while ((nl = buffered.indexOf('\n')) >= 0) {
                    const line = buffered.slice(0, nl).trim();
                    buffered = buffered.slice(nl + 1);
                    const m = LISTENING.exec(line);
                    if (m) {
                        assert.equal(m[2], m[3], `both ports in "${line}" agree`);
                        resolve(Number(m[3]));
                    }
                }
            });
            child.once('error', reject);
            this.exit.then(({ code, signal }) =>
                reject(new Error(`podium exited (code ${code}, signal ${signal}) before listening:\n${this.stderr}`)));
        });
        this.port = await withTimeout(listening, 20000, 'podium prints its listening line');
        assert.ok(this.port > 0 && this.port < 65536, `port ${this.port}`);
        return this;
    }

    get running() {
        return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
    }

    // Sends `signal` and waits for the exit; answers {code, signal}.
    async stop(signal = 'SIGKILL') {
        if (this.running)
            this.child.kill(signal);
        return this.exit ? withTimeout(this.exit, 20000, `podium exits on ${signal}`) : null;
    }

    async request(method, urlPath, body, token = this.adminToken) {
        const headers = token ? { Authorization: `Bearer ${token}` } : {};
        if (body !== undefined)
            headers['Content-Type'] = 'application/json';
        const res = await withTimeout(
            fetch(`http://127.0.0.1:${this.port}${urlPath}`, {
                method,
                headers,
                body: body === undefined ? undefined : JSON.stringify(body),
            }),
            WAIT_MS, `${method} ${urlPath}`);
        const text = await res.text();
        let json = null;
        try {
            json = text ? JSON.parse(text) : null;
        } catch {
            json = { raw: text };
        }
        return { status: res.status, body: json };
    }

    async broadcast(room, event, data) {
        const r = await this.request('POST', '/api/broadcast', { room, event, data });
        assert.equal(r.status, 202, JSON.stringify(r.body));
        return r.body.seq;
    }
}

module.exports = { PodiumProcess, withTimeout, WAIT_MS };
