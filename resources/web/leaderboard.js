// The leaderboard: a podium for the top three and rows below it. Rows are
// keyed by person and kept across updates, so a rank change is animated by
// FLIP — measure where each row was, move it in the DOM, then play the
// difference back as a transform — and values count up to their new total.

import { avatar, el, formatValue, tickFormat } from './format.js';

const MOVE_MS = 900;
const TICK_MS = 1400;
const MOVE_BADGE_MS = 12000;

export class Leaderboard {
  constructor({ podium, rows, empty }) {
    this.podiumEl = podium;
    this.rowsEl = rows;
    this.emptyEl = empty;
    this.rowNodes = new Map(); // person key -> row element
    this.known = new Map(); // person key -> { rank, value }
    this.unit = 'count';
    this.steps = [1, 2, 3].map((slot) => this.makeStep(slot));
    this.maxRows = 8;
    this.board = null;
    // The rows area changes with the screen (and once fonts load): show as
    // many rows as fit, never a clipped one.
    new ResizeObserver(() => {
      const was = this.maxRows;
      this.fit();
      if (this.maxRows !== was && this.board) this.render(this.board);
    }).observe(rows);
  }

  makeStep(slot) {
    const step = el('div', 'step vacant');
    step.dataset.slot = String(slot);
    const person = el('div', 'step-person');
    const block = el('div', 'block', String(slot));
    step.append(person, block);
    this.podiumEl.append(step);
    return { step, person, key: null, value: 0 };
  }

  // How many rows fit under the podium at this screen size.
  fit() {
    const h = this.rowsEl.clientHeight;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const rowH = 3.7 * rem + 0.5 * rem; // .row height + gap in style.css
    this.maxRows = Math.max(1, Math.floor((h + 0.5 * rem) / rowH));
  }

  // A fresh board (another metric or period): no movement to animate.
  clear() {
    this.board = null;
    for (const node of this.rowNodes.values()) node.remove();
    this.rowNodes.clear();
    this.known.clear();
    for (const s of this.steps) {
      s.key = null;
      s.person.replaceChildren();
      s.step.classList.add('vacant');
    }
  }

  render(board) {
    this.board = board;
    this.unit = board.unit || 'count';
    const entries = (board.entries || []).map((e) => ({ ...e, key: String(e.person ?? e.team ?? e.name) }));
    this.emptyEl.hidden = entries.length > 0;
    const leader = entries.length ? Math.abs(entries[0].value) || 1 : 1;

    for (let i = 0; i < 3; i += 1) this.renderStep(this.steps[i], entries[i]);

    const listed = entries.slice(3, 3 + this.maxRows);
    // First: where every row is now.
    const before = new Map();
    for (const [key, node] of this.rowNodes) before.set(key, node.getBoundingClientRect().top);

    const keep = new Set(listed.map((e) => e.key));
    for (const [key, node] of this.rowNodes) {
      if (!keep.has(key)) {
        this.rowNodes.delete(key);
        node.remove();
      }
    }
    // Last: put rows in their new order.
    listed.forEach((entry, index) => {
      let node = this.rowNodes.get(entry.key);
      const fresh = !node;
      if (fresh) {
        node = this.makeRow(entry);
        this.rowNodes.set(entry.key, node);
      }
      this.updateRow(node, entry, leader);
      const at = this.rowsEl.children[index];
      if (at !== node) this.rowsEl.insertBefore(node, at || null);
      if (fresh) {
        node.classList.add('enter');
        node.style.animationDelay = `${Math.min(index, 10) * 40}ms`;
        node.addEventListener('animationend', () => node.classList.remove('enter'), { once: true });
      }
    });
    // Invert and play.
    for (const [key, node] of this.rowNodes) {
      const top = before.get(key);
      if (top === undefined) continue;
      const dy = top - node.getBoundingClientRect().top;
      if (Math.abs(dy) < 1) continue;
      node.animate([{ transform: `translateY(${dy}px)` }, { transform: 'translateY(0)' }], {
        duration: MOVE_MS,
        easing: 'cubic-bezier(0.22, 1, 0.36, 1)',
      });
    }

    const next = new Map();
    for (const e of entries) next.set(e.key, { rank: e.rank, value: e.value });
    this.known = next;
  }

  renderStep(s, entry) {
    if (!entry) {
      s.key = null;
      s.step.classList.add('vacant');
      s.person.replaceChildren();
      return;
    }
    s.step.classList.remove('vacant');
    s.step.dataset.person = entry.key;
    const prev = this.known.get(entry.key);
    if (s.key !== entry.key) {
      // A new occupant: rebuild and make an entrance.
      s.key = entry.key;
      const crown = el('div', 'crown', '👑');
      const name = el('div', 'step-name', entry.name);
      const team = el('div', 'step-team', entry.teamName || '');
      const value = el('div', 'step-value', '');
      s.person.replaceChildren(crown, avatar(entry), name, team, value);
      s.person.classList.remove('arrive');
      void s.person.offsetWidth; // restart the animation
      s.person.classList.add('arrive');
      s.value = prev ? prev.value : 0;
    }
    if (prev && prev.rank > entry.rank) this.showMove(s.person, prev.rank - entry.rank);
    this.markEntry(s.step, entry);
    const valueEl = s.person.querySelector('.step-value');
    this.tick(valueEl, s.value, entry.value, entry.formatted);
    s.value = entry.value;
    s.person.querySelector('.step-name').textContent = entry.name;
    s.person.querySelector('.step-team').textContent = entry.teamName || '';
  }

  // A "▲ 2" chip on a podium step whose occupant just climbed.
  showMove(person, places) {
    let chip = person.querySelector('.step-move');
    if (!chip) {
      chip = el('div', 'step-move');
      person.append(chip);
    }
    chip.textContent = `▲ ${places}`;
    chip.classList.add('show');
    clearTimeout(chip.hideTimer);
    chip.hideTimer = setTimeout(() => chip.classList.remove('show'), MOVE_BADGE_MS);
  }

  makeRow(entry) {
    const row = el('li', 'row');
    row.dataset.person = entry.key;
    const bar = el('div', 'row-bar');
    bar.append(el('div', 'row-bar-fill'));
    const who = el('div', 'row-who');
    who.append(el('span', 'row-name'), el('span', 'row-team'));
    row.append(el('div', 'row-rank'), avatar(entry), who, bar, el('div', 'row-value'), el('div', 'move'));
    return row;
  }

  updateRow(row, entry, leader) {
    const prev = this.known.get(entry.key);
    this.markEntry(row, entry);
    row.querySelector('.row-rank').textContent = String(entry.rank);
    row.querySelector('.row-name').textContent = entry.name;
    row.querySelector('.row-team').textContent = entry.teamName || '';
    const av = row.querySelector('.avatar');
    av.textContent = entry.initials || av.textContent;
    if (entry.color) av.style.setProperty('--c', entry.color);
    row.querySelector('.row-bar-fill').style.transform = `scaleX(${Math.max(0.02, Math.min(1, Math.abs(entry.value) / leader))})`;
    const valueEl = row.querySelector('.row-value');
    this.tick(valueEl, prev ? prev.value : entry.value, entry.value, entry.formatted);
    const move = row.querySelector('.move');
    if (prev && prev.rank !== entry.rank) {
      const up = entry.rank < prev.rank;
      move.textContent = `${up ? '▲' : '▼'} ${Math.abs(prev.rank - entry.rank)}`;
      move.className = `move show ${up ? 'up' : 'down'}`;
      if (up) this.flashRow(row);
      clearTimeout(move.hideTimer);
      move.hideTimer = setTimeout(() => move.classList.remove('show'), MOVE_BADGE_MS);
    } else if (prev && prev.value !== entry.value) {
      this.flashRow(row);
    }
  }

  // Rank and name as attributes: stable hooks for anything that reads the wall.
  markEntry(node, entry) {
    node.classList.add('entry');
    node.dataset.rank = String(entry.rank);
    node.dataset.name = entry.name;
    node.dataset.value = String(entry.value);
  }

  flashRow(row) {
    row.classList.add('bumped');
    clearTimeout(row.bumpTimer);
    row.bumpTimer = setTimeout(() => row.classList.remove('bumped'), 1600);
  }

  // Counts a number up (or down) to its new value, then shows the server's
  // own formatting of it.
  tick(node, from, to, formatted) {
    const final = formatted || formatValue(to, this.unit);
    if (node.tickFrame) cancelAnimationFrame(node.tickFrame);
    if (from === to || !Number.isFinite(from) || document.hidden) {
      node.textContent = final;
      return;
    }
    const unit = this.unit;
    const start = performance.now();
    const step = (now) => {
      const t = Math.min(1, (now - start) / TICK_MS);
      const eased = 1 - (1 - t) ** 3;
      if (t >= 1) {
        node.textContent = final;
        node.tickFrame = 0;
        return;
      }
      node.textContent = tickFormat(from + (to - from) * eased, to, unit);
      node.tickFrame = requestAnimationFrame(step);
    };
    node.tickFrame = requestAnimationFrame(step);
  }
}
