// The side panels and the bottom strip: the activity feed, the contest
// countdown and the announcement ticker (plus full-screen flashes).

import { avatar, el, timeAgo } from './format.js';

const FEED_MAX = 24; // DOM nodes stay bounded however long the wall runs
const TICKER_MAX = 20;

export class Feed {
  constructor(list) {
    this.list = list;
    this.seen = new Set();
    setInterval(() => this.refreshTimes(), 30000);
  }

  clear() {
    this.list.replaceChildren();
    this.seen.clear();
  }

  // `event` is a wire event {seq, event, data, at}; unknown kinds are skipped.
  add(event, animate = true) {
    if (this.seen.has(event.seq)) return;
    const item = describe(event);
    if (!item) return;
    this.seen.add(event.seq);
    const li = el('li', 'feed-item');
    li.dataset.kind = item.kind;
    li.dataset.seq = String(event.seq);
    const lead = item.person ? avatar(item.person) : el('span', 'feed-icon', item.icon);
    const text = el('div', 'feed-text');
    const main = el('div', 'feed-main');
    for (const part of item.main) {
      main.append(typeof part === 'string' ? document.createTextNode(part) : el('span', part.className, part.text));
    }
    text.append(main, el('div', 'feed-sub', item.sub || ''));
    const time = el('time', 'feed-time', timeAgo(event.at));
    time.dataset.at = event.at || '';
    li.append(lead, text, time);
    if (animate) li.classList.add('enter');
    this.list.prepend(li);
    while (this.list.children.length > FEED_MAX) {
      const last = this.list.lastElementChild;
      this.seen.delete(Number(last.dataset.seq));
      last.remove();
    }
  }

  refreshTimes() {
    for (const t of this.list.querySelectorAll('.feed-time')) t.textContent = timeAgo(t.dataset.at);
  }
}

function describe({ event: name, data = {} }) {
  const who = data.userName || data.name || '';
  const person = who ? { name: who, initials: data.initials, color: data.color } : null;
  switch (name) {
    case 'activity:new': {
      const amount = data.formatted || '';
      const positive = Number(data.delta ?? data.value ?? 0) >= 0;
      return {
        kind: 'activity',
        person,
        main: [`${who} `, { className: positive ? 'feed-amount' : '', text: `${positive && data.delta !== undefined ? '+' : ''}${amount}` }],
        sub: [data.label || data.metric, data.teamName].filter(Boolean).join(' · '),
      };
    }
    case 'milestone:reached':
      return { kind: 'milestone', icon: '🎯', person, main: [data.title || `${who} reached a milestone`], sub: who };
    case 'achievement:celebration':
      return {
        kind: 'achievement',
        icon: data.icon || '🏆',
        person: null,
        main: [data.title || 'Achievement'],
        sub: [who, data.teamName && data.teamName !== who ? data.teamName : ''].filter(Boolean).join(' · '),
      };
    case 'contest:ended': {
      const winner = (data.placements || [])[0];
      return {
        kind: 'contest',
        icon: '🏁',
        main: [`${data.name || 'Contest'} has ended`],
        sub: winner ? `Winner: ${winner.name}` : '',
      };
    }
    case 'session:started':
      return { kind: 'session', person, main: [`${who} is live`], sub: data.title || data.kind || '' };
    case 'announcement':
      return { kind: 'announcement', icon: '📣', main: [data.text || ''], sub: 'Announcement' };
    default:
      return null;
  }
}

export class ContestCard {
  constructor(root) {
    this.root = root;
    this.name = root.querySelector('#contest-name');
    this.state = root.querySelector('#contest-state');
    this.countdown = root.querySelector('#countdown');
    this.units = Object.fromEntries([...root.querySelectorAll('.cd-num')].map((n) => [n.dataset.unit, n]));
    this.progress = root.querySelector('#contest-progress');
    this.standings = root.querySelector('#contest-standings');
    this.contest = null;
    this.offset = 0; // server clock minus ours, from remainingSeconds
    setInterval(() => this.tick(), 1000);
  }

  // The contest worth showing: the live one ending soonest, else the next
  // to start, else one that ended in the last hour.
  static pick(contests) {
    const by = (state) => contests.filter((c) => c.state === state);
    const first = (list, field, dir = 1) => list.sort((a, b) => dir * (Date.parse(a[field]) - Date.parse(b[field])))[0];
    const recent = by('ended').filter((c) => Date.now() - Date.parse(c.endsAt) < 3600e3);
    return first(by('live'), 'endsAt') || first(by('scheduled'), 'startsAt') || first(recent, 'endsAt', -1) || null;
  }

  // The server's clock against ours, from a snapshot taken just now: a TV
  // with a drifting clock still ends the countdown on the server's second.
  syncClock(contests) {
    const live = contests.find((c) => c.state === 'live' && Number.isFinite(c.remainingSeconds));
    if (live) this.offset = Date.parse(live.endsAt) - live.remainingSeconds * 1000 - Date.now();
  }

  show(contest) {
    this.contest = contest;
    this.root.hidden = !contest;
    if (!contest) return;
    this.root.dataset.state = contest.state;
    this.root.dataset.contest = String(contest.id);
    this.name.textContent = contest.name;
    this.state.textContent = contest.state === 'live' ? 'Live contest' : contest.state === 'scheduled' ? 'Starts in' : 'Contest ended';
    const rows = (contest.state === 'ended' && contest.placements?.length ? contest.placements : contest.standings || []).slice(0, 3);
    this.standings.replaceChildren(
      ...rows.map((r, i) => {
        const li = el('li');
        li.append(el('span', 'cs-rank', r.rank ?? r.place ?? i + 1), avatar(r), el('span', 'cs-name', r.name), el('span', 'cs-value', r.formatted || ''));
        return li;
      }),
    );
    this.tick();
  }

  tick() {
    const c = this.contest;
    if (!c) return;
    const now = Date.now() + this.offset;
    const start = Date.parse(c.startsAt);
    const end = Date.parse(c.endsAt);
    const target = c.state === 'scheduled' ? start : end;
    let left = Math.max(0, Math.floor((target - now) / 1000));
    if (c.state === 'ended') left = 0;
    const d = Math.floor(left / 86400);
    const h = Math.floor((left % 86400) / 3600);
    const m = Math.floor((left % 3600) / 60);
    const s = left % 60;
    this.units.d.textContent = String(d);
    this.units.h.textContent = String(h).padStart(2, '0');
    this.units.m.textContent = String(m).padStart(2, '0');
    this.units.s.textContent = String(s).padStart(2, '0');
    this.countdown.classList.toggle('final', c.state === 'live' && left < 3600);
    const done = c.state === 'scheduled' ? 0 : Math.min(1, Math.max(0, (now - start) / Math.max(1, end - start)));
    this.progress.style.width = `${(done * 100).toFixed(2)}%`;
  }
}

export class Ticker {
  constructor({ track, flash, flashText }) {
    this.track = track;
    this.flash = flash;
    this.flashText = flashText;
    this.items = new Map(); // id -> announcement
    this.fallback = [];
    this.flashQueue = [];
    this.flashing = false;
    this.signature = '';
    setInterval(() => this.expire(), 15000);
  }

  set(announcements) {
    this.items.clear();
    const lines = announcements.filter((a) => a.kind !== 'flash');
    lines.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    for (const a of lines.slice(-TICKER_MAX)) this.items.set(a.id, a);
    this.render();
  }

  add(a) {
    if (a.kind === 'flash') {
      this.flashQueue.push(a);
      if (!this.flashing) this.nextFlash();
      return;
    }
    this.items.set(a.id, a);
    // Lines without an expiry would pile up over weeks: keep the newest.
    while (this.items.size > TICKER_MAX) this.items.delete(this.items.keys().next().value);
    this.render();
  }

  // Lines the wall writes itself (leader, contest), shown when nobody has
  // announced anything, so the strip is never dead.
  setFallback(lines) {
    this.fallback = lines;
    this.render();
  }

  expire() {
    const now = Date.now();
    let changed = false;
    for (const [id, a] of this.items) {
      if (a.expiresAt && Date.parse(a.expiresAt) < now) {
        this.items.delete(id);
        changed = true;
      }
    }
    if (changed) this.render();
  }

  render() {
    const lines = [...this.items.values()]
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
      .map((a) => a.text);
    const shown = lines.length ? lines : this.fallback;
    const signature = JSON.stringify(shown);
    if (signature === this.signature) return;
    this.signature = signature;
    this.track.classList.remove('run');
    if (!shown.length) {
      this.track.replaceChildren();
      return;
    }
    // Two copies side by side scroll as one endless band (translate -50%).
    const make = () => shown.map((t) => el('span', 'ticker-item', t));
    this.track.replaceChildren(...make(), ...make());
    requestAnimationFrame(() => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const px = this.track.scrollWidth / 2;
      // A steady reading speed whatever the length: about 5 rem per second.
      this.track.style.setProperty('--ticker-duration', `${Math.max(12, px / (5 * rem))}s`);
      this.track.classList.add('run');
    });
  }

  nextFlash() {
    const a = this.flashQueue.shift();
    if (!a) {
      this.flashing = false;
      this.flash.hidden = true;
      return;
    }
    this.flashing = true;
    this.flashText.textContent = a.text;
    this.flash.hidden = false;
    setTimeout(() => this.nextFlash(), 9000);
  }
}
