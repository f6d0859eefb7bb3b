// Number and time formatting that matches the server's own `formatted`
// strings (Metric::format, docs/API.md "Values on screen"), step for step on
// the same doubles, so a value ticking up lands exactly on what the API
// reports. tests/data/format-cases.json holds both.

const TWO_TO_52 = 4503599627370496; // from here every double is whole
const TENTHS_LIMIT = 1e14; // beyond this a fraction digit means nothing
const SHOWN_LIMIT = 1e21; // no digits beyond this: shown as not available
const NOT_AVAILABLE = '\u2014';
const CURRENCY_STEPS = [[1, ''], [1e3, 'K'], [1e6, 'M'], [1e9, 'B'], [1e12, 'T']];

// Halves up, on magnitudes only.
function roundHalfUp(magnitude) {
  return magnitude >= TWO_TO_52 ? magnitude : Math.floor(magnitude + 0.5);
}

function tenthsOf(magnitude) {
  return magnitude >= TENTHS_LIMIT ? roundHalfUp(magnitude) * 10 : roundHalfUp(magnitude * 10);
}

// Whole digits in groups of three, then ".d" unless the tenth is zero.
function numberText(magnitude) {
  let whole;
  let tenth = 0;
  if (magnitude >= TENTHS_LIMIT) {
    whole = roundHalfUp(magnitude).toFixed(0);
  } else {
    const tenths = roundHalfUp(magnitude * 10);
    tenth = tenths % 10;
    whole = ((tenths - tenth) / 10).toFixed(0);
  }
  for (let at = whole.length - 3; at > 0; at -= 3) whole = `${whole.slice(0, at)},${whole.slice(at)}`;
  return tenth ? `${whole}.${tenth}` : whole;
}

// Which of CURRENCY_STEPS a magnitude is written in.
function currencyStep(magnitude) {
  const last = CURRENCY_STEPS.length - 1;
  let step = 0;
  while (step < last && magnitude >= CURRENCY_STEPS[step + 1][0]) ++step;
  // 999,960 rounds to 1000.0K: that is $1M.
  if (step < last && tenthsOf(magnitude / CURRENCY_STEPS[step][0]) >= 10000) ++step;
  return step;
}

// The number alone: grouped in threes, at most one decimal, no unit.
export function formatNumber(value) {
  const magnitude = Math.abs(value);
  if (!(magnitude < SHOWN_LIMIT)) return NOT_AVAILABLE;
  return (value < 0 && tenthsOf(magnitude) > 0 ? '-' : '') + numberText(magnitude);
}

export function formatValue(value, unit) {
  const magnitude = Math.abs(value);
  if (typeof value !== 'number' || !(magnitude < SHOWN_LIMIT)) return NOT_AVAILABLE;
  if (unit === 'currency') {
    const [scale, suffix] = CURRENCY_STEPS[currencyStep(magnitude)];
    const scaled = magnitude / scale;
    return `${value < 0 && tenthsOf(scaled) > 0 ? '-' : ''}$${numberText(scaled)}${suffix}`;
  }
  const n = formatNumber(value);
  if (unit === 'percent') return `${n}%`;
  if (unit === 'points') return `${n} pts`;
  return n;
}

// While a value animates, show whole steps of the final value's precision
// (no "$25.3K" flicker when the target is "$26K").
export function tickFormat(value, target, unit) {
  if (unit === 'currency' && Math.abs(target) >= 1e3) {
    const scale = CURRENCY_STEPS[currencyStep(Math.abs(target))][0] / 10;
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
