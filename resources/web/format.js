// Number and time formatting that matches the server's own `formatted`
// strings, so a value ticking up lands exactly on what the API reports.

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function trimmed(v) {
  return Math.abs(v - Math.round(v)) < 1e-9 ? String(Math.round(v)) : v.toFixed(1);
}

export function formatValue(value, unit) {
  if (!Number.isFinite(value)) return '';
  if (unit === 'currency') {
    const a = Math.abs(value);
    const sign = value < 0 ? '-' : '';
    if (a >= 1e6) return `${sign}$${trimmed(a / 1e6)}M`;
    if (a >= 1e3) return `${sign}$${trimmed(a / 1e3)}K`;
    return `${sign}$${trimmed(a)}`;
  }
  if (unit === 'percent') return `${trimmed(value)}%`;
  const n = plain.format(Math.abs(value - Math.round(value)) < 1e-9 ? Math.round(value) : value);
  return unit === 'points' ? `${n} pts` : n;
}

// While a value animates, show whole steps of the final value's precision
// (no "$25.3K" flicker when the target is "$26K").
export function tickFormat(value, target, unit) {
  if (unit === 'currency' && Math.abs(target) >= 1e3) {
    const scale = Math.abs(target) >= 1e6 ? 1e5 : 1e2;
    return formatValue(Math.round(value / scale) * scale, unit);
  }
  return formatValue(Number.isInteger(target) ? Math.round(value) : Math.round(value * 10) / 10, unit);
}

export const periodNames = { day: 'Today', week: 'This week', month: 'This month', all: 'All time' };

export function timeAgo(iso, now = Date.now()) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'now';
  if (s < 3600) return `${Math.round(s / 60)}m`;
  if (s < 86400) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}

// Whole user-perceived characters: an emoji with its skin tone or ZWJ
// family, a letter with its accents. Without Intl.Segmenter, code points
// (never half of a surrogate pair).
const graphemes = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

function firstCharacter(word) {
  if (graphemes) {
    for (const { segment } of graphemes.segment(word)) return segment;
  }
  return Array.from(word)[0] || '';
}

export function initialsOf(name) {
  return String(name || '?').split(/\s+/).filter(Boolean).slice(0, 2).map((w) => firstCharacter(w).toUpperCase()).join('') || '?';
}

// An element with the given class and text; the wall never parses markup
// from event data, so names and titles cannot inject anything.
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function avatar(person) {
  const a = el('span', 'avatar', person.initials || initialsOf(person.name || person.userName));
  if (person.color) a.style.setProperty('--c', person.color);
  return a;
}
