// The web wall's value formatting (resources/web/format.js) against the
// table every screen shares: tests/data/format-cases.json, which also holds
// the server's Metric::format (tst_format) and the native wall's Fmt.js
// (tst_wallcomponents).
//
//   node --test tests/js/format.test.js
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

// format.js is a browser module; Node would read a .js file outside a
// "type": "module" package as CommonJS, so it is imported as it is served.
async function loadFormat() {
  const source = fs.readFileSync(path.join(ROOT, 'resources', 'web', 'format.js'));
  return import(`data:text/javascript;base64,${source.toString('base64')}`);
}

// JSON has no NaN or infinities; the table writes them as these strings.
function caseValue(v) {
  if (typeof v === 'number') return v;
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
  throw new Error(`format-cases.json: value ${JSON.stringify(v)} is neither a number nor NaN/Infinity/-Infinity`);
}

const cases = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'data', 'format-cases.json'), 'utf8'));

test('the table has a row for every unit', () => {
  assert.ok(cases.length >= 40, `${cases.length} rows`);
  for (const unit of ['currency', 'count', 'points', 'percent'])
    assert.ok(cases.some((c) => c.unit === unit), unit);
});

test('formatValue gives every row of the table', async () => {
  const { formatValue } = await loadFormat();
  const wrong = [];
  for (const c of cases) {
    const got = formatValue(caseValue(c.value), c.unit);
    if (got !== c.text) wrong.push(`${c.unit} ${c.value}: got ${JSON.stringify(got)}, want ${JSON.stringify(c.text)}`);
  }
  assert.deepEqual(wrong, []);
});

test('tickFormat steps in the final value\'s own precision', async () => {
  const { tickFormat } = await loadFormat();
  assert.equal(tickFormat(25321, 26000, 'currency'), '$25.3K');
  assert.equal(tickFormat(2.51e9, 2.6e9, 'currency'), '$2.5B');
  assert.equal(tickFormat(11.26, 12.5, 'count'), '11.3');
  assert.equal(tickFormat(11.26, 13, 'count'), '11');
});
