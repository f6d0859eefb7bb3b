// The web wall served by Podium, driven in Chromium: it loads, ranks the
// board, celebrates a broadcast, says Offline when the server dies and Live
// again when it returns, and receives events sent after the restart.
//
//   PODIUM_BINARY=/path/to/podium node --test tests/web/wall.test.js
//
// Optional: CHROMIUM (default /usr/bin/chromium), PODIUM_SCREENSHOT_DIR
// (default docs/screenshots in the source tree).

'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// The test brings its own driver: a fresh checkout gets it from the lock file.
function loadPlaywright() {
  try {
    return require('playwright-core');
  } catch {
    require('node:child_process').execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: __dirname, stdio: 'inherit' });
    return require('playwright-core');
  }
}
const { chromium } = loadPlaywright();

const BINARY = process.env.PODIUM_BINARY;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TOKEN = 'web-wall-test-admin-token';
const SCREENSHOT_DIR = process.env.PODIUM_SCREENSHOT_DIR || path.join(__dirname, '..', '..', 'docs', 'screenshots');

let dataDir;
let profileDir;
let server; // { child, port, output }
let browser;
let page;
const pageErrors = [];

function startPodium(port) {
  return new Promise((resolve, reject) => {
    const child = spawn(BINARY, ['--headless', '--port', String(port), '--data-dir', dataDir], {
      env: { ...process.env, PODIUM_ADMIN_TOKEN: TOKEN, QT_QPA_PLATFORM: 'offscreen' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`podium did not start:\n${output}`)), 20000);
    const onData = (chunk) => {
      output += chunk;
      const m = /Podium listening on http:\/\/\S+ \(port (\d+)\)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve({ child, port: Number(m[1]), get output() { return output; } });
      }
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { output += c; });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`podium exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

function stopPodium(s, signal = 'SIGKILL') {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill(signal);
  });
}

async function api(method, urlPath, body) {
  const res = await fetch(`http://127.0.0.1:${server.port}${urlPath}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  if (res.status >= 300) throw new Error(`${method} ${urlPath} → ${res.status} ${text}`);
  return { status: res.status, body: json, headers: res.headers };
}

async function entries() {
  return page.$$eval('.entry[data-rank]', (nodes) =>
    nodes
      .filter((n) => !n.classList.contains('vacant'))
      .map((n) => ({ name: n.dataset.name, rank: Number(n.dataset.rank) }))
      .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name)));
}

async function badge() {
  return page.$eval('#badge', (b) => ({ state: b.dataset.state, text: b.textContent.trim() }));
}

const people = [
  { name: 'Avery Stone', team: 'Summit', color: '#e0568a' },
  { name: 'Jordan Blake', team: 'Harbor', color: '#4f8cff' },
  { name: 'Priya Nair', team: 'Summit', color: '#33b27b' },
  { name: 'Marcus Lee', team: 'Harbor', color: '#f08c3a' },
  { name: 'Sofia Reyes', team: 'Canyon', color: '#9b6bff' },
  { name: 'Liam Carter', team: 'Canyon', color: '#2fb7c4' },
  { name: 'Emma Wright', team: 'Summit', color: '#e3b13b' },
  { name: 'Noah Patel', team: 'Harbor', color: '#d6574f' },
];
const revenue = [48200, 41750, 36900, 29400, 22100, 17800, 12500, 8400];
const ids = {};

before(async () => {
  assert.ok(BINARY, 'set PODIUM_BINARY to the built podium executable');
  assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-web-data-'));
  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-web-profile-'));
  server = await startPodium(0);

  for (const p of people) {
    const { body } = await api('POST', '/api/people', p);
    ids[p.name] = body.id;
  }
  const activities = people.map((p, i) => ({
    person: ids[p.name], metric: 'revenue', delta: revenue[i], key: `seed-${i}`, source: 'crm',
  }));
  await api('POST', '/api/activities', { activities });
  const now = Date.now();
  await api('POST', '/api/contests', {
    name: 'Q3 Closing Sprint',
    metric: 'revenue',
    startsAt: new Date(now - 3600e3).toISOString(),
    endsAt: new Date(now + 2 * 86400e3 + 5 * 3600e3 + 17 * 60e3).toISOString(),
    prizes: ['$500 bonus', 'Team dinner', 'Extra day off'],
  });
  await api('POST', '/api/announcements', { text: 'All-hands Friday 4 pm in the big room — pizza after', kind: 'ticker' });
  await api('POST', '/api/announcements', { text: 'Welcome Noah Patel to the Harbor team!', kind: 'ticker' });

  const userDataDir = profileDir;
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1920, height: 1080 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  page = browser.pages()[0] || (await browser.newPage());
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ERR_CONNECTION_REFUSED|WebSocket connection/.test(m.text())) pageErrors.push(m.text());
  });
});

after(async () => {
  await browser?.close().catch(() => {});
  if (server) await stopPodium(server);
  for (const dir of [dataDir, profileDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('serves the page and its assets, and nothing else', async () => {
  const base = `http://127.0.0.1:${server.port}`;
  const index = await fetch(`${base}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  assert.match(await index.text(), /<script type="module" src="\/web\/app\.js">/);
  for (const [file, type] of [['app.js', /^text\/javascript/], ['style.css', /^text\/css/], ['logo.svg', /^image\/svg\+xml/]]) {
    const res = await fetch(`${base}/web/${file}`);
    assert.equal(res.status, 200, file);
    assert.match(res.headers.get('content-type'), type, file);
    assert.ok(res.headers.get('etag'), `${file} has an ETag`);
    const again = await fetch(`${base}/web/${file}`, { headers: { 'If-None-Match': res.headers.get('etag') } });
    assert.equal(again.status, 304, `${file} revalidates`);
  }
  for (const bad of ['/web/nope.js', '/web/..%2Fserver%2Fstore.cpp', '/web/.hidden', '/web/a/b.js']) {
    const res = await fetch(`${base}${bad}`);
    assert.equal(res.status, 404, bad);
    assert.match(res.headers.get('content-type'), /^application\/json/, bad);
    assert.equal((await res.json()).error.code, 'not_found', bad);
  }
  // The API keeps its own answers.
  const health = await fetch(`${base}/api/health`);
  assert.equal((await health.json()).status, 'ok');
});

test('loads, goes Live and shows the leaderboard in rank order', async () => {
  await page.goto(`http://127.0.0.1:${server.port}/?room=tv-display&metric=revenue&period=month`);
  await page.waitForSelector('#badge[data-state="live"]', { timeout: 15000 });
  assert.equal((await badge()).text, 'Live');
  // At 1080p the podium and rows show at least seven people, in rank order.
  await page.waitForFunction(() => document.querySelectorAll('.entry[data-rank]:not(.vacant)').length >= 7, null, { timeout: 10000 });
  const shown = await entries();
  assert.deepEqual(shown, people.slice(0, shown.length).map((p, i) => ({ name: p.name, rank: i + 1 })));
  assert.equal(await page.textContent('#board-label'), 'Revenue');
  assert.equal(await page.$eval('.step[data-slot="1"] .step-name', (n) => n.textContent), 'Avery Stone');
  await page.waitForFunction(() => document.querySelector('.step[data-slot="1"] .step-value').textContent === '$48.2K');
  // The contest counts down and the ticker carries the announcements.
  assert.equal(await page.textContent('#contest-name'), 'Q3 Closing Sprint');
  assert.equal(await page.$eval('.cd-num[data-unit="d"]', (n) => n.textContent), '2');
  assert.match(await page.textContent('#ticker'), /All-hands Friday 4 pm/);
});

test('initials take whole characters, never half of a surrogate pair', async () => {
  const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
  const names = ['\u{1F600} Smile', '\u00C6var \u00D3lafsson', '\u674E \u5C0F\u9F99', `${family} Smith`, 'ada lovelace'];
  const got = await page.evaluate(async (list) => {
    const { initialsOf } = await import('/web/format.js');
    return list.map((n) => initialsOf(n));
  }, names);
  assert.deepEqual(got, ['\u{1F600}S', '\u00C6\u00D3', '\u674E\u5C0F', `${family}S`, 'AL']);
  for (const s of got) assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s), `lone surrogate in ${JSON.stringify(s)}`);
});

test('re-ranks live when activity arrives', async () => {
  // Marcus (4th, $29.4K) closes a $15K deal: $44.4K puts him 2nd.
  await api('POST', '/api/activities', { person: ids['Marcus Lee'], metric: 'revenue', delta: 15000, key: 'deal-1' });
  await page.waitForFunction(() => document.querySelector('.entry[data-name="Marcus Lee"]')?.dataset.rank === '2', null, { timeout: 10000 });
  const ranks = await entries();
  assert.deepEqual(ranks.slice(0, 5).map((e) => e.name), ['Avery Stone', 'Marcus Lee', 'Jordan Blake', 'Priya Nair', 'Sofia Reyes']);
  assert.deepEqual(ranks.slice(0, 5).map((e) => e.rank), [1, 2, 3, 4, 5]);
  await page.waitForSelector('#feed .feed-item[data-kind="activity"]', { timeout: 5000 });
  assert.match(await page.textContent('#feed'), /Marcus Lee \+\$15K/);
  // Let the row moves and count-ups settle, then record the wall.
  await page.waitForTimeout(1800);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'web-wall.png') });
});

test('plays a legendary celebration when one is broadcast', async () => {
  const { status, body } = await api('POST', '/api/broadcast', {
    room: 'tv-display',
    event: 'achievement:celebration',
    data: {
      userId: ids['Avery Stone'],
      userName: 'Avery Stone',
      teamName: 'Summit',
      color: '#e0568a',
      initials: 'AS',
      achievementType: 'badge',
      title: 'Million Dollar Closer',
      description: 'Crossed $1M in closed revenue this year',
      icon: '👑',
      rarity: 'legendary',
    },
  });
  assert.equal(status, 202);
  assert.ok(body.seq > 0);
  await page.waitForSelector('#celebration:not([hidden])', { timeout: 5000 });
  assert.equal(await page.textContent('#celebration-title'), 'Million Dollar Closer');
  assert.equal(await page.$eval('#celebration', (n) => n.dataset.rarity), 'legendary');
  assert.equal(await page.textContent('#celebration-name'), 'Avery Stone');
  // Confetti is drawing: some pixels of the canvas are painted.
  await page.waitForTimeout(900);
  const painted = await page.$eval('#confetti', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4 * 97) if (d[i] > 0) n += 1;
    return n;
  });
  assert.ok(painted > 20, `confetti drawn (${painted} sampled pixels)`);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'web-wall-celebration.png') });
  // The celebration also lands in the feed.
  assert.match(await page.textContent('#feed'), /Million Dollar Closer/);
});

test('says Offline when the server stops and Live again when it returns', async () => {
  const port = server.port;
  await stopPodium(server, 'SIGKILL');
  await page.waitForSelector('#badge[data-state="offline"]', { timeout: 15000 });
  assert.equal((await badge()).text, 'Offline');

  server = await startPodium(port);
  assert.equal(server.port, port);
  await page.waitForSelector('#badge[data-state="live"]', { timeout: 30000 });
  assert.equal((await badge()).text, 'Live');

  // An event sent after the restart reaches the page.
  await api('POST', '/api/broadcast', {
    room: 'tv-display',
    event: 'achievement:celebration',
    data: { userName: 'Jordan Blake', title: 'Back Online Hero', rarity: 'epic', icon: '⚡' },
  });
  await page.waitForFunction(() => document.querySelector('#feed')?.textContent.includes('Back Online Hero'), null, { timeout: 10000 });
  await page.waitForFunction(() => document.querySelector('#celebration-title')?.textContent === 'Back Online Hero', null, { timeout: 30000 });
  // And the board follows activity recorded after the restart.
  await api('POST', '/api/activities', { person: ids['Noah Patel'], metric: 'revenue', delta: 50000, key: 'deal-2' });
  await page.waitForFunction(() => document.querySelector('.entry[data-name="Noah Patel"]')?.dataset.rank === '1', null, { timeout: 10000 });
});

// From here on the page's WebSockets pass through a gate the test opens
// and closes, so the page is reliably disconnected while the server changes.
const gate = { open: true };
async function installGate() {
  await page.routeWebSocket(/\/ws(\?|$)/, (ws) => {
    if (gate.open) ws.connectToServer();
    else ws.close({ code: 1001, reason: 'gate closed' });
  });
}

test('resumes from its last seq: an event sent while it was away arrives once', async () => {
  await installGate();
  gate.open = false;
  const port = server.port;
  await stopPodium(server, 'SIGKILL');
  await page.waitForSelector('#badge[data-state="offline"]', { timeout: 15000 });
  server = await startPodium(port);
  const before = await page.evaluate(() => window.podiumWall.connection.lastSeq);
  const { body } = await api('POST', '/api/broadcast', {
    room: 'tv-display',
    event: 'achievement:celebration',
    data: { userName: 'Priya Nair', title: 'Missed While Away', rarity: 'rare', icon: '📬' },
  });
  assert.ok(body.seq > before, `broadcast seq ${body.seq} is past the page's ${before}`);
  // Still offline: the event can only reach the page through resume.
  assert.equal((await badge()).state, 'offline');
  gate.open = true;
  await page.waitForSelector('#badge[data-state="live"]', { timeout: 30000 });
  await page.waitForFunction(() => document.querySelector('#feed')?.textContent.includes('Missed While Away'), null, { timeout: 10000 });
  assert.equal(await page.$$eval('#feed .feed-item', (items) => items.filter((i) => i.textContent.includes('Missed While Away')).length), 1);
  assert.ok((await page.evaluate(() => window.podiumWall.connection.lastSeq)) >= body.seq);
});

test('refetches its snapshots when the server answers resume with reset', async () => {
  gate.open = false;
  const port = server.port;
  await stopPodium(server, 'SIGKILL');
  await page.waitForSelector('#badge[data-state="offline"]', { timeout: 15000 });
  // A server with an empty log: the page's seq is from the future for it.
  const oldData = dataDir;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-web-data-'));
  fs.rmSync(oldData, { recursive: true, force: true });
  server = await startPodium(port);
  const { body: zoe } = await api('POST', '/api/people', { name: 'Zoe Quinn', team: 'Delta' });
  await api('POST', '/api/activities', { person: zoe.id, metric: 'revenue', delta: 5000, key: 'fresh-1' });
  gate.open = true;
  await page.waitForSelector('#badge[data-state="live"]', { timeout: 30000 });
  await page.waitForFunction(() => document.querySelectorAll('.entry[data-rank]:not(.vacant)').length === 1, null, { timeout: 10000 });
  assert.deepEqual(await entries(), [{ name: 'Zoe Quinn', rank: 1 }]);
  assert.equal(await page.$eval('#contest', (n) => n.hidden), true);
});

test('no script errors on the page', () => {
  assert.deepEqual(pageErrors, []);
});
