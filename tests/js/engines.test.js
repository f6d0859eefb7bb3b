// The Node tests run on the oldest Node.js Podium supports: Debian 12's
// (18.20.4). Every npm package locked under tests/*/ (and each test
// folder's own package.json) must accept it in its "engines.node" range, so
// a dependency bump that drops it fails here, loudly, instead of on a stock
// Debian 12 with "requires Node.js 20 or higher".
//
//   node --test tests/js/engines.test.js
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const OLDEST_NODE = '18.20.4';
const TESTS_DIR = path.join(__dirname, '..');

// A version as [major, minor, patch]; missing or wildcard parts are null.
function parseVersion(text) {
  const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(text);
  if (!m) throw new Error(`cannot read version "${text}"`);
  return [m[1], m[2], m[3]].map((p) => (p === undefined || /^[xX*]$/.test(p) ? null : Number(p)));
}

function compare(a, b) {
  for (let i = 0; i < 3; ++i) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

// The half-open interval [low, high) a partial version stands for:
// "18" is [18.0.0, 19.0.0), "18.2" is [18.2.0, 18.3.0).
function span(parts) {
  const low = parts.map((p) => p ?? 0);
  const known = parts.findIndex((p) => p === null);
  if (known === 0) return { low: [0, 0, 0], high: null };
  if (known < 0) return { low, high: [low[0], low[1], low[2] + 1] };
  const high = low.slice(0, known);
  high[known - 1] += 1;
  while (high.length < 3) high.push(0);
  return { low, high };
}

// Whether version `v` satisfies one comparator: >=1.2.3, <2, ^1.2, ~1.2.3, 1.x, *.
function satisfiesComparator(v, comparator) {
  const m = /^(>=|<=|>|<|=|\^|~)?\s*(.+)$/.exec(comparator);
  if (!m) throw new Error(`cannot read comparator "${comparator}"`);
  const op = m[1] || '=';
  const parts = parseVersion(m[2]);
  const { low, high } = span(parts);
  switch (op) {
    case '>=': return compare(v, low) >= 0;
    case '<': return compare(v, low) < 0;
    case '>': return high === null ? false : compare(v, high) >= 0;
    case '<=': return high === null || compare(v, high) < 0;
    case '=': return compare(v, low) >= 0 && (high === null || compare(v, high) < 0);
    case '~': {
      // ~1.2.3 and ~1.2: same major and minor; ~1: same major.
      const upper = parts[1] === null ? [low[0] + 1, 0, 0] : [low[0], low[1] + 1, 0];
      return compare(v, low) >= 0 && compare(v, upper) < 0;
    }
    case '^': {
      // Up to the next change of the first non-zero part.
      let upper;
      if (low[0] > 0 || parts[1] === null) upper = [low[0] + 1, 0, 0];
      else if (low[1] > 0 || parts[2] === null) upper = [0, low[1] + 1, 0];
      else upper = [0, 0, low[2] + 1];
      return compare(v, low) >= 0 && compare(v, upper) < 0;
    }
    default:
      throw new Error(`cannot read comparator "${comparator}"`);
  }
}

// npm's range grammar: alternatives joined by ||, each a space-separated
// list of comparators that must all hold, or a hyphen range "a - b".
function satisfies(version, range) {
  const v = parseVersion(version);
  return range.split('||').some((alternative) => {
    const text = alternative.trim();
    if (text === '' || text === '*') return true;
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
    if (hyphen) return satisfiesComparator(v, `>=${hyphen[1]}`) && satisfiesComparator(v, `<=${hyphen[2]}`);
    const comparators = text.replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/);
    return comparators.every((c) => satisfiesComparator(v, c));
  });
}

test('the range reader agrees with npm on the usual forms', () => {
  const cases = [
    ['>=18', true], ['>=20', false], ['>=18.20.5', false], ['>=10.0.0', true], ['>=0.4.0', true],
    ['>=6.0', true], ['^18.17.0 || >=20.5.0', true], ['^20.17.0 || >=22.9.0', false], ['18.x', true],
    ['^16.14.0 || ^18.12.0', true], ['~18.20.0', true], ['~18.19.0', false], ['>16 <19', true],
    ['>18', false], ['<=18', true], ['18.0.0 - 18.20.4', true], ['20 - 22', false], ['*', true], ['', true],
    ['>= 18', true], ['^18', true], ['^0.4.0', false],
  ];
  for (const [range, expected] of cases) assert.equal(satisfies(OLDEST_NODE, range), expected, `"${range}"`);
});

function testFolders() {
  return fs.readdirSync(TESTS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(TESTS_DIR, d.name, 'package.json')))
    .map((d) => d.name)
    .sort();
}

test('every test folder with npm packages has a lock file', () => {
  const folders = testFolders();
  assert.ok(folders.length >= 3, `test folders with a package.json: ${folders.join(', ')}`);
  for (const folder of folders)
    assert.ok(fs.existsSync(path.join(TESTS_DIR, folder, 'package-lock.json')), `tests/${folder} has no package-lock.json`);
});

test(`every locked package runs on Node.js ${OLDEST_NODE}`, () => {
  const refused = [];
  let checked = 0;
  for (const folder of testFolders()) {
    const own = JSON.parse(fs.readFileSync(path.join(TESTS_DIR, folder, 'package.json'), 'utf8'));
    assert.ok(own.engines?.node, `tests/${folder}/package.json names the Node.js versions it supports (engines.node)`);
    const lock = JSON.parse(fs.readFileSync(path.join(TESTS_DIR, folder, 'package-lock.json'), 'utf8'));
    for (const [where, entry] of Object.entries(lock.packages || {})) {
      const range = entry.engines?.node;
      if (range === undefined) continue;
      ++checked;
      if (!satisfies(OLDEST_NODE, range))
        refused.push(`tests/${folder}: ${where || '(the folder itself)'} ${entry.version || ''} wants node "${range}"`);
    }
  }
  assert.ok(checked >= 3, `engines ranges checked: ${checked}`);
  assert.deepEqual(refused, []);
});
