// Podium's Socket.IO endpoint driven by the client the replaced systems use:
// the npm `socket.io-client` 4.8, with the seeds' own calls —
// io('http://HOST:PORT/leaderboard'), socket.emit('join:tv-display'),
// socket.emit('join:user', id), the leaderboard and training events, acks —
// over the websocket transport, the default (long-polling, then upgrade) and
// long-polling alone; and a reconnect after the server restarts.
//
// Run: PODIUM_BINARY=/path/to/podium node --test sio.test.js
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { io } = require('socket.io-client');
const { PodiumProcess, withTimeout, WAIT_MS } = require('../js/podium-process');

const BINARY = process.env.PODIUM_BINARY;
const ADMIN_TOKEN = 'sio-test-admin-token-0123456789';
// One podium process (tests/js/podium-process.js), restartable on its port.
class Podium extends PodiumProcess {
    constructor(dataDir, extraArgs = []) {
        super(BINARY, dataDir, ADMIN_TOKEN, extraArgs);
    }

    url(nsp) {
        return `http://127.0.0.1:${this.port}${nsp}`;
    }

    async kill() {
        await this.stop('SIGKILL');
    }
}

// Records every event a socket receives, in order, and waits for them.
function record(socket) {
    const seen = [];
    const waiters = new Set();
    socket.onAny((event, ...args) => {
        seen.push({ event, args });
        for (const w of waiters) w();
    });
    return {
        seen,
        names: () => seen.map((e) => e.event),
        waitFor(event, what = event, pred = () => true) {
            return withTimeout(new Promise((resolve) => {
                const check = () => {
                    const hit = seen.find((e) => e.event === event && pred(e.args[0]));
                    if (hit) {
                        waiters.delete(check);
                        resolve(hit.args[0]);
                    }
                };
                waiters.add(check);
                check();
            }), WAIT_MS, what);
        },
    };
}

function connected(socket) {
    if (socket.connected)
        return Promise.resolve();
    return withTimeout(new Promise((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
    }), WAIT_MS, 'socket connects');
}

function ack(socket, ...args) {
    return withTimeout(socket.emitWithAck(...args), WAIT_MS, `ack of ${args[0]}`);
}

const MODES = [
    { label: 'websocket only', options: { transports: ['websocket'] }, finalTransport: 'websocket' },
    { label: 'default (long-polling, then upgrade)', options: {}, finalTransport: 'websocket' },
    { label: 'long-polling only', options: { transports: ['polling'] }, finalTransport: 'polling' },
];

// ---------------------------------------------------------------- tests

for (const mode of MODES) {
    describe(`Socket.IO over ${mode.label}`, () => {
        let server;
        let dataDir;
        const sockets = [];
        const open = (nsp, extra = {}) => {
            const s = io(server.url(nsp), { ...mode.options, ...extra, reconnectionDelay: 100, reconnectionDelayMax: 500 });
            sockets.push(s);
            return s;
        };

        before(async () => {
            assert.ok(BINARY, 'PODIUM_BINARY names the podium executable');
            dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-sio-'));
            server = await new Podium(dataDir).start();
            for (const name of ['Ada', 'Ben']) {
                const r = await server.request('POST', '/api/people', { name });
                assert.equal(r.status, 201, JSON.stringify(r.body));
            }
        });

        after(async () => {
            for (const s of sockets) s.close();
            await server.kill();
            fs.rmSync(dataDir, { recursive: true, force: true });
        });

        it('connects to /leaderboard and joins tv-display with an ack', async () => {
            const s = open('/leaderboard');
            await connected(s);
            assert.match(s.id, /^[A-Za-z0-9_-]{20}$/);
            assert.deepEqual(await ack(s, 'join:tv-display'), { ok: true, room: 'tv-display' });
            // The seeds call emit() without a callback: no ack comes back and
            // the join still happens (checked by the broadcast below).
            s.emit('join:tv-display');
            if (mode.finalTransport === 'websocket' && s.io.engine.transport.name !== 'websocket')
                await withTimeout(new Promise((r) => s.io.engine.once('upgrade', r)), WAIT_MS, 'upgrade to websocket');
            assert.equal(s.io.engine.transport.name, mode.finalTransport);
        });

        it('join:user needs that person\'s token or an admin token', async () => {
            const anon = open('/leaderboard');
            await connected(anon);
            assert.deepEqual(await ack(anon, 'join:user', 1), { ok: false, error: 'forbidden', room: 'user:1' });

            const admin = open('/leaderboard', { auth: { token: ADMIN_TOKEN } });
            await connected(admin);
            assert.deepEqual(await ack(admin, 'join:user', 1), { ok: true, room: 'user:1' });

            const t = await server.request('POST', '/api/tokens', { kind: 'person', person: 2 });
            assert.equal(t.status, 201, JSON.stringify(t.body));
            const ben = open('/training', { auth: { token: t.body.token } });
            await connected(ben);
            assert.deepEqual(await ack(ben, 'join:user', 2), { ok: true, room: 'user:2' });
            assert.deepEqual(await ack(ben, 'join:user', 1), { ok: false, error: 'forbidden', room: 'user:1' });
            assert.deepEqual(await ack(ben, 'join', 'admin'), { ok: false, error: 'forbidden', room: 'admin' });
            assert.deepEqual(await ack(ben, 'join', 'no such room'), { ok: false, error: 'invalid_room', room: 'no such room' });
            assert.deepEqual(await ack(ben, 'dance'), { ok: false, error: 'unknown_event', event: 'dance' });
            assert.deepEqual(await ack(ben, 'leave', 'user:2'), { ok: true, room: 'user:2' });
        });

        it('refuses an unknown token and an unknown namespace with connect_error', async () => {
            const bad = open('/leaderboard', { auth: { token: 'not-a-token' } });
            const err = await withTimeout(new Promise((r) => bad.once('connect_error', r)), WAIT_MS, 'connect_error');
            assert.equal(err.message, 'invalid_token');
            bad.close();
            const nowhere = open('/nowhere');
            const err2 = await withTimeout(new Promise((r) => nowhere.once('connect_error', r)), WAIT_MS, 'connect_error');
            assert.equal(err2.message, 'Invalid namespace');
            nowhere.close();
        });

        it('refuses a browser Origin that is not allowed, as /ws does, and takes its own', async () => {
            const foreign = open('/leaderboard', { extraHeaders: { Origin: 'http://elsewhere.example' }, reconnection: false });
            await assert.rejects(connected(foreign));
            assert.equal(foreign.connected, false);
            const own = open('/leaderboard', { extraHeaders: { Origin: `http://127.0.0.1:${server.port}` } });
            await connected(own);
            own.emit('join:tv-display');
        });

        it('shows its sessions in /metrics, one more per client and one less after it leaves', async () => {
            const sessions = async () => {
                const r = await server.request('GET', '/metrics');
                assert.equal(r.status, 200);
                const m = /^podium_socketio_sessions (\d+)$/m.exec(r.body.raw);
                assert.ok(m, r.body.raw);
                return Number(m[1]);
            };
            const before = await sessions();
            const s = io(server.url('/leaderboard'), { ...mode.options, forceNew: true, reconnection: false });
            await connected(s);
            assert.equal(await sessions(), before + 1);
            s.close();
            await withTimeout((async () => {
                while (await sessions() !== before)
                    await new Promise((r) => setTimeout(r, 50));
            })(), WAIT_MS, 'session count back down');
        });

        it('is listed in /api/connections as transport socket.io with its rooms, and a kick disconnects it for good', async () => {
            const room = `contest:${4200 + MODES.indexOf(mode)}`;
            const s = io(server.url('/leaderboard'), { ...mode.options, forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500 });
            sockets.push(s);
            await connected(s);
            assert.deepEqual(await ack(s, 'join', room), { ok: true, room });
            assert.deepEqual(await ack(s, 'join:tv-display'), { ok: true, room: 'tv-display' });
            if (mode.finalTransport === 'websocket' && s.io.engine.transport.name !== 'websocket')
                await withTimeout(new Promise((r) => s.io.engine.once('upgrade', r)), WAIT_MS, 'upgrade to websocket');
            const mine = async () => {
                const listed = await server.request('GET', '/api/connections');
                assert.equal(listed.status, 200);
                return listed.body.connections.find((c) => c.rooms.includes(room));
            };
            const entry = await mine();
            assert.ok(entry, 'the session is listed');
            assert.deepEqual([entry.transport, entry.identity, entry.person, entry.rooms],
                ['socket.io', 'anonymous', null, [room, 'tv-display'].sort()]);
            assert.match(entry.address, /127\.0\.0\.1$/);
            assert.equal(entry.received >= 3, true, `received ${entry.received}`);
            // Events reach it through the hub, counted there.
            await server.broadcast(room, 'announcement', { text: 'before the kick' });
            await withTimeout((async () => {
                while ((await mine()).sent < 1)
                    await new Promise((r) => setTimeout(r, 50));
            })(), WAIT_MS, 'the delivery counted');

            const disconnected = withTimeout(new Promise((r) => s.once('disconnect', r)), WAIT_MS, 'disconnect after kick');
            const kicked = await server.request('POST', `/api/connections/${entry.id}/kick`);
            assert.deepEqual([kicked.status, kicked.body], [200, { kicked: entry.id }]);
            // A Socket.IO disconnect from the server: the client does not
            // reconnect by itself.
            assert.equal(await disconnected, 'io server disconnect');
            assert.equal(s.connected, false);
            assert.equal(s.active, false);
            await withTimeout((async () => {
                while (await mine())
                    await new Promise((r) => setTimeout(r, 50));
            })(), WAIT_MS, 'the kicked session gone from /api/connections');
            await new Promise((r) => setTimeout(r, 700)); // past the reconnection delay
            assert.equal(s.connected, false);
            assert.equal(await mine(), undefined);
            const again = await server.request('POST', `/api/connections/${entry.id}/kick`);
            assert.equal(again.status, 404);
        });

        it('counts its connections under the per-address cap it shares with /ws', async () => {
            const capDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-sio-cap-'));
            const capped = await new Podium(capDir, ['--max-connections-per-address', '3']).start();
            const mine = [];
            const connect = () => {
                const s = io(capped.url('/leaderboard'), { ...mode.options, forceNew: true, reconnection: false });
                mine.push(s);
                return s;
            };
            try {
                const three = [connect(), connect(), connect()];
                for (const s of three) await connected(s);
                const fourth = connect();
                await assert.rejects(connected(fourth));
                assert.equal(fourth.connected, false);
                // A place freed is a place taken. The server frees the place
                // when it drops the session, which /metrics then counts.
                three[0].close();
                await withTimeout((async () => {
                    for (;;) {
                        const metrics = await capped.request('GET', '/metrics');
                        if (/^podium_socketio_sessions 2$/m.test(metrics.body.raw))
                            return;
                        await new Promise((resolve) => setTimeout(resolve, 50)); // poll interval
                    }
                })(), WAIT_MS, 'the closed session gone');
                await connected(connect());
            } finally {
                for (const s of mine) s.close();
                await capped.kill();
                fs.rmSync(capDir, { recursive: true, force: true });
            }
        });

        it('delivers a broadcast achievement:celebration to tv-display with data verbatim', async () => {
            const s = open('/leaderboard');
            const seen = record(s);
            await connected(s);
            await ack(s, 'join:tv-display');
            const data = { title: 'Top closer', nested: { list: [1, 2.5, 'x', null, true] }, 'ü': 'ünïcode' };
            await server.broadcast('tv-display', 'achievement:celebration', data);
            assert.deepEqual(await seen.waitFor('achievement:celebration'), data);
            // A room the socket did not join stays silent.
            await server.broadcast('team:9', 'wallet_update', { left: 1 });
            await server.broadcast('tv-display', 'announcement', { text: 'after' });
            await seen.waitFor('announcement');
            assert.deepEqual(seen.names(), ['achievement:celebration', 'announcement']);
        });

        it('rankings:update, achievement:earned and leaderboard:refresh on /leaderboard', async () => {
            const board = open('/leaderboard', { auth: { token: ADMIN_TOKEN } });
            const seen = record(board);
            await connected(board);
            assert.deepEqual(await ack(board, 'join:leaderboard', 'revenue'), { ok: true, room: 'leaderboard:revenue' });
            assert.deepEqual(await ack(board, 'join:user', 1), { ok: true, room: 'user:1' });
            const r = await server.request('POST', '/api/activities', { person: 1, metric: 'revenue', delta: 12000, key: `sio-${mode.label}` });
            assert.equal(r.status, 201, JSON.stringify(r.body));
            const update = await seen.waitFor('rankings:update');
            assert.equal(update.userId, 1);
            assert.equal(update.metric, 'revenue');
            assert.equal(update.newRank, 1);
            assert.equal(update.periods.all.newRank, 1);
            const earned = await seen.waitFor('achievement:earned', 'achievement:earned (revenue 10K)',
                (d) => d.achievementType === 'milestone' && d.threshold === 10000);
            assert.equal(earned.userId, 1);
            assert.equal(earned.metric, 'revenue');
            // Corrections: the boards are refetched.
            const voided = await server.request('POST', `/api/activities/${r.body.id ?? r.body.activity?.id}/void`, {});
            assert.equal(voided.status, 200, JSON.stringify(voided.body));
            const refresh = await seen.waitFor('leaderboard:refresh');
            assert.equal(refresh.metric, 'revenue');
            assert.equal(refresh.reason, 'correction');
            // Training-only events never reach /leaderboard.
            assert.ok(!seen.names().some((n) => ['xp:gained', 'level:up', 'streak:update', 'notification:new'].includes(n)),
                `no training events on /leaderboard: ${seen.names()}`);
        });

        it('xp:gained, level:up, streak:update and progress:update on /training', async () => {
            const t = await server.request('POST', '/api/tokens', { kind: 'person', person: 2 });
            const training = open('/training', { auth: { token: t.body.token } });
            const seen = record(training);
            await connected(training);
            assert.deepEqual(await ack(training, 'join:user', 2), { ok: true, room: 'user:2' });
            const r = await server.request('POST', '/api/activities', { person: 2, metric: 'xp', delta: 5000, key: `xp-${mode.label}` });
            assert.equal(r.status, 201, JSON.stringify(r.body));
            const xp = await seen.waitFor('xp:gained');
            assert.equal(xp.userId, 2);
            assert.equal(xp.amount, 5000);
            assert.equal(xp.newTotal, 5000);
            const level = await seen.waitFor('level:up');
            assert.equal(level.userId, 2);
            assert.ok(level.newLevel > level.previousLevel);
            await seen.waitFor('streak:update');
            await seen.waitFor('achievement:earned');
            await seen.waitFor('notification:new');

            const session = await server.request('POST', '/api/sessions', { person: 2, kind: 'typing', title: 'drill' });
            assert.equal(session.status, 201, JSON.stringify(session.body));
            const id = session.body.sessionId ?? session.body.id;
            assert.deepEqual(await ack(training, 'join:session', id), { ok: true, room: `session:${id}` });
            const p = await server.request('POST', `/api/sessions/${id}/progress`, { wpm: 71, accuracy: 98 });
            assert.equal(p.status, 200, JSON.stringify(p.body));
            const progress = await seen.waitFor('progress:update');
            assert.equal(progress.wpm, 71);
            // Scoreboard events stay on /leaderboard.
            assert.ok(!seen.names().includes('rankings:update'), `${seen.names()}`);
        });

        it('reconnects by itself after a server restart and receives events after re-joining', async () => {
            const s = open('/leaderboard');
            const seen = record(s);
            let connects = 0;
            // The seeds join in their 'connect' handler, so a reconnect re-joins.
            s.on('connect', () => {
                connects += 1;
                s.emit('join:tv-display');
            });
            await connected(s);
            const port = server.port;
            await server.kill();
            await withTimeout(new Promise((r) => (s.connected ? s.once('disconnect', r) : r())), WAIT_MS, 'disconnect');
            await server.start(port);
            await withTimeout(new Promise((r) => (s.connected ? r() : s.once('connect', r))), 15000, 'reconnect');
            assert.equal(connects, 2);
            // The join travels after the connect; an acked join orders after it.
            assert.deepEqual(await ack(s, 'join:tv-display'), { ok: true, room: 'tv-display' });
            await server.broadcast('tv-display', 'achievement:celebration', { after: 'restart' });
            assert.deepEqual(await seen.waitFor('achievement:celebration'), { after: 'restart' });
        });
    });
}

// A podium of the calling describe block's own, started before its tests
// and removed after them; `own.server` is it.
function ownServer() {
    const own = {};
    before(async () => {
        own.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-sio-'));
        own.server = await new Podium(own.dataDir).start();
    });
    after(async () => {
        await own.server.kill();
        fs.rmSync(own.dataDir, { recursive: true, force: true });
    });
    return own;
}

describe('Socket.IO heartbeat', () => {
    const own = ownServer();

    it('announces 25 s / 20 s and pings every interval over both transports', { timeout: 60000 }, async () => {
        const clients = MODES.map((m) => io(own.server.url('/leaderboard'), m.options));
        try {
            await Promise.all(clients.map(connected));
            for (const c of clients) {
                assert.equal(c.io.engine._pingInterval, 25000);
                assert.equal(c.io.engine._pingTimeout, 20000);
            }
            const ids = clients.map((c) => c.io.engine.id);
            const started = Date.now();
            await Promise.all(clients.map((c) =>
                withTimeout(new Promise((r) => c.io.engine.once('ping', r)), 30000, 'a server ping')));
            const waited = Date.now() - started;
            assert.ok(waited > 20000 && waited < 28000, `first ping after ${waited} ms`);
            // The pong keeps the session: same Engine.IO id, still connected,
            // and answering a request sent after the pong.
            for (const c of clients)
                assert.deepEqual(await ack(c, 'join:tv-display'), { ok: true, room: 'tv-display' });
            clients.forEach((c, i) => {
                assert.ok(c.connected);
                assert.equal(c.io.engine.id, ids[i]);
            });
        } finally {
            for (const c of clients) c.close();
        }
    });
});

describe('Socket.IO token guessing', () => {
    const own = ownServer();

    const connectError = async (token) => {
        const s = io(own.server.url('/leaderboard'), { transports: ['websocket'], auth: { token }, reconnection: false });
        try {
            const err = await withTimeout(new Promise((r) => s.once('connect_error', r)), WAIT_MS, 'connect_error');
            return err.message;
        } finally {
            s.close();
        }
    };

    it('shares the per-address count of failed tokens with REST and /ws', async () => {
        // 20 wrong guesses are answered as such...
        for (let i = 0; i < 20; ++i)
            assert.equal(await connectError(`guess-${i}`), 'invalid_token');
        // ...then every token from this address is refused, the right one too,
        // so a hit cannot be told from a miss.
        assert.equal(await connectError('guess-20'), 'too_many_auth_failures');
        assert.equal(await connectError(ADMIN_TOKEN), 'too_many_auth_failures');
        const rest = await own.server.request('GET', '/api/people', undefined, ADMIN_TOKEN);
        assert.equal(rest.status, 429);
        assert.equal(rest.body.error.code, 'too_many_auth_failures');
        // Without a token the wall still connects.
        const anonymous = io(own.server.url('/leaderboard'), { transports: ['websocket'], reconnection: false });
        try {
            await connected(anonymous);
        } finally {
            anonymous.close();
        }
    });
});
