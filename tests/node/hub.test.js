// Podium's WebSocket hub driven by a client Podium did not write: the `ws`
// package. It holds the native protocol (docs/PROTOCOL.md) to what a
// third-party client sees on the wire: welcome, rooms and rights, events in
// seq order exactly once, resume across a disconnect and across a restart,
// and 1001 Going Away on SIGTERM.
//
// Run: PODIUM_BINARY=/path/to/podium node --test hub.test.js
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const WebSocket = require('ws');
const { PodiumProcess, withTimeout, WAIT_MS } = require('../js/podium-process');

const BINARY = process.env.PODIUM_BINARY;
const ADMIN_TOKEN = 'node-test-admin-token-0123456789';
// One podium process (tests/js/podium-process.js) with the native endpoint.
class Podium extends PodiumProcess {
    constructor(dataDir) {
        super(BINARY, dataDir, ADMIN_TOKEN);
    }

    wsUrl(query = '') {
        return `ws://127.0.0.1:${this.port}/ws${query}`;
    }

    async kill() {
        await this.stop('SIGKILL').catch(() => {});
    }
}

// A WebSocket client that keeps every message it receives, in order.
class Client {
    constructor(url) {
        this.messages = [];
        this.closeCode = null;
        this.closeReason = '';
        this.errors = [];
        this.waiters = new Set();
        this.ws = new WebSocket(url);
        this.ws.on('message', (data, isBinary) => {
            assert.equal(isBinary, false, 'podium speaks text frames only');
            this.messages.push(JSON.parse(data.toString('utf8')));
            this.wake();
        });
        this.ws.on('error', (err) => {
            this.errors.push(err);
            this.wake();
        });
        this.closed = new Promise((resolve) => {
            this.ws.on('close', (code, reason) => {
                this.closeCode = code;
                this.closeReason = reason.toString();
                resolve(code);
                this.wake();
            });
        });
    }

    wake() {
        for (const w of [...this.waiters])
            w();
    }

    // Resolves with the first truthy value of `check()`, re-evaluated on
    // every message; fails after `ms` or if the connection closes first.
    waitFor(check, what, ms = WAIT_MS) {
        let attempt = null;
        const settled = new Promise((resolve, reject) => {
            attempt = () => {
                let value;
                try {
                    value = check();
                } catch (err) {
                    reject(err);
                    return;
                }
                if (value)
                    resolve(value);
                else if (this.closeCode !== null)
                    reject(new Error(`connection closed (${this.closeCode} ${this.closeReason}) while waiting for ${what}`));
            };
            this.waiters.add(attempt);
            attempt();
        });
        return withTimeout(settled, ms, what).finally(() => this.waiters.delete(attempt));
    }

    // The welcome is the first message on every connection.
    async welcome() {
        const w = await this.waitFor(() => this.messages[0], 'welcome');
        assert.equal(w.type, 'welcome');
        return w;
    }

    send(message) {
        this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    }

    // Sends `message` and returns the first non-event message that follows.
    async exchange(message) {
        const from = this.messages.length;
        this.send(message);
        return this.waitFor(() => this.messages.slice(from).find((m) => m.type !== 'event'),
            `an answer to ${JSON.stringify(message)}`);
    }

    async join(room) {
        const reply = await this.exchange({ type: 'join', room });
        assert.equal(reply.type, 'joined', `join ${room}: ${JSON.stringify(reply)}`);
        assert.equal(reply.room, room);
        return reply;
    }

    events() {
        return this.messages.filter((m) => m.type === 'event');
    }

    lastSeq() {
        const events = this.events();
        return events.length ? events[events.length - 1].seq : 0;
    }

    async close() {
        if (this.closeCode === null) {
            this.ws.close(1000);
            await withTimeout(this.closed, WAIT_MS, 'client close');
        }
    }
}

// Event frames keep exactly these fields (DESIGN.md wire contract).
function assertEventFrame(e) {
    assert.deepEqual(Object.keys(e).sort(), ['at', 'data', 'event', 'room', 'seq', 'type']);
    assert.equal(e.type, 'event');
    assert.ok(Number.isInteger(e.seq) && e.seq > 0, `seq ${e.seq}`);
    assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(typeof e.data, 'object');
}

function seqsOf(events) {
    return events.map((e) => e.seq);
}

// ------------------------------------------------------------------ tests

describe('podium hub with the ws client', () => {
    let dataDir;
    let server;
    const clients = [];
    const open = async (query) => {
        const c = new Client(server.wsUrl(query));
        clients.push(c);
        await c.welcome();
        return c;
    };

    // Shared across the steps, which run in order.
    let wall; // joined tv-display, leaderboard:revenue, activity:feed
    let resumeFrom = 0; // last seq a TV saw before going offline (restart step)

    before(async () => {
        assert.ok(BINARY, 'set PODIUM_BINARY to the podium executable');
        assert.ok(fs.existsSync(BINARY), `${BINARY} exists`);
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-node-'));
        server = await new Podium(dataDir).start();
    });

    after(async () => {
        for (const c of clients)
            c.ws.terminate();
        if (server)
            await server.kill();
        if (dataDir)
            fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('greets every connection with a welcome', async () => {
        const c = await open();
        const w = c.messages[0];
        assert.equal(typeof w.connection, 'number');
        assert.deepEqual(w, {
            type: 'welcome',
            server: 'podium',
            protocol: 1,
            connection: w.connection,
            seq: 0, // a fresh data directory: seeding the defaults is not news
            heartbeatMs: 25000,
            identity: 'anonymous',
        });
        // A token in the URL identifies the connection before any message.
        const admin = await open(`?token=${ADMIN_TOKEN}`);
        assert.equal(admin.messages[0].identity, 'admin');
        assert.equal(admin.messages[0].connection, w.connection + 1);
        assert.deepEqual(await admin.exchange({ type: 'join', room: 'admin' }), { type: 'joined', room: 'admin', seq: 0 });
        await admin.close();
        await c.close();
    });

    it('joins public rooms, refuses a private one and keeps answering', async () => {
        wall = await open();
        for (const room of ['tv-display', 'leaderboard:revenue', 'activity:feed'])
            assert.deepEqual(await wall.exchange({ type: 'join', room }), { type: 'joined', room, seq: 0 });
        assert.deepEqual(await wall.exchange({ type: 'join', room: 'user:1' }), {
            type: 'error',
            code: 'forbidden',
            message: "not allowed to join 'user:1'",
            room: 'user:1',
        });
        assert.deepEqual(await wall.exchange({ type: 'ping' }), { type: 'pong' });
        assert.equal(wall.closeCode, null);
    });

    it('delivers REST activity as activity:new and rankings:update in seq order', async () => {
        const ada = await server.request('POST', '/api/people', { name: 'Ada', team: 'North' });
        const ben = await server.request('POST', '/api/people', { name: 'Ben', team: 'South' });
        assert.equal(ada.status, 201, JSON.stringify(ada.body));
        assert.equal(ben.status, 201, JSON.stringify(ben.body));
        assert.equal(ada.body.id, 1);
        assert.equal(ben.body.id, 2);

        const rooms = new Set(['tv-display', 'leaderboard:revenue', 'activity:feed']);
        const before = wall.events().length;
        const expected = [];
        const posts = [
            { person: 1, metric: 'revenue', delta: 12000, key: 'node-deal-1' },
            { person: 2, metric: 'revenue', delta: 30000, key: 'node-deal-2' },
            { person: 1, metric: 'revenue', delta: 500, key: 'node-deal-3' },
        ];
        for (const body of posts) {
            const r = await server.request('POST', '/api/activities', body);
            assert.equal(r.status, 201, JSON.stringify(r.body));
            // The engine's own account of what this activity caused; the
            // first is always the feed item, and its seq is the activity's.
            assert.equal(r.body.events[0].event, 'activity:new');
            assert.equal(r.body.events[0].seq, r.body.seq);
            expected.push(...r.body.events.filter((e) => rooms.has(e.room)));
        }
        // One rankings:update per activity that moved someone on any board:
        // Ada enters, Ben enters ahead of her; Ada's 500 moves nobody.
        assert.equal(expected.filter((e) => e.event === 'rankings:update').length, 2);

        const got = await wall.waitFor(() => {
            const events = wall.events().slice(before);
            return events.length >= expected.length ? events : null;
        }, `${expected.length} activity events`);
        // Exactly those, in that order, each with a larger seq than the last.
        assert.deepEqual(got.map((e) => [e.seq, e.room, e.event]), expected.map((e) => [e.seq, e.room, e.event]));
        for (let i = 0; i < got.length; ++i) {
            assertEventFrame(got[i]);
            assert.deepEqual(got[i].data, expected[i].data);
            if (i > 0)
                assert.ok(got[i].seq > got[i - 1].seq, `seq ${got[i].seq} after ${got[i - 1].seq}`);
        }
        const news = got.filter((e) => e.event === 'activity:new');
        assert.deepEqual(news.map((e) => [e.room, e.data.person, e.data.name, e.data.teamName, e.data.metric, e.data.delta]), [
            ['activity:feed', 1, 'Ada', 'North', 'revenue', 12000],
            ['activity:feed', 2, 'Ben', 'South', 'revenue', 30000],
            ['activity:feed', 1, 'Ada', 'North', 'revenue', 500],
        ]);
        assert.deepEqual(news.map((e) => e.data.totals.month), [12000, 30000, 12500]);
        // Ben's first sale puts him first on the monthly board, ahead of Ada.
        const benMonth = got.find((e) => e.event === 'rankings:update' && e.data.person === 2 && e.data.period === 'month');
        assert.deepEqual([benMonth.room, benMonth.data.previousRank, benMonth.data.newRank, benMonth.data.value],
            ['leaderboard:revenue', null, 1, 30000]);
        assert.deepEqual(Object.keys(benMonth.data.periods).sort(), ['all', 'day', 'month', 'week']);
        assert.deepEqual(benMonth.data.periods.week.newRank, 1);

        // A retry with the same key counts once and puts nothing on the wire:
        // the next event is the marker broadcast after it.
        const retry = await server.request('POST', '/api/activities', posts[0]);
        assert.equal(retry.status, 200);
        assert.equal(retry.body.replayed, true);
        const marker = await server.broadcast('tv-display', 'marker', { after: 'retry' });
        const next = await wall.waitFor(() => wall.events()[before + expected.length], 'the marker');
        assert.equal(next.seq, marker);
        assert.equal(next.event, 'marker');
    });

    it('delivers a 30-event broadcast burst in seq order, exactly once', async () => {
        const before = wall.events().length;
        // Concurrent requests: the server orders them; the client must see its order.
        const seqs = await Promise.all(Array.from({ length: 30 }, (_, i) =>
            server.broadcast('tv-display', 'burst', { i, nested: { ok: true, list: [1, 'two', null] } })));
        const bySeq = new Map(seqs.map((s, i) => [s, i]));
        assert.equal(bySeq.size, 30, 'every broadcast got its own seq');
        const got = await wall.waitFor(() => {
            const events = wall.events().slice(before);
            return events.length >= 30 ? events : null;
        }, '30 burst events');
        // Nothing more may follow: a marker broadcast after the burst has a
        // later seq, so once it is here a duplicate would have come before it.
        const marker = await server.broadcast('tv-display', 'marker', { after: 'burst' });
        const next = await wall.waitFor(() => wall.events().find((e) => e.seq === marker), 'the marker');
        assert.equal(next.event, 'marker');
        assert.equal(wall.events().length, before + 30 + 1, 'no duplicates');
        assert.deepEqual(seqsOf(got), [...seqs].sort((a, b) => a - b));
        for (const e of got) {
            assertEventFrame(e);
            assert.equal(e.room, 'tv-display');
            assert.equal(e.event, 'burst');
            assert.deepEqual(e.data, { i: bySeq.get(e.seq), nested: { ok: true, list: [1, 'two', null] } });
        }
    });

    it('resumes after a disconnect with exactly the missed events, then live', async () => {
        const seen = wall.lastSeq();
        await wall.close();

        const missed = [];
        for (let i = 0; i < 50; ++i) {
            missed.push(await server.broadcast('tv-display', 'missed', { i }));
            if (i % 10 === 0)
                await server.broadcast('contest:9', 'elsewhere', { i }); // not in our rooms: never replayed
        }
        const last = await server.broadcast('contest:9', 'elsewhere', { i: 'last' });

        wall = await open();
        assert.equal(wall.messages[0].seq, last, 'welcome carries the last seq');
        await wall.join('tv-display');
        const from = wall.messages.length;
        wall.send({ type: 'resume', since: seen });
        const resumed = await wall.waitFor(() => wall.messages.find((m) => m.type === 'resumed'), 'resumed');
        assert.deepEqual(resumed, { type: 'resumed', since: seen, count: 50, seq: last });
        const live = await server.broadcast('tv-display', 'live', { after: 'resume' });
        await wall.waitFor(() => wall.messages.length >= from + 52, 'the live event');
        // Nothing more may follow: a marker broadcast now has a later seq than
        // anything the resume could still send.
        const marker = await server.broadcast('tv-display', 'marker', { after: 'live' });
        await wall.waitFor(() => wall.messages.find((m) => m.seq === marker), 'the marker');

        const after = wall.messages.slice(from);
        assert.equal(after.length, 52 + 1, JSON.stringify(after.map((m) => m.type)));
        assert.equal(after[52].seq, marker);
        const replay = after.slice(0, 50);
        for (const [i, e] of replay.entries()) {
            assertEventFrame(e);
            assert.deepEqual([e.room, e.event, e.data.i], ['tv-display', 'missed', i]);
        }
        assert.deepEqual(seqsOf(replay), missed);
        assert.equal(after[50].type, 'resumed');
        assert.equal(after[51].type, 'event');
        assert.equal(after[51].seq, live);
        assert.equal(after[51].event, 'live');
        resumeFrom = marker; // the last event this TV saw
    });

    it('lists connections to an admin and kicks one with 4003', async () => {
        const c = await open();
        await c.join('contest:7');
        await c.join('tv-display');
        const id = c.messages[0].connection;
        const listed = await server.request('GET', '/api/connections');
        assert.equal(listed.status, 200);
        const mine = listed.body.connections.find((x) => x.id === id);
        assert.ok(mine, JSON.stringify(listed.body));
        assert.deepEqual([mine.identity, mine.person, mine.rooms, mine.sent, mine.dropped, mine.received],
            ['anonymous', null, ['contest:7', 'tv-display'], 0, 0, 2]);
        const kicked = await server.request('POST', `/api/connections/${id}/kick`);
        assert.deepEqual([kicked.status, kicked.body], [200, { kicked: id }]);
        assert.equal(await withTimeout(c.closed, WAIT_MS, 'close after kick'), 4003);
        assert.equal(c.closeReason, 'disconnected by an admin');
        const again = await server.request('POST', `/api/connections/${id}/kick`);
        assert.equal(again.status, 404);
        assert.equal(again.body.error.code, 'not_found');
    });

    it('says 1001 Going Away on SIGTERM, and resume works across the restart', async () => {
        // A TV that saw `resumeFrom` drops off; events keep coming.
        assert.equal(wall.lastSeq(), resumeFrom);
        await wall.close();
        const missed = [];
        for (let i = 0; i < 10; ++i)
            missed.push(await server.broadcast('tv-display', 'before-kill', { i }));

        const watcher = await open();
        await watcher.join('tv-display');
        assert.equal(watcher.messages[0].seq, missed[missed.length - 1]);

        server.child.kill('SIGTERM');
        assert.equal(await withTimeout(watcher.closed, WAIT_MS, 'close frame after SIGTERM'), 1001);
        assert.deepEqual(await withTimeout(server.exit, WAIT_MS, 'podium exits after SIGTERM'), { code: 0, signal: null });

        server = await new Podium(dataDir).start();
        const tv = await open();
        assert.equal(tv.messages[0].seq, missed[missed.length - 1], 'the seq survives the restart');
        await tv.join('tv-display');
        const from = tv.messages.length;
        tv.send({ type: 'resume', since: resumeFrom });
        const resumed = await tv.waitFor(() => tv.messages.find((m) => m.type === 'resumed'), 'resumed after restart');
        assert.deepEqual(resumed, { type: 'resumed', since: resumeFrom, count: 10, seq: missed[missed.length - 1] });
        const replay = tv.messages.slice(from, from + 10);
        assert.deepEqual(seqsOf(replay), missed);
        assert.deepEqual(replay.map((e) => [e.event, e.data.i]), missed.map((_, i) => ['before-kill', i]));
        assert.equal(tv.messages[from + 10].type, 'resumed');

        // Numbering goes on where it stopped, and live events flow again.
        const live = await server.broadcast('tv-display', 'after-restart', {});
        assert.equal(live, missed[missed.length - 1] + 1);
        const e = await tv.waitFor(() => tv.events().find((m) => m.seq === live), 'the first live event after restart');
        assertEventFrame(e);
        assert.equal(tv.messages.length, from + 12);

        // A resume from further ahead than the server has ever been resets.
        assert.deepEqual(await tv.exchange({ type: 'resume', since: live + 1000 }),
            { type: 'reset', since: live + 1000, seq: live });
        await tv.close();
    });
});
