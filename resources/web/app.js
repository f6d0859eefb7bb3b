// Podium's web wall: wiring. Reads its settings from the URL, loads
// snapshots over REST, then keeps them current from the event stream.
//
//   /?room=tv-display&metric=revenue&period=month
//   /?metric=revenue,signups&slide=30     (rotates boards every 30 s)
//   optional: token=… (when the server requires a display token),
//             scope=teams (team totals instead of people)

import { Connection } from './connection.js';
import { Leaderboard } from './leaderboard.js';
import { Confetti } from './confetti.js';
import { Celebrations } from './celebrations.js';
import { ContestCard, Feed, Ticker } from './panels.js';
import { periodNames } from './format.js';

const REPLAY_CELEBRATE_MS = 120000; // missed celebrations older than this only reach the feed
const BOARD_DEBOUNCE_MS = 250;
const PERIODIC_REFRESH_MS = 60000;

const config = readConfig(new URLSearchParams(location.search));

function readConfig(params) {
  const metrics = (params.get('metric') || 'revenue').split(',').map((m) => m.trim()).filter(Boolean);
  const period = params.get('period') || 'month';
  return {
    room: params.get('room') || 'tv-display',
    metrics: metrics.length ? metrics : ['revenue'],
    period: period in periodNames ? period : 'month',
    scope: params.get('scope') === 'teams' ? 'teams' : 'people',
    slideMs: Math.min(600, Math.max(5, Number(params.get('slide')) || 20)) * 1000,
    token: params.get('token') || '',
  };
}

const $ = (id) => document.getElementById(id);

const leaderboard = new Leaderboard({ podium: $('podium'), rows: $('rows'), empty: $('empty') });
const confetti = new Confetti($('confetti'));
const celebrations = new Celebrations({ root: $('celebration'), confetti });
const feed = new Feed($('feed'));
const contestCard = new ContestCard($('contest'));
const ticker = new Ticker({ track: $('ticker'), flash: $('flash'), flashText: $('flash-text') });

const boards = new Map(); // metric -> last snapshot
let slide = 0;
let contests = [];
let snapshotsLoaded = false;
const boardTimers = new Map();

function currentMetric() {
  return config.metrics[slide % config.metrics.length];
}

async function api(path) {
  const headers = config.token ? { Authorization: `Bearer ${config.token}` } : {};
  const response = await fetch(path, { headers, cache: 'no-store' });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    const error = new Error(body.error?.message || `${path}: HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

// ---------- leaderboard ----------

async function loadBoard(metric) {
  const query = new URLSearchParams({ period: config.period, scope: config.scope, limit: '50' });
  try {
    const board = await api(`/api/leaderboards/${encodeURIComponent(metric)}?${query}`);
    boards.set(metric, board);
    connection.noteSeq(board.seq);
    if (metric === currentMetric()) showBoard(board);
  } catch (e) {
    if (e.status === 404 && metric === currentMetric()) {
      $('board-label').textContent = `Unknown metric “${metric}”`;
      leaderboard.render({ entries: [] });
    }
    throw e;
  }
}

function showBoard(board) {
  $('board-label').textContent = board.label || board.metric;
  $('board-period').textContent = periodNames[board.period] || board.period;
  leaderboard.render(board);
  updateFallbackTicker();
}

function scheduleBoard(metric) {
  if (!config.metrics.includes(metric) || boardTimers.has(metric)) return;
  // Many events arrive per activity (feed, ranks, milestones): one fetch.
  boardTimers.set(metric, setTimeout(() => {
    boardTimers.delete(metric);
    loadBoard(metric).catch(() => {});
  }, BOARD_DEBOUNCE_MS));
}

function nextSlide() {
  if (config.metrics.length < 2) return;
  const board = $('board');
  board.classList.add('switching');
  setTimeout(() => {
    slide = (slide + 1) % config.metrics.length;
    leaderboard.clear();
    const cached = boards.get(currentMetric());
    if (cached) showBoard(cached);
    renderDots();
    board.classList.remove('switching');
    loadBoard(currentMetric()).catch(() => {});
  }, 450);
}

function renderDots() {
  const dots = $('slide-dots');
  if (config.metrics.length < 2) return;
  dots.replaceChildren(...config.metrics.map((_, i) => {
    const d = document.createElement('span');
    if (i === slide) d.className = 'on';
    return d;
  }));
}

// ---------- contests, announcements, feed ----------

async function loadContests() {
  const body = await api('/api/contests');
  contests = body.contests || [];
  contestCard.syncClock(contests);
  for (const c of contests) if (c.state !== 'ended') connection.join(`contest:${c.id}`);
  contestCard.show(ContestCard.pick(contests));
  updateFallbackTicker();
}

function updateContest(data) {
  const id = data.id ?? data.contestId;
  if (id === undefined || !data.name) return;
  const i = contests.findIndex((c) => c.id === id);
  const merged = { ...(i >= 0 ? contests[i] : {}), ...data };
  if (i >= 0) contests[i] = merged;
  else contests.push(merged);
  contestCard.show(ContestCard.pick(contests));
}

async function loadAnnouncements() {
  const body = await api('/api/announcements');
  ticker.set(body.announcements || []);
}

async function loadFeedHistory(seq) {
  const since = Math.max(0, (seq || 0) - 400);
  const body = await api(`/api/events?since=${since}&limit=400&rooms=activity:feed,${encodeURIComponent(config.room)}`);
  for (const e of body.events || []) {
    if (e.event === 'announcement' || (e.event === 'milestone:reached' && config.room === 'tv-display')) continue;
    feed.add(e, false);
  }
}

function updateFallbackTicker() {
  const lines = [];
  for (const metric of config.metrics) {
    const b = boards.get(metric);
    const top = b?.entries?.[0];
    if (top) lines.push(`${top.name} leads ${b.label || metric} ${(periodNames[b.period] || '').toLowerCase()} with ${top.formatted}`);
    const second = b?.entries?.[1];
    if (top && second) lines.push(`${second.name} is ${b.unit === 'currency' ? 'chasing' : 'right behind'} at ${second.formatted}`);
  }
  const live = contests.find((c) => c.state === 'live');
  if (live) lines.push(`${live.name} is live — every result counts`);
  ticker.setFallback(lines);
}

async function loadSnapshots() {
  feed.clear();
  const results = await Promise.allSettled([
    loadBoard(currentMetric()),
    ...config.metrics.filter((m) => m !== currentMetric()).map((m) => loadBoard(m)),
    loadContests(),
    loadAnnouncements(),
  ]);
  const seq = boards.get(currentMetric())?.seq;
  await loadFeedHistory(seq).catch(() => {});
  snapshotsLoaded = results.every((r) => r.status === 'fulfilled' || r.reason?.status === 404);
}

// ---------- live events ----------

function onEvent(msg, replayed) {
  const data = msg.data || {};
  switch (msg.event) {
    case 'activity:new':
      feed.add(msg, !replayed);
      scheduleBoard(data.metric);
      break;
    case 'rankings:update':
    case 'leaderboard:refresh':
      scheduleBoard(data.metric || String(msg.room).replace(/^leaderboard:/, ''));
      break;
    case 'milestone:reached':
      // On tv-display every milestone also arrives as a celebration with the
      // same title; list it once.
      if (config.room !== 'tv-display') feed.add(msg, !replayed);
      break;
    case 'session:started':
      feed.add(msg, !replayed);
      break;
    case 'achievement:celebration': {
      feed.add(msg, !replayed);
      const age = Date.now() - Date.parse(msg.at);
      if (!replayed || !(age > REPLAY_CELEBRATE_MS)) celebrations.push(data);
      break;
    }
    case 'contest:update':
      updateContest(data);
      break;
    case 'contest:ended':
      updateContest(data);
      feed.add(msg, !replayed);
      connection.leave(`contest:${data.id}`);
      break;
    case 'announcement':
      // The ticker (or a flash) carries it; the feed stays about people.
      ticker.add(data);
      break;
    default:
      break;
  }
}

function onStatus(status, conn) {
  const badge = $('badge');
  badge.dataset.state = status;
  document.body.dataset.connection = status;
  $('badge-text').textContent = status === 'live' ? 'Live' : status === 'connecting' ? 'Connecting' : 'Offline';
  badge.title = status === 'offline' ? `Retrying at ${new Date(conn.nextRetryAt).toLocaleTimeString()}` : '';
}

const rooms = [...new Set([config.room, 'activity:feed', ...config.metrics.map((m) => `leaderboard:${m}`)])];
const socketUrl = new URL('/ws', location.href);
socketUrl.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
if (config.token) socketUrl.searchParams.set('token', config.token);

const connection = new Connection({
  url: socketUrl.href,
  rooms,
  onEvent,
  onStatus,
  onReset: () => loadSnapshots(),
  // A wall that came up while the server was down retries its snapshots.
  onLive: () => {
    if (!snapshotsLoaded) loadSnapshots();
  },
});

// ---------- clock, layout, start ----------

function tickClock() {
  const now = new Date();
  $('clock').textContent = now.toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

tickClock();
setInterval(tickClock, 1000);
leaderboard.fit();
renderDots();
$('board-period').textContent = periodNames[config.period];
if (config.metrics.length > 1) setInterval(nextSlide, config.slideMs);
// Period boundaries (midnight, month end) and new contests have no event
// of their own: a slow poll picks them up.
setInterval(() => {
  if (connection.status !== 'live') return;
  loadBoard(currentMetric()).catch(() => {});
  loadContests().catch(() => {});
}, PERIODIC_REFRESH_MS);

connection.start();
loadSnapshots();

// For people (and tests) looking at a wall from the devtools console.
window.podiumWall = { config, connection, boards, celebrations };
